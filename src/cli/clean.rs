//! `rinse clean`: the main job.
use super::report::ReportSink;
use super::run::{Item, Run};
use super::{CleanArgs, Format};
use anyhow::{Context as _, bail};
use rinse::io::write_atomic;
use rinse::{Cleaned, Config};
use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where the cleaned documents go.
enum Output {
    /// One file per input under a directory, mirroring the input tree.
    Tree(PathBuf),
    /// One JSON record per document in a file (written atomically at the end).
    JsonlFile(PathBuf, tempfile::NamedTempFile),
    /// Standard output: the article of a single text input.
    Single,
    /// Standard output: JSON Lines.
    Lines,
}

fn is_jsonl_path(p: &Path) -> bool {
    let name = p.to_string_lossy().to_lowercase();
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::default();
    config.boilerplate.classifier = !args.rules_only;
    let tree_dir = args.output.as_deref().filter(|p| !is_jsonl_path(p));
    let mut run = Run::new(&config, &args.input, tree_dir)?;
    let mut output = match &args.output {
        Some(p) if is_jsonl_path(p) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let tmp = tempfile::Builder::new()
                .prefix(".rinse-")
                .suffix(".tmp")
                .tempfile_in(dir)
                .with_context(|| format!("creating a file in {}", dir.display()))?;
            Output::JsonlFile(p.clone(), tmp)
        }
        Some(dir) => {
            if run.has_jsonl() {
                bail!(
                    "JSON Lines input gives JSON Lines output: use -o FILE.jsonl (or no -o), not a directory"
                );
            }
            Output::Tree(dir.clone())
        }
        None if run.inputs.len() == 1 && !run.has_jsonl() => Output::Single,
        None => {
            if args.format != Format::Json {
                bail!(
                    "{} inputs without -o: several inputs (or JSON Lines) print JSON Lines; use --format json, or -o DIR for {} files",
                    run.inputs.len(),
                    args.format.extension()
                );
            }
            Output::Lines
        }
    };
    if args.skip_existing && !matches!(output, Output::Tree(_)) {
        bail!("--skip-existing needs -o DIR (it skips inputs whose output file exists)");
    }
    let tree = match &output {
        Output::Tree(dir) => Some(dir.clone()),
        _ => None,
    };
    let wanted = |item: &Item| {
        !(args.skip_existing
            && tree.as_ref().is_some_and(|dir| {
                dir.join(&item.rel)
                    .with_extension(args.format.extension())
                    .exists()
            }))
    };
    let mut report = args
        .report
        .as_deref()
        .map(ReportSink::for_path)
        .transpose()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written: HashSet<PathBuf> = HashSet::new();
    let mut failed = 0usize;
    let format = args.format;
    let jsonl_out = matches!(output, Output::JsonlFile(..) | Output::Lines);
    let prepare = |item: &Item, cleaned: &Cleaned| -> String {
        if jsonl_out {
            record_line(item, Some(cleaned), format)
        } else {
            render(cleaned, format)
        }
    };
    run.each(wanted, prepare, |item, result| {
        let Some((cleaned, rendered)) = result else {
            if let Some(e) = &item.error {
                // A record that holds no document still gets its line, with the error.
                eprintln!("rinse: {}: {e}", item.display);
                failed += 1;
                let line = record_line(item, None, format);
                match &mut output {
                    Output::JsonlFile(_, tmp) => writeln!(tmp, "{line}")?,
                    Output::Lines => writeln!(out, "{line}")?,
                    _ => {}
                }
            }
            return Ok(());
        };
        if let Some(r) = report.as_mut() {
            r.add(&cleaned, &item.bytes);
        }
        match &mut output {
            Output::Tree(dir) => {
                let target = dir.join(&item.rel).with_extension(format.extension());
                if !written.insert(target.clone()) {
                    eprintln!(
                        "rinse: {}: output {} was already written by another input; skipped",
                        item.display,
                        target.display()
                    );
                    failed += 1;
                } else if let Err(e) = write_atomic(&target, rendered.as_bytes()) {
                    eprintln!("rinse: {}: {e}", item.display);
                    failed += 1;
                }
            }
            Output::JsonlFile(_, tmp) => writeln!(tmp, "{rendered}")
                .with_context(|| format!("writing {}", tmp.path().display()))?,
            Output::Single => out.write_all(rendered.as_bytes())?,
            Output::Lines => writeln!(out, "{rendered}")?,
        }
        Ok(())
    })?;
    out.flush()?;
    if let Output::JsonlFile(path, tmp) = output {
        tmp.as_file().sync_data().ok();
        tmp.persist(&path)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let failed = failed + run.failed;
    if let (Some(r), Some(path)) = (report, &args.report) {
        r.finish(path, failed)?;
    }
    if !args.input.quiet && args.output.is_some() {
        run.failed = failed;
        eprintln!("{}", run.summary_line());
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn render(cleaned: &Cleaned, format: Format) -> String {
    match format {
        Format::Json => cleaned.to_json_pretty(),
        Format::Text => cleaned.article.to_text(),
        Format::Markdown => cleaned.article.to_markdown(),
    }
}

/// One line of JSON Lines output. For a text input: its JSON record. For a JSON Lines
/// record: its own fields untouched, the clean text (Markdown with `--format markdown`) under
/// `text`, and the JSON record under `rinse`; or, for a record that held no document, its
/// fields with `error` and `line`.
fn record_line(item: &Item, cleaned: Option<&Cleaned>, format: Format) -> String {
    let Some(record) = &item.record else {
        return cleaned.map(Cleaned::to_json_line).unwrap_or_default();
    };
    let mut fields = record.fields.clone();
    match cleaned {
        Some(c) => {
            let text = match format {
                Format::Markdown => c.article.to_markdown(),
                _ => c.article.to_text(),
            };
            fields.insert("text".into(), Value::String(text));
            fields.insert(
                "rinse".into(),
                serde_json::to_value(c.record()).expect("record serializes"),
            );
        }
        None => {
            fields.insert(
                "error".into(),
                Value::String(item.error.clone().unwrap_or_default()),
            );
            fields.insert("line".into(), Value::from(record.line));
        }
    }
    serde_json::to_string(&fields).expect("fields serialize")
}
