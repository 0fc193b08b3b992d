//! Statistics across a whole dump, collected in a first pass: in how many documents each line
//! occurs (by a 64-bit hash of its folded text), how many documents there are, and which lines
//! are page titles (each document's first line, with and without a site name), so that a line
//! that is another page's title (a teaser) can be recognised.
//!
//! Memory is bounded: most lines of a dump occur once, and they only set bits in a Bloom filter
//! sized for the dump; only lines seen in a second document get an exact counter. A line that
//! occurs once can be taken, with the filter's small false-positive rate (about 0.1% at the
//! planned size), for one seen twice; never the other way round.
use crate::document::Document;
use crate::text::{fold_into, title_cores};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// A Bloom filter over 64-bit hashes: `k` probes derived from the hash itself.
#[derive(Debug, Clone)]
struct Bloom {
    bits: Vec<u64>,
    mask: u64,
    probes: u32,
}

impl Bloom {
    /// Sized for `items` at about 0.1% false positives (14.4 bits and 10 probes per item),
    /// rounded up to a power of two of at least 2^20 bits.
    fn for_items(items: usize) -> Bloom {
        let want = (items as f64 * 14.4).max(1.0) as u64;
        let bits = want.next_power_of_two().max(1 << 20);
        Bloom {
            bits: vec![0; (bits / 64) as usize],
            mask: bits - 1,
            probes: 10,
        }
    }

    /// Sets the hash's bits; returns whether they were all set already.
    fn insert(&mut self, h: u64) -> bool {
        let (mut a, b) = (h, h.rotate_left(32) | 1);
        let mut present = true;
        for _ in 0..self.probes {
            let bit = a & self.mask;
            let (word, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            present &= self.bits[word] & mask != 0;
            self.bits[word] |= mask;
            a = a.wrapping_add(b);
        }
        present
    }

    fn contains(&self, h: u64) -> bool {
        let (mut a, b) = (h, h.rotate_left(32) | 1);
        for _ in 0..self.probes {
            let bit = a & self.mask;
            if self.bits[(bit / 64) as usize] & (1u64 << (bit % 64)) == 0 {
                return false;
            }
            a = a.wrapping_add(b);
        }
        true
    }

    fn bytes(&self) -> usize {
        self.bits.len() * 8
    }
}

/// Line frequencies across the documents of one dump.
#[derive(Debug, Clone)]
pub struct DumpStats {
    documents: usize,
    seen: Bloom,
    repeated: HashMap<u64, u32>,
    title_docs: HashMap<u64, u32>,
    /// Fingerprints of the pages counted: a copy of a page already counted adds nothing, or
    /// an article saved under several addresses would look like boilerplate.
    pages: HashSet<u64>,
}

impl Default for DumpStats {
    fn default() -> Self {
        Self::new()
    }
}

/// What one document contributes to the statistics: its distinct line hashes and its title
/// hashes (computable in parallel; added in input order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocHashes {
    pub lines: Vec<u64>,
    pub titles: Vec<u64>,
    /// Of all the lines in order: equal for copies of one page.
    pub fingerprint: u64,
}

impl DocHashes {
    /// The hashes of a normalized document's live lines, each once, and of its title.
    pub fn of(doc: &Document) -> DocHashes {
        let mut seen = HashSet::default();
        let all: Vec<u64> = doc
            .live()
            .into_iter()
            .map(|i| line_hash(doc.text(i)))
            .collect();
        let fingerprint = xxh3_64(
            &all.iter()
                .flat_map(|h| h.to_le_bytes())
                .collect::<Vec<u8>>(),
        );
        let lines = all.into_iter().filter(|h| seen.insert(*h)).collect();
        DocHashes {
            lines,
            titles: title_hashes(doc),
            fingerprint,
        }
    }
}

impl DumpStats {
    /// Statistics for a small dump.
    pub fn new() -> Self {
        Self::for_lines(0)
    }

    /// Statistics sized for a dump of about `lines` distinct lines (the filter's memory is
    /// 1.8 bytes per line, at least 128 KiB).
    pub fn for_lines(lines: usize) -> Self {
        DumpStats {
            documents: 0,
            seen: Bloom::for_items(lines),
            repeated: HashMap::default(),
            title_docs: HashMap::default(),
            pages: HashSet::default(),
        }
    }

    /// Statistics sized for a dump of `bytes` bytes of text (about one distinct line per 40
    /// bytes).
    pub fn for_bytes(bytes: u64) -> Self {
        Self::for_lines((bytes / 40) as usize)
    }

    /// Counts the live lines of a (normalized) document, each once per document.
    pub fn add(&mut self, doc: &Document) {
        self.add_hashes(&DocHashes::of(doc));
    }

    /// Counts one document's hashes.
    pub fn add_hashes(&mut self, doc: &DocHashes) {
        self.documents += 1;
        if !doc.lines.is_empty() && !self.pages.insert(doc.fingerprint) {
            return;
        }
        for &h in &doc.lines {
            if let Some(n) = self.repeated.get_mut(&h) {
                *n += 1;
            } else if self.seen.insert(h) {
                self.repeated.insert(h, 2);
            }
        }
        for &h in &doc.titles {
            *self.title_docs.entry(h).or_default() += 1;
        }
    }

    pub fn documents(&self) -> usize {
        self.documents
    }

    /// In how many documents of the dump a line occurs.
    pub fn line_documents(&self, text: &str) -> u32 {
        self.line_documents_of_hash(line_hash(text))
    }

    /// [`DumpStats::line_documents`] of a line's [`line_hash`].
    pub fn line_documents_of_hash(&self, h: u64) -> u32 {
        match self.repeated.get(&h) {
            Some(&n) => n,
            None => u32::from(self.seen.contains(h)),
        }
    }

    /// In how many documents of the dump `text` is the page title (first line, with or
    /// without its site name).
    pub fn title_documents(&self, text: &str) -> u32 {
        self.title_documents_of_hash(line_hash(text))
    }

    /// [`DumpStats::title_documents`] of a line's [`line_hash`].
    pub fn title_documents_of_hash(&self, h: u64) -> u32 {
        self.title_docs.get(&h).copied().unwrap_or(0)
    }

    /// Approximate memory held, in bytes.
    pub fn memory(&self) -> usize {
        self.seen.bytes()
            + (self.repeated.capacity() + self.title_docs.capacity() + self.pages.capacity()) * 16
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
        hash_folded(&b)
    })
}

/// [`line_hash`] of a text whose fold ([`crate::text::fold`]) is `folded`.
pub fn hash_folded(folded: &str) -> u64 {
    xxh3_64(folded.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_documents_per_line_exactly_past_the_first() {
        let mut stats = DumpStats::new();
        let a = DocHashes {
            lines: vec![1, 2, 3],
            titles: vec![9],
            fingerprint: 1,
        };
        let b = DocHashes {
            lines: vec![2, 3, 4],
            titles: vec![8],
            fingerprint: 2,
        };
        let c = DocHashes {
            lines: vec![3],
            titles: vec![9],
            fingerprint: 3,
        };
        for d in [&a, &b, &c, &a.clone()] {
            stats.add_hashes(d);
        }
        assert_eq!(stats.documents(), 4, "a copy of a page is a document…");
        assert_eq!(
            stats.repeated.get(&3),
            Some(&3),
            "…whose lines are not counted again"
        );
        assert_eq!(stats.repeated.get(&2), Some(&2));
        assert_eq!(stats.repeated.get(&1), None);
        assert!(stats.seen.contains(1) && stats.seen.contains(4));
        assert_eq!(stats.title_docs.get(&9), Some(&2));
    }

    #[test]
    fn the_filter_rarely_mistakes_a_new_line_for_a_seen_one() {
        let mut bloom = Bloom::for_items(100_000);
        for h in 0..100_000u64 {
            bloom.insert(xxh3_64(&h.to_le_bytes()));
        }
        let false_positives = (100_000..200_000u64)
            .filter(|h| bloom.contains(xxh3_64(&h.to_le_bytes())))
            .count();
        assert!(false_positives < 300, "{false_positives} in 100,000");
    }
}
