//! `rinse features` (hidden): the classifier's view of each live line, for offline training.
use super::FeaturesArgs;
use anyhow::Context as _;
use rinse::io::collect_inputs;
use rinse::{Config, Document, Pipeline, Role};
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: &FeaturesArgs) -> anyhow::Result<ExitCode> {
    // The classifier is what these features train: the pipeline runs without it.
    let mut config = Config::default();
    config.boilerplate.classifier = false;
    let pipeline = Pipeline::new(&config).context("building the pipeline")?;
    let opts = rinse::io::WalkOptions {
        extensions: args.ext.extensions.clone(),
        ..Default::default()
    };
    let walk = collect_inputs(&args.paths, &opts);
    let (inputs, errors) = (walk.inputs, walk.errors);
    for e in &errors {
        eprintln!("rinse: {e}");
    }
    // Decoded as `rinse clean` decodes them, so that training sees what inference sees.
    let decode = rinse::io::DecodeOptions::default();
    let mut pages = Vec::new();
    for input in &inputs {
        let rel = input.rel.to_string_lossy().into_owned();
        let bytes = input.read()?;
        match rinse::io::decode(&bytes, &decode) {
            Ok(decoded) => pages.push((rel, decoded.bytes.into_owned())),
            Err(skip) => {
                eprintln!("rinse: {rel}: skipped: {skip}");
            }
        }
    }
    let stats = pipeline.dump_stats(pages.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.names {
        serde_json::to_writer(&mut out, &rinse::features::names())?;
        out.write_all(b"\n")?;
    }
    let width = rinse::features::len();
    for (source, bytes) in &pages {
        let mut doc = Document::from_bytes(source.as_str(), bytes);
        let (live, x, protected) = pipeline.features(&mut doc, Some(&stats));
        for (k, &i) in live.iter().enumerate() {
            let record = serde_json::json!({
                "source": source,
                "line": i + 1,
                "title": doc.role(i) == Some(Role::Title),
                "text": doc.text(i),
                "protected": protected[k],
                "x": &x[k * width..(k + 1) * width],
            });
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
