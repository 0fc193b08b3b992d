//! `--report FILE` and `rinse report`: the HTML report for reviewers, or JSON Lines for machines.
use super::ReportArgs;
use super::run::Run;
use anyhow::{Context as _, bail};
use rinse::Cleaned;
use rinse::io::AtomicFile;
use rinse::report::html::HtmlReport;
use rinse::report::{FileSummary, Summary, json};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// A report being collected during a run; its kind follows the file's extension. The JSON
/// Lines report is written as the run goes (its summary record last), so that it does not
/// hold a large dump's removals in memory; the HTML report is built in memory (its summary
/// and index come first) and written at the end.
pub enum ReportSink {
    Html(Box<HtmlReport>),
    Json {
        file: Box<AtomicFile>,
        summary: Summary,
    },
}

impl ReportSink {
    pub fn for_path(path: &Path) -> anyhow::Result<ReportSink> {
        // A JSON report may be compressed (`removed.json.zst`): on a large dump it is large.
        let name = path.to_string_lossy().to_ascii_lowercase();
        let compressed = rinse::io::Compression::of_name(&name) != rinse::io::Compression::None;
        match Path::new(rinse::io::strip_compression(&name))
            .extension()
            .and_then(|e| e.to_str())
        {
            Some("html" | "htm") if !compressed => Ok(ReportSink::Html(Box::default())),
            Some("json" | "jsonl") => Ok(ReportSink::Json {
                file: Box::new(
                    AtomicFile::create(path)
                        .with_context(|| format!("creating the report {}", path.display()))?,
                ),
                summary: Summary::default(),
            }),
            _ => bail!(
                "{}: a report is FILE.html (for people) or FILE.json (JSON Lines, for machines; \
                 FILE.json.gz or FILE.json.zst compressed)",
                path.display()
            ),
        }
    }

    pub fn add(&mut self, cleaned: &Cleaned, input: &[u8]) -> anyhow::Result<()> {
        match self {
            ReportSink::Html(r) => r.add(cleaned, input),
            ReportSink::Json { file, summary } => {
                let record = FileSummary::of(cleaned, input);
                summary.add(&record, cleaned);
                write_record(file, &json::file_record(&record, cleaned))?;
            }
        }
        Ok(())
    }

    /// Lists a document left out as a copy of another.
    pub fn add_duplicate(
        &mut self,
        name: &str,
        representative: &str,
        d: &rinse::dedup::Duplicate,
    ) -> anyhow::Result<()> {
        match self {
            ReportSink::Html(r) => {
                r.add_duplicate(name, representative, d.method.name(), d.similarity)
            }
            ReportSink::Json { file, summary } => {
                summary.duplicates += 1;
                let record = serde_json::json!({
                    "type": "duplicate", "source": name, "representative": representative,
                    "method": d.method.name(),
                    "similarity": d.similarity_rounded(),
                });
                write_record(file, &record.to_string())?;
            }
        }
        Ok(())
    }

    /// Finishes the report (atomically), counting `failed` files in its summary.
    pub fn finish(self, path: &Path, failed: usize) -> anyhow::Result<()> {
        let context = || format!("writing the report {}", path.display());
        match self {
            ReportSink::Html(mut r) => {
                for _ in 0..failed {
                    r.add_failure();
                }
                let mut file = AtomicFile::create(path).with_context(context)?;
                r.write_to(&mut file).with_context(context)?;
                file.commit().with_context(context)
            }
            ReportSink::Json {
                mut file,
                mut summary,
            } => {
                summary.failed = failed;
                write_record(&mut file, &json::summary_record(&summary))?;
                file.commit().with_context(context)
            }
        }
    }
}

/// One record of the JSON Lines report, and its newline.
fn write_record(file: &mut AtomicFile, record: &str) -> anyhow::Result<()> {
    file.write_all(record.as_bytes())
        .and_then(|()| file.write_all(b"\n"))
        .with_context(|| format!("writing the report {}", file.path().display()))
}

/// `rinse report PATH... -o FILE`
pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let mut report = ReportSink::for_path(&args.output)?;
    let mut run = Run::new(&args.input.config()?, &args.input, None)?;
    run.refuse_inputs_as_outputs([args.output.as_path()])?;
    run.each(
        |_| true,
        |_, _| (),
        |item, result| {
            if let Some((cleaned, ())) = result {
                report.add(&cleaned, &item.bytes)?;
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
