//! `rinse clean`: the main job.
use super::{CleanArgs, Format};
use anyhow::{Context as _, bail};
use rinse::io::{Input, collect_inputs, write_atomic};
use rinse::{Cleaned, Config, Document, DumpStats, Pipeline};
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::default();
    config.boilerplate.classifier = !args.rules_only;
    let pipeline = Pipeline::new(&config).context("building the pipeline")?;
    let (inputs, mut errors) =
        collect_inputs(&args.paths, &args.extensions, args.output.as_deref());
    for e in &errors {
        eprintln!("rinse: {e}");
    }
    let mut failed = errors.len();
    errors.clear();

    if args.output.is_none() && inputs.len() > 1 && args.format != Format::Json {
        bail!(
            "{} inputs without -o: several inputs print JSON Lines; use --format json, or -o DIR for {} files",
            inputs.len(),
            args.format.extension()
        );
    }

    // Standard input can be read only once: keep it for both passes.
    let stdin: Option<Vec<u8>> = match inputs.iter().find(|i| i.display == "-") {
        Some(i) => Some(i.read()?),
        None => None,
    };
    let read = |input: &Input| -> Result<Vec<u8>, rinse::Error> {
        match &stdin {
            Some(bytes) if input.display == "-" => Ok(bytes.clone()),
            _ => input.read(),
        }
    };

    // Pass 1: statistics across the dump.
    let mut stats = DumpStats::new();
    let mut unreadable = HashSet::new();
    for (n, input) in inputs.iter().enumerate() {
        match read(input) {
            Ok(bytes) => {
                let mut doc = Document::from_bytes(input.display.as_str(), &bytes);
                pipeline.normalize(&mut doc);
                stats.add(&doc);
            }
            Err(e) => {
                eprintln!("rinse: {e}");
                failed += 1;
                unreadable.insert(n);
            }
        }
    }

    // Pass 2: clean and write.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written: HashSet<PathBuf> = HashSet::new();
    let single = inputs.len() == 1;
    for (n, input) in inputs.iter().enumerate() {
        if unreadable.contains(&n) {
            continue;
        }
        let bytes = match read(input) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("rinse: {e}");
                failed += 1;
                continue;
            }
        };
        let cleaned = pipeline.clean_bytes(&input.display, &bytes, Some(&stats));
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
                    continue;
                }
                if let Err(e) = write_atomic(&target, render(&cleaned, args.format).as_bytes()) {
                    eprintln!("rinse: {}: {e}", input.display);
                    failed += 1;
                }
            }
            None if single => out.write_all(render(&cleaned, args.format).as_bytes())?,
            None => {
                out.write_all(cleaned.to_json_line().as_bytes())?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    if !args.quiet && args.output.is_some() {
        eprintln!(
            "rinse: {} file{} cleaned{}",
            inputs.len() - unreadable.len(),
            if inputs.len() - unreadable.len() == 1 {
                ""
            } else {
                "s"
            },
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
