//! Statistics across a whole dump, collected in a first pass: in how many documents each line
//! occurs (by a 64-bit hash of its folded text), and how many documents there are.
//!
//! It also counts page titles (each document's first line, with and without a site name), so a
//! line that is another page's title (a teaser) can be recognised.
//!
//! Memory is one hash and one counter per distinct line.
use crate::document::Document;
use crate::text::{fold_into, title_cores};
use std::collections::{HashMap, HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// Line frequencies across the documents of one dump.
#[derive(Debug, Clone, Default)]
pub struct DumpStats {
    documents: usize,
    line_docs: HashMap<u64, u32>,
    title_docs: HashMap<u64, u32>,
}

impl DumpStats {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts the live lines of a (normalized) document, each once per document.
    pub fn add(&mut self, doc: &Document) {
        self.documents += 1;
        let mut seen = HashSet::new();
        for i in doc.live() {
            let h = line_hash(doc.text(i));
            if seen.insert(h) {
                *self.line_docs.entry(h).or_default() += 1;
            }
        }
        for h in title_hashes(doc) {
            *self.title_docs.entry(h).or_default() += 1;
        }
    }

    /// Merges the counts of another part of the same dump.
    pub fn merge(&mut self, other: DumpStats) {
        self.documents += other.documents;
        for (h, n) in other.line_docs {
            *self.line_docs.entry(h).or_default() += n;
        }
        for (h, n) in other.title_docs {
            *self.title_docs.entry(h).or_default() += n;
        }
    }

    pub fn documents(&self) -> usize {
        self.documents
    }

    /// In how many documents of the dump a line occurs.
    pub fn line_documents(&self, text: &str) -> u32 {
        self.line_docs.get(&line_hash(text)).copied().unwrap_or(0)
    }
}

/// In how many documents of the dump `text` is the page title (first line, with or without
/// its site name).
impl DumpStats {
    pub fn title_documents(&self, text: &str) -> u32 {
        self.title_docs.get(&line_hash(text)).copied().unwrap_or(0)
    }
}

/// The hashes of a document's page title: its first live line, and that line without a site
/// name.
pub fn title_hashes(doc: &Document) -> Vec<u64> {
    let Some(&first) = doc.live().first() else {
        return Vec::new();
    };
    let text = doc.text(first);
    let mut hashes = vec![line_hash(text)];
    for core in title_cores(text) {
        let h = line_hash(core);
        if !hashes.contains(&h) {
            hashes.push(h);
        }
    }
    hashes
}

/// The hash lines are counted by: of the folded text, so case, punctuation and spacing do not
/// matter.
pub fn line_hash(text: &str) -> u64 {
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        fold_into(text, &mut b);
        xxh3_64(b.as_bytes())
    })
}
