//! JSON Lines for machines: one record per file with its removals, then a summary record.
use crate::apply::{Cleaned, CloseCall, Removal, Rewritten};
use crate::report::summary::{FileSummary, Summary};
use serde::Serialize;

/// One line of the JSON report.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Record<'a> {
    File {
        #[serde(flatten)]
        summary: &'a FileSummary,
        removed: &'a [Removal],
        rewritten: &'a [Rewritten],
        close_calls: Vec<CloseCall>,
    },
    Summary(&'a Summary),
}

/// The record of one file, without newline.
pub fn file_record(summary: &FileSummary, cleaned: &Cleaned) -> String {
    serde_json::to_string(&Record::File {
        summary,
        removed: &cleaned.removed,
        rewritten: &cleaned.rewritten,
        close_calls: cleaned.close_calls(),
    })
    .expect("record serializes")
}

/// The summary record, without newline.
pub fn summary_record(summary: &Summary) -> String {
    serde_json::to_string(&Record::Summary(summary)).expect("record serializes")
}
