//! `rinse diff` and `rinse check`: what cleaning would change, for reviewers and for CI.
use super::run::Run;
use super::{CheckArgs, CheckFormat, DiffArgs, DiffFormat};
use rinse::Config;
use rinse::report::{DiffOptions, FileSummary, Summary, github, json, unified_diff};
use std::io::Write;
use std::process::ExitCode;

/// `rinse diff PATH...`: a unified diff from each input to its text output.
pub fn diff(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let mut run = Run::new(&Config::default(), &args.input, None)?;
    let color = args.color.enabled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    run.each(
        |_| true,
        |_, _| (),
        |item, result| {
            let Some((cleaned, ())) = result else {
                return Ok(());
            };
            let (input, bytes) = (item, item.bytes.as_slice());
            let file = FileSummary::of(&cleaned, bytes);
            summary.add(&file, &cleaned);
            match args.format {
                DiffFormat::Unified if cleaned.transcoded => {
                    eprintln!(
                        "rinse: {}: encoded as {}: no diff against its bytes (rinse writes UTF-8; see rinse clean)",
                        input.display, cleaned.encoding
                    );
                }
                DiffFormat::Unified => {
                    let d = unified_diff(
                        &input.display,
                        bytes,
                        &cleaned,
                        DiffOptions {
                            color,
                            ..DiffOptions::default()
                        },
                    );
                    out.write_all(&d)?;
                }
                DiffFormat::Jsonl => {
                    writeln!(out, "{}", json::file_record(&file, &cleaned))?;
                }
                DiffFormat::Github => {
                    out.write_all(github::annotations(&input.display, &cleaned).as_bytes())?
                }
            }
            Ok(())
        },
    )?;
    summary.failed = run.failed;
    if args.format == DiffFormat::Jsonl {
        writeln!(out, "{}", json::summary_record(&summary))?;
    }
    out.flush()?;
    Ok(if run.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `rinse check PATH...`: exit 0 when cleaning would change nothing, 1 when it would, 2 on
/// errors.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let mut run = Run::new(&Config::default(), &args.input, None)?;
    let color = args.color.enabled();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::default();
    run.each(
        |_| true,
        |_, _| (),
        |item, result| {
            let Some((cleaned, ())) = result else {
                return Ok(());
            };
            let (input, bytes) = (item, item.bytes.as_slice());
            let file = FileSummary::of(&cleaned, bytes);
            summary.add(&file, &cleaned);
            if !file.changed {
                return Ok(());
            }
            match args.format {
                CheckFormat::Text => writeln!(out, "{}", file.line())?,
                CheckFormat::Github => {
                    out.write_all(github::annotations(&input.display, &cleaned).as_bytes())?
                }
                CheckFormat::Jsonl => writeln!(out, "{}", json::file_record(&file, &cleaned))?,
            }
            if args.diff && cleaned.transcoded {
                eprintln!(
                    "rinse: {}: encoded as {}: no diff against its bytes",
                    input.display, cleaned.encoding
                );
            } else if args.diff {
                let d = unified_diff(
                    &input.display,
                    bytes,
                    &cleaned,
                    DiffOptions {
                        color,
                        ..DiffOptions::default()
                    },
                );
                out.write_all(&d)?;
            }
            Ok(())
        },
    )?;
    summary.failed = run.failed;
    match args.format {
        CheckFormat::Jsonl => writeln!(out, "{}", json::summary_record(&summary))?,
        CheckFormat::Github if summary.changed > 0 => {
            writeln!(out, "::notice title=rinse::{}", summary.line(true))?
        }
        _ => {}
    }
    out.flush()?;
    drop(out);
    if args.format == CheckFormat::Text {
        // The summary goes to standard error, like formatters print it, so that stdout holds
        // only the per-file lines (and the diffs).
        eprintln!("{}", summary.line(true));
    }
    Ok(if run.failed > 0 {
        ExitCode::from(2)
    } else if summary.changed > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
