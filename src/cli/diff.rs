//! `rinse diff` and `rinse check`: what cleaning would change, for reviewers and for CI.
use super::run::{Item, Run};
use super::{CheckArgs, CheckFormat, DiffArgs, DiffFormat};
use rinse::Cleaned;
use rinse::io::{DecodeOptions, decode};
use rinse::report::{
    DiffOptions, FileSummary, Summary, github, json, unified_diff, unified_diff_transcoded,
};
use std::io::Write;
use std::process::ExitCode;

/// Cleans every input of `input` and hands each cleaned file, with its bytes and its summary, to
/// `each`, which writes to standard output; returns the run's summary (with failures counted)
/// and the output, for the caller's closing lines.
fn review(
    input: &super::InputArgs,
    mut each: impl FnMut(&mut dyn Write, &Reviewed) -> anyhow::Result<()>,
) -> anyhow::Result<Review> {
    let mut run = Run::new(&input.config()?, input, None)?;
    // What the summary counts: the records of JSON Lines are documents, not files.
    let unit = if run.has_records() {
        "document"
    } else {
        "file"
    };
    let decoding = run.decode_options();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut summary = Summary::default();
    run.each(
        |_| true,
        |_, _| (),
        |item, result| {
            let Some((cleaned, ())) = result else {
                return Ok(());
            };
            let file = FileSummary::of(&cleaned, &item.bytes);
            summary.add(&file, &cleaned);
            let reviewed = Reviewed {
                item,
                cleaned: &cleaned,
                file: &file,
                decoding: &decoding,
            };
            each(&mut out, &reviewed)
        },
    )?;
    summary.failed = run.failed;
    Ok(Review { summary, out, unit })
}

/// What [`review`] gives back: the totals, standard output, and what the totals count.
struct Review {
    summary: Summary,
    out: std::io::BufWriter<std::io::StdoutLock<'static>>,
    unit: &'static str,
}

/// One cleaned input, for [`review`]'s callback.
struct Reviewed<'a> {
    item: &'a Item,
    cleaned: &'a Cleaned,
    file: &'a FileSummary,
    decoding: &'a DecodeOptions,
}

/// Writes the unified diff of one input. A transcoded input's diff changes its lines that are
/// not ASCII into UTF-8, as `rinse clean` does; where its lines are not the text's lines one
/// for one (UTF-16), standard error says why there is no diff.
fn write_diff(out: &mut dyn Write, r: &Reviewed, color: bool) -> std::io::Result<()> {
    let options = DiffOptions {
        color,
        ..DiffOptions::default()
    };
    let (item, cleaned) = (r.item, r.cleaned);
    if !cleaned.transcoded {
        return out.write_all(&unified_diff(&item.display, &item.bytes, cleaned, options));
    }
    let diff = decode(&item.bytes, r.decoding).ok().and_then(|decoded| {
        unified_diff_transcoded(&item.display, &item.bytes, &decoded.bytes, cleaned, options)
    });
    match diff {
        Some(diff) => out.write_all(&diff),
        None => {
            eprintln!(
                "rinse: {}: encoded as {}: no diff against its bytes (its line breaks are not one byte; rinse writes UTF-8, see rinse clean)",
                item.display, cleaned.encoding
            );
            Ok(())
        }
    }
}

/// `rinse diff PATH...`: a unified diff from each input to its text output.
pub fn diff(args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let color = args.color.enabled();
    let Review {
        summary, mut out, ..
    } = review(&args.input, |out, r| {
        match args.format {
            DiffFormat::Unified => write_diff(out, r, color)?,
            DiffFormat::Jsonl => writeln!(out, "{}", json::file_record(r.file, r.cleaned))?,
            DiffFormat::Github => {
                out.write_all(github::annotations(&r.item.display, r.cleaned).as_bytes())?
            }
        }
        Ok(())
    })?;
    if args.format == DiffFormat::Jsonl {
        writeln!(out, "{}", json::summary_record(&summary))?;
    }
    out.flush()?;
    Ok(if summary.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `rinse check PATH...`: exit 0 when cleaning would change nothing, 1 when it would, 2 on
/// errors.
pub fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let color = args.color.enabled();
    let Review {
        summary,
        mut out,
        unit,
    } = review(&args.input, |out, r| {
        if !r.file.changed {
            return Ok(());
        }
        match args.format {
            CheckFormat::Text => writeln!(out, "{}", r.file.line())?,
            CheckFormat::Github => {
                out.write_all(github::annotations(&r.item.display, r.cleaned).as_bytes())?
            }
            CheckFormat::Jsonl => writeln!(out, "{}", json::file_record(r.file, r.cleaned))?,
        }
        if args.diff {
            write_diff(out, r, color)?;
        }
        Ok(())
    })?;
    match args.format {
        CheckFormat::Jsonl => writeln!(out, "{}", json::summary_record(&summary))?,
        CheckFormat::Github if summary.changed > 0 => {
            writeln!(out, "::notice title=rinse::{}", summary.line(true, unit))?
        }
        _ => {}
    }
    out.flush()?;
    drop(out);
    if args.format == CheckFormat::Text {
        // The summary goes to standard error, like formatters print it, so that stdout holds
        // only the per-file lines (and the diffs).
        eprintln!("{}", summary.line(true, unit));
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(2)
    } else if summary.changed > 0 && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
