//! rinse: turn raw scraped text dumps into clean, structured articles, and say what was removed and why.
//!
//! The data flows one way:
//! bytes → [`Document`] (source lines with line numbers and byte ranges) → stages *annotate* it
//! (remove, rewrite, mark a role; each with a rule and a reason) → [`apply()`] builds the clean
//! article, the text, and the removal list from those annotations alone.
//!
//! ```
//! use rinse::{Config, Pipeline};
//! let pipeline = Pipeline::new(&Config::default()).unwrap();
//! let page = "Home\n\nMenu\n\nA Title\n\nA first paragraph that says something, as articles do.\n";
//! let cleaned = pipeline.clean_bytes("page.txt", page.as_bytes(), None);
//! assert_eq!(cleaned.article.title.as_deref(), Some("A Title"));
//! assert_eq!(cleaned.removed.len(), 2);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![forbid(unsafe_code)]

pub mod analysis;
pub mod apply;
pub mod article;
pub mod dedup;
pub mod document;
pub mod dump;
pub mod error;
pub mod features;
pub mod io;
pub mod lang;
pub mod meta;
pub mod model;
pub mod phrases;
pub mod pipeline;
pub mod report;
pub mod stages;
pub mod text;

pub use apply::{Cleaned, apply};
pub use article::{Article, Metadata, Section};
pub use document::{Action, Annotation, Document, MetaField, Note, Role, Rule};
pub use dump::DumpStats;
pub use error::Error;
pub use pipeline::{Config, Context, Pipeline, Stage};
