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

/// The kept text of the page, as the text format prints it.
pub fn text(c: &Cleaned) -> String {
    c.article.to_text()
}
