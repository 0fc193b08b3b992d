//! `rinse dedup`: exact and near-duplicate articles of a dump, as clusters a reviewer can check.
use super::DedupArgs;
use super::run::Run;
use anyhow::Context as _;
use rinse::dedup::{Clusters, DedupConfig, Keep, Signature, Signer, cluster};
use rinse::io::write_atomic;
use std::io::Write;
use std::process::ExitCode;

/// The dedup settings from the flags.
pub fn config(keep: super::KeepArg) -> DedupConfig {
    DedupConfig {
        keep: match keep {
            super::KeepArg::First => Keep::First,
            super::KeepArg::Longest => Keep::Longest,
        },
        ..DedupConfig::default()
    }
}

/// The signature of a cleaned article; an article with no body is no one's copy.
pub fn sign(signer: &Signer, cleaned: &rinse::Cleaned) -> Signature {
    if cleaned.article.paragraph_count() == 0 {
        return signer.sign("");
    }
    signer.sign(&cleaned.article.to_text())
}

/// One line per document of a cluster of two or more: the copies, and (marked
/// `"method": "representative"`) the document each cluster keeps.
pub fn records(names: &[String], clusters: &Clusters) -> String {
    let mut out = String::new();
    let mut lines: Vec<(usize, serde_json::Value)> = Vec::new();
    for &r in &clusters.representatives {
        lines.push((
            r,
            serde_json::json!({
                "id": names[r], "cluster": names[r], "representative": names[r],
                "similarity": 1.0, "method": "representative",
            }),
        ));
    }
    for d in &clusters.duplicates {
        lines.push((
            d.doc,
            serde_json::json!({
                "id": names[d.doc], "cluster": names[d.representative],
                "representative": names[d.representative],
                "similarity": d.similarity_rounded(),
                "method": d.method.name(),
            }),
        ));
    }
    lines.sort_by_key(|(i, _)| *i);
    for (_, v) in lines {
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// `rinse: 10000 documents, 6442 clusters, 3558 duplicates (exact 1045, near 2513)`
pub fn summary(clusters: &Clusters) -> String {
    let exact = clusters
        .duplicates
        .iter()
        .filter(|d| d.method == rinse::dedup::Method::Exact)
        .count();
    format!(
        "rinse: {} documents, {} clusters, {} duplicates (exact {exact}, near {})",
        clusters.documents,
        clusters.clusters(),
        clusters.duplicates.len(),
        clusters.duplicates.len() - exact
    )
}

pub fn run(args: &DedupArgs) -> anyhow::Result<ExitCode> {
    let mut config = args.input.config()?;
    // A light run cleans nothing: it needs no classifier.
    if args.light {
        config.boilerplate.classifier = false;
    }
    // Only the articles' signatures are kept: no clean text to give back, so no need to clean
    // it again until it settles.
    config.article.settle = false;
    let dedup = DedupConfig {
        bands: args.bands.max(1),
        rows: args.rows.max(1),
        jaccard: args.threshold,
        ..self::config(args.keep)
    };
    let signer = Signer::new(&dedup);
    let mut run = Run::new(&config, &args.input, None)?;
    run.refuse_inputs_as_outputs(args.output.as_deref())?;
    let mut names = super::run::DocNames::default();
    let mut sigs: Vec<Signature> = Vec::new();
    // Each document's signature, in input order. A record that holds no document (not JSON, no
    // text) is named and counted by the run, and makes it fail.
    let mut keep = |item: &super::run::Item, sig: Option<Signature>| {
        if let Some(sig) = sig {
            names.push(item);
            sigs.push(sig);
        }
        Ok(())
    };
    if args.light {
        run.each_decoded(
            |pipeline, item, decoded, dump| {
                signer.sign(&pipeline.template_free_text(&item.display, &decoded.bytes, dump))
            },
            &mut keep,
        )?;
    } else {
        run.each(
            |_| true,
            |_, cleaned| sign(&signer, cleaned),
            |item, result| keep(item, result.map(|(_, sig)| sig)),
        )?;
    }
    let names = names.finish(&run.inputs);
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let clusters = cluster(&sigs, &name_refs, &dedup);
    let text = records(&names, &clusters);
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    if !args.input.quiet {
        eprintln!("{}", summary(&clusters));
    }
    Ok(if run.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
