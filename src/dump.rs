//! Statistics across a whole dump, collected in a first pass: in how many documents each line
//! occurs (by a 64-bit hash of its folded text), how many documents there are, and which lines
//! are page titles (each document's first line, with and without a site name), so that a line
//! that is another page's title (a teaser) can be recognised.
//!
//! Memory is bounded: most lines of a dump occur once, and they only set bits in a Bloom filter
//! that grows with the number of distinct lines (about 2.5 bytes each); only lines seen in a
//! second document get an exact counter. A line that occurs once can be taken, with the
//! filter's small false-positive rate (about 0.02%), for one seen twice; never the other way
//! round.
use crate::document::Document;
use crate::text::{fold_into, title_cores};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use xxhash_rust::xxh3::xxh3_64;

/// A Bloom filter over 64-bit hashes: `k` probes derived from the hash itself.
#[derive(Debug, Clone)]
struct Filter {
    bits: Vec<u64>,
    mask: u64,
    probes: u32,
    /// How many items it takes before the next filter does.
    capacity: usize,
}

/// The first filter's bits: 128 KiB.
const FIRST_BITS: u64 = 1 << 20;

impl Filter {
    /// The `n`th filter of a [`Bloom`] (from 0): `FIRST_BITS << n` bits, filled to 20 bits
    /// per item for the first (about 0.01% false positives with 10 probes) and 1.44 more for
    /// each one after, which about halves the rate each time, so that all of them together
    /// stay near 0.02%.
    fn nth(n: u32) -> Filter {
        let bits = FIRST_BITS << n;
        Filter {
            bits: vec![0; (bits / 64) as usize],
            mask: bits - 1,
            probes: 10,
            capacity: (bits as f64 / (20.0 + 1.44 * f64::from(n))) as usize,
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
}

/// A Bloom filter that grows with what it holds (a scalable Bloom filter): when its last
/// filter holds its planned number of items, a new one twice as large takes the next ones,
/// and a hash is in the set if any filter has it. It is sized by the hashes alone, not by a
/// guess from the input's size, so the same lines in the same order give the same answers
/// whether the dump is read from plain or compressed files. (A filter planned from the bytes on
/// disk got a third to a tenth of its plan for a compressed dump; filled three times over its
/// plan, a filter says yes to about a quarter of the lines it never saw.) Memory: about 2.5
/// bytes per distinct line, at most twice that after a doubling.
#[derive(Debug, Clone)]
struct Bloom {
    filters: Vec<Filter>,
    /// Items in the last filter.
    in_last: usize,
}

impl Bloom {
    fn new() -> Bloom {
        Bloom {
            filters: vec![Filter::nth(0)],
            in_last: 0,
        }
    }

    /// Adds the hash; returns whether it was (or seemed) there already.
    fn insert(&mut self, h: u64) -> bool {
        let (last, older) = self.filters.split_last_mut().expect("a filter");
        if older.iter().any(|f| f.contains(h)) {
            return true;
        }
        let last = if self.in_last >= last.capacity {
            self.filters.push(Filter::nth(self.filters.len() as u32));
            self.in_last = 0;
            self.filters.last_mut().expect("a filter")
        } else {
            last
        };
        let present = last.insert(h);
        if !present {
            self.in_last += 1;
        }
        present
    }

    fn contains(&self, h: u64) -> bool {
        self.filters.iter().any(|f| f.contains(h))
    }

    fn bytes(&self) -> usize {
        self.filters.iter().map(|f| f.bits.len() * 8).sum()
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
    /// Empty statistics: they grow with the lines counted.
    pub fn new() -> Self {
        DumpStats {
            documents: 0,
            seen: Bloom::new(),
            repeated: HashMap::default(),
            title_docs: HashMap::default(),
            pages: HashSet::default(),
        }
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

    /// The share of 200,000 hashes never inserted that `contains` says are there.
    fn false_positives(contains: impl Fn(u64) -> bool) -> f64 {
        let n = 200_000u64;
        let fresh = (0..n).filter(|&i| contains(xxh3_64(&(i | 1 << 63).to_le_bytes())));
        fresh.count() as f64 / n as f64
    }

    #[test]
    fn a_bloom_filter_grows_and_keeps_its_false_positive_rate() {
        let mut bloom = Bloom::new();
        let first = bloom.filters[0].capacity;
        let items = 6 * first as u64;
        for i in 0..items {
            bloom.insert(xxh3_64(&i.to_le_bytes()));
        }
        assert_eq!(bloom.filters.len(), 3, "1 + 2 + 4 times the first's size");
        for i in (0..items).step_by(97) {
            assert!(
                bloom.contains(xxh3_64(&i.to_le_bytes())),
                "no false negative"
            );
        }
        // Three filters at their planned rates (about 0.01%, 0.005%, 0.0025%), not one filled
        // six times over (which says yes to nearly any hash).
        let rate = false_positives(|h| bloom.contains(h));
        assert!(rate < 0.0004, "{rate}");
        let mut full = Filter::nth(0);
        for i in 0..items {
            full.insert(xxh3_64(&i.to_le_bytes()));
        }
        let full_rate = false_positives(|h| full.contains(h));
        assert!(full_rate > 0.3, "{full_rate}");
    }

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
}
