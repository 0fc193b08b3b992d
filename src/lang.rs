//! Per-language word lists (data files under `data/lang/`) and a cheap language guess per page.
use crate::error::{Error, Result};
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// The languages shipped with rinse, in the order of their bit in a [`LangMask`].
pub const BUILTIN: [(&str, &str); 7] = [
    ("en", include_str!("../data/lang/en.txt")),
    ("de", include_str!("../data/lang/de.txt")),
    ("fr", include_str!("../data/lang/fr.txt")),
    ("es", include_str!("../data/lang/es.txt")),
    ("it", include_str!("../data/lang/it.txt")),
    ("nl", include_str!("../data/lang/nl.txt")),
    ("pt", include_str!("../data/lang/pt.txt")),
];

/// A set of languages as bits (at most 32). `LangMask::ANY` when the language is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LangMask(pub u32);

impl LangMask {
    pub const ANY: LangMask = LangMask(u32::MAX);
    pub fn is_any(self) -> bool {
        self == LangMask::ANY
    }
}

/// Stopwords and sentence-continuation words of several languages.
#[derive(Debug, Clone)]
pub struct Lexicon {
    codes: Vec<String>,
    stop: WordMap,
    cont: WordMap,
}

/// Words, each with the languages (bits) it belongs to. A word of at most 15 bytes, which every
/// built-in one is, is found by its [`pack`] in an open-addressing table (one multiply for the
/// hash, one compare per probe); a longer one in a hash map.
#[derive(Debug, Clone)]
struct WordMap {
    /// `(packed word, languages)`.
    slots: Box<[(u128, u32)]>,
    /// Sixteen bits of each slot's hash, never 0, or 0 for an empty slot: a probe reads this
    /// small array (which stays in the nearest cache) and a slot only when its tag matches.
    tags: Box<[u16]>,
    /// `64 - log2(slots)`: the hash's top bits index the table.
    shift: u32,
    long: HashMap<String, u32>,
    /// The longest word, in bytes: a longer one is not looked up.
    max_len: usize,
}

/// A word of at most 15 bytes as a `u128`: its bytes (little-endian) and its length in the last
/// byte, so that two words have the same key exactly when they are the same.
#[inline]
pub(crate) fn pack(word: &[u8]) -> Option<u128> {
    // Read in at most two overlapping loads per half instead of a copy of a length known only
    // here: the bytes two loads share are the same bytes.
    let n = word.len();
    let load8 = |at: usize| u64::from_le_bytes(word[at..at + 8].try_into().expect("eight bytes"));
    let load4 = |at: usize| {
        u64::from(u32::from_le_bytes(
            word[at..at + 4].try_into().expect("four bytes"),
        ))
    };
    let (lo, hi) = match n {
        0 => (0, 0),
        1..=3 => {
            let byte = |at: usize| u64::from(word[at]) << (8 * at);
            (byte(0) | byte(n / 2) | byte(n - 1), 0)
        }
        4..=7 => (load4(0) | load4(n - 4) << (8 * (n - 4)), 0),
        8 => (load8(0), 0),
        9..=15 => (load8(0), load8(n - 8) >> (8 * (16 - n))),
        _ => return None,
    };
    Some(u128::from(lo) | u128::from(hi | (n as u64) << 56) << 64)
}

impl WordMap {
    fn new(words: HashMap<String, u32>) -> WordMap {
        let mut long = HashMap::default();
        let mut short = Vec::new();
        let mut max_len = 0;
        for (word, langs) in words {
            max_len = max_len.max(word.len());
            match pack(word.as_bytes()) {
                Some(key) if langs != 0 => short.push((key, langs)),
                Some(_) => {}
                None => {
                    long.insert(word, langs);
                }
            }
        }
        // At most a quarter full, so that probes stay short.
        let size = (short.len() * 4).next_power_of_two().max(16);
        let mut map = WordMap {
            slots: vec![(0, 0); size].into(),
            tags: vec![0; size].into(),
            shift: 64 - size.trailing_zeros(),
            long,
            max_len,
        };
        for (key, langs) in short {
            let (mut at, tag) = map.slot_of(key);
            while map.tags[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            map.slots[at] = (key, langs);
            map.tags[at] = tag;
        }
        map
    }

    /// The first slot to probe for `key`, and its tag.
    #[inline]
    fn slot_of(&self, key: u128) -> (usize, u16) {
        let h = ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (key >> 64) as u64)
            .wrapping_mul(0xD6E8_FEB8_6659_FD93);
        ((h >> self.shift) as usize, h as u16 | 1)
    }

    /// The languages of a packed word (see [`pack`]); 0 if none.
    #[inline]
    fn get_packed(&self, key: u128) -> u32 {
        if (key >> 120) as usize > self.max_len {
            return 0;
        }
        let (mut at, tag) = self.slot_of(key);
        loop {
            match self.tags[at] {
                0 => return 0,
                t if t == tag && self.slots[at].0 == key => return self.slots[at].1,
                _ => at = (at + 1) & (self.tags.len() - 1),
            }
        }
    }

    /// The languages of `word`; 0 if none.
    #[inline]
    fn get(&self, word: &str) -> u32 {
        if word.len() > self.max_len {
            return 0;
        }
        match pack(word.as_bytes()) {
            Some(key) => self.get_packed(key),
            None => self.long.get(word).copied().unwrap_or(0),
        }
    }
}

impl Lexicon {
    /// The built-in lists, parsed once.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(&BUILTIN).expect("built-in language data parses"))
    }

    /// Parses `(code, text)` pairs in the format of `data/lang/*.txt`:
    /// `[stopwords]` and `[continuations]` sections of whitespace-separated lowercase words,
    /// `#` comments.
    pub fn parse(sources: &[(&str, &str)]) -> Result<Lexicon> {
        if sources.len() > 8 {
            return Err(Error::Config("at most 8 languages are supported".into()));
        }
        let mut codes = Vec::new();
        let mut stop: HashMap<String, u32> = HashMap::default();
        let mut cont: HashMap<String, u32> = HashMap::default();
        for (bit, (code, text)) in sources.iter().enumerate() {
            codes.push(code.to_string());
            let mut section = None;
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    section = Some(name.to_string());
                    continue;
                }
                let map = match section.as_deref() {
                    Some("stopwords") => &mut stop,
                    Some("continuations") => &mut cont,
                    other => {
                        return Err(Error::PhraseList {
                            name: format!("lang/{code}"),
                            line: n + 1,
                            message: format!("words outside a known section ({other:?})"),
                        });
                    }
                };
                for w in line.split_whitespace() {
                    *map.entry(w.to_lowercase()).or_default() |= 1 << bit;
                }
            }
        }
        Ok(Lexicon {
            codes,
            stop: WordMap::new(stop),
            cont: WordMap::new(cont),
        })
    }

    /// The code of a language guessed as `mask`, or `None` when unknown.
    pub fn code(&self, mask: LangMask) -> Option<&str> {
        if mask.is_any() || mask.0.count_ones() != 1 {
            return None;
        }
        self.codes
            .get(mask.0.trailing_zeros() as usize)
            .map(|s| s.as_str())
    }

    /// Whether `word` (already lowercase) is a stopword in one of `langs`.
    pub fn is_stopword(&self, word: &str, langs: LangMask) -> bool {
        self.stop.get(word) & langs.0 != 0
    }

    /// The languages in which `word` (already lowercase) is a stopword.
    #[inline]
    pub fn stopword_langs(&self, word: &str) -> LangMask {
        LangMask(self.stop.get(word))
    }

    /// [`Lexicon::stopword_langs`] of a word given as its [`pack`].
    #[inline]
    pub(crate) fn stopword_langs_packed(&self, key: u128) -> LangMask {
        LangMask(self.stop.get_packed(key))
    }

    /// Number of languages.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Whether `word` (already lowercase) opens a sentence that continues the previous one.
    pub fn is_continuation(&self, word: &str, langs: LangMask) -> bool {
        self.continuation_langs(word).0 & langs.0 != 0
    }

    /// The languages in which `word` (already lowercase) opens a sentence that continues the
    /// previous one.
    pub fn continuation_langs(&self, word: &str) -> LangMask {
        LangMask(self.cont.get(word))
    }

    /// [`Lexicon::continuation_langs`] of a word given as its [`pack`].
    pub(crate) fn continuation_langs_packed(&self, key: u128) -> LangMask {
        LangMask(self.cont.get_packed(key))
    }

    /// Guesses the language of a text from its stopwords: the language with the most hits, if it
    /// has at least 5 and 30% more than the runner-up; otherwise [`LangMask::ANY`].
    pub fn guess<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> LangMask {
        let mut hits = [0u32; 32];
        let mut lower = String::new();
        for w in words.into_iter().take(4000) {
            crate::text::lowercase_into(w, &mut lower);
            let m = self.stop.get(&lower);
            if m != 0 {
                for (bit, h) in hits.iter_mut().enumerate().take(self.codes.len()) {
                    if m & (1 << bit) != 0 {
                        *h += 1;
                    }
                }
            }
        }
        self.pick(&hits)
    }

    /// [`Lexicon::guess`] from stopword counts per language (indexed like the languages).
    pub fn pick(&self, hits: &[u32]) -> LangMask {
        let hits: Vec<u32> = (0..self.codes.len())
            .map(|i| hits.get(i).copied().unwrap_or(0))
            .collect();
        let mut order: Vec<usize> = (0..self.codes.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(hits[i]));
        let best = order.first().map_or(0, |&i| hits[i]);
        let second = order.get(1).map_or(0, |&i| hits[i]);
        if best >= 5 && best * 10 >= second * 13 {
            LangMask(1 << order[0])
        } else {
            LangMask::ANY
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_languages_of_plain_sentences() {
        let lex = Lexicon::builtin();
        let cases = [
            (
                "en",
                "The minister said that the plan would be ready by the end of the year and that it was not too late.",
            ),
            (
                "de",
                "Der Minister sagte, dass der Plan bis zum Ende des Jahres fertig sein werde und es nicht zu spät sei.",
            ),
            (
                "fr",
                "Le ministre a dit que le plan serait prêt à la fin de l'année et que ce n'était pas trop tard pour les gens.",
            ),
            (
                "es",
                "El ministro dijo que el plan estaría listo para el final del año y que no era demasiado tarde para los que esperan.",
            ),
        ];
        for (code, text) in cases {
            let mask = lex.guess(text.split_whitespace());
            assert_eq!(lex.code(mask), Some(code), "{text}");
        }
        assert!(lex.guess("Home News Sport".split_whitespace()).is_any());
    }

    #[test]
    fn stopwords_respect_the_language() {
        let lex = Lexicon::builtin();
        let en = lex.guess("the and of to that is it was for on with as".split(' '));
        assert!(lex.is_stopword("the", en));
        assert!(!lex.is_stopword("und", en));
        assert!(lex.is_stopword("und", LangMask::ANY));
        assert!(lex.is_continuation("however", en));
    }

    #[test]
    fn words_longer_than_a_key_are_found_too() {
        let lex = Lexicon::parse(&[(
            "xx",
            "[stopwords]\nthe überdurchschnittlich a_word_of_twenty_six_bytes\n[continuations]\nhowever\n",
        )])
        .unwrap();
        assert!(lex.stopword_langs("überdurchschnittlich").0 == 1);
        assert!(lex.stopword_langs("a_word_of_twenty_six_bytes").0 == 1);
        assert!(lex.stopword_langs("a_word_of_twenty_six_byte").0 == 0);
        assert!(lex.stopword_langs("the").0 == 1 && lex.stopword_langs("thee").0 == 0);
        assert!(lex.continuation_langs("however").0 == 1);
    }

    /// What [`pack`] stands for: the bytes, zero-padded, and the length in the last byte.
    fn pack_by_copy(word: &[u8]) -> Option<u128> {
        (word.len() <= 15).then(|| {
            let mut key = [0u8; 16];
            key[..word.len()].copy_from_slice(word);
            key[15] = word.len() as u8;
            u128::from_le_bytes(key)
        })
    }

    proptest::proptest! {
        /// The loads of `pack` put each byte where a copy does, at every length.
        #[test]
        fn pack_is_a_copy(word in proptest::collection::vec(proptest::num::u8::ANY, 0..20)) {
            proptest::prop_assert_eq!(pack(&word), pack_by_copy(&word));
        }

        /// The table finds what a hash map of the same words finds, for words in it and not,
        /// short and long, with trailing zero bytes (which the length in the key tells apart).
        #[test]
        fn a_word_map_is_a_hash_map(
            words in proptest::collection::vec(("[ab\x00é]{0,18}", 1u32..4), 0..60),
            probes in proptest::collection::vec("[ab\x00é]{0,18}", 0..60),
        ) {
            let mut map: HashMap<String, u32> = HashMap::default();
            for (w, langs) in &words {
                *map.entry(w.clone()).or_default() |= langs;
            }
            let table = WordMap::new(map.clone());
            for w in words.iter().map(|(w, _)| w).chain(&probes) {
                proptest::prop_assert_eq!(table.get(w), map.get(w).copied().unwrap_or(0), "{:?}", w);
            }
        }
    }
}
