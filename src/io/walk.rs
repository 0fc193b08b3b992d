//! Turning the paths a user gave into a sorted list of input documents.
use crate::error::Error;
use std::path::{Path, PathBuf};

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Stdin,
    File(PathBuf),
}

/// One input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub source: InputSource,
    /// The name shown to people and written as `source`: the path as the user spelled it
    /// (joined with the file's path below a directory they gave), `-` for stdin.
    pub display: String,
    /// The path relative to the directory it was found in (the file name for a file given
    /// directly), used to mirror the input tree under an output directory.
    pub rel: PathBuf,
}

impl Input {
    /// Reads the whole input.
    pub fn read(&self) -> Result<Vec<u8>, Error> {
        match &self.source {
            InputSource::Stdin => {
                let mut buf = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
                    .map_err(|e| Error::io("-", e))?;
                Ok(buf)
            }
            InputSource::File(p) => std::fs::read(p).map_err(|e| Error::io(p, e)),
        }
    }
}

/// Expands `paths` (files, directories walked recursively, `-` for stdin) into inputs.
/// Files found in directories are kept when their extension is one of `extensions`; files
/// named directly are always kept. Anything under `skip` (the output directory) is left out.
/// Directory entries are sorted by name so the order is the same on every machine.
/// Errors (a path that does not exist, an unreadable directory) are returned beside the inputs.
pub fn collect_inputs(
    paths: &[PathBuf],
    extensions: &[String],
    skip: Option<&Path>,
) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let skip = skip.and_then(|s| s.canonicalize().ok());
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                source: InputSource::Stdin,
                display: "-".into(),
                rel: PathBuf::from("stdin.txt"),
            });
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(path, e));
                continue;
            }
        };
        if !meta.is_dir() {
            let rel = path
                .file_name()
                .map_or_else(|| PathBuf::from("input.txt"), PathBuf::from);
            inputs.push(Input {
                source: InputSource::File(path.clone()),
                display: display(path),
                rel,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                skip.as_ref()
                    .is_none_or(|s| e.path().canonicalize().map_or(true, |c| &c != s))
            });
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    let io = e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("file system loop"));
                    errors.push(Error::io(p, io));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let p = entry.path();
            let ext_ok = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
            if !ext_ok {
                continue;
            }
            let rel = p.strip_prefix(path).unwrap_or(p).to_path_buf();
            inputs.push(Input {
                source: InputSource::File(p.to_path_buf()),
                display: display(p),
                rel,
            });
        }
    }
    (inputs, errors)
}

/// A path for people: forward slashes on every platform.
fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
