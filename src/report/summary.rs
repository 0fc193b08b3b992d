//! Counts across the files of a run, and the one-line summaries formatters print.
use crate::apply::Cleaned;
use serde::Serialize;
use std::collections::BTreeMap;

/// What cleaning did to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    pub source: String,
    /// The text output differs from the input bytes.
    pub changed: bool,
    pub lines_in: usize,
    pub lines_kept: usize,
    pub lines_removed: usize,
    pub lines_rewritten: usize,
    /// Kept lines the line classifier nearly removed (see [`crate::apply::CLOSE_CALL`]).
    pub lines_close_calls: usize,
    pub removed_by_stage: BTreeMap<&'static str, usize>,
}

impl FileSummary {
    pub fn of(cleaned: &Cleaned, input: &[u8]) -> FileSummary {
        let mut removed_by_stage = BTreeMap::new();
        for r in &cleaned.removed {
            *removed_by_stage.entry(r.stage).or_default() += 1;
        }
        let mut rewritten: Vec<usize> = cleaned.rewritten.iter().map(|r| r.line).collect();
        rewritten.dedup();
        FileSummary {
            source: cleaned.source.clone(),
            changed: cleaned.changes(input),
            lines_in: cleaned.stats.lines_in,
            lines_kept: cleaned.stats.lines_kept,
            lines_removed: cleaned.stats.lines_removed,
            lines_rewritten: rewritten.len(),
            lines_close_calls: cleaned.lines.iter().filter(|o| o.is_close_call()).count(),
            removed_by_stage,
        }
    }

    /// `fixtures/a.txt: 41 lines removed (boilerplate 30, headings 11), 3 rewritten`
    pub fn line(&self) -> String {
        let mut s = format!("{}: ", self.source);
        if !self.changed {
            s.push_str("unchanged");
            return s;
        }
        s.push_str(&format!(
            "{} line{} removed",
            self.lines_removed,
            plural(self.lines_removed)
        ));
        if !self.removed_by_stage.is_empty() {
            s.push_str(&format!(" ({})", by_stage(&self.removed_by_stage)));
        }
        if self.lines_rewritten > 0 {
            s.push_str(&format!(", {} rewritten", self.lines_rewritten));
        }
        if self.lines_removed == 0 && self.lines_rewritten == 0 {
            s.push_str(", layout changed");
        }
        s
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub lines_in: usize,
    pub lines_kept: usize,
    pub lines_removed: usize,
    /// Kept lines the line classifier nearly removed.
    pub lines_close_calls: usize,
    pub removed_by_stage: BTreeMap<&'static str, usize>,
    pub removed_by_rule: BTreeMap<&'static str, usize>,
    /// Documents left out as copies of others (`clean --dedup`).
    pub duplicates: usize,
}

impl Summary {
    pub fn add(&mut self, file: &FileSummary, cleaned: &Cleaned) {
        self.files += 1;
        if file.changed {
            self.changed += 1;
        } else {
            self.unchanged += 1;
        }
        self.lines_in += file.lines_in;
        self.lines_kept += file.lines_kept;
        self.lines_removed += file.lines_removed;
        self.lines_close_calls += file.lines_close_calls;
        for (stage, n) in &file.removed_by_stage {
            *self.removed_by_stage.entry(stage).or_default() += n;
        }
        for (rule, n) in cleaned.removed_by_rule() {
            *self.removed_by_rule.entry(rule).or_default() += n;
        }
    }

    /// `3 files would change, 120 unchanged; 41 lines removed: boilerplate 30, headings 11`,
    /// counting `unit`s (`"file"`; `"document"` for the records of JSON Lines).
    pub fn line(&self, would: bool, unit: &str) -> String {
        let verb = if would { "would change" } else { "changed" };
        let mut s = format!(
            "{} {unit}{} {verb}, {} unchanged",
            self.changed,
            plural(self.changed),
            self.unchanged
        );
        if self.failed > 0 {
            s.push_str(&format!(", {} failed", self.failed));
        }
        s.push_str(&format!(
            "; {} line{} removed",
            self.lines_removed,
            plural(self.lines_removed)
        ));
        if !self.removed_by_stage.is_empty() {
            s.push_str(&format!(": {}", by_stage(&self.removed_by_stage)));
        }
        s
    }
}

/// "boilerplate 30, headings 11": removals per stage, most first.
pub fn by_stage(m: &BTreeMap<&'static str, usize>) -> String {
    let mut v: Vec<_> = m.iter().filter(|(_, n)| **n > 0).collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"s"` unless `n` is 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
