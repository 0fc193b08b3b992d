//! Typed errors of the library.
use std::path::PathBuf;

/// What can go wrong in the library. The binary wraps these with `anyhow` at its edge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("phrase list {name}, line {line}: {message}")]
    PhraseList {
        name: String,
        line: usize,
        message: String,
    },
    #[error("building the phrase matcher: {0}")]
    Matcher(String),
    #[error("{0}")]
    Config(String),
    /// A line model that cannot be used (not JSON, another format, other features).
    #[error("model: {0}")]
    Model(String),
    /// A path that cannot be used as given (an input directory that is also the output).
    #[error("{path}: {message}")]
    Path {
        path: PathBuf,
        message: &'static str,
    },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
