//! Cross-document deduplication of cleaned articles: exact copies by a 128-bit hash of the
//! normalized text, near copies by (one-permutation) MinHash over word 5-grams with LSH banding,
//! each candidate pair checked before it joins a cluster, clusters by union-find.
//!
//! Everything is seeded in code: the same documents give the same clusters on every run,
//! thread count and machine. Memory is one [`Signature`] per document (a few hundred bytes),
//! whatever the documents' size.
use crate::text::{Kept, PlainBlock};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// Which copy of a cluster is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The first in input order.
    First,
    /// The longest text; ties go to the first in path (source) order.
    Longest,
}

/// Settings of deduplication. The defaults were measured on the labelled set of the workplace
/// (see the README): 32 bands of 3 rows (96 bins) make a pair of Jaccard similarity 0.5 a
/// candidate with probability 0.99, 0.3 with 0.59, 0.1 with 0.03; each candidate is then
/// checked against the thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupConfig {
    /// Words per shingle.
    pub shingle: usize,
    pub bands: usize,
    pub rows: usize,
    /// A candidate pair is a duplicate when its estimated Jaccard similarity reaches this…
    pub jaccard: f32,
    /// …or when the smaller document lies this much inside the larger one (a truncated copy),
    /// with a Jaccard similarity of at least `jaccard_floor`.
    pub containment: f32,
    pub jaccard_floor: f32,
    pub keep: Keep,
}

impl Default for DedupConfig {
    fn default() -> Self {
        DedupConfig {
            shingle: 5,
            bands: 32,
            rows: 3,
            jaccard: 0.5,
            containment: 0.85,
            jaccard_floor: 0.25,
            keep: Keep::First,
        }
    }
}

/// How a document was found to be a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The same normalized text.
    Exact,
    /// MinHash similarity.
    Near,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Near => "near",
        }
    }
}

/// What deduplication keeps of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// 128-bit hash of the normalized text.
    pub exact: u128,
    /// One minimum per bin (`bands × rows` of them; see [`Signer::sign`]).
    pub minhash: Vec<u32>,
    /// Number of distinct shingles.
    pub shingles: u32,
    /// Length of the normalized text, in bytes (for `Keep::Longest`).
    pub len: u32,
}

/// The text dedup compares: NFKC, case-folded, every run of whitespace one space, so copies
/// that differ only in Unicode form, case, quotes' width or spacing compare equal.
pub fn normalize(text: &str) -> String {
    normalize_noting_unspaced(text).0
}

/// [`normalize`], and whether the text has letters of a script written without spaces
/// ([`crate::text::is_unspaced`]), noted as its characters beyond ASCII are folded.
fn normalize_noting_unspaced(text: &str) -> (String, bool) {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut space = false;
    let mut unspaced = false;
    // Piece by piece: a space or a line break is a starter that composes with nothing on either
    // side, so NFKC of the pieces between them is NFKC of the text. An ASCII line (most of
    // them) is in NFKC and folds byte by byte; in the others, most words are in NFKC already,
    // and the quick check says so without decomposing them.
    for line in text.split_inclusive('\n') {
        if line.is_ascii() {
            fold_ascii(line.as_bytes(), &mut out, &mut space);
            continue;
        }
        for piece in line.split_inclusive(' ') {
            if piece.is_ascii() {
                fold_ascii(piece.as_bytes(), &mut out, &mut space);
            } else if is_nfkc_quick(piece.chars()) == IsNormalized::Yes {
                unspaced |= fold_for_dedup(piece.chars(), &mut out, &mut space);
            } else {
                unspaced |= fold_for_dedup(piece.nfkc(), &mut out, &mut space);
            }
        }
    }
    let text = String::from_utf8(out).expect("ASCII bytes and whole characters are UTF-8");
    (text, unspaced)
}

/// [`fold_for_dedup`] of ASCII text (which is in NFKC, and folds byte by byte). Eight bytes
/// with no whitespace but single spaces are lowercased at once.
fn fold_ascii(bytes: &[u8], out: &mut Vec<u8>, space: &mut bool) {
    let mut blocks = bytes.chunks_exact(8);
    for block in &mut blocks {
        let word = u64::from_le_bytes(block.try_into().expect("eight bytes"));
        match PlainBlock::of(word, Kept::AllButWhitespace, *space, !out.is_empty()) {
            Some(plain) => {
                if plain.space_before {
                    out.push(b' ');
                }
                out.extend_from_slice(&plain.folded.to_le_bytes()[..plain.len]);
                *space = plain.space_after;
            }
            None => fold_ascii_bytes(block, out, space),
        }
    }
    fold_ascii_bytes(blocks.remainder(), out, space);
}

/// [`fold_ascii`] a byte at a time.
fn fold_ascii_bytes(bytes: &[u8], out: &mut Vec<u8>, space: &mut bool) {
    for &b in bytes {
        if crate::text::is_ascii_space(b) {
            *space = !out.is_empty();
            continue;
        }
        if *space {
            out.push(b' ');
            *space = false;
        }
        out.push(b.to_ascii_lowercase());
    }
}

/// Case-folds `chars` onto `out`, collapsing whitespace; `space` says whether whitespace
/// came last (carried from one piece of a text to the next). True if a character is of a
/// script written without spaces.
fn fold_for_dedup(chars: impl Iterator<Item = char>, out: &mut Vec<u8>, space: &mut bool) -> bool {
    let mut unspaced = false;
    for c in chars.flat_map(char::to_lowercase) {
        unspaced |= crate::text::is_unspaced(c);
        if c.is_whitespace() {
            *space = !out.is_empty();
            continue;
        }
        if *space {
            out.push(b' ');
            *space = false;
        }
        // Typographic quotes and dashes are one family each.
        let c = match c {
            '‘' | '’' | '‚' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '‟' | '″' => '"',
            '–' | '—' | '‒' | '―' => '-',
            c => c,
        };
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    unspaced
}

/// Signs documents.
#[derive(Debug, Clone)]
pub struct Signer {
    config: DedupConfig,
}

impl Signer {
    pub fn new(config: &DedupConfig) -> Signer {
        Signer {
            config: config.clone(),
        }
    }

    pub fn config(&self) -> &DedupConfig {
        &self.config
    }

    /// The signature of a cleaned text: the hash of its normalized form, and a one-permutation
    /// MinHash with optimal densification of its word 5-grams (each 5-gram hashed once into
    /// one of `bands × rows` bins that keep their minimum; an empty bin borrows a filled one's
    /// along a probe sequence fixed in code).
    pub fn sign(&self, text: &str) -> Signature {
        let (norm, unspaced) = normalize_noting_unspaced(text);
        // The only whitespace left in `norm` is single spaces; splitting on bytes is quicker
        // than a char search for words this short.
        let mut words: Vec<u64> = Vec::new();
        for w in norm.split_ascii_whitespace() {
            if !unspaced || !w.chars().any(crate::text::is_unspaced) {
                push_word(w, &mut words);
                continue;
            }
            // Chinese, Japanese, Thai…: each letter (with the marks after it) is a word of its
            // own, so shingles are runs of five letters; what stands between such letters is
            // split as any text is.
            let mut from = 0;
            let mut chars = w.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                if !crate::text::is_unspaced(c) {
                    continue;
                }
                push_word(&w[from..at], &mut words);
                let mut end = at + c.len_utf8();
                while let Some(&(next, m)) = chars.peek() {
                    if !crate::text::is_unspaced(m) || m.is_alphanumeric() {
                        break;
                    }
                    end = next + m.len_utf8();
                    chars.next();
                }
                if c.is_alphanumeric() {
                    words.push(xxh3_64(&w.as_bytes()[at..end]));
                }
                from = end;
            }
            push_word(&w[from..], &mut words);
        }
        let k = self.config.shingle.max(1);
        let shingles: Vec<u64> = if words.len() < k {
            // A short text is one shingle.
            if words.is_empty() {
                Vec::new()
            } else {
                vec![combine(&words)]
            }
        } else {
            words.windows(k).map(combine).collect()
        };
        // A shingle seen twice changes no minimum: only the count needs them distinct.
        let minhash = one_permutation(&shingles, self.config.bands * self.config.rows);
        Signature {
            exact: xxh3_128(norm.as_bytes()),
            minhash,
            shingles: count_distinct(&shingles) as u32,
            len: norm.len() as u32,
        }
    }
}

/// Adds the hash of `word` without the characters that are not letters or digits at its ends,
/// if anything is left.
fn push_word(word: &str, words: &mut Vec<u64>) {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    if !word.is_empty() {
        words.push(xxh3_64(word.as_bytes()));
    }
}

/// One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle
/// is hashed once and falls into one of `bins` bins, which keeps its smallest value; a bin that
/// no shingle fell into takes the value of the first filled bin along a probe sequence of its
/// own (the same for every document). Two texts then agree on a bin with probability their
/// Jaccard similarity, as with `bins` independent hash functions, for one hash per shingle
/// instead of `bins`.
fn one_permutation(shingles: &[u64], bins: usize) -> Vec<u32> {
    let mut minhash = vec![u32::MAX; bins];
    if shingles.is_empty() || bins == 0 {
        return minhash;
    }
    // The bin of a 32-bit hash (multiply and shift: no division).
    let bin_of = |x: u64| (((x >> 32) * bins as u64) >> 32) as usize;
    let mut filled = vec![false; bins];
    for &h in shingles {
        let x = mix(h);
        let bin = bin_of(x);
        minhash[bin] = minhash[bin].min(x as u32);
        filled[bin] = true;
    }
    for i in 0..bins {
        if filled[i] {
            continue;
        }
        let from = (0u64..)
            .map(|attempt| bin_of(mix(PROBE_SEED ^ ((i as u64) << 32 | attempt))))
            .find(|&j| filled[j])
            .expect("a bin is filled");
        minhash[i] = minhash[from];
    }
    minhash
}

/// How many distinct values `hashes` holds (they are hashes already: their low bits index an
/// open-addressing table twice their number, no sorting).
fn count_distinct(hashes: &[u64]) -> usize {
    let slots = (hashes.len() * 2).next_power_of_two().max(8);
    let mut table = vec![0u64; slots];
    // 0 marks an empty slot, so the value 0 is counted apart.
    let (mut distinct, mut zero) = (0, false);
    for &h in hashes {
        if h == 0 {
            zero = true;
            continue;
        }
        let mut at = h as usize & (slots - 1);
        loop {
            match table[at] {
                0 => {
                    table[at] = h;
                    distinct += 1;
                    break;
                }
                t if t == h => break,
                _ => at = (at + 1) & (slots - 1),
            }
        }
    }
    distinct + usize::from(zero)
}

/// Seeds the probe sequences of empty bins, apart from the shingles' hashes.
const PROBE_SEED: u64 = 0x5EED_0F21_4E5E_D0E5;

/// splitmix64's finalizer: a 64-bit hash of a 64-bit value.
fn mix(h: u64) -> u64 {
    let mut z = h.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn combine(words: &[u64]) -> u64 {
    let mut h = 0x517C_C1B7_2722_0A95_u64;
    for &w in words {
        h = (h ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29);
    }
    h
}

/// Estimated Jaccard similarity of two signatures: the share of equal minima.
pub fn jaccard(a: &Signature, b: &Signature) -> f32 {
    if a.minhash.is_empty() {
        return 0.0;
    }
    let same = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y && **x != u32::MAX)
        .count();
    same as f32 / a.minhash.len() as f32
}

/// How much of the smaller document's shingles lie in the larger one, from the Jaccard
/// estimate and the two set sizes.
pub fn containment(a: &Signature, b: &Signature, j: f32) -> f32 {
    let (na, nb) = (a.shingles as f32, b.shingles as f32);
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let inter = j * (na + nb) / (1.0 + j);
    (inter / na.min(nb)).min(1.0)
}

/// A document that is a copy of another.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// Index of the document (in the order it was added).
    pub doc: usize,
    /// Index of the document its cluster keeps.
    pub representative: usize,
    /// Estimated similarity to the representative (1 for exact copies).
    pub similarity: f32,
    pub method: Method,
}

impl Duplicate {
    /// [`Duplicate::similarity`] as records give it: three decimals (rounded as an `f64`, so
    /// that it prints as `0.927`, not as the `f32` widened).
    pub fn similarity_rounded(&self) -> f64 {
        (f64::from(self.similarity) * 1000.0).round() / 1000.0
    }
}

/// The clusters of a dump.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    /// Every document in a cluster of two or more but the one kept, in document order.
    pub duplicates: Vec<Duplicate>,
    /// The documents kept for clusters of two or more, in document order.
    pub representatives: Vec<usize>,
    pub documents: usize,
}

impl Clusters {
    /// Number of clusters (a document alone is a cluster of one).
    pub fn clusters(&self) -> usize {
        self.documents - self.duplicates.len()
    }

    /// For each document, the representative it is a copy of (`None` when it is kept).
    pub fn copy_of(&self) -> Vec<Option<usize>> {
        let mut out = vec![None; self.documents];
        for d in &self.duplicates {
            out[d.doc] = Some(d.representative);
        }
        out
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index is the root: deterministic.
        if ra < rb {
            self.0[rb] = ra;
        } else if rb < ra {
            self.0[ra] = rb;
        }
    }
}

/// Clusters signatures (in document order); `names` order ties for `Keep::Longest`.
pub fn cluster(sigs: &[Signature], names: &[&str], config: &DedupConfig) -> Clusters {
    let n = sigs.len();
    let mut uf = UnionFind((0..n).collect());
    let mut exact_pairs: Vec<(usize, usize)> = Vec::new();
    // Exact copies: one hash each.
    let mut first_of: FxHashMap<u128, usize> = FxHashMap::default();
    let mut distinct: Vec<usize> = Vec::new();
    for (i, s) in sigs.iter().enumerate() {
        if s.shingles == 0 {
            continue; // an empty article is no one's copy
        }
        match first_of.get(&s.exact) {
            Some(&f) => {
                uf.union(f, i);
                exact_pairs.push((f, i));
            }
            None => {
                first_of.insert(s.exact, i);
                distinct.push(i);
            }
        }
    }
    // Near copies: documents sharing a band are candidates, checked before they join.
    let rows = config.rows.max(1);
    // For each band, (hash of the band's minima, document) as one number, sorted: each run of
    // one hash is a bucket, its members in document order. The bands are filled and sorted in
    // parallel, and read in order.
    let bands = sigs
        .iter()
        .map(|s| s.minhash.len())
        .max()
        .unwrap_or(0)
        .div_ceil(rows);
    let mut entries: Vec<Vec<u128>> = vec![Vec::new(); bands];
    entries.par_iter_mut().enumerate().for_each(|(band, list)| {
        list.reserve(distinct.len());
        let mut key: Vec<u8> = Vec::new();
        for &i in &distinct {
            let Some(chunk) = sigs[i].minhash.chunks(rows).nth(band) else {
                continue;
            };
            key.clear();
            key.extend(chunk.iter().flat_map(|v| v.to_le_bytes()));
            list.push(u128::from(xxh3_64(&key)) << 64 | i as u128);
        }
        list.sort_unstable();
    });
    let mut checked: FxHashSet<(usize, usize)> = FxHashSet::default();
    // The members of a bucket seen so far, grouped by cluster: a new member is checked against
    // the members of each other cluster until one pair passes (then all of them are its
    // cluster). Skipping a whole group whose cluster it already is in keeps a bucket of many
    // copies of one article linear in its size; the clusters are those of checking every pair.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let buckets = entries
        .iter()
        .flat_map(|band| band.chunk_by(|x, y| x >> 64 == y >> 64));
    for bucket in buckets {
        if bucket.len() < 2 {
            continue; // most buckets: one document, nothing to check
        }
        groups.clear();
        for b in bucket.iter().map(|&entry| entry as u64 as usize) {
            let mut root_b = uf.find(b);
            for g in &groups {
                if uf.find(g[0]) == root_b {
                    continue;
                }
                for &a in g {
                    if !checked.insert((a, b)) {
                        continue;
                    }
                    let j = jaccard(&sigs[a], &sigs[b]);
                    let c = containment(&sigs[a], &sigs[b], j);
                    if j >= config.jaccard || (c >= config.containment && j >= config.jaccard_floor)
                    {
                        uf.union(a, b);
                        root_b = uf.find(b);
                        break;
                    }
                }
            }
            // b joins the groups of its cluster, merged into one.
            let mut merged = vec![b];
            groups.retain_mut(|g| {
                if uf.find(g[0]) == root_b {
                    merged.append(g);
                    false
                } else {
                    true
                }
            });
            groups.push(merged);
        }
    }
    // Members of each cluster, and the one kept.
    let mut members: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        members.entry(uf.find(i)).or_default().push(i);
    }
    let exact: FxHashSet<usize> = exact_pairs.iter().map(|p| p.1).collect();
    let mut out = Clusters {
        documents: n,
        ..Clusters::default()
    };
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    for root in roots {
        let group = &members[&root];
        if group.len() < 2 {
            continue;
        }
        let keep = match config.keep {
            Keep::First => group[0],
            Keep::Longest => *group
                .iter()
                .max_by(|&&a, &&b| {
                    sigs[a]
                        .len
                        .cmp(&sigs[b].len)
                        .then_with(|| names[b].cmp(names[a]))
                })
                .expect("a cluster has members"),
        };
        out.representatives.push(keep);
        for &d in group {
            if d == keep {
                continue;
            }
            let same = sigs[d].exact == sigs[keep].exact;
            out.duplicates.push(Duplicate {
                doc: d,
                representative: keep,
                similarity: if same {
                    1.0
                } else {
                    jaccard(&sigs[d], &sigs[keep])
                },
                method: if same || exact.contains(&d) && sigs[d].exact == sigs[keep].exact {
                    Method::Exact
                } else {
                    Method::Near
                },
            });
        }
    }
    out.duplicates.sort_by_key(|d| d.doc);
    out.representatives.sort_unstable();
    out
}

/// Paragraphs that occurred in an earlier document of the dump, and where: a stage that
/// removes them (`--dedup-paragraphs`), CCNet-style.
#[derive(Debug, Clone, Default)]
pub struct ParagraphRepeats {
    /// Fold hash of a paragraph → the document it first appeared in.
    pub first: HashMap<u64, std::sync::Arc<str>>,
}

/// The rule of a paragraph removed as a repeat.
pub const PARAGRAPH: crate::document::Rule = crate::document::Rule::new("dedup", "dedup/paragraph");

/// A paragraph, for paragraph deduplication: running text of at least this many words.
pub const PARAGRAPH_WORDS: usize = 12;

/// A line shorter than a paragraph that occurs in this many pages of a dump or more is the
/// sites' template (menus, footers, share and subscribe lines) for a light deduplication.
pub const TEMPLATE_PAGES: u32 = 3;

/// Whether a normalized line is template: shorter than a paragraph ([`PARAGRAPH_WORDS`]
/// words, counted as [`crate::text::Shape::words`] counts them, so the separators of a menu
/// line are not words) and found in [`TEMPLATE_PAGES`] or more pages of the dump (copies of
/// one page count once). A paragraph shared by many pages is kept: it is what makes copies
/// copies.
pub fn is_template_line(text: &str, dump: &crate::dump::DumpStats) -> bool {
    !has_words(text, PARAGRAPH_WORDS) && dump.line_documents(text) >= TEMPLATE_PAGES
}

/// Whether `text` has `n` words or more: tokens between whitespace with a letter or a digit,
/// where in scripts written without spaces ([`crate::text::is_unspaced`]) two letters count
/// as a word (words of Chinese average under two characters), so that a Chinese or Japanese
/// sentence, one token between spaces, is not taken for a short line.
fn has_words(text: &str, n: usize) -> bool {
    let mut halves = 0;
    for token in text.split_whitespace() {
        if token.is_ascii() {
            halves += 2 * usize::from(token.bytes().any(|b| b.is_ascii_alphanumeric()));
        } else {
            let (mut unspaced, mut other) = (0, false);
            for c in token.chars().filter(|c| c.is_alphanumeric()) {
                match crate::text::is_unspaced(c) {
                    true => unspaced += 1,
                    false => other = true,
                }
            }
            halves += unspaced + 2 * usize::from(other);
        }
        if halves >= 2 * n {
            return true;
        }
    }
    false
}

impl crate::pipeline::Stage for ParagraphRepeats {
    fn name(&self) -> &'static str {
        "dedup"
    }

    fn annotate(&self, doc: &mut crate::document::Document, cx: &crate::pipeline::Context) {
        if self.first.is_empty() {
            return;
        }
        doc.analyze(cx);
        for i in doc.live() {
            let info = doc.info(i);
            if !info.prose || info.shape.words < PARAGRAPH_WORDS {
                continue;
            }
            if let Some(first) = self.first.get(&info.fold_hash) {
                let reason = format!("repeats a paragraph first seen in {first}");
                doc.remove(i, PARAGRAPH, reason);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The Channel Tunnel is a railway tunnel that connects Folkestone in Kent in the United Kingdom with Coquelles near Calais in northern France, beneath the English Channel. It is the only fixed link between the island of Great Britain and the European mainland. At its lowest point it is 75 metres deep below the sea bed.";
    const B: &str = "Mount Everest is the highest mountain on Earth above sea level, located in the Mahalangur Himal sub-range of the Himalayas. The China and Nepal border runs across its summit point. Its elevation was most recently established in 2020 by the Chinese and Nepali authorities.";

    fn run(texts: &[&str]) -> Clusters {
        let cfg = DedupConfig::default();
        let signer = Signer::new(&cfg);
        let sigs: Vec<Signature> = texts.iter().map(|t| signer.sign(t)).collect();
        let names: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        cluster(&sigs, &names, &cfg)
    }

    /// The clusters of checking every pair of documents that share a band (the definition),
    /// for comparison with [`cluster`], which skips pairs already in one cluster.
    fn clusters_of_all_pairs(sigs: &[Signature], cfg: &DedupConfig) -> Vec<usize> {
        let n = sigs.len();
        let mut uf = UnionFind((0..n).collect());
        for a in 0..n {
            for b in a + 1..n {
                if sigs[a].shingles == 0 || sigs[b].shingles == 0 {
                    continue;
                }
                let same_band = sigs[a]
                    .minhash
                    .chunks(cfg.rows)
                    .zip(sigs[b].minhash.chunks(cfg.rows))
                    .any(|(x, y)| x == y);
                let j = jaccard(&sigs[a], &sigs[b]);
                let c = containment(&sigs[a], &sigs[b], j);
                let passes = j >= cfg.jaccard || (c >= cfg.containment && j >= cfg.jaccard_floor);
                if sigs[a].exact == sigs[b].exact || (same_band && passes) {
                    uf.union(a, b);
                }
            }
        }
        (0..n).map(|i| uf.find(i)).collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        /// Documents made of a few shared sentences (copies, near copies, unrelated pages)
        /// cluster as checking every candidate pair would.
        #[test]
        fn clusters_are_those_of_checking_every_pair(
            docs in proptest::collection::vec(proptest::collection::vec(0usize..12, 1..10), 2..40)
        ) {
            let sentences: Vec<String> = (0..12)
                .map(|k| format!("sentence {k} tells of the river, the castle and the market in turn number {}", k * 7))
                .collect();
            let texts: Vec<String> = docs
                .iter()
                .map(|d| d.iter().map(|&k| sentences[k].as_str()).collect::<Vec<_>>().join(" "))
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let cfg = DedupConfig::default();
            let signer = Signer::new(&cfg);
            let sigs: Vec<Signature> = refs.iter().map(|t| signer.sign(t)).collect();
            let got = run(&refs).copy_of();
            let want = clusters_of_all_pairs(&sigs, &cfg);
            for i in 0..refs.len() {
                // Both name the smallest index of a cluster as its root / first member.
                let root = got[i].unwrap_or(i);
                proptest::prop_assert_eq!(root, want[i], "document {}", i);
            }
        }
    }

    /// Blocks of eight ASCII bytes, after and before anything, and every ASCII byte at every
    /// offset of a block, fold as the char-wise definition does.
    #[test]
    fn ascii_blocks_fold_as_chars_do() {
        let check = |text: &str| {
            let mut whole = Vec::new();
            fold_for_dedup(text.nfkc(), &mut whole, &mut false);
            assert_eq!(normalize(text).into_bytes(), whole, "{text:?}");
        };
        for before in ["", " ", "  ", "\t", "x", "é ", "        ", "x \n      "] {
            for body in [
                "Hello World",
                "ABCDEFGH IJ",
                "abc  defgh  ij  k",
                "a b c d e f",
            ] {
                for after in ["", " ", "\n", " x", "  é"] {
                    check(&format!("{before}{body}{after}"));
                }
            }
        }
        for b in 0..128u8 {
            for pad in 0..8 {
                check(&format!("{}Az{}Zaz09 AZ", "x".repeat(pad), char::from(b)));
            }
        }
    }

    proptest::proptest! {
        /// The count is the number of values left after sorting and removing repeats, with
        /// zeros and values whose low bits collide.
        #[test]
        fn distinct_values_are_counted(
            values in proptest::collection::vec(
                proptest::prop_oneof![
                    0u64..4,
                    proptest::strategy::Strategy::prop_map(0u64..8, |k| k << 40 | 3),
                    proptest::num::u64::ANY,
                ],
                0..200,
            )
        ) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            sorted.dedup();
            proptest::prop_assert_eq!(count_distinct(&values), sorted.len());
        }

        /// Word by word with the quick check is NFKC of the whole text, folded.
        #[test]
        fn normalize_is_nfkc_of_the_whole_text(
            text in crate::text::tests::mostly(&[
                "[a-zA-Z .,\n]", "[\t\r\u{b}\u{c}]", "\u{a0}", "\u{ff17}", "½", "ﬁ", "é", "e\u{301}", "\u{301}", "Å",
                "\u{212b}", "ß", "İ", "’", "—", "\u{1100}\u{1161}",
            ])
        ) {
            let mut whole = Vec::new();
            fold_for_dedup(text.nfkc(), &mut whole, &mut false);
            proptest::prop_assert_eq!(normalize(&text).into_bytes(), whole);
        }
    }

    #[test]
    fn template_lines_are_short_lines_of_three_pages() {
        let shared = "This paragraph is in every page because the pages are copies of one article.";
        // A menu of eight words and seven separators: fifteen tokens, eight words.
        let menu = "Home | World | Politics | Business | Sport | Culture | Opinion | Video";
        let pages = [
            format!("Home\nMenu of one\n{shared}\nFooter\n{menu}"),
            format!("Home\n{shared}\nFooter\n{menu}"),
            format!("Home\nFooter\n{shared}\nMenu of one\n{menu}"),
            "Home\nFooter".to_string(),
        ];
        let light = light_texts(&pages);
        let light = |k: usize| light[k].clone();
        // "Home" and "Footer" (4 pages) and the menu (3 pages) go; "Menu of one" (2 pages) and
        // the shared paragraph (a paragraph, in 3 pages) stay.
        assert_eq!(light(0), format!("Menu of one\n{shared}\n"));
        assert_eq!(light(1), format!("{shared}\n"));
        // A page that is all template is compared whole.
        assert_eq!(light(3), "Home\nFooter\n");
    }

    /// What a light deduplication signs of each of `pages`, cleaned as one dump.
    fn light_texts(pages: &[String]) -> Vec<String> {
        let p = crate::Pipeline::new(&crate::Config::default()).unwrap();
        let docs: Vec<(String, &[u8])> = pages
            .iter()
            .enumerate()
            .map(|(k, t)| (format!("p{k}"), t.as_bytes()))
            .collect();
        let dump = p.dump_stats(docs.iter().map(|(n, b)| (n.as_str(), *b)));
        docs.iter()
            .map(|(name, bytes)| p.template_free_text(name, bytes, &dump))
            .collect()
    }

    /// A sentence of Chinese (one token between spaces) is a paragraph, not a template line,
    /// when it is on three pages; a Chinese menu is template.
    #[test]
    fn template_lines_in_scripts_without_spaces() {
        let menu = "首页 新闻 体育 财经 科技";
        let paragraphs: Vec<&str> = ZH_BRIDGE.lines().collect();
        let pages: Vec<String> = (0..3)
            .map(|k| format!("{menu}\n第{k}页\n{}\n{}", paragraphs[0], paragraphs[1]))
            .collect();
        let light = light_texts(&pages);
        assert_eq!(
            light[0],
            format!("第0页\n{}\n{}\n", paragraphs[0], paragraphs[1])
        );
        // Two letters of Chinese are a word: 24 letters are 12 words, 23 are not.
        let letters: String = ZH_BRIDGE.chars().filter(|c| c.is_alphanumeric()).collect();
        let first = |k: usize| letters.chars().take(k).collect::<String>();
        assert!(has_words(&first(24), PARAGRAPH_WORDS));
        assert!(!has_words(&first(23), PARAGRAPH_WORDS));
        assert!(has_words(
            "one two three four five six seven eight nine ten eleven twelve",
            12
        ));
        assert!(!has_words(
            "one two three four five six seven eight nine ten eleven | ·",
            12
        ));
        assert!(has_words(
            "Zürich liegt am See und hat viele Brücken über Flüsse und Bäche dort",
            12
        ));
    }

    #[test]
    fn exact_and_unicode_noise_copies_cluster() {
        let noisy = A
            .replace(' ', "\u{a0}")
            .replace("75", "\u{ff17}\u{ff15}")
            .replace("It is", "IT  is");
        let c = run(&[A, B, A, &noisy]);
        assert_eq!(c.clusters(), 2);
        let d: Vec<(usize, usize, Method)> = c
            .duplicates
            .iter()
            .map(|d| (d.doc, d.representative, d.method))
            .collect();
        assert_eq!(d, [(2, 0, Method::Exact), (3, 0, Method::Exact)]);
    }

    #[test]
    fn truncated_and_edited_copies_cluster_different_texts_do_not() {
        let truncated = &A[..A.len() * 2 / 3];
        let edited = A
            .replace("railway tunnel", "rail tunnel")
            .replace("northern", "north");
        let c = run(&[A, truncated, B, &edited]);
        assert_eq!(c.copy_of(), [None, Some(0), None, Some(0)]);
        assert!(c.duplicates.iter().all(|d| d.method == Method::Near));
    }

    /// Chinese written by us for this test: two articles (a stone bridge repaired, a library
    /// opened), four paragraphs each.
    const ZH_BRIDGE: &str = "小镇东边的老石桥建于清朝末年，全长八十多米，共有七个桥洞。一百多年来，这座桥一直是两岸居民往来的主要通道，也见证了小镇从渔村发展成为商贸中心的过程。\n去年夏天的一场大洪水冲毁了桥的两个桥墩，县政府随即关闭了石桥，并请来省里的文物专家进行评估。专家认为，桥体主要结构仍然完好，只要按照原有工艺修复，就能保留它的历史风貌。\n修复工程于今年三月正式开工。工人们从附近的山里开采同样质地的青石，按照老照片和测绘图纸一块一块地重新砌筑。为了减少对河道的影响，施工只在枯水期进行。\n镇上的老人们经常来到工地旁边观看。七十多岁的李大爷说，他小时候每天都要走过这座桥去上学，看到石桥慢慢恢复原样，心里非常高兴。预计整个工程将在明年春节前完工。";
    const ZH_LIBRARY: &str = "市图书馆新馆昨天正式对外开放，吸引了数千名市民前来参观。新馆位于城市西区的文化公园内，建筑面积约三万平方米，是原有馆舍的三倍。\n新馆共有五层，设有少儿阅览区、古籍修复室、数字阅读中心和多个自习室。馆内藏书超过一百五十万册，其中包括许多珍贵的地方文献和手稿。\n馆长表示，新馆将延长开放时间，每天从早上八点开放到晚上十点，周末也不闭馆。读者还可以通过手机应用在线预约座位和借阅图书。\n不少家长带着孩子来到少儿阅览区。一位带着女儿的母亲说，这里环境安静，书的种类也很多，以后周末会经常带孩子来看书。";

    /// Text in scripts written without spaces is shingled by letters: a copy with a few words
    /// changed in each paragraph, or cut short, is found; another article is not. (Split at
    /// spaces only, each paragraph was one word and a copy with one letter changed shared no
    /// shingle with its original.)
    #[test]
    fn copies_in_scripts_without_spaces_cluster() {
        let edited = ZH_BRIDGE
            .replace("全长八十多米", "全长约八十米")
            .replace("县政府随即", "当地政府立即")
            .replace("工人们", "施工人员")
            .replace("预计整个工程将在", "整个工程预计在");
        let truncated: String = ZH_BRIDGE.chars().take(200).collect();
        let c = run(&[ZH_BRIDGE, &edited, ZH_LIBRARY, &truncated]);
        assert_eq!(c.copy_of(), [None, Some(0), None, Some(0)]);
        // Japanese (kana and kanji) and Thai (letters with their vowel and tone marks).
        let ja = "駅前の商店街では、週末に小さな市場が開かれています。近くの農家が朝早く野菜や果物を運んできて、午前中にはほとんど売り切れてしまいます。店主たちは、若い家族が増えたことで町がにぎやかになったと話しています。";
        let ja_edited = ja
            .replace("朝早く", "早朝に")
            .replace("話しています", "言っています");
        let th = "ตลาดน้ำแห่งนี้เปิดทุกวันเสาร์และอาทิตย์ ชาวบ้านนำผักผลไม้และขนมพื้นบ้านมาขายบนเรือ นักท่องเที่ยวจำนวนมากเดินทางมาตั้งแต่เช้าเพื่อชมบรรยากาศริมคลองและชิมอาหารท้องถิ่น";
        let th_edited = th.replace("จำนวนมาก", "หลายคน");
        let c = run(&[ja, &ja_edited, th, &th_edited, ZH_LIBRARY]);
        assert_eq!(c.copy_of(), [None, Some(0), None, Some(2), None]);
        let signer = Signer::new(&DedupConfig::default());
        // One shingle per letter after the fourth (letters and digits only: the commas and
        // full stops of `ja` are not words).
        let letters = ja.chars().filter(|c| c.is_alphanumeric()).count();
        assert_eq!(signer.sign(ja).shingles as usize, letters - 4);
        // A Thai letter keeps its marks: "เรือ" and "เรื่อ" are different words.
        assert_ne!(signer.sign("เรือ").exact, signer.sign("เรื่อ").exact);
        assert_ne!(
            signer.sign("ก่ ข ค ง จ").minhash,
            signer.sign("ก ข ค ง จ").minhash
        );
    }

    /// Sets of shingles with a known Jaccard similarity, long (10× more shingles than bins) and
    /// short (a fifth as many, so most bins are filled by densification): the share of equal
    /// bins estimates it, and different sets agree on next to nothing.
    #[test]
    fn one_permutation_minhash_estimates_jaccard() {
        let estimate = |a: &[u64], b: &[u64]| {
            let (x, y) = (one_permutation(a, 96), one_permutation(b, 96));
            x.iter().zip(&y).filter(|(p, q)| p == q).count() as f32 / 96.0
        };
        for (size, j) in [
            (960u64, 0.8f32),
            (960, 0.5),
            (960, 0.2),
            (20, 0.8),
            (20, 0.5),
        ] {
            // |A| = |B| = size, sharing `shared`: J = shared / (2·size − shared).
            let shared = (2.0 * j * size as f32 / (1.0 + j)).round() as u64;
            let a: Vec<u64> = (0..size).collect();
            let b: Vec<u64> = (size - shared..2 * size - shared).collect();
            let truth = shared as f32 / (2 * size - shared) as f32;
            let est = estimate(&a, &b);
            let tolerance = if size < 96 { 0.2 } else { 0.12 };
            assert!(
                (est - truth).abs() <= tolerance,
                "size {size}: J {truth:.2} estimated {est:.2}"
            );
        }
        let (a, b): (Vec<u64>, Vec<u64>) = ((0..500).collect(), (1000..1500).collect());
        assert!(estimate(&a, &b) < 0.05);
        assert_eq!(estimate(&a, &a), 1.0);
        assert!(one_permutation(&[], 96).iter().all(|&v| v == u32::MAX));
        assert!(one_permutation(&[7], 0).is_empty());
    }

    #[test]
    fn keep_longest_is_deterministic() {
        let cfg = DedupConfig {
            keep: Keep::Longest,
            ..DedupConfig::default()
        };
        let signer = Signer::new(&cfg);
        let short = &A[..A.len() * 2 / 3];
        let sigs = vec![signer.sign(short), signer.sign(A)];
        let c = cluster(&sigs, &["b", "a"], &cfg);
        assert_eq!(c.representatives, [1]);
        let same = vec![signer.sign(A), signer.sign(A)];
        assert_eq!(
            cluster(&same, &["z", "a"], &cfg).representatives,
            [1],
            "tie: path order"
        );
    }
}
