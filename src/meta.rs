//! Bylines and datelines: the lines that say who wrote an article and when.
//!
//! Recognised by shape: a short line that is mostly a date or a time, or a short line that opens
//! with a byline word ("By", "Von", "Par" …) followed by names.
use regex::Regex;
use std::sync::OnceLock;

const MONTHS: &str = "jan(?:uary|uar|vier)?|feb(?:ruary|ruar|rero|braio)?|févr(?:ier)?|mar(?:ch|s|zo)?|märz|maart|apr(?:il|ile)?|avril|abril|may|mai|mayo|maggio|mei|jun(?:e|i|io)?|juin|giugno|jul(?:y|i|io)?|juillet|luglio|aug(?:ust|ustus)?|août|agosto|sep(?:t|tember|tembre|tiembre)?|settembre|oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|nov(?:ember|embre|iembre)?|dec(?:ember)?|dez(?:ember)?|décembre|dic(?:iembre|embre)?|enero|gennaio";

/// Last words of a comment header (before a colon), for a cheap test before the pattern, with
/// [`COMMENT_LINK_WORDS`].
const COMMENT_LAST_WORDS: &[&str] = &[
    "says",
    "said",
    "wrote",
    "writes",
    "replied",
    "sagt",
    "schreibt",
    "meint",
    "antwortete",
    "dit",
    "écrit",
    "escribió",
    "dice",
    "scrive",
    "zegt",
    "schreef",
    "disse",
];

/// The links under a comment (lowercase), also the last words of a comment header.
const COMMENT_LINK_WORDS: &[&str] = &[
    "reply",
    "antworten",
    "report",
    "melden",
    "répondre",
    "responder",
    "rispondi",
    "reageer",
];

/// First words of a credit line.
const CREDIT_FIRST_WORDS: &[&str] = &[
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "pictures",
    "credit",
    "credits",
    "source",
    "video",
    "foto",
    "fotos",
    "bild",
    "bilder",
    "quelle",
    "grafik",
    "illustration",
    "crédit",
    "crédito",
    "fuente",
];

/// The words a credit after a caption starts with (each also finds its plural).
const CAPTION_CREDIT_WORDS: &[&str] = &[
    "photo",
    "image",
    "picture",
    "credit",
    "foto",
    "bild",
    "quelle",
    "grafik",
    "illustration",
    "crédit",
];

/// The rest of `text` after each sentence end that a word a credit starts with follows ("…
/// tide. Photo: Lakeside Courier" → "Photo: Lakeside Courier"): where a caption's credit may be,
/// found by looking at the word after each sentence end only (most lines have none of those
/// words there). [`MetaPatterns::caption_credit`] then reads each such rest, anchored.
fn credit_tails(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let after = move |end: usize| -> Option<&str> {
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let rest = rest.trim_start();
        let word = rest.strip_prefix('(').unwrap_or(rest).as_bytes();
        // ASCII case only: "Photo", "FOTO"; "Crédit" too, its "é" as written.
        CAPTION_CREDIT_WORDS
            .iter()
            .any(|w| word.len() >= w.len() && word[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
            .then_some(rest)
    };
    let ellipses = text.match_indices('…').map(|(at, m)| at + m.len());
    memchr::memchr3_iter(b'.', b'!', b'?', bytes)
        .map(|at| at + 1)
        .chain(ellipses)
        .filter_map(after)
}

/// Agencies a credit line ends with.
const CREDIT_AGENCIES: &[&str] = &[
    "getty",
    "shutterstock",
    "reuters",
    "associated press",
    "ap photo",
    "afp",
    "dpa",
    "imago",
    "istock",
    "picture alliance",
    "keystone",
];

/// First words of a byline (lowercase; a colon is part of the word where the pattern wants it).
const BYLINE_FIRST_WORDS: &[&str] = &[
    "by",
    "von",
    "par",
    "por",
    "di",
    "door",
    "text:",
    "texte:",
    "autor:",
    "autorin:",
    "author:",
    "written",
    "geschrieben",
    "posted",
    "a",
];

/// Compiled patterns (built once, shared).
#[derive(Debug, Clone)]
pub struct MetaPatterns {
    /// Dates with ASCII digits and word boundaries: fast to build and to run, and right for
    /// every line without other digits.
    date: Regex,
    /// The Unicode pattern (`\d`, `\b`), for lines with other digits ("১০:৪৬"). Few dumps
    /// have any, so it is compiled on first use: it costs as much to build as all the others.
    date_unicode: OnceLock<Regex>,
    byline: Regex,
    stamp: Regex,
    comment_header: Regex,
    credit: Regex,
    /// A caption that ends with its credit: "… at low tide. Photo: Lakeside Courier".
    caption_credit: Regex,
    agencies: aho_corasick::AhoCorasick,
}

impl Default for MetaPatterns {
    fn default() -> Self {
        Self::new()
    }
}

/// Dates and times, with ASCII word boundaries (`(?-u:\b)`) and Unicode digits (`\d`).
fn date_pattern() -> String {
    format!(
        r"(?xi)
        (?-u:\b)\d{{4}}-\d{{1,2}}-\d{{1,2}}(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?-u:\b)
        | (?-u:\b)\d{{1,2}}[./]\s?\d{{1,2}}[./]\s?(?:\d{{4}}|\d{{2}})(?-u:\b)
        | (?-u:\b)\d{{1,2}}\.?\s+(?:{m})\.?(?:\s+\d{{4}})?(?-u:\b)
        | (?-u:\b)(?:{m})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?(?-u:\b)
        | (?-u:\b)(?:{m})\.?\s+\d{{4}}(?-u:\b)
        | (?-u:\b)\d{{1,2}}[:.]\d{{2}}\s*(?:a\.?m\.?|p\.?m\.?|uhr|h)?(?:\s*(?:[A-Z]{{2,4}}|(?-u:\b)et(?-u:\b)|(?-u:\b)gmt(?-u:\b)|(?-u:\b)utc(?-u:\b)|(?-u:\b)mez(?-u:\b)|(?-u:\b)cet(?-u:\b)))?
        | (?-u:\b)\d+\s+(?:minutes?|hours?|days?|weeks?|months?)\s+ago(?-u:\b)
        | (?-u:\b)vor\s+\d+\s+(?:minuten|stunden|tagen|wochen)(?-u:\b)
        ",
        m = MONTHS
    )
}

impl MetaPatterns {
    pub fn new() -> MetaPatterns {
        let date = date_pattern();
        let byline = r"(?i)^(?:by|von|par|por|di|door|text(?:e)?:|autor(?:in)?:|author:|written by|geschrieben von|posted by|a cura di)\s+(.+)$";
        // "jjackwagon says:", "Anna M. schreibt:", "34 responses to …", "… | Reply"
        let comment_header = r"(?ix)
            ^ \S.{0,60}? \s (?:says|said|wrote|writes|replied|sagt|schreibt|meint|antwortete|dit|a\ écrit|escribió|dice|scrive|zegt|schreef|disse) \s*:? $
            | ^ \d+ \s+ (?:comments?|responses?|replies|thoughts?|kommentare|antworten|reaktionen|commentaires|comentarios|commenti|reacties|comentários) (?-u:\b)
            | (?:^|\s|\|) (?:reply|antworten|report|melden|répondre|responder|rispondi|reageer|responder) \s* $
            | ^ (?:in\ reply\ to|reply\ to|antwort\ auf|als\ antwort\ auf) (?-u:\b)
            ";
        // "Photo: AP", "Image Source: …", "(Foto: dpa)", "… /Getty Images"
        let credit = r"(?ix)
            ^ \(? (?:photo|photos|image|images|picture|pictures|credit|credits|source|video|foto|fotos|bild|bilder|quelle|grafik|illustration|crédit|crédito|fuente) (?:\s\w+)? \s* [:/|©]
            | \( \s* (?:image|images|photo|photos|picture|foto|fotos|bild|credit|quelle|source) \s* : [^)]{1,60} \) \s* $
            | (?:getty\ images|shutterstock|reuters|associated\ press|(?-u:\b)ap\ photo|(?-u:\b)afp(?-u:\b)|(?-u:\b)dpa(?-u:\b)|imago|istock|picture\ alliance|keystone) [^.!?]{0,40} \)? $
            ";
        // The credit after the caption's last sentence (the rest of the line after a sentence
        // end, see `credit_tails`): a credit word, a colon (or a slash, a bar, ©), then a name or
        // a source that ends no sentence (of up to 60 characters, counted in `is_credit`).
        let caption_credit = r"(?ix)
            ^ \(? (?:photo|photos|image|images|picture|pictures|credit|credits|foto|fotos|bild|bilder|quelle|grafik|illustration|crédit|crédito) (?:\s[^\s:/|©]+)? \s* [:/|©] \s* [^!?:]* [^.!?:\s)] \s* \)? $
            ";
        let stamp = r"(?i)^(?:published|updated|posted|last\s+updated|modified|veröffentlicht|aktualisiert|erstellt|stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)(?-u:\b)";
        MetaPatterns {
            // On a line whose only digits are ASCII, `\d` matches what `[0-9]` does; the
            // class of all Unicode digits makes the automaton twice as large to build.
            date: Regex::new(&date.replace(r"\d", "[0-9]")).expect("date pattern compiles"),
            date_unicode: OnceLock::new(),
            byline: Regex::new(byline).expect("byline pattern compiles"),
            stamp: Regex::new(stamp).expect("stamp pattern compiles"),
            comment_header: Regex::new(comment_header).expect("comment pattern compiles"),
            credit: Regex::new(credit).expect("credit pattern compiles"),
            caption_credit: Regex::new(caption_credit).expect("caption pattern compiles"),
            agencies: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(CREDIT_AGENCIES)
                .expect("agency names compile"),
        }
    }

    /// The date pattern for `text`: Unicode word boundaries cost a slower regex engine on
    /// non-ASCII text, and only digits beyond ASCII need them.
    fn date_for(&self, text: &str) -> &Regex {
        if text.chars().any(|c| c.is_numeric() && !c.is_ascii_digit()) {
            self.date_unicode.get_or_init(|| {
                Regex::new(&date_pattern().replace(r"(?-u:\b)", r"\b"))
                    .expect("date pattern compiles")
            })
        } else {
            &self.date
        }
    }

    /// The dates and times in `text`, but numbers that only look like one: a decimal
    /// ("22.273", "5.44%", "-12.99", "€ 9.50" next to other digits or signs) or a "time" with
    /// more than 59 minutes or 24 hours. [`MetaPatterns::published`] reads these;
    /// [`MetaPatterns::is_dateline`] takes every match, so that a line of a number alone
    /// ("27.332" shares, "-5.44%") still counts as one: what the line classifier was trained
    /// on, and mostly the right call outside running text. Its reason says it gave no date.
    fn dates<'t>(&self, text: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
        self.date_for(text)
            .find_iter(text)
            .filter(move |m| plausible_date(text, m.start(), m.end()))
    }

    /// A short line that is mostly a date or time: "Updated 14:32, 12 June 2024",
    /// "Posted on March 3, 2024 by Anna Keller", "12.06.2024, 14:32 Uhr".
    pub fn is_dateline(&self, text: &str) -> bool {
        // Every date or time pattern has a digit.
        if !text.chars().any(char::is_numeric) {
            return false;
        }
        let words = text.split_whitespace().count();
        if words == 0 || words > 16 || text.ends_with(['.', '?', '!']) && words > 8 {
            return false;
        }
        let mut rest = String::new();
        let mut last = 0;
        let mut found = false;
        for m in self.date_for(text).find_iter(text) {
            found = true;
            rest.push_str(&text[last..m.start()]);
            rest.push(' ');
            last = m.end();
        }
        if !found {
            return false;
        }
        rest.push_str(&text[last..]);
        let left = rest
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        left <= 6
    }

    /// The head of a user comment: "jjackwagon says:", "34 responses to …", a "Reply" link.
    pub fn is_comment_header(&self, text: &str) -> bool {
        let text = text.trim();
        let mut words = text.split_whitespace();
        let first = words.next().unwrap_or("");
        let last = text
            .rsplit(|c: char| c.is_whitespace() || c == '|')
            .next()
            .unwrap_or("")
            .trim_end_matches(':')
            .to_lowercase();
        // What every alternative of the pattern needs: a speech verb or a reply link at the
        // end, a number or a reply phrase at the start.
        let worth = COMMENT_LAST_WORDS.contains(&last.as_str())
            || COMMENT_LINK_WORDS.contains(&last.as_str())
            || first.starts_with(char::is_numeric)
            || first.eq_ignore_ascii_case("in")
            || first.eq_ignore_ascii_case("reply")
            || first.eq_ignore_ascii_case("antwort")
            || first.eq_ignore_ascii_case("als");
        worth && text.split_whitespace().count() <= 14 && self.comment_header.is_match(text)
    }

    /// A comment header that is only a link ("Reply", "Report", "Antworten"): under a comment,
    /// but also under an embedded post (a news site's quoted tweets each end with "Report").
    pub fn is_bare_comment_link(&self, text: &str) -> bool {
        let word = text
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | ':' | '›' | '»'))
            .to_lowercase();
        COMMENT_LINK_WORDS.contains(&word.as_str())
    }

    /// A photo credit or caption source: "Photo: AP", "Image Source: …", "… /Getty Images".
    pub fn is_credit(&self, text: &str) -> bool {
        let text = text.trim();
        let first = text
            .trim_start_matches('(')
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // The pattern needs a credit word first, a parenthesised credit last, or an agency.
        let worth = CREDIT_FIRST_WORDS.contains(&first.as_str())
            || text.ends_with(')')
            || text.len() >= 2 && self.agencies.is_match(text);
        (worth && text.split_whitespace().count() <= 30 && self.credit.is_match(text))
            || (credit_tails(text)
                .any(|tail| tail.chars().count() <= 80 && self.caption_credit.is_match(tail))
                && text.split_whitespace().count() <= 80)
    }

    /// A dateline that says what it is: "Published …", "Updated …", "Veröffentlicht am …".
    pub fn is_stamped_dateline(&self, text: &str) -> bool {
        self.stamp.is_match(text.trim()) && self.is_dateline(text)
    }

    /// The names of a byline: "By Tom Okafor | Reuters" → "Tom Okafor".
    pub fn author(&self, text: &str) -> Option<String> {
        let text = text.trim();
        let c = match self.byline.captures(text) {
            Some(c) => c,
            // "Posted on March 3, 2024 by Anna Keller": a byline at the end of a dateline.
            None => {
                let lower = text.to_lowercase();
                let at = [" by ", " von ", " par ", " por "]
                    .iter()
                    .filter_map(|w| lower.rfind(w).map(|i| i + 1))
                    .max()?;
                let tail = text.get(at..)?;
                if !self.is_byline(tail) {
                    return None;
                }
                self.byline.captures(tail)?
            }
        };
        let names = c[1]
            .split(['|', '·', '•', ','])
            .next()
            .unwrap_or("")
            .trim()
            .trim_end_matches(['.', ':', '-', '–']);
        let names = match self.date_for(names).find(names) {
            Some(m) => names[..m.start()].trim_end_matches([' ', ',', '-', '–', '—']),
            None => names,
        };
        (!names.is_empty()).then(|| names.trim().to_string())
    }

    /// The first date of a line, as ISO 8601 (`2024-06-12`) when day, month and year can be
    /// read, else as written.
    pub fn published(&self, text: &str) -> Option<String> {
        let m = self
            .dates(text)
            .filter(|m| clock_time(m.as_str()).is_none() && !is_relative(m.as_str()))
            .find(|m| m.as_str().chars().any(char::is_alphabetic) || m.as_str().len() >= 8)?;
        Some(iso_date(m.as_str()).unwrap_or_else(|| m.as_str().trim().to_string()))
    }

    /// "By Tom Okafor", "Von Anna Müller und Jens Lange": a byline word, then one to six words
    /// that are names (capitalised) or joiners.
    pub fn is_byline(&self, text: &str) -> bool {
        let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
        if !BYLINE_FIRST_WORDS.contains(&first.as_str()) {
            return false;
        }
        let Some(c) = self.byline.captures(text.trim()) else {
            return false;
        };
        let names: Vec<&str> = c[1].split_whitespace().collect();
        if names.is_empty()
            || names.len() > 8
            || text.trim_end().ends_with(['.', '?', '!']) && names.len() > 3
        {
            return false;
        }
        let capitalised = names
            .iter()
            .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
            .count();
        let first_is_name = names[0].chars().next().is_some_and(char::is_uppercase);
        first_is_name && capitalised * 2 >= names.len()
    }
}

/// Whether the date pattern's match `text[start..end]` is a date or time rather than part of
/// a number: no digit, percent sign or decimal part right after it, no digit, sign or
/// currency right before it, and a time's hours and minutes on a clock.
fn plausible_date(text: &str, start: usize, end: usize) -> bool {
    let time = clock_time(&text[start..end]);
    let mut after = text[end..].chars();
    match (after.next(), after.next()) {
        (Some(c), _) if c.is_numeric() || c == '%' => return false,
        // "12.50,99"; a timestamp's fractions of a second ("17:13:04.031886") are no decimals.
        (Some('.' | ','), Some(d)) if d.is_numeric() && time.is_some() => return false,
        _ => {}
    }
    let mut before = text[..start].chars().rev();
    match (before.next(), before.next()) {
        (Some(c), _) if c.is_numeric() || matches!(c, '$' | '€' | '£' | '¥') => return false,
        // A sign ("-12.99"), not a range ("Mo-Fr 10-18:30") or a dash ("|--Jan. 2015").
        (Some('-' | '+' | '−'), b) if b.is_none_or(char::is_whitespace) => return false,
        (Some('.' | ','), Some(d)) if d.is_numeric() => return false,
        _ => {}
    }
    // A time ("14:32", "9.30 a.m."): its two numbers fit a clock.
    time.is_none_or(|(h, m)| h <= 24 && m <= 59)
}

/// The hours and minutes of a match of the date pattern that is a time of day ("14:32",
/// "9.30 a.m.", "4:53 pm ET"), not a date ("12.06.2024"). Digits beyond ASCII ("১০:৪৬") make
/// a time whose numbers are not read: `(0, 0)`.
fn clock_time(m: &str) -> Option<(u32, u32)> {
    let digits = |s: &str| s.chars().take_while(|c| c.is_numeric()).collect::<String>();
    let hours = digits(m);
    let rest = m[hours.len()..].strip_prefix([':', '.'])?;
    let minutes = digits(rest);
    let after = &rest[minutes.len()..];
    let count = |s: &str| s.chars().count();
    if !(1..=2).contains(&count(&hours)) || count(&minutes) != 2 || after.starts_with(['.', '/']) {
        return None;
    }
    Some((hours.parse().unwrap_or(0), minutes.parse().unwrap_or(0)))
}

/// "3 hours ago", "vor 2 Tagen": when, relative to a moment the text does not give.
fn is_relative(m: &str) -> bool {
    let m = m.to_lowercase();
    m.ends_with("ago") || m.starts_with("vor")
}

/// Month numbers by the names the date pattern knows (first three letters suffice for most).
fn month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    let n = n.trim_end_matches('.');
    const MONTHS: [(&str, u32); 24] = [
        ("jan", 1),
        ("gen", 1),
        ("ene", 1),
        ("feb", 2),
        ("fév", 2),
        ("mar", 3),
        ("mär", 3),
        ("maa", 3),
        ("apr", 4),
        ("avr", 4),
        ("abr", 4),
        ("may", 5),
        ("mai", 5),
        ("mag", 5),
        ("mei", 5),
        ("jun", 6),
        ("jui", 6),
        ("giu", 6),
        ("jul", 7),
        ("lug", 7),
        ("aug", 8),
        ("aoû", 8),
        ("ago", 8),
        ("sep", 9),
    ];
    const LATER: [(&str, u32); 7] = [
        ("set", 9),
        ("oct", 10),
        ("okt", 10),
        ("ott", 10),
        ("nov", 11),
        ("dec", 12),
        ("déc", 12),
    ];
    const LAST: [(&str, u32); 2] = [("dez", 12), ("dic", 12)];
    let head: String = n.chars().take(3).collect();
    if n.starts_with("juil") {
        return Some(7);
    }
    if n.starts_with("juin") {
        return Some(6);
    }
    MONTHS
        .iter()
        .chain(LATER.iter())
        .chain(LAST.iter())
        .find(|(p, _)| head == *p)
        .map(|&(_, m)| m)
}

/// Reads "12 June 2024", "June 12, 2024", "12.06.2024", "2024-06-12" as ISO 8601.
fn iso_date(s: &str) -> Option<String> {
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect();
    let word = s
        .split(|c: char| !c.is_alphabetic())
        .find(|w| w.chars().count() >= 3)
        .and_then(month_number);
    let (y, m, d) = match (word, nums.as_slice()) {
        (Some(m), [a, b, ..]) if *b >= 1000 && *a <= 31 => (*b, m, *a),
        (Some(m), [a, b, ..]) if *a >= 1000 && *b <= 31 => (*a, m, *b),
        (None, [y, m, d, ..]) if *y >= 1000 => (*y, *m, *d),
        (None, [d, m, y, ..]) if *y >= 1000 => (*y, *m, *d),
        _ => return None,
    };
    ((1..=12).contains(&m) && (1..=31).contains(&d) && (1900..=2100).contains(&y))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_digits_beyond_ascii_are_found_too() {
        let m = MetaPatterns::new();
        // Bengali digits: the fast pattern's ASCII word boundaries would not see them.
        assert!(m.is_dateline("১০:৪৬"));
        // A time is no publication date, in any digits.
        assert_eq!(m.published("আপডেট ১০:৪৬"), None);
        assert!(m.is_dateline("12. März 2024, 14:32 Uhr"));
    }

    #[test]
    fn the_unicode_date_pattern_is_built_only_for_other_digits() {
        let m = MetaPatterns::new();
        assert!(m.is_dateline("Updated 14:32, 12 June 2024"));
        assert!(m.is_dateline("12. März 2024, 14:32 Uhr"));
        assert!(m.date_unicode.get().is_none());
        assert!(m.is_dateline("১০:৪৬"));
        assert!(m.date_unicode.get().is_some());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// On a line whose digits are all ASCII, the pattern built with `[0-9]` finds what the
        /// one with `\d` finds, next to letters of any script.
        #[test]
        fn ascii_digit_dates_are_the_unicode_digit_dates(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "12", "2024", "31", ":", ".", "/", "-", " ", "  ", "\u{a0}", "T", "Uhr",
                "pm", "p.m.", "GMT", "ET", "Mär", "März", "MÄRZ", "june", "Sept", "août", "é",
                "ſ", "K", "ago", "vor", "hours", "Stunden", ",", "th", "x", "Ω",
            ]), 0..14),
        ) {
            static BOTH: std::sync::LazyLock<(MetaPatterns, Regex)> = std::sync::LazyLock::new(|| {
                (MetaPatterns::new(), Regex::new(&date_pattern()).unwrap())
            });
            let (m, reference) = &*BOTH;
            let text: String = parts.concat();
            let found = |r: &Regex| r.find_iter(&text).map(|x| x.range()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(found(&m.date), found(reference));
        }
    }

    #[test]
    fn the_publication_date_is_a_date_not_a_time() {
        let m = MetaPatterns::new();
        for (line, date) in [
            ("Updated 14:32, 12 June 2024", Some("2024-06-12")),
            ("Published Nov. 20, 2019 at 3:45 pm ET", Some("2019-11-20")),
            ("Stand: 19.10.2019", Some("2019-10-19")),
            ("19.10.19, 12:00 Uhr", Some("19.10.19")),
            // A live blog's times, relative times and numbers that look like times.
            ("4:53 pm", None),
            ("Updated 14:32", None),
            ("3 hours ago", None),
            ("vor 3 Stunden", None),
            (
                "Opublikowano: 2021-04-29 17:13:04.031886+02:00",
                Some("2021-04-29"),
            ),
            ("|--Jan. 2015 (Veranstaltungen)", Some("Jan. 2015")),
            // Numbers that only look like times: decimals, prices, percentages, counters, a
            // score with more than 59 "minutes".
            ("Downloads: 22.273", None),
            ("-12.99", None),
            ("-5.44%", None),
            ("Post Views: 1.432", None),
            ("Price: €12.50", None),
            ("Wynik dwumeczu: 98:70 dla Fogo Unii Leszno.", None),
            ("Mo-Fr 10-18:30, Sa 09-16:00", None),
        ] {
            assert_eq!(m.published(line).as_deref(), date, "{line}");
        }
    }

    #[test]
    fn datelines() {
        let m = MetaPatterns::new();
        for s in [
            "Updated 14:32, 12 June 2024",
            "Posted on March 3, 2024 by Anna Keller",
            "12.06.2024, 14:32 Uhr",
            "2019-11-20T08:15",
            "Published Nov. 20, 2019 at 3:45 pm ET",
            "vor 3 Stunden",
            "Stand: 19.10.2019",
            "9.30 A.M. / 7.00 P.M.",
            "Mo–Fr 9:00–17:00 Uhr",
            "Mo-Fr 10-18:30, Sa 09-16:00",
            "|--Jan. 2015 (Veranstaltungen)",
            "Opublikowano: 2021-04-29 17:13:04.031886+02:00",
            // Numbers alone, outside running text: datelines to the rules, but with no date.
            "-12.99",
            "Downloads: 22.273",
        ] {
            assert!(m.is_dateline(s), "{s}");
        }
        for s in [
            "The council voted on 12 June 2024 to approve the lanes after a long debate that lasted all night.",
            "Executive Summary",
            "May the best team win",
        ] {
            assert!(!m.is_dateline(s), "{s}");
        }
    }

    #[test]
    fn comment_headers_and_credits() {
        let m = MetaPatterns::new();
        for s in [
            "jjackwagon says:",
            "Anna M. schreibt:",
            "34 responses to “The plan”",
            "November 20, 2019 at 8:53 am | Reply",
        ] {
            assert!(m.is_comment_header(s), "{s}");
        }
        for s in [
            "The minister says the plan is ready.",
            "Reply all you want, he said, nothing changes.",
        ] {
            assert!(!m.is_comment_header(s), "{s}");
        }
        for s in ["Report", " Reply ", "| Antworten", "Melden"] {
            assert!(m.is_comment_header(s) && m.is_bare_comment_link(s), "{s}");
        }
        for s in ["jjackwagon says:", "November 20, 2019 at 8:53 am | Reply"] {
            assert!(!m.is_bare_comment_link(s), "{s}");
        }
        for s in [
            "Photo: AP",
            "Image Source: Neil Godwin / Future Publishing/Shutterstock",
            "(Foto: dpa)",
            "A crowd gathers. Getty Images",
            "China has warned (Image: GETTY )",
            "The north pier at low tide. Photo: Lakeside Courier",
            "Comparison of two skulls from the museum. Credit: DrMikeBaxter/Wikipedia",
            "Die Ausstellung ist der Schauspielerin gewidmet. Foto: Sylvio Dittrich",
            "Boats in the harbour at dawn. Photo © Maria Keane",
        ] {
            assert!(m.is_credit(s), "{s}");
        }
        for s in [
            "Photography is his passion, he said.",
            "He handed over the album. Photos: none of them survived the flood, he said.",
            "The show opens on Friday. Image: what the council wants is a new harbour: a big one",
        ] {
            assert!(!m.is_credit(s), "{s}");
        }
    }

    #[test]
    fn metadata_values() {
        let m = MetaPatterns::new();
        assert_eq!(m.author("By Tom Okafor").as_deref(), Some("Tom Okafor"));
        assert_eq!(
            m.author("Posted on March 3, 2024 by Anna Keller")
                .as_deref(),
            Some("Anna Keller")
        );
        assert_eq!(m.author("Updated 14:32, 12 June 2024"), None);
        assert_eq!(
            m.author("By Amy Kuperinsky | NJ Advance Media").as_deref(),
            Some("Amy Kuperinsky")
        );
        assert_eq!(
            m.author("By Tess Bonn - 11/19/19 06:56 AM EST").as_deref(),
            Some("Tess Bonn")
        );
        assert_eq!(
            m.published("Updated 14:32, 12 June 2024").as_deref(),
            Some("2024-06-12")
        );
        assert_eq!(
            m.published("Posted on March 3, 2024 by Anna Keller")
                .as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(
            m.published("12.06.2024, 14:32 Uhr").as_deref(),
            Some("2024-06-12")
        );
        assert_eq!(
            m.published("2019-11-20T08:15").as_deref(),
            Some("2019-11-20")
        );
        // Relative to a moment the page does not give: no date to keep.
        assert_eq!(m.published("vor 3 Stunden"), None);
        assert!(m.is_stamped_dateline(
            "PUBLISHED: November 8, 2023 at 11:30 p.m. | UPDATED: November 9, 2023"
        ));
        assert!(!m.is_stamped_dateline("November 8, 2023"));
    }

    #[test]
    fn bylines() {
        let m = MetaPatterns::new();
        for s in [
            "By Tom Okafor",
            "Von Anna Müller und Jens Lange",
            "by JANE DOE",
            "Autor: Max Mustermann",
        ] {
            assert!(m.is_byline(s), "{s}");
        }
        for s in [
            "By the time we arrived",
            "By 2030, most cars will be electric.",
            "Byline",
        ] {
            assert!(!m.is_byline(s), "{s}");
        }
    }
}
