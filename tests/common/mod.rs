//! Helpers shared by the integration tests.
#![allow(dead_code)]
use rinse::{Cleaned, Config, Pipeline};
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The files of a fixture folder, sorted: `(file name, bytes)`.
pub fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect()
}

/// Cleans every page of a fixture folder as one dump, as `rinse clean DIR` does.
pub fn clean_dir(dir: &Path) -> Vec<Cleaned> {
    let pipeline = Pipeline::new(&Config::default()).unwrap();
    let files = read_dir(dir);
    let stats = pipeline.dump_stats(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    files
        .iter()
        .map(|(n, b)| pipeline.clean_bytes(n, b, Some(&stats)))
        .collect()
}

/// Cleans the sample dump and returns the page named `name`.
pub fn clean_fixture(name: &str) -> Cleaned {
    clean_dir(&fixtures().join("dump"))
        .into_iter()
        .find(|c| c.source == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
}

/// `(line, rule)` of every removal.
pub fn removed_rules(c: &Cleaned) -> Vec<(usize, &'static str)> {
    c.removed.iter().map(|r| (r.line, r.rule)).collect()
}

/// The article's paragraphs (list items too), in reading order, over all its sections.
pub fn paragraphs(c: &Cleaned) -> Vec<&str> {
    c.article
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(String::as_str))
        .collect()
}

/// Each section's heading.
pub fn headings(c: &Cleaned) -> Vec<Option<&str>> {
    c.article
        .sections
        .iter()
        .map(|s| s.heading.as_deref())
        .collect()
}

/// `(line, reason)` of every rewrite by `rule`.
pub fn rewrites<'a>(c: &'a Cleaned, rule: &str) -> Vec<(usize, &'a str)> {
    c.rewritten
        .iter()
        .filter(|r| r.rule == rule)
        .map(|r| (r.line, r.reason.as_str()))
        .collect()
}

/// The kept text of the page, as the text format prints it.
pub fn text(c: &Cleaned) -> String {
    c.article.to_text()
}

/// A JSON Lines dump `dir/dump.jsonl` of two good records of `text` (ids `a` and, after the bad
/// lines, `b` when `second`), with line 2 not JSON and line 3 a record without text.
pub fn malformed_dump(dir: &Path, text: &str, second: bool) -> PathBuf {
    let record = |id: &str| serde_json::json!({"id": id, "text": text}).to_string();
    let mut s = format!("{}\nnot json\n{{\"id\": \"no-text\"}}\n", record("a"));
    if second {
        s.push_str(&record("b"));
        s.push('\n');
    }
    let path = dir.join("dump.jsonl");
    std::fs::write(&path, s).unwrap();
    path
}

/// That a run over a [`malformed_dump`] failed and named both bad records (file, line, id).
pub fn names_malformed_records(a: assert_cmd::assert::Assert) -> assert_cmd::assert::Assert {
    use predicates::prelude::*;
    a.code(2)
        .stderr(predicate::str::contains("dump.jsonl:2: not JSON"))
        .stderr(predicate::str::contains(
            "dump.jsonl:3 (id no-text): no \"text\" key",
        ))
}

/// What a successful run of the binary printed on standard output.
pub fn stdout_of(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.success().get_output().stdout.clone()).unwrap()
}
