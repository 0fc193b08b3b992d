//! Properties of one line of text that the stages judge by: length, words, end punctuation,
//! capitalisation, stopword density. Nothing here knows about any site.
use crate::lang::{LangMask, Lexicon};

/// How a line ends, after closing quotes and brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// `.` or `…`
    Period,
    /// `?` or `!`
    Exclamation,
    Colon,
    /// `,` or `;`
    Comma,
    /// Anything else: a letter, a digit, a symbol.
    Open,
}

/// The measurable shape of a line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Stopwords of each of the first eight languages of the lexicon (saturating), for the
    /// document's language guess.
    pub lang_hits: [u8; 8],
    pub chars: usize,
    /// Tokens (split on whitespace) that contain a letter or a digit.
    pub words: usize,
    /// Words of 4+ letters (the denominator of the title-case ratio).
    pub long_words: usize,
    /// Long words that start with an uppercase letter.
    pub capitalized_long: usize,
    pub stopwords: usize,
    pub letters: usize,
    pub uppercase: usize,
    pub digits: usize,
    pub end: End,
    /// The first word starts with a lowercase letter.
    pub starts_lowercase: bool,
    /// The first word is a sentence-continuation word of the language ("This", "However").
    pub starts_with_continuation: bool,
}

impl Shape {
    /// Measures `text`. Stopwords and continuation words are judged in the line's own language
    /// (the one with the most stopwords in it), so a quote in another language or a mixed page
    /// is measured the same way whatever the rest of the page says.
    pub fn of(text: &str, lex: &Lexicon) -> Shape {
        Shape::with_content_words(text, lex, None)
    }

    /// [`Shape::of`] that also appends to `content` the hashes of the line's content words:
    /// its long words (see [`Shape::long_words`]) lowercase, which the classifier compares with
    /// the rest of the page. Measuring them here saves lowercasing every word twice.
    pub fn with_content_words(text: &str, lex: &Lexicon, content: Option<&mut Vec<u64>>) -> Shape {
        thread_local! {
            static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        LOWER.with(|b| Shape::measure(text, lex, &mut b.borrow_mut(), content))
    }

    /// [`Shape::with_content_words`] with a scratch buffer for lowercased words.
    fn measure(
        text: &str,
        lex: &Lexicon,
        lower: &mut String,
        content: Option<&mut Vec<u64>>,
    ) -> Shape {
        Shape::measure_as(text, lex, lower, content, false)
    }

    /// [`Shape::measure`]: ASCII words and runs of ASCII bytes are measured byte by byte (on
    /// them, Unicode's classes and case are ASCII's), the rest a char at a time; `by_chars`
    /// measures everything a char at a time, which is the definition the tests hold the
    /// byte-wise paths to.
    fn measure_as(
        text: &str,
        lex: &Lexicon,
        lower: &mut String,
        mut content: Option<&mut Vec<u64>>,
        by_chars: bool,
    ) -> Shape {
        let mut s = Shape {
            lang_hits: [0; 8],
            chars: 0,
            words: 0,
            long_words: 0,
            capitalized_long: 0,
            stopwords: 0,
            letters: 0,
            uppercase: 0,
            digits: 0,
            end: line_end(text),
            starts_lowercase: false,
            starts_with_continuation: false,
        };
        let mut per_lang = [0usize; 32];
        // The languages in which the first word continues a sentence.
        let mut first_continues = 0u32;
        // A word: lowercase, whether it starts with a lowercase or an uppercase letter,
        // whether it is 4 or more letters, and how many words it counts for (more than one for
        // a token of a script written without spaces: see [`unspaced_words`]).
        let mut count =
            |word: Word, first_lower: bool, first_upper: bool, long_letters: bool, units: usize| {
                let first = s.words == 0;
                s.words += units;
                let mask = word.langs(lex, Lexicon::stopword_langs, Lexicon::stopword_langs_packed);
                let mut bits = mask.0;
                while bits != 0 {
                    per_lang[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
                if first {
                    s.starts_lowercase = first_lower;
                    first_continues = word
                        .langs(
                            lex,
                            Lexicon::continuation_langs,
                            Lexicon::continuation_langs_packed,
                        )
                        .0;
                }
                // A stopword is counted per language above.
                if mask.0 == 0 && long_letters {
                    s.long_words += 1;
                    if let Some(content) = content.as_deref_mut() {
                        content.push(word.hash());
                    }
                    if first_upper {
                        s.capitalized_long += 1;
                    }
                }
            };
        [s.chars, s.letters, s.uppercase, s.digits] = if by_chars {
            char_counts(text)
        } else {
            counts(text)
        };
        for (token, ascii) in Tokens::of(text) {
            if ascii && !by_chars {
                let bytes = token.as_bytes();
                let Some(lead) = bytes.iter().position(u8::is_ascii_alphanumeric) else {
                    continue;
                };
                let end = bytes
                    .iter()
                    .rposition(u8::is_ascii_alphanumeric)
                    .unwrap_or(lead)
                    + 1;
                let word = &bytes[lead..end];
                let initial = word[0];
                let (first_lower, first_upper) =
                    (initial.is_ascii_lowercase(), initial.is_ascii_uppercase());
                match crate::lang::pack(word) {
                    // Lowercased and checked for letters eight bytes at a time, and looked up
                    // as a number.
                    Some(key) => {
                        let (key, letters) = lowercase_packed(key);
                        let long_letters = word.len() >= 4 && letters;
                        count(Word::Packed(key), first_lower, first_upper, long_letters, 1);
                    }
                    None => {
                        lower.clear();
                        lower.push_str(&token[lead..end]);
                        lower.make_ascii_lowercase();
                        let long_letters = word.iter().all(u8::is_ascii_alphabetic);
                        count(Word::Text(lower), first_lower, first_upper, long_letters, 1);
                    }
                }
            } else {
                let word = token.trim_matches(|c: char| !c.is_alphanumeric());
                if word.is_empty() {
                    continue;
                }
                lowercase_into(word, lower);
                let long_letters =
                    word.chars().count() >= 4 && word.chars().all(char::is_alphabetic);
                let initial = word.chars().next().expect("not empty");
                count(
                    Word::Text(lower),
                    initial.is_lowercase(),
                    initial.is_uppercase(),
                    long_letters,
                    unspaced_words(word),
                );
            }
        }
        // The density of the line's own language: the best of all languages, so a quote in
        // another language or a mixed page does not look like a word list.
        s.stopwords = per_lang[..lex.len()].iter().copied().max().unwrap_or(0);
        for (h, &n) in s.lang_hits.iter_mut().zip(&per_lang) {
            *h = n.min(255) as u8;
        }
        if s.stopwords > 0 {
            let line_langs = per_lang[..lex.len()]
                .iter()
                .enumerate()
                .filter(|&(_, &n)| n == s.stopwords)
                .fold(0u32, |m, (bit, _)| m | 1 << bit);
            s.starts_with_continuation = first_continues & line_langs != 0;
        }
        s
    }

    /// Share of stopwords among the words.
    pub fn stopword_ratio(&self) -> f32 {
        ratio(self.stopwords, self.words)
    }

    /// Share of capitalised words among the long non-stopwords (1.0 for "Title Case").
    pub fn title_case_ratio(&self) -> f32 {
        ratio(self.capitalized_long, self.long_words)
    }

    /// Ends like a sentence: `.`, `…`, `?` or `!`.
    pub fn ends_sentence(&self) -> bool {
        matches!(self.end, End::Period | End::Exclamation)
    }

    /// Looks like a heading or a link: short, has letters, does not end like a sentence
    /// (a question or exclamation counts as a heading when it is short or in Title Case).
    pub fn heading_like(&self) -> bool {
        if self.words == 0 || self.words > 20 || self.chars > 200 || self.letters == 0 {
            return false;
        }
        match self.end {
            End::Period | End::Comma => false,
            End::Exclamation => self.words <= 6 || self.title_case_ratio() >= 0.6,
            End::Colon | End::Open => true,
        }
    }

    /// Looks like running text of an article: a sentence of some length with function words.
    pub fn prose_like(&self, langs: LangMask) -> bool {
        if self.heading_like() {
            return false;
        }
        let stop_ok = langs.is_any() || self.stopword_ratio() >= 0.12;
        (self.words >= 8 && self.ends_sentence() && stop_ok)
            || (self.words >= 20 && stop_ok && self.stopword_ratio() >= 0.2)
    }

    /// A headline (of this or another article): heading-like, several words, most of them
    /// capitalised.
    pub fn headline_like(&self) -> bool {
        self.heading_like() && self.words >= 6 && self.title_case_ratio() >= 0.7
    }
}

/// Characters, letters, uppercase letters and digits, a char at a time: the definition of
/// [`counts`].
fn char_counts(text: &str) -> [usize; 4] {
    let mut n = [0; 4];
    for c in text.chars() {
        n[0] += 1;
        if c.is_alphabetic() {
            n[1] += 1;
            if c.is_uppercase() {
                n[2] += 1;
            }
        } else if c.is_numeric() {
            n[3] += 1;
        }
    }
    n
}

/// [`char_counts`], eight ASCII bytes at a time where they are ASCII (there the Unicode
/// classes are the ASCII ones), else a char at a time.
fn counts(text: &str) -> [usize; 4] {
    let bytes = text.as_bytes();
    let mut n = [0; 4];
    let mut at = 0;
    while at < bytes.len() {
        if let Some(block) = bytes.get(at..at + 8) {
            let block = u64::from_le_bytes(block.try_into().expect("eight bytes"));
            if block & AsciiClasses::HIGH == 0 {
                let k = AsciiClasses::of(block);
                n[0] += 8;
                n[1] += AsciiClasses::count(k.upper | k.lower);
                n[2] += AsciiClasses::count(k.upper);
                n[3] += AsciiClasses::count(k.digit);
                at += 8;
                continue;
            }
        }
        let b = bytes[at];
        if b.is_ascii() {
            n[0] += 1;
            n[1] += usize::from(b.is_ascii_alphabetic());
            n[2] += usize::from(b.is_ascii_uppercase());
            n[3] += usize::from(b.is_ascii_digit());
            at += 1;
            continue;
        }
        let c = text[at..].chars().next().expect("a char starts here");
        at += c.len_utf8();
        n[0] += 1;
        if c.is_alphabetic() {
            n[1] += 1;
            n[2] += usize::from(c.is_uppercase());
        } else {
            n[3] += usize::from(c.is_numeric());
        }
    }
    n
}

/// A lowercase word as [`Shape::measure_as`] looks it up: its text, or the [`pack`] of an ASCII
/// word of at most 15 bytes.
///
/// [`pack`]: crate::lang::pack
#[derive(Clone, Copy)]
enum Word<'a> {
    Text(&'a str),
    Packed(u128),
}

impl Word<'_> {
    /// The languages a lexicon's list gives the word: `text` looks up a text, `packed` a key.
    fn langs(
        self,
        lex: &Lexicon,
        text: impl Fn(&Lexicon, &str) -> LangMask,
        packed: impl Fn(&Lexicon, u128) -> LangMask,
    ) -> LangMask {
        match self {
            Word::Text(t) => text(lex, t),
            Word::Packed(k) => packed(lex, k),
        }
    }

    /// The hash of the word's text.
    fn hash(self) -> u64 {
        match self {
            Word::Text(t) => xxhash_rust::xxh3::xxh3_64(t.as_bytes()),
            Word::Packed(k) => {
                let bytes = k.to_le_bytes();
                xxhash_rust::xxh3::xxh3_64(&bytes[..usize::from(bytes[15])])
            }
        }
    }
}

/// The [`pack`] of an ASCII word lowercased, and whether all its bytes are letters.
///
/// [`pack`]: crate::lang::pack
fn lowercase_packed(key: u128) -> (u128, bool) {
    let len = (key >> 120) as u32;
    let (lo, hi) = (key as u64, (key >> 64) as u64);
    let (a, b) = (AsciiClasses::of(lo), AsciiClasses::of(hi));
    // The high bit of each of the word's bytes (the length byte and the padding are not).
    let mask =
        |bytes: u32| AsciiClasses::HIGH & 1u64.checked_shl(8 * bytes).map_or(u64::MAX, |b| b - 1);
    let (in_lo, in_hi) = (mask(len.min(8)), mask(len.saturating_sub(8)));
    let letters = (a.upper | a.lower) & in_lo == in_lo && (b.upper | b.lower) & in_hi == in_hi;
    // An uppercase letter's high bit, two places down, is the 0x20 that lowercases it.
    let lower = u128::from(lo | a.upper >> 2) | u128::from(hi | b.upper >> 2) << 64;
    (lower, letters)
}

/// The tokens of a text as [`str::split_whitespace`] gives them, each with whether it is
/// ASCII: ASCII bytes are judged by a comparison, only other chars are decoded.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    fn of(text: &'a str) -> Tokens<'a> {
        Tokens { text, at: 0 }
    }

    /// The char at byte `at`, if it is whitespace: its length.
    fn space_at(&self, at: usize) -> Option<usize> {
        let b = self.text.as_bytes()[at];
        if b.is_ascii() {
            return is_ascii_space(b).then_some(1);
        }
        let c = self.text[at..].chars().next().expect("a char starts here");
        c.is_whitespace().then(|| c.len_utf8())
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (&'a str, bool);

    fn next(&mut self) -> Option<(&'a str, bool)> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() {
            match self.space_at(self.at) {
                Some(len) => self.at += len,
                None => break,
            }
        }
        if self.at == bytes.len() {
            return None;
        }
        let start = self.at;
        let mut ascii = true;
        while self.at < bytes.len() {
            // Eight bytes at a time up to the first whitespace or non-ASCII byte.
            if let Some(block) = bytes.get(self.at..self.at + 8) {
                let block = u64::from_le_bytes(block.try_into().expect("eight bytes"));
                let high = block & AsciiClasses::HIGH;
                let k = AsciiClasses::of(block & !AsciiClasses::HIGH);
                let stop = high | k.space | k.other_space;
                if stop == 0 {
                    self.at += 8;
                    continue;
                }
                self.at += stop.trailing_zeros() as usize / 8;
            }
            let b = bytes[self.at];
            if b.is_ascii() {
                if is_ascii_space(b) {
                    break;
                }
                self.at += 1;
            } else {
                if self.space_at(self.at).is_some() {
                    break;
                }
                ascii = false;
                // A UTF-8 sequence is its lead byte's leading ones long.
                self.at += (b.leading_ones() as usize).max(1);
            }
        }
        Some((&self.text[start..self.at], ascii))
    }
}

/// Whether `c` is a character (a letter, a digit or a mark) of a script written without spaces
/// between words (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar): in such text, a run of
/// letters between spaces or punctuation is a phrase or a sentence, not a word. (Korean puts
/// spaces between words.)
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0e00..=0x0eff       // Thai, Lao
        | 0x1000..=0x109f     // Myanmar
        | 0x1780..=0x17ff     // Khmer
        | 0x3005..=0x3007     // 々 〆 〇
        | 0x3040..=0x30ff     // Hiragana, Katakana
        | 0x31f0..=0x31ff     // Katakana extensions
        | 0x3400..=0x4dbf     // CJK extension A
        | 0x4e00..=0x9fff     // CJK unified ideographs
        | 0xf900..=0xfaff     // CJK compatibility ideographs
        | 0xff66..=0xff9f     // halfwidth Katakana
        | 0x20000..=0x3134f   // CJK extensions B to G
    )
}

/// How many words a token counts for: 1, or for a token with letters of a script written
/// without spaces between words ([`is_unspaced`]: Chinese, Japanese, Thai…) one word per two
/// such letters (rounded up; a Chinese word is one to three characters, most often two) plus
/// one per run of other letters or digits between them. `"東京タワー"` counts 3, `"2026年3月"`
/// 3. A Thai or Khmer vowel sign written over its consonant counts as a letter (Unicode calls
/// it alphabetic), so a Thai word counts about two: a rough measure, but of the right order.
pub fn unspaced_words(token: &str) -> usize {
    // Such letters are all three or four bytes long in UTF-8; accented Latin letters are two.
    if !token.bytes().any(|b| b >= 0xE0) {
        return 1;
    }
    let mut letters: usize = 0;
    let mut others = 0;
    let mut in_other = false;
    for c in token.chars() {
        if is_unspaced(c) {
            if c.is_alphanumeric() {
                letters += 1;
                in_other = false;
            }
        } else if c.is_alphanumeric() {
            others += usize::from(!in_other);
            in_other = true;
        } else {
            in_other = false;
        }
    }
    if letters == 0 {
        1
    } else {
        letters.div_ceil(2) + others
    }
}

/// Whether an ASCII byte is Unicode whitespace: `\t` to `\r` and the space (not the same as
/// [`u8::is_ascii_whitespace`], which leaves out `\x0b`).
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The ASCII classes of eight bytes below 0x80 (little-endian in a `u64`), found without
/// branches: in each mask, the high bit of a byte is set when the byte is of the class.
pub(crate) struct AsciiClasses {
    pub upper: u64,
    pub lower: u64,
    pub digit: u64,
    /// `' '`.
    pub space: u64,
    /// The other ASCII whitespace: `\t` to `\r`.
    pub other_space: u64,
}

impl AsciiClasses {
    const ONES: u64 = 0x0101_0101_0101_0101;
    pub const HIGH: u64 = 0x8080_8080_8080_8080;

    /// The high bit of each byte: the byte is at least `c` (no carry crosses a byte, as every
    /// byte is below 0x80).
    fn at_least(block: u64, c: u8) -> u64 {
        debug_assert_eq!(block & Self::HIGH, 0);
        (block + Self::ONES * u64::from(0x80 - c)) & Self::HIGH
    }

    pub fn of(block: u64) -> AsciiClasses {
        let at_least = |c: u8| Self::at_least(block, c);
        AsciiClasses {
            upper: at_least(b'A') & !at_least(b'Z' + 1),
            lower: at_least(b'a') & !at_least(b'z' + 1),
            digit: at_least(b'0') & !at_least(b'9' + 1),
            space: at_least(b' ') & !at_least(b' ' + 1),
            other_space: at_least(b'\t') & !at_least(b'\r' + 1),
        }
    }

    /// The high bit of each byte that is `c` (eight bytes below 0x80).
    pub fn equal(block: u64, c: u8) -> u64 {
        Self::at_least(block, c) & !Self::at_least(block, c + 1)
    }

    /// The mask of the control characters among eight bytes below 0x80: `\0` to `\x1f` and
    /// `\x7f`.
    pub fn control(block: u64) -> u64 {
        (!Self::at_least(block, b' ') & Self::HIGH) | Self::at_least(block, 0x7f)
    }

    /// How many bytes a mask marks.
    fn count(mask: u64) -> usize {
        ((mask >> 7).wrapping_mul(Self::ONES) >> 56) as usize
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// The end of a line, ignoring closing quotes, brackets and trailing spaces.
pub fn line_end(text: &str) -> End {
    let last = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', '«', ')', ']', '“', '›', '*'])
        .chars()
        .next_back();
    match last {
        Some('.' | '…' | '。') => End::Period,
        Some('?' | '!' | '？' | '！') => End::Exclamation,
        Some(':' | '：') => End::Colon,
        Some(',' | ';' | '，') => End::Comma,
        _ => End::Open,
    }
}

/// Folds a line for comparison: lowercase letters and digits, every run of anything else one
/// space. `"The  Title!"` and `"the title"` fold alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Each ASCII byte's fold: letters and digits lowercase, anything else 0.
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// [`fold`] into a buffer (cleared first), so hot paths can reuse one.
pub fn fold_into(text: &str, out: &mut String) {
    // Into a buffer written by index (no growth checks in the loop). Eight bytes of ASCII
    // letters, digits and single spaces are folded at once; anything else byte by byte: an
    // ASCII byte's Unicode class and case mapping are the ASCII ones; other characters are
    // decoded where they start, and make room for their lowercase (at most 3 chars) as they
    // go. The output never outgrows the input consumed by more than that room, so a block of
    // eight (and a space before it) always fits.
    let mut folded = std::mem::take(out).into_bytes();
    folded.clear();
    folded.resize(text.len() + 16, 0);
    let (mut len, mut at) = (0, 0);
    // A space is written before the next letter or digit, unless the fold is still empty.
    let mut space = false;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let slow_until = match bytes.get(at..at + 8) {
            Some(block) => {
                let block = u64::from_le_bytes(block.try_into().expect("eight bytes"));
                if let Some(plain) = PlainBlock::of(block, Kept::Alphanumeric, space, len > 0) {
                    folded[len] = b' ';
                    len += usize::from(plain.space_before);
                    folded[len..len + 8].copy_from_slice(&plain.folded.to_le_bytes());
                    len += plain.len;
                    space = plain.space_after;
                    at += 8;
                    continue;
                }
                at + 8
            }
            None => bytes.len(),
        };
        while at < slow_until {
            let b = bytes[at];
            if b.is_ascii() {
                // Without branches, which words and spaces would mispredict: both bytes are
                // written, and `len` moves past the ones that count.
                at += 1;
                let lower = ASCII_FOLD[usize::from(b)];
                let alnum = lower != 0;
                folded[len] = b' ';
                len += usize::from(space & alnum & (len > 0));
                folded[len] = lower;
                len += usize::from(alnum);
                space = !alnum;
                continue;
            }
            let c = text[at..].chars().next().expect("a char starts here");
            at += c.len_utf8();
            if c.is_alphanumeric() {
                // The rest of the text still fits after the worst case here: a space and three
                // chars of four bytes.
                let need = len + 13 + (bytes.len() - at);
                if folded.len() < need {
                    folded.resize(need + 16, 0);
                }
                if space && len > 0 {
                    folded[len] = b' ';
                    len += 1;
                }
                space = false;
                // Lowercase "İ" is "i" and a combining dot, which is not a letter: drop it, so
                // that a fold folds to itself.
                for l in c.to_lowercase().filter(|l| l.is_alphanumeric()) {
                    len += l.encode_utf8(&mut folded[len..]).len();
                }
            } else {
                space = true;
            }
        }
    }
    folded.truncate(len);
    *out = String::from_utf8(folded).expect("whole characters were copied");
}

/// What a plain block may hold besides single spaces.
#[derive(Clone, Copy)]
pub(crate) enum Kept {
    /// ASCII letters and digits (the fold of [`fold_into`]).
    Alphanumeric,
    /// Any ASCII byte but whitespace (the fold of the dedup signature, which keeps
    /// punctuation).
    AllButWhitespace,
}

/// Eight bytes (little-endian in a `u64`) that fold as they are, lowercased: bytes of the
/// [`Kept`] class and spaces that are single and do not start the fold. Both folds of the
/// crate write a run of whitespace as one space, and none at the start or the end.
pub(crate) struct PlainBlock {
    /// The eight bytes lowercased.
    pub folded: u64,
    /// How many of them the fold takes: 7 when the last one is a space, which is only written
    /// if something follows it.
    pub len: usize,
    /// A space is written before the block (one was pending and the block starts a word).
    pub space_before: bool,
    /// The last byte is a space.
    pub space_after: bool,
}

impl PlainBlock {
    /// The block's fold, if it is plain, when a space is `pending` and the fold `started`.
    pub(crate) fn of(block: u64, kept: Kept, pending: bool, started: bool) -> Option<PlainBlock> {
        if block & AsciiClasses::HIGH != 0 {
            return None;
        }
        let k = AsciiClasses::of(block);
        let spaces = k.space;
        let allowed = match kept {
            Kept::Alphanumeric => k.upper | k.lower | k.digit,
            Kept::AllButWhitespace => AsciiClasses::HIGH & !(k.space | k.other_space),
        };
        let first_space = spaces & 0x80 != 0;
        if (allowed | spaces) != AsciiClasses::HIGH
            || spaces & (spaces << 8) != 0
            || (first_space && (pending || !started))
        {
            return None;
        }
        let last_space = spaces >> 63 != 0;
        Some(PlainBlock {
            folded: block | (k.upper >> 2),
            len: 8 - usize::from(last_space),
            space_before: pending && started && !first_space,
            space_after: last_space,
        })
    }
}

/// [`fold_into`] a char at a time: the definition the byte-wise fold is tested against.
#[cfg(test)]
fn fold_chars_into(text: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
        } else {
            space = true;
        }
    }
}

/// Lowercases a word into a buffer (cleared first), ASCII without tables.
pub fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

const SITE_SEPARATORS: [&str; 9] = [
    " | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " • ",
];

/// The bytes that follow the space of some site separator (their second bytes).
const SEPARATOR_SECOND_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < SITE_SEPARATORS.len() {
        t[SITE_SEPARATORS[k].as_bytes()[1] as usize] = true;
        k += 1;
    }
    t
};

/// The versions of a page title without a site name: `"Title | Site"` → `"Title"`,
/// `"Site | Title"` → `"Title"`. The cut part must be short (at most 6 words) and the rest must
/// keep at least 2 words.
pub fn title_cores(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let words = |s: &str| s.split_whitespace().map(unspaced_words).sum::<usize>();
    // At most 6 words and 60 characters (counted only when the words are few).
    let short = |s: &str, n: usize| (1..=6).contains(&n) && s.chars().count() <= 60;
    let Some((first, last)) = separators(text) else {
        return out;
    };
    // suffix: cut at the last separator
    let (at, sep) = last;
    let (head, tail) = (&text[..at], &text[at + sep.len()..]);
    let (h, t) = (words(head), words(tail));
    if short(tail, t) && h >= 2 && t < h {
        out.push(head.trim());
    }
    // prefix: cut at the first separator
    let (at, sep) = first;
    let (head, tail) = (&text[..at], &text[at + sep.len()..]);
    let (h, t) = (words(head), words(tail));
    if short(head, h) && t >= 2 && h < t {
        out.push(tail.trim());
    }
    out
}

/// A page title and its versions without site or section names, cut one at a time from either
/// end by [`title_cores`]: `"Headline | UK News | Sky News"` gives itself, `"Headline | UK
/// News"` and `"Headline"`.
pub fn site_name_cuts(title: &str) -> Vec<&str> {
    let mut cuts = vec![title];
    let mut k = 0;
    while k < cuts.len() {
        for core in title_cores(cuts[k]) {
            if !cuts.contains(&core) {
                cuts.push(core);
            }
        }
        k += 1;
    }
    cuts
}

/// A site separator and where it starts.
type SeparatorAt = (usize, &'static str);

/// Where the first and the last site separator start (one scan: every separator starts with a
/// space).
fn first_and_last_separator(text: &str) -> Option<(SeparatorAt, SeparatorAt)> {
    let bytes = text.as_bytes();
    let mut found = memchr::memchr_iter(b' ', bytes).filter_map(|at| {
        // Most spaces are passed at once: no separator goes on with the next byte.
        if !bytes
            .get(at + 1)
            .is_some_and(|&b| SEPARATOR_SECOND_BYTES[usize::from(b)])
        {
            return None;
        }
        SITE_SEPARATORS
            .iter()
            .find(|sep| bytes[at..].starts_with(sep.as_bytes()))
            .map(|sep| (at, *sep))
    });
    let first = found.next()?;
    Some((first, found.next_back().unwrap_or(first)))
}

/// Separators written without spaces, in titles of scripts written without them
/// (`"标题_网站名"`, `"标题｜网站名"`): taken only right after such a letter, before a letter.
const UNSPACED_SEPARATORS: [&str; 5] = ["_", "|", "｜", "——", "—"];

/// [`first_and_last_separator`], and in text with letters of a script written without spaces
/// (see [`is_unspaced`]) the [`UNSPACED_SEPARATORS`] too.
fn separators(text: &str) -> Option<(SeparatorAt, SeparatorAt)> {
    let spaced = first_and_last_separator(text);
    // Such letters are three or four bytes long: text without such bytes has none.
    if !text.bytes().any(|b| b >= 0xE0) {
        return spaced;
    }
    let mut found: Vec<SeparatorAt> = spaced.into_iter().flat_map(|(a, b)| [a, b]).collect();
    let mut previous = None;
    for (at, c) in text.char_indices() {
        if previous.is_some_and(is_unspaced)
            && let Some(sep) = UNSPACED_SEPARATORS
                .iter()
                .find(|sep| text[at..].starts_with(**sep))
            && text[at + sep.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            found.push((at, sep));
        }
        previous = Some(c);
    }
    let first = *found.iter().min_by_key(|(at, _)| *at)?;
    let last = *found.iter().max_by_key(|(at, _)| *at)?;
    Some((first, last))
}

/// Whether a line may carry a site name ("Title | Site"): it has one of the separators.
pub fn may_have_site_name(text: &str) -> bool {
    // The ASCII ones by a vector search; the others are encoded from 0xC2 or 0xE2 on, and
    // only a line with one of those bytes is searched for them char by char.
    let bytes = text.as_bytes();
    memchr::memchr3(b'|', b'-', b':', bytes).is_some()
        || (memchr::memchr2(0xc2, 0xe2, bytes).is_some()
            && text.contains(['–', '—', '·', '«', '»', '•']))
        || ((memchr::memchr(b'_', bytes).is_some() || text.contains('｜'))
            && text.chars().any(is_unspaced))
}

/// Whether a line is HTML tags and nothing else but punctuation and spaces (markup a scraper
/// saved as text, often escaped and decoded by the normalizer): `<span
/// class="x"></span>`, `<br />`, `<!-- -->`. A tag is `<` and a letter, `/` or `!`, up to the
/// next `>`; a `<` that starts none is an ordinary character (`a < b`, `<3`).
pub fn is_markup_only(text: &str) -> bool {
    if memchr::memchr(b'<', text.as_bytes()).is_none() {
        return false;
    }
    let bytes = text.as_bytes();
    let (mut at, mut tags) = (0, 0);
    // Once no `>` is left, no later `<` opens a tag: looking again for each would be quadratic.
    let mut closes = true;
    while at < bytes.len() {
        let opens_tag = closes
            && bytes[at] == b'<'
            && bytes
                .get(at + 1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!');
        if opens_tag {
            match memchr::memchr(b'>', &bytes[at..]) {
                Some(len) => {
                    at += len + 1;
                    tags += 1;
                    continue;
                }
                None => closes = false,
            }
        }
        let c = text[at..].chars().next().expect("a char starts here");
        if c.is_alphanumeric() {
            return false;
        }
        at += c.len_utf8();
    }
    tags > 0
}

/// Whether two lines are the same heading: equal after folding, or equal once a site name is
/// cut from either.
pub fn same_heading(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    if fa.is_empty() || fb.is_empty() {
        return false;
    }
    if fa == fb {
        return true;
    }
    title_cores(a).iter().any(|c| fold(c) == fb) || title_cores(b).iter().any(|c| fold(c) == fa)
}

/// The separators of a menu or a breadcrumb written on one line (also a feature of the line
/// classifier: its model was trained on exactly these).
pub const MENU_SEPARATORS: [char; 7] = ['|', '›', '»', '·', '•', '/', '>'];

/// Which ASCII bytes are [`MENU_SEPARATORS`].
const ASCII_MENU_SEPARATORS: [bool; 128] = {
    let mut t = [false; 128];
    let mut k = 0;
    while k < MENU_SEPARATORS.len() {
        let c = MENU_SEPARATORS[k] as usize;
        if c < 128 {
            t[c] = true;
        }
        k += 1;
    }
    t
};

/// Whether an ASCII byte is one of the [`MENU_SEPARATORS`] (a table lookup).
pub(crate) fn is_ascii_menu_separator(b: u8) -> bool {
    ASCII_MENU_SEPARATORS[usize::from(b & 0x7f)]
}

/// Breadcrumb or menu written on one line: at least two short items joined by
/// [`MENU_SEPARATORS`] or arrows (`→`).
pub fn is_breadcrumb(text: &str) -> bool {
    let sep = |c: char| MENU_SEPARATORS.contains(&c) || c == '→';
    // Most lines have no separator at all: an ASCII line needs one of the ASCII ones.
    let found = if text.is_ascii() {
        text.bytes().any(is_ascii_menu_separator)
    } else {
        text.contains(sep)
    };
    if !found {
        return false;
    }
    let parts: Vec<&str> = text
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .filter(|p| p.contains(char::is_alphabetic))
        .count()
        >= 2
        && parts.iter().all(|p| p.split_whitespace().count() <= 4)
        && line_end(text) != End::Period
        && text.contains(|c: char| c.is_alphabetic())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn shape(t: &str) -> Shape {
        Shape::of(t, Lexicon::builtin())
    }

    /// Texts of up to 40 pieces, each drawn from one of `pieces` (regexes) or, as often as from
    /// any one of them, any char: in a plain alternation `\PC` would win almost every time.
    pub(crate) fn mostly(
        pieces: &[&'static str],
    ) -> impl proptest::strategy::Strategy<Value = String> + use<> {
        use proptest::strategy::Strategy;
        let mut options: Vec<proptest::strategy::BoxedStrategy<String>> =
            pieces.iter().map(|p| (*p).boxed()).collect();
        options.push("\\PC".boxed());
        proptest::collection::vec(proptest::strategy::Union::new(options), 0..40)
            .prop_map(|pieces| pieces.concat())
    }

    /// Titles of scripts written without spaces put the site's name after `_`, `|`, `｜` or
    /// a dash with no space around it; elsewhere those are parts of words.
    #[test]
    fn unspaced_titles_lose_their_site_names() {
        for (title, core) in [
            (
                "城市图书馆周末延长开放时间_本地日报",
                "城市图书馆周末延长开放时间",
            ),
            (
                "城市图书馆周末延长开放时间｜本地日报",
                "城市图书馆周末延长开放时间",
            ),
            (
                "城市图书馆周末延长开放时间——本地日报",
                "城市图书馆周末延长开放时间",
            ),
            (
                "図書館の開館時間を延長へ|地域新聞",
                "図書館の開館時間を延長へ",
            ),
        ] {
            assert!(may_have_site_name(title), "{title}");
            assert_eq!(title_cores(title), [core], "{title}");
        }
        for title in ["snake_case_names in Rust code", "东京_2020", "a_b"] {
            assert!(title_cores(title).is_empty(), "{title}");
        }
    }

    /// Scripts written without spaces count a word per two letters, plus the runs of other
    /// letters or digits between them; everything else is one word per token.
    #[test]
    fn unspaced_tokens_count_by_their_letters() {
        for (token, words) in [
            ("harbour", 1),
            ("Straße", 1),
            ("東京タワー", 3),
            ("2026年3月", 3),
            ("图书馆", 2),
            (
                "市图书馆昨日宣布，自下月起，周六和周日的开放时间将延长至晚上十点。",
                15,
            ),
            ("iPhone用", 2),
            ("สวัสดี", 3),
        ] {
            assert_eq!(unspaced_words(token), words, "{token}");
        }
        let lex = Lexicon::builtin();
        let line = "市图书馆昨日宣布，自下月起，周六和周日的开放时间将延长至晚上十点，以满足学生和上班族的阅读需求。";
        let shape = Shape::of(line, lex);
        assert_eq!(shape.words, 22);
        assert!(shape.prose_like(crate::lang::LangMask::ANY));
        assert!(!Shape::of("相关新闻", lex).prose_like(crate::lang::LangMask::ANY));
    }

    #[test]
    fn markup_only_lines_are_tags_and_nothing_else() {
        for s in [
            "<br>",
            "<br />",
            "<span data-mce-type=\"bookmark\" style=\"width: 0px;\" class=\"x\"></span>",
            "<p>\u{a0}</p>",
            " <div> | </div> ",
            "<!-- ad slot -->",
        ] {
            assert!(is_markup_only(s), "{s}");
        }
        for s in [
            "",
            "plain text",
            "<p>Text in a paragraph</p>",
            "a < b > c",
            "<3 <3",
            "<",
            "<unclosed",
            "Use the <br> tag for a line break.",
            "<b>Über</b>",
            "<i>2024</i>",
            "<!<!<!<!",
            "<br> <b",
        ] {
            assert!(!is_markup_only(s), "{s}");
        }
    }

    #[test]
    fn the_control_mask_marks_the_ascii_controls() {
        for b in 0u8..0x80 {
            for at in 0..8 {
                let mut block = *b"abcdefgh";
                block[at] = b;
                let mask = AsciiClasses::control(u64::from_le_bytes(block));
                let want = if b.is_ascii_control() {
                    0x80 << (8 * at)
                } else {
                    0
                };
                assert_eq!(mask, want, "byte {b:#x} at {at}");
            }
        }
    }

    proptest::proptest! {
        /// A fold is runs of lowercase text with one space between them, whatever the input, and
        /// folds to itself.
        #[test]
        fn fold_gives_lowercase_runs_and_single_spaces(
            text in mostly(&["[ A-Za-z0-9.,!]", "İ", "Ä", "ö", "ß", "—"])
        ) {
            let folded = fold(&text);
            proptest::prop_assert_eq!(fold(&folded), folded.clone());
            proptest::prop_assert!(!folded.starts_with(' ') && !folded.ends_with(' '));
            proptest::prop_assert!(!folded.contains("  "));
            proptest::prop_assert_eq!(folded.to_lowercase(), folded.clone());
            let runs = text.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty());
            proptest::prop_assert_eq!(folded.split(' ').filter(|r| !r.is_empty()).count(), runs.count());
        }

        /// The byte-wise fold is the char-wise one, on words and spaces (folded eight bytes at
        /// a time) as on anything else.
        #[test]
        fn fold_is_the_char_wise_fold(
            text in mostly(&[
                "[ A-Za-z0-9.,!]", "[A-Za-z0-9]{1,9} {1,2}", "İ", "Ä", "ö", "ß", "—", "\\u{300}", "Ⅻ",
            ])
        ) {
            let mut chars = String::new();
            fold_chars_into(&text, &mut chars);
            proptest::prop_assert_eq!(fold(&text), chars);
        }

        /// A site separator is found by bytes as by chars.
        #[test]
        fn site_separators_are_found_as_chars_are(
            text in mostly(&["[ a-z]", "[|:-]", "[·«»]", "[–—•’]", "é", "\u{2000}", "\u{b0}"])
        ) {
            let chars = text.contains(['|', '-', '–', '—', ':', '·', '«', '»', '•']);
            proptest::prop_assert_eq!(may_have_site_name(&text), chars);
        }

        /// On ASCII text the byte counts are the character counts.
        #[test]
        fn ascii_counts_are_char_counts(text in "[\\x00-\\x7f]{0,60}") {
            proptest::prop_assert_eq!(counts(&text), char_counts(&text));
        }

        /// Counted eight ASCII bytes at a time or a char at a time, text of any script gives
        /// the character counts.
        #[test]
        fn counts_are_char_counts(
            text in mostly(&["[ A-Za-z0-9.,]{1,12}", "[ÄöéΩИ’—\u{a0}\u{2003}٣Ⅻ]"])
        ) {
            proptest::prop_assert_eq!(counts(&text), char_counts(&text));
        }

        /// The tokens are `split_whitespace`'s, and know whether they are ASCII.
        #[test]
        fn tokens_are_split_whitespace_s(
            text in mostly(&[
                "[ a-z.\t\x0b]{1,6}", "[a-z]{7,20}", "[é’\u{a0}\u{85}\u{2003}\u{3000}\u{1680}]",
            ])
        ) {
            let tokens: Vec<(&str, bool)> = Tokens::of(&text).collect();
            let split: Vec<(&str, bool)> =
                text.split_whitespace().map(|t| (t, t.is_ascii())).collect();
            proptest::prop_assert_eq!(tokens, split);
        }

        /// The byte-wise measurement is the char-wise one, content words too, on ASCII text
        /// and on text with other scripts.
        #[test]
        fn shape_is_the_char_wise_shape(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    "[ \t\x0b\x0c\r]",
                    "(the|and|der|und|However|Also|This|le|y)",
                    "[A-Za-z]{1,9}",
                    "[0-9]{1,4}",
                    "[-.,!?:;'\"()|/]",
                    "[\x00-\x7f]",
                    "(Über|naïve|ÄRGER|İstanbul|x²|Ⅻ|日本|’s|«|—)",
                    "[\u{a0}\u{2003}\u{85}]",
                ],
                0..40,
            )
        ) {
            let text = pieces.concat();
            let lex = Lexicon::builtin();
            let (mut lower, mut by_bytes, mut by_chars) = (String::new(), vec![], vec![]);
            let bytes = Shape::measure_as(&text, lex, &mut lower, Some(&mut by_bytes), false);
            let chars = Shape::measure_as(&text, lex, &mut lower, Some(&mut by_chars), true);
            proptest::prop_assert_eq!(bytes, chars);
            proptest::prop_assert_eq!(by_bytes, by_chars);
        }

        /// A packed ASCII word lowercased eight bytes at a time is the packed lowercase word,
        /// and its letters are told as `is_ascii_alphabetic` tells them.
        #[test]
        fn packed_words_lowercase_as_bytes_do(word in "([A-Za-z]{0,14}[\\x00-\\x7f]|[A-Za-z]{0,15}|[\\x00-\\x7f]{0,15})") {
            let key = crate::lang::pack(word.as_bytes()).expect("short enough");
            let (lower, letters) = lowercase_packed(key);
            proptest::prop_assert_eq!(Some(lower), crate::lang::pack(word.to_ascii_lowercase().as_bytes()));
            proptest::prop_assert_eq!(letters, word.bytes().all(|b| b.is_ascii_alphabetic()));
        }

        /// The one-scan search finds what `find` and `rfind` of each separator find.
        #[test]
        fn separators_are_found_as_find_and_rfind_find_them(
            text in "([ a|:·»•–-]|::|—){0,40}"
        ) {
            let first = SITE_SEPARATORS
                .iter()
                .filter_map(|sep| text.find(sep).map(|at| (at, *sep)))
                .min_by_key(|(at, _)| *at);
            let last = SITE_SEPARATORS
                .iter()
                .filter_map(|sep| text.rfind(sep).map(|at| (at, *sep)))
                .max_by_key(|(at, _)| *at);
            let found = first_and_last_separator(&text);
            proptest::prop_assert_eq!(found.map(|f| f.0), first);
            proptest::prop_assert_eq!(found.map(|f| f.1), last);
        }
    }

    #[test]
    fn the_ascii_separator_table_is_the_ascii_part_of_the_list() {
        for b in 0..128u8 {
            let listed = MENU_SEPARATORS.contains(&char::from(b));
            assert_eq!(is_ascii_menu_separator(b), listed, "{:?}", char::from(b));
        }
        assert!(is_ascii_menu_separator(b'|') && !is_ascii_menu_separator(b'a'));
    }

    /// Blocks of eight plain bytes after and before anything: a fold starts and ends with a
    /// letter or digit, and has single spaces.
    #[test]
    fn plain_blocks_fold_as_chars_do() {
        let mut chars = String::new();
        for before in [
            "",
            " ",
            "  ",
            "..",
            "—",
            "a",
            "Ä ",
            "........",
            "—— —",
            "x ......",
        ] {
            for body in [
                "Hello World",
                "ABCDEFGH IJ",
                "abcdefg hijklmn",
                "1234 678 0",
                "a b c d e f",
            ] {
                for after in ["", " ", "!", " x", "  Ö"] {
                    let text = format!("{before}{body}{after}");
                    fold_chars_into(&text, &mut chars);
                    assert_eq!(fold(&text), chars, "{text:?}");
                }
            }
        }
        // Every ASCII byte among letters, at every offset in a block.
        for b in 0..128u8 {
            for pad in 0..8 {
                let text = format!("{}Az{}Zaz09 AZ", "x".repeat(pad), char::from(b));
                fold_chars_into(&text, &mut chars);
                assert_eq!(fold(&text), chars, "{text:?}");
            }
        }
    }

    #[test]
    fn dotted_capital_i_folds_to_a_plain_i() {
        assert_eq!(fold("İSTANBUL Şehir"), "istanbul şehir");
        assert_eq!(fold(&fold("İstanbul")), fold("İstanbul"));
    }

    #[test]
    fn heading_and_prose_shapes() {
        assert!(shape("Executive Summary").heading_like());
        assert!(shape("Why Both Sides Blinked, and Why the Ceasefire May Not Last").heading_like());
        assert!(
            shape("The Sustainability Question: Can Unspoken Agreements Survive Political Chaos?")
                .heading_like()
        );
        assert!(!shape("The show opens to the public on Friday.").heading_like());
        assert!(
            shape("The show opens to the public on Friday, organisers said.")
                .prose_like(LangMask(1))
        );
        assert!(!shape("Home").prose_like(LangMask(1)));
        assert!(
            shape("Borrowed Time: Can Covert Diplomacy Contain Middle Eastern Nuclear Rivalry?")
                .headline_like()
        );
        assert!(!shape("NISSAN SENTRA").headline_like());
    }

    #[test]
    fn ends_and_folds() {
        assert_eq!(line_end("He said “yes.”"), End::Period);
        assert_eq!(line_end("Why? "), End::Exclamation);
        assert_eq!(fold("  The  Title!  "), "the title");
        assert_eq!(fold("Ärger—über"), "ärger über");
    }

    #[test]
    fn site_names_are_cut_from_either_end() {
        assert_eq!(
            title_cores("New SUVs highlight L.A. Auto Show - Connecticut Post"),
            ["New SUVs highlight L.A. Auto Show"]
        );
        assert_eq!(
            title_cores("MZ.de | Zweite F13 kurz vor der Zulassung"),
            ["Zweite F13 kurz vor der Zulassung"]
        );
        assert!(same_heading(
            "Hingucker in Dessau: Zweite F13 kurz vor der Zulassung | MZ.de",
            "Hingucker in Dessau: Zweite F13 kurz vor der Zulassung"
        ));
        assert!(!same_heading("Home", "Homes"));
    }

    #[test]
    fn a_cut_keeps_the_longer_side_and_finds_every_separator() {
        // As many words on both sides: which one is the site cannot be told.
        assert!(title_cores("About us | Coastal Times").is_empty());
        assert_eq!(title_cores("About us | CoastalTimes"), ["About us"]);
        assert_eq!(title_cores("CoastalTimes | About us"), ["About us"]);
        for (title, sep) in [
            ("Storm closes harbour · Coastal", " · "),
            ("Storm closes harbour « Coastal", " « "),
            ("Storm closes harbour » Coastal", " » "),
            ("Storm closes harbour • Coastal", " • "),
            ("Storm closes harbour – Coastal", " – "),
            ("Storm closes harbour :: Coastal", " :: "),
        ] {
            assert_eq!(
                first_and_last_separator(title),
                Some(((20, sep), (20, sep)))
            );
            assert_eq!(title_cores(title), ["Storm closes harbour"], "{title}");
        }
    }

    #[test]
    fn site_and_section_names_are_cut_one_at_a_time() {
        assert_eq!(
            site_name_cuts("Storm closes harbour for weeks | UK News | Sky News"),
            [
                "Storm closes harbour for weeks | UK News | Sky News",
                "Storm closes harbour for weeks | UK News",
                "Storm closes harbour for weeks",
            ]
        );
        assert_eq!(
            site_name_cuts("Zoll online - Fachmeldungen - Verkündung des Gesetzes zur Tabaksteuer"),
            [
                "Zoll online - Fachmeldungen - Verkündung des Gesetzes zur Tabaksteuer",
                "Fachmeldungen - Verkündung des Gesetzes zur Tabaksteuer",
                "Verkündung des Gesetzes zur Tabaksteuer",
            ]
        );
        assert_eq!(site_name_cuts("No separator here"), ["No separator here"]);
    }

    #[test]
    fn breadcrumbs() {
        assert!(is_breadcrumb("Home › World › Middle East"));
        assert!(is_breadcrumb("News | Sport | Weather"));
        assert!(!is_breadcrumb(
            "Prices rose 3% in 2019/2020 as demand grew."
        ));
        assert!(!is_breadcrumb("Home"));
    }
}
