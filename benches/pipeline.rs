//! Throughput of each stage and of the whole pipeline, in bytes of scraped text per second, on
//! the fixture pages (the sample dump and the real corpus pages).
//!
//! `cargo bench --bench pipeline` (figures in the README).
//!
//! Each round of the benches that measure lines starts with an empty cache of line measurements
//! ([`forget_lines`]), so each round finds in it only what cleaning these pages once would.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rinse::analysis::forget_lines;
use rinse::{Config, Document, DumpStats, Pipeline};
use std::hint::black_box;
use std::path::Path;

fn pages() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in ["dump", "corpus"] {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            out.push((
                f.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&f).unwrap(),
            ));
        }
    }
    out
}

fn stages(c: &mut Criterion) {
    let pages = pages();
    let bytes: u64 = pages.iter().map(|(_, b)| b.len() as u64).sum();
    let full = Pipeline::new(&Config::default()).unwrap();
    let mut rules_config = Config::default();
    rules_config.boilerplate.classifier = false;
    let rules = Pipeline::new(&rules_config).unwrap();
    let stats = full.dump_stats(pages.iter().map(|(n, b)| (n.as_str(), b.as_slice())));

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(20);
    g.bench_function("decode", |b| {
        b.iter(|| {
            for (n, p) in &pages {
                black_box(Document::from_bytes(n.as_str(), p));
            }
        })
    });
    g.bench_function("normalize", |b| {
        b.iter(|| {
            for (n, p) in &pages {
                let mut doc = Document::from_bytes(n.as_str(), p);
                full.normalize(&mut doc);
                black_box(doc);
            }
        })
    });
    g.bench_function("dump statistics (first pass)", |b| {
        b.iter(|| {
            let mut s = DumpStats::new();
            for (n, p) in &pages {
                let mut doc = Document::from_bytes(n.as_str(), p);
                full.normalize(&mut doc);
                s.add(&doc);
            }
            black_box(s)
        })
    });
    g.bench_function("features (normalize, headings, rules, features)", |b| {
        b.iter(|| {
            forget_lines();
            for (n, p) in &pages {
                let mut doc = Document::from_bytes(n.as_str(), p);
                black_box(full.features(&mut doc, Some(&stats)));
            }
        })
    });
    let features: Vec<Vec<f32>> = pages
        .iter()
        .map(|(n, p)| {
            let mut doc = Document::from_bytes(n.as_str(), p);
            full.features(&mut doc, Some(&stats)).1
        })
        .collect();
    let model = rinse::model::LineModel::builtin().unwrap();
    let width = rinse::features::len();
    g.bench_function("classifier (two-stage trees)", |b| {
        b.iter(|| {
            for x in &features {
                black_box(model.predict(x, width));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("pipeline");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    g.bench_function("clean, rules only", |b| {
        b.iter(|| {
            forget_lines();
            for (n, p) in &pages {
                black_box(rules.clean_bytes(n, p, Some(&stats)));
            }
        })
    });
    g.bench_function("clean", |b| {
        b.iter(|| {
            forget_lines();
            for (n, p) in &pages {
                black_box(full.clean_bytes(n, p, Some(&stats)));
            }
        })
    });
    g.bench_function("clean + JSON", |b| {
        b.iter(|| {
            forget_lines();
            for (n, p) in &pages {
                black_box(full.clean_bytes(n, p, Some(&stats)).to_json_line());
            }
        })
    });
    g.finish();
}

fn dedup(c: &mut Criterion) {
    let pages = pages();
    let full = Pipeline::new(&Config::default()).unwrap();
    let texts: Vec<String> = pages
        .iter()
        .map(|(n, p)| full.clean_bytes(n, p, None).article.to_text())
        .collect();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let signer = rinse::dedup::Signer::new(&rinse::dedup::DedupConfig::default());
    let mut g = c.benchmark_group("dedup");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("sign (normalize, 5-gram shingles, 96 MinHash bins)", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(signer.sign(t));
            }
        })
    });
    // 2,000 documents: near copies of the 15 pages, each without two of its words (which two
    // depends on the document), so that most of them are candidates checked in buckets.
    let sigs: Vec<_> = (0..2000)
        .map(|k| {
            let words: Vec<&str> = texts[k % texts.len()].split_whitespace().collect();
            let n = words.len().max(1);
            let (a, b) = ((k * 37) % n, (k * 91 + 5) % n);
            let kept: Vec<&str> = (0..words.len())
                .filter(|&i| i != a && i != b)
                .map(|i| words[i])
                .collect();
            signer.sign(&kept.join(" "))
        })
        .collect();
    let names: Vec<String> = (0..sigs.len()).map(|k| format!("d{k}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    g.throughput(Throughput::Elements(sigs.len() as u64));
    g.bench_function("cluster 2,000 signatures", |b| {
        b.iter(|| black_box(rinse::dedup::cluster(&sigs, &refs, signer.config())))
    });
    g.finish();
}

/// A long page of `n` lines of one of three kinds that once took time growing with the square
/// of their length: one short line repeated (`repeated`); running text with trailing spaces and
/// one newline between lines, so that every line is rewritten (`rewritten`); short lines of one
/// to nine words without punctuation, each its own, between two paragraphs (`short lines`: each
/// may head a list of the lines after it); short lines of a few words drawn at random, with no
/// running text at all (`word salad`: most are kept and given a role, which a stage then asked
/// the rule of by searching all the annotations).
fn long_page(kind: &str, n: usize) -> Vec<u8> {
    const WORDS: [&str; 12] = [
        "the", "river", "of", "castle", "and", "engine", "market", "to", "theory", "in", "village",
        "was",
    ];
    let paragraph = "The engine of the village market was, in theory, the river and the castle.\n";
    let mut out = format!("A long page\n\n{paragraph}");
    // A fixed pseudo-random sequence (a 64-bit LCG).
    let mut state = 1u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    for k in 0..n {
        match kind {
            "repeated" => out.push_str("Home\n"),
            "word salad" => {
                const SALAD: [&str; 11] = [
                    "alpha", "beta", "gamma", "delta", "Home", "News", "Sport", "the", "and", "of",
                    "a",
                ];
                let words = 1 + next() % 12;
                for w in 0..words {
                    if w > 0 {
                        out.push(' ');
                    }
                    out.push_str(SALAD[next() % SALAD.len()]);
                }
                out.push('\n');
            }
            "short lines" => {
                let words = 1 + (k * 5 + k / 7) % 9;
                for w in 0..words {
                    if w > 0 {
                        out.push(' ');
                    }
                    out.push_str(WORDS[(k * 3 + w * w) % WORDS.len()]);
                }
                out.push_str(&format!("{k}\n"));
            }
            _ => {
                out.push_str("The");
                for w in 0..24 {
                    out.push(' ');
                    out.push_str(WORDS[(k * 7 + w * 5 + w * w) % WORDS.len()]);
                }
                out.push_str(".  \n");
            }
        }
    }
    out.push_str(paragraph);
    out.into_bytes()
}

/// Cleaning, the unified diff and the HTML report of long pages, at two lengths: the throughput
/// of the longer page should be about that of the shorter (time linear in the length).
fn long_pages(c: &mut Criterion) {
    let full = Pipeline::new(&Config::default()).unwrap();
    let mut g = c.benchmark_group("long page");
    g.sample_size(10);
    for kind in ["repeated", "rewritten", "short lines", "word salad"] {
        for n in [10_000, 40_000] {
            let page = long_page(kind, n);
            g.throughput(Throughput::Bytes(page.len() as u64));
            g.bench_function(
                format!("{kind}, {n} lines: clean, diff, HTML report"),
                |b| {
                    b.iter(|| {
                        forget_lines();
                        let cleaned = full.clean_bytes("long.txt", &page, None);
                        let diff = rinse::report::unified_diff(
                            "long.txt",
                            &page,
                            &cleaned,
                            rinse::report::DiffOptions::default(),
                        );
                        let mut html = rinse::report::html::HtmlReport::new();
                        html.add(&cleaned, &page);
                        black_box((diff, html.finish()))
                    })
                },
            );
        }
    }
    g.finish();
}

criterion_group!(benches, stages, dedup, long_pages);
criterion_main!(benches);
