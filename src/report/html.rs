//! The HTML report for reviewers: one self-contained file (inline CSS, no script, no network).
//! A summary table first, then an index of the files, then for each changed file (collapsed)
//! its input line by line: removed lines struck with the reason beside each run, rewritten
//! lines with their new text, kept lines plain. Every piece of scraped text is escaped.
use crate::apply::{CLOSE_CALL, Cleaned, Kept, Outcome};
use crate::report::summary::{FileSummary, Summary};
use html_escape::encode_text;
use std::fmt::Write;

const STYLE: &str = r#"
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1em 2em;color:#1b1f23;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse}
table.summary td,table.summary th,table.rules td,table.rules th,table.index td,table.index th{border:1px solid #d0d7de;padding:.25em .6em;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
details.file{border:1px solid #d0d7de;border-radius:6px;margin:.5em 0;content-visibility:auto;contain-intrinsic-size:auto 3em}
details.file>summary{cursor:pointer;padding:.4em .8em;background:#f6f8fa;font-weight:600}
table.lines{width:100%;table-layout:fixed;font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
table.lines td{vertical-align:top;padding:.1em .5em;border-top:1px solid #f0f0f0;overflow-wrap:anywhere}
table.lines td.n{width:4em;color:#6e7781;text-align:right}
table.lines td.why{width:38%;color:#57606a;font-family:system-ui,sans-serif}
tr.removed td.src{background:#ffebe9}tr.removed del{color:#82071e}
tr.rewritten td.src{background:#fff8c5}
tr.close td.src{background:#ddf4ff}tr.close td.why{color:#0550ae}
ins{display:block;text-decoration:none;color:#116329}
code{font:12px ui-monospace,monospace}
nav a{margin-right:1em}
"#;

/// How many bytes of changed files' blocks a report holds by default (see
/// [`HtmlReport::with_limits`]): tens of thousands of pages' worth, more than a
/// browser opens with ease.
pub const DETAIL_LIMIT: usize = 64 << 20;

/// How many bytes each of the report's lists (the files, the duplicates) holds by default (see
/// [`HtmlReport::with_limits`]): about a hundred thousand rows.
pub const LIST_LIMIT: usize = 16 << 20;

/// An HTML report being assembled, file by file, in memory (at most its limits: the blocks of
/// changed files, the file list and the duplicate list stop growing there).
#[derive(Debug)]
pub struct HtmlReport {
    index: String,
    details: String,
    duplicates: String,
    summary: Summary,
    detail_limit: usize,
    list_limit: usize,
    /// Changed files listed in the index without a block, the blocks being full.
    without_details: usize,
    /// Files not in the index, and how many of them changed, the index being full.
    unlisted: usize,
    unlisted_changed: usize,
    /// Duplicates not in their list, the list being full.
    unlisted_duplicates: usize,
}

impl Default for HtmlReport {
    fn default() -> Self {
        Self::with_limits(DETAIL_LIMIT, LIST_LIMIT)
    }
}

impl HtmlReport {
    pub fn new() -> Self {
        Self::default()
    }

    /// A report that stops adding changed files' blocks once they take `details` bytes (later
    /// changed files are still counted and listed in the index, and the report says how many
    /// have no block), and whose file list and duplicate list each stop at `lists` bytes (later
    /// files and duplicates are counted in the summary, and the report says how many each list
    /// leaves out). So that the report of a large dump does not grow without bound.
    pub fn with_limits(details: usize, lists: usize) -> Self {
        HtmlReport {
            index: String::new(),
            details: String::new(),
            duplicates: String::new(),
            summary: Summary::default(),
            detail_limit: details,
            list_limit: lists,
            without_details: 0,
            unlisted: 0,
            unlisted_changed: 0,
            unlisted_duplicates: 0,
        }
    }

    /// Adds one cleaned file (and the input it came from).
    pub fn add(&mut self, cleaned: &Cleaned, input: &[u8]) {
        let file = FileSummary::of(cleaned, input);
        self.summary.add(&file, cleaned);
        let id = format!("f{}", self.summary.files); // counted by `summary.add`
        let name = encode_text(&cleaned.source);
        let detailed = file.changed && self.details.len() < self.detail_limit;
        let link = if detailed {
            format!("<a href=\"#{id}\">{name}</a>")
        } else {
            name.to_string()
        };
        let state = match (file.changed, detailed) {
            (false, _) => "unchanged",
            (true, true) => "changed",
            (true, false) => "changed (no block: the report is full)",
        };
        if self.index.len() < self.list_limit {
            let _ = writeln!(
                self.index,
                "<tr><td>{link}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{state}</td></tr>",
                file.lines_in, file.lines_kept, file.lines_removed,
            );
        } else {
            self.unlisted += 1;
            self.unlisted_changed += usize::from(file.changed);
        }
        if detailed {
            self.file_details(&id, cleaned, &file, input);
        } else if file.changed {
            self.without_details += 1;
        }
    }

    /// Lists a document left out as a copy of another.
    pub fn add_duplicate(
        &mut self,
        name: &str,
        representative: &str,
        method: &str,
        similarity: f32,
    ) {
        self.summary.duplicates += 1;
        if self.duplicates.len() >= self.list_limit {
            self.unlisted_duplicates += 1;
            return;
        }
        let _ = writeln!(
            self.duplicates,
            "<tr><td>{}</td><td>{}</td><td>{method}</td><td class=\"num\">{similarity:.2}</td></tr>",
            encode_text(name),
            encode_text(representative)
        );
    }

    /// Counts a file that could not be cleaned.
    pub fn add_failure(&mut self) {
        self.summary.failed += 1;
    }

    fn file_details(&mut self, id: &str, cleaned: &Cleaned, file: &FileSummary, input: &[u8]) {
        let d = &mut self.details;
        let _ = write!(
            d,
            "<details class=\"file\" id=\"{id}\"><summary>{} — {} of {} lines removed</summary>\n<table class=\"lines\">\n",
            encode_text(&cleaned.source),
            file.lines_removed,
            file.lines_in
        );
        let mut last_reason: Option<(&str, &str)> = None;
        let rewrites_by_line = cleaned.rewrites_by_line();
        // A source line as it was in the input.
        let original_of = |i: usize| {
            cleaned
                .spans
                .get(i)
                .and_then(|(range, _)| input.get(range.clone()))
                .map(String::from_utf8_lossy)
                .unwrap_or_default()
        };
        for (i, outcome) in cleaned.lines.iter().enumerate() {
            let n = i + 1;
            match outcome {
                Outcome::Blank => {}
                Outcome::Joined(head) => {
                    last_reason = None;
                    let original = original_of(i);
                    let _ = writeln!(
                        d,
                        "<tr class=\"rewritten\"><td class=\"n\">{n}</td><td class=\"src\">{}</td><td class=\"why\">part of line {}'s paragraph</td></tr>",
                        encode_text(&original),
                        head + 1
                    );
                }
                Outcome::Removed(r) => {
                    let r = &cleaned.removed[*r];
                    let why = if last_reason == Some((r.rule, r.reason.as_str())) {
                        String::new()
                    } else {
                        format!(
                            "<code>{}</code>: {}",
                            encode_text(r.rule),
                            encode_text(&r.reason)
                        )
                    };
                    last_reason = Some((r.rule, r.reason.as_str()));
                    let _ = writeln!(
                        d,
                        "<tr class=\"removed\"><td class=\"n\">{n}</td><td class=\"src\"><del>{}</del></td><td class=\"why\">{why}</td></tr>",
                        encode_text(&r.text)
                    );
                }
                Outcome::Kept { text, why, .. } => {
                    last_reason = None;
                    let rewrites = rewrites_by_line.get(&n).map_or(&[][..], Vec::as_slice);
                    // Why it was kept: a rule's role, or the classifier's score (a close call
                    // is marked, so that a reviewer finds the doubtful lines).
                    let (class, kept_why) = match why {
                        Some(k) if k.is_close(CLOSE_CALL) => (
                            "kept close",
                            format!("close call, kept: {}", encode_text(&k.reason())),
                        ),
                        Some(k @ Kept::Classifier { .. }) => {
                            ("kept", format!("kept: {}", encode_text(&k.reason())))
                        }
                        Some(k) => (
                            "kept",
                            format!(
                                "kept: <code>{}</code>: {}",
                                encode_text(k.rule()),
                                encode_text(&k.reason())
                            ),
                        ),
                        None => ("kept", String::new()),
                    };
                    if rewrites.is_empty() {
                        let _ = writeln!(
                            d,
                            "<tr class=\"{class}\"><td class=\"n\">{n}</td><td class=\"src\">{}</td><td class=\"why\">{kept_why}</td></tr>",
                            encode_text(text)
                        );
                    } else {
                        let mut why = rewrites
                            .iter()
                            .map(|w| {
                                format!(
                                    "<code>{}</code>: {}",
                                    encode_text(w.rule),
                                    encode_text(&w.reason)
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("<br>");
                        if !kept_why.is_empty() {
                            why.push_str("<br>");
                            why.push_str(&kept_why);
                        }
                        let original = original_of(i);
                        let _ = writeln!(
                            d,
                            "<tr class=\"rewritten\"><td class=\"n\">{n}</td><td class=\"src\">{}<ins>{}</ins></td><td class=\"why\">{why}</td></tr>",
                            encode_text(&original),
                            encode_text(text)
                        );
                    }
                }
            }
        }
        d.push_str("</table></details>\n");
    }

    /// The whole page.
    pub fn finish(self) -> String {
        let mut page = Vec::new();
        self.write_to(&mut page).expect("writing to memory");
        String::from_utf8(page).expect("the page is UTF-8")
    }

    /// Writes the whole page to `w`, the blocks as they are (no copy of them is made).
    pub fn write_to(self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let s = &self.summary;
        let mut out = String::with_capacity(16 << 10);
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>rinse report</title>\n<style>");
        out.push_str(STYLE);
        out.push_str("</style>\n</head>\n<body>\n<h1>rinse report</h1>\n");
        out.push_str("<nav><a href=\"#summary\">Summary</a><a href=\"#files\">Files</a><a href=\"#details\">Changes</a></nav>\n");
        let _ = write!(
            out,
            "<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n\
             <tr><th>files</th><td class=\"num\" id=\"files-total\">{}</td></tr>\n\
             <tr><th>changed</th><td class=\"num\" id=\"files-changed\">{}</td></tr>\n\
             <tr><th>unchanged</th><td class=\"num\">{}</td></tr>\n\
             <tr><th>failed</th><td class=\"num\">{}</td></tr>\n\
             <tr><th>lines in</th><td class=\"num\" id=\"lines-in\">{}</td></tr>\n\
             <tr><th>lines out</th><td class=\"num\" id=\"lines-out\">{}</td></tr>\n\
             <tr><th>lines removed</th><td class=\"num\" id=\"lines-removed\">{}</td></tr>\n\
             <tr><th>close calls (kept with a classifier score less than {CLOSE_CALL:.2} above its threshold)</th><td class=\"num\" id=\"close-calls\">{}</td></tr>\n\
             <tr><th>duplicates left out</th><td class=\"num\" id=\"duplicates\">{}</td></tr>\n</table>\n",
            s.files,
            s.changed,
            s.unchanged,
            s.failed,
            s.lines_in,
            s.lines_kept,
            s.lines_removed,
            s.lines_close_calls,
            s.duplicates
        );
        out.push_str("<h3>Removals per rule</h3>\n<table class=\"rules\">\n<tr><th>rule</th><th class=\"num\">lines</th></tr>\n");
        let mut rules: Vec<_> = s.removed_by_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (rule, n) in rules {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td class=\"num\">{n}</td></tr>",
                encode_text(rule)
            );
        }
        out.push_str("</table>\n</section>\n");
        out.push_str("<section id=\"files\">\n<h2>Files</h2>\n<table class=\"index\">\n<tr><th>file</th><th class=\"num\">lines in</th><th class=\"num\">kept</th><th class=\"num\">removed</th><th></th></tr>\n");
        w.write_all(out.as_bytes())?;
        w.write_all(self.index.as_bytes())?;
        out.clear();
        out.push_str("</table>\n");
        if self.unlisted > 0 {
            full_note(
                &mut out,
                "unlisted",
                "The list",
                self.list_limit,
                format_args!(
                    "{} more files are not in it ({} of them changed; a JSON report, <code>--report FILE.json</code>, lists every file).",
                    self.unlisted, self.unlisted_changed
                ),
            );
        }
        out.push_str("</section>\n");
        if !self.duplicates.is_empty() {
            out.push_str("<section id=\"duplicates\">\n<h2>Duplicates</h2>\n<p>Documents left out as copies of another, which was kept.</p>\n<table class=\"index\">\n<tr><th>document</th><th>copy of</th><th>method</th><th class=\"num\">similarity</th></tr>\n");
            out.push_str(&self.duplicates);
            out.push_str("</table>\n");
            if self.unlisted_duplicates > 0 {
                full_note(
                    &mut out,
                    "unlisted-duplicates",
                    "The list",
                    self.list_limit,
                    format_args!(
                        "{} more duplicates are not in it (a JSON report lists every one).",
                        self.unlisted_duplicates
                    ),
                );
            }
            out.push_str("</section>\n");
        }
        out.push_str("<section id=\"details\">\n<h2>Changes</h2>\n<p>Each changed file, collapsed: its input line by line, removed lines struck with the reason beside them, rewritten lines with their new text below, kept lines with what kept them (a rule, or the line classifier's score and threshold); close calls of the classifier are highlighted.</p>\n");
        if self.without_details > 0 {
            full_note(
                &mut out,
                "without-details",
                "The blocks below",
                self.detail_limit,
                format_args!(
                    "the last {} changed files have none (the index lists them; a JSON report, <code>--report FILE.json</code>, has every removal).",
                    self.without_details
                ),
            );
        }
        w.write_all(out.as_bytes())?;
        w.write_all(self.details.as_bytes())?;
        w.write_all(b"</section>\n</body>\n</html>\n")
    }
}

/// Says that `part` of the report reached its `limit` of bytes, and what that leaves out (HTML).
fn full_note(out: &mut String, id: &str, part: &str, limit: usize, left_out: std::fmt::Arguments) {
    let _ = writeln!(
        out,
        "<p class=\"full\" id=\"{id}\">{part} reached {} MB: {left_out}</p>",
        limit >> 20
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Pipeline};

    #[test]
    fn past_the_detail_limit_changed_files_are_listed_without_a_block() {
        let pipeline = Pipeline::new(&Config::default()).unwrap();
        let page = b"Home\n\nA Headline About the Harbour\n\nThe harbour reopened on Monday after three weeks of repairs to the sea wall.\n";
        let mut report = HtmlReport::with_limits(1, LIST_LIMIT);
        for name in ["a.txt", "b.txt", "c.txt"] {
            report.add(&pipeline.clean_bytes(name, page, None), page);
        }
        let html = report.finish();
        assert_eq!(html.matches("<details class=\"file\"").count(), 1);
        assert!(html.contains("<a href=\"#f1\">a.txt</a>"));
        assert!(html.contains("<tr><td>c.txt</td>"));
        assert_eq!(
            html.matches("changed (no block: the report is full)")
                .count(),
            2
        );
        assert!(
            html.contains("the last 2 changed files have none"),
            "{html}"
        );
        assert!(!HtmlReport::new().finish().contains("without-details"));
    }

    /// Kept lines say what kept them; the classifier's close calls are marked, in the page
    /// and in the JSON report's record and summary.
    #[test]
    fn kept_lines_say_why_and_close_calls_are_marked() {
        let page = b"A Headline About the Harbour\n\nThe harbour reopened on Monday after three weeks of repairs to the sea wall, which the storm had broken in two places.\n\nShare on Facebook\n\nFishing boats were the first to return, and the ferry will follow at the end of the week once its berth has been checked.\n\nxyz 123\n";
        let clean = |threshold: f32| {
            let mut config = Config::default();
            config.boilerplate.threshold = Some(threshold);
            Pipeline::new(&config)
                .unwrap()
                .clean_bytes("p.txt", page, None)
        };
        // The score of the last line, then a threshold just under it: a close call.
        let score = match &clean(0.0).lines[8] {
            Outcome::Kept {
                why: Some(Kept::Classifier { score, .. }),
                ..
            } => *score,
            other => panic!("{other:?}"),
        };
        assert!(score > 0.1 && score < 0.85, "{score}");
        let cleaned = clean(score - 0.05);
        let close = cleaned.close_calls();
        assert_eq!(close.len(), 1, "{close:?}");
        assert_eq!((close[0].line, close[0].text.as_str()), (9, "xyz 123"));
        let mut report = HtmlReport::new();
        report.add(&cleaned, page);
        let html = report.finish();
        assert!(
            html.contains("<tr class=\"kept close\"><td class=\"n\">9</td><td class=\"src\">xyz 123</td><td class=\"why\">close call, kept: line classifier: "),
            "{html}"
        );
        assert!(html.contains("<tr class=\"kept\"><td class=\"n\">7</td><td class=\"src\">Fishing boats were the first to return, and the ferry will follow at the end of the week once its berth has been checked.</td><td class=\"why\">kept: line classifier: "));
        assert!(html.contains("<td class=\"src\">A Headline About the Harbour</td><td class=\"why\">kept: <code>headings/"));
        assert!(html.contains("id=\"close-calls\">1<"));
        let summary = FileSummary::of(&cleaned, page);
        assert_eq!(summary.lines_close_calls, 1);
        let record = crate::report::json::file_record(&summary, &cleaned);
        assert!(
            record.contains("\"close_calls\":[{\"line\":9,\"text\":\"xyz 123\",\"score\":"),
            "{record}"
        );
    }

    #[test]
    fn past_the_list_limit_files_and_duplicates_are_counted_not_listed() {
        let pipeline = Pipeline::new(&Config::default()).unwrap();
        let changed = b"Home\n\nA Headline About the Harbour\n\nThe harbour reopened on Monday after three weeks of repairs to the sea wall.\n";
        let clean = b"A Headline About the Harbour\n\nThe harbour reopened on Monday after three weeks of repairs to the sea wall.\n";
        // Room for one row of each list.
        let mut report = HtmlReport::with_limits(DETAIL_LIMIT, 1);
        for (name, page) in [
            ("a.txt", &changed[..]),
            ("b.txt", &changed[..]),
            ("c.txt", &clean[..]),
        ] {
            report.add(&pipeline.clean_bytes(name, page, None), page);
        }
        for name in ["b.txt", "c.txt"] {
            report.add_duplicate(name, "a.txt", "exact", 1.0);
        }
        let html = report.finish();
        assert!(html.contains("<a href=\"#f1\">a.txt</a>"));
        assert!(!html.contains("<td>b.txt</td><td class=\"num\">"), "{html}");
        assert!(html.contains("id=\"files-total\">3<"));
        assert!(
            html.contains("2 more files are not in it (1 of them changed"),
            "{html}"
        );
        assert!(html.contains("<tr><td>b.txt</td><td>a.txt</td>"));
        assert!(!html.contains("<tr><td>c.txt</td><td>a.txt</td>"));
        assert!(html.contains("1 more duplicates are not in it"), "{html}");
        assert!(html.contains("id=\"duplicates\">2<"));
        let small = HtmlReport::new().finish();
        assert!(!small.contains("id=\"unlisted\"") && !small.contains("unlisted-duplicates"));
    }
}
