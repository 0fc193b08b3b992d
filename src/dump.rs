//! Statistics across a whole dump, collected in a first pass: in how many documents each line
//! occurs (by a 64-bit hash of its folded text), and how many documents there are.
//!
//! Memory is one hash and one counter per distinct line.
use crate::document::Document;
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// Line frequencies across the documents of one dump.
#[derive(Debug, Clone, Default)]
pub struct DumpStats {
    documents: usize,
    line_docs: HashMap<u64, u32>,
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
    }

    /// Merges the counts of another part of the same dump.
    pub fn merge(&mut self, other: DumpStats) {
        self.documents += other.documents;
        for (h, n) in other.line_docs {
            *self.line_docs.entry(h).or_default() += n;
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

/// The hash lines are counted by: of the folded text, so case, punctuation and spacing do not
/// matter.
pub fn line_hash(text: &str) -> u64 {
    xxh3_64(fold(text).as_bytes())
}
