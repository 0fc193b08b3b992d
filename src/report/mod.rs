//! Reports for people and machines, built from the annotations ([`crate::Cleaned`]), never by
//! re-reading the text rinse produced: unified diffs with a reason on every hunk, an HTML report,
//! JSON records, GitHub annotations, summaries.
pub mod diff;
pub mod github;
pub mod html;
pub mod json;
pub mod summary;

pub use diff::{DiffOptions, unified_diff, unified_diff_transcoded};
pub use summary::{FileSummary, Summary};
