//! `rinse clean`: the main job.
use super::report::ReportSink;
use super::run::Run;
use super::{CleanArgs, Format};
use anyhow::bail;
use rinse::io::write_atomic;
use rinse::{Cleaned, Config};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::default();
    config.boilerplate.classifier = !args.rules_only;
    let mut run = Run::new(
        &config,
        &args.input.paths,
        &args.input.extensions,
        args.output.as_deref(),
    )?;
    if args.output.is_none() && run.inputs.len() > 1 && args.format != Format::Json {
        bail!(
            "{} inputs without -o: several inputs print JSON Lines; use --format json, or -o DIR for {} files",
            run.inputs.len(),
            args.format.extension()
        );
    }
    let mut report = args
        .report
        .as_deref()
        .map(ReportSink::for_path)
        .transpose()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written: HashSet<PathBuf> = HashSet::new();
    let single = run.inputs.len() == 1;
    let mut cleaned_files = 0usize;
    let mut failed = 0usize;
    run.each(|input, bytes, cleaned| {
        if let Some(r) = report.as_mut() {
            r.add(&cleaned, bytes);
        }
        match &args.output {
            Some(dir) => {
                let target = dir.join(&input.rel).with_extension(args.format.extension());
                if !written.insert(target.clone()) {
                    eprintln!(
                        "rinse: {}: output {} was already written by another input; skipped",
                        input.display,
                        target.display()
                    );
                    failed += 1;
                    return Ok(());
                }
                if let Err(e) = write_atomic(&target, render(&cleaned, args.format).as_bytes()) {
                    eprintln!("rinse: {}: {e}", input.display);
                    failed += 1;
                    return Ok(());
                }
            }
            None if single => out.write_all(render(&cleaned, args.format).as_bytes())?,
            None => {
                out.write_all(cleaned.to_json_line().as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
        cleaned_files += 1;
        Ok(())
    })?;
    out.flush()?;
    let failed = failed + run.failed;
    if let (Some(r), Some(path)) = (report, &args.report) {
        r.finish(path, failed)?;
    }
    if !args.quiet && args.output.is_some() {
        eprintln!(
            "rinse: {cleaned_files} file{} cleaned{}",
            if cleaned_files == 1 { "" } else { "s" },
            if failed > 0 {
                format!(", {failed} failed")
            } else {
                String::new()
            }
        );
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
