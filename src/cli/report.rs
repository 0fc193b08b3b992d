//! `--report FILE` and `rinse report`: the HTML report for reviewers, or JSON Lines for machines.
use super::ReportArgs;
use super::run::Run;
use anyhow::{Context as _, bail};
use rinse::io::write_atomic;
use rinse::report::html::HtmlReport;
use rinse::report::{FileSummary, Summary, json};
use rinse::{Cleaned, Config};
use std::path::Path;
use std::process::ExitCode;

/// A report being collected during a run; its kind follows the file's extension.
pub enum ReportSink {
    Html(Box<HtmlReport>),
    Json { lines: String, summary: Summary },
}

impl ReportSink {
    pub fn for_path(path: &Path) -> anyhow::Result<ReportSink> {
        match path.extension().and_then(|e| e.to_str()) {
            Some("html" | "htm") => Ok(ReportSink::Html(Box::default())),
            Some("json" | "jsonl") => Ok(ReportSink::Json {
                lines: String::new(),
                summary: Summary::default(),
            }),
            _ => bail!(
                "{}: a report is FILE.html (for people) or FILE.json (JSON Lines, for machines)",
                path.display()
            ),
        }
    }

    pub fn add(&mut self, cleaned: &Cleaned, input: &[u8]) {
        match self {
            ReportSink::Html(r) => r.add(cleaned, input),
            ReportSink::Json { lines, summary } => {
                let file = FileSummary::of(cleaned, input);
                summary.add(&file, cleaned);
                lines.push_str(&json::file_record(&file, cleaned));
                lines.push('\n');
            }
        }
    }

    /// Lists a document left out as a copy of another.
    pub fn add_duplicate(&mut self, name: &str, representative: &str, d: &rinse::dedup::Duplicate) {
        match self {
            ReportSink::Html(r) => {
                r.add_duplicate(name, representative, d.method.name(), d.similarity)
            }
            ReportSink::Json { lines, summary } => {
                summary.duplicates += 1;
                lines.push_str(
                    &serde_json::json!({
                        "type": "duplicate", "source": name, "representative": representative,
                        "method": d.method.name(),
                        "similarity": (d.similarity * 1000.0).round() / 1000.0,
                    })
                    .to_string(),
                );
                lines.push('\n');
            }
        }
    }

    /// Writes the report (atomically), counting `failed` files in its summary.
    pub fn finish(self, path: &Path, failed: usize) -> anyhow::Result<()> {
        let text = match self {
            ReportSink::Html(mut r) => {
                for _ in 0..failed {
                    r.add_failure();
                }
                r.finish()
            }
            ReportSink::Json {
                mut lines,
                mut summary,
            } => {
                summary.failed = failed;
                lines.push_str(&json::summary_record(&summary));
                lines.push('\n');
                lines
            }
        };
        write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing the report {}", path.display()))
    }
}

/// `rinse report PATH... -o FILE`
pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let mut report = ReportSink::for_path(&args.output)?;
    let mut run = Run::new(&Config::default(), &args.input, None)?;
    run.each(
        |_| true,
        |_, _| (),
        |item, result| {
            if let Some((cleaned, ())) = result {
                report.add(&cleaned, &item.bytes);
            }
            Ok(())
        },
    )?;
    report.finish(&args.output, run.failed)?;
    Ok(if run.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
