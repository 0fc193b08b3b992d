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
    stop: HashMap<String, u32>,
    cont: HashMap<String, u32>,
    /// The longest stopword, in bytes: a longer word is not looked up.
    stop_max: usize,
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
        let mut lex = Lexicon {
            codes: Vec::new(),
            stop: HashMap::default(),
            cont: HashMap::default(),
            stop_max: 0,
        };
        for (bit, (code, text)) in sources.iter().enumerate() {
            lex.codes.push(code.to_string());
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
                    Some("stopwords") => &mut lex.stop,
                    Some("continuations") => &mut lex.cont,
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
        lex.stop_max = lex.stop.keys().map(String::len).max().unwrap_or(0);
        Ok(lex)
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
        self.stop.get(word).is_some_and(|m| m & langs.0 != 0)
    }

    /// The languages in which `word` (already lowercase) is a stopword.
    pub fn stopword_langs(&self, word: &str) -> LangMask {
        if word.len() > self.stop_max {
            return LangMask(0);
        }
        LangMask(self.stop.get(word).copied().unwrap_or(0))
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
        LangMask(self.cont.get(word).copied().unwrap_or(0))
    }

    /// Guesses the language of a text from its stopwords: the language with the most hits, if it
    /// has at least 5 and 30% more than the runner-up; otherwise [`LangMask::ANY`].
    pub fn guess<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> LangMask {
        let mut hits = [0u32; 32];
        let mut lower = String::new();
        for w in words.into_iter().take(4000) {
            crate::text::lowercase_into(w, &mut lower);
            if let Some(m) = self.stop.get(lower.as_str()) {
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
}
