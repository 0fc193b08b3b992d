//! The normalizer: mojibake, HTML entities, Unicode form, exotic spaces, invisible and control
//! characters, whitespace. Every change is a recorded rewrite with its own rule.
//!
//! Typographic quotes and dashes are content and stay. Decoding, byte-order marks and line
//! endings are handled when the [`Document`] is read (and noted there).
use crate::document::{Document, Rule, plural};
use crate::pipeline::{Context, Stage};
use crate::text::AsciiClasses;
use std::borrow::Cow;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub const NAME: &str = "normalize";
pub const MOJIBAKE: Rule = Rule::new(NAME, "normalize/mojibake");
pub const ENTITIES: Rule = Rule::new(NAME, "normalize/entities");
pub const NFC: Rule = Rule::new(NAME, "normalize/unicode-nfc");
pub const SPACES: Rule = Rule::new(NAME, "normalize/spaces");
pub const INVISIBLE: Rule = Rule::new(NAME, "normalize/invisible");
pub const CONTROL: Rule = Rule::new(NAME, "normalize/control");
pub const WHITESPACE: Rule = Rule::new(NAME, "normalize/whitespace");
pub const EMPTY: Rule = Rule::new(NAME, "normalize/empty");
pub const UNWRAP: Rule = Rule::new(NAME, "normalize/unwrap");
pub const SENTENCES: Rule = Rule::new(NAME, "normalize/sentence-lines");
pub const TAGS: Rule = Rule::new(NAME, "normalize/tags");
pub const MARKDOWN: Rule = Rule::new(NAME, "normalize/markdown");
pub const READER_HEADER: Rule = Rule::new(NAME, "normalize/reader-header");
pub const HOMOGLYPHS: Rule = Rule::new(NAME, "normalize/homoglyphs");

/// Which normalizations run. All on by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalizeConfig {
    pub mojibake: bool,
    pub entities: bool,
    /// Take HTML tags out of lines that are markup around text (see [`super::tags`]).
    pub tags: bool,
    /// Take links, images, heading marks and bold out of the lines of a page written in
    /// Markdown (see [`super::markdown`]).
    pub markdown: bool,
    /// Take the header a reader service writes above a page it converted to Markdown (see
    /// [`super::reader`]) out: the title loses its label, the rest goes (the date to the
    /// metadata).
    pub reader_header: bool,
    pub nfc: bool,
    /// Write Latin words spelled with look-alike letters of other scripts in Latin (see
    /// [`super::homoglyphs`]).
    pub homoglyphs: bool,
    pub spaces: bool,
    pub invisible: bool,
    pub control: bool,
    pub whitespace: bool,
    /// Join the lines of paragraphs hard-wrapped at a fixed width, or saved a sentence per line
    /// (see [`super::unwrap`]).
    pub unwrap: bool,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            mojibake: true,
            entities: true,
            tags: true,
            markdown: true,
            reader_header: true,
            nfc: true,
            homoglyphs: true,
            spaces: true,
            invisible: true,
            control: true,
            whitespace: true,
            unwrap: true,
        }
    }
}

impl NormalizeConfig {
    pub fn build(&self) -> Normalizer {
        Normalizer {
            config: self.clone(),
        }
    }
}

/// The running normalizer stage.
#[derive(Debug, Clone)]
pub struct Normalizer {
    config: NormalizeConfig,
}

type Step = fn(&str) -> Option<(String, String)>;

impl Stage for Normalizer {
    fn name(&self) -> &'static str {
        NAME
    }

    fn annotate(&self, doc: &mut Document, cx: &Context) {
        let c = &self.config;
        // Entities first (they may spell tags, mojibake or invisible characters), NFC after the
        // characters that could sit between a letter and its combining mark are gone. Each
        // step has its bit in [`Needs`]. Markdown is taken out on a second pass, if at all.
        let mut steps: [(bool, Rule, Step, u16); 10] = [
            (c.entities, ENTITIES, decode_entities, Needs::ENTITIES),
            (c.tags, TAGS, super::tags::strip, Needs::TAGS),
            (false, MARKDOWN, super::markdown::strip, Needs::MARKDOWN),
            (c.mojibake, MOJIBAKE, repair_mojibake, Needs::MOJIBAKE),
            (c.control, CONTROL, drop_control, Needs::CONTROL),
            (c.invisible, INVISIBLE, drop_invisible, Needs::INVISIBLE),
            (c.spaces, SPACES, exotic_spaces, Needs::SPACES),
            (c.nfc, NFC, compose_nfc, Needs::NFC),
            (
                c.homoglyphs,
                HOMOGLYPHS,
                super::homoglyphs::latin_lookalikes,
                Needs::HOMOGLYPHS,
            ),
            (
                c.whitespace,
                WHITESPACE,
                collapse_whitespace,
                Needs::WHITESPACE,
            ),
        ];
        // A hard-wrapped paragraph is normalized as one line, its first.
        let unwrapped = c.unwrap && unwrap(doc);
        // Whether any line may hold Markdown: a page without is no Markdown page.
        let mut markdown_marks = false;
        for i in 0..doc.len() {
            let text = match unwrapped {
                false => doc.original(i),
                true if doc.is_removed(i) => continue,
                true => doc.text(i),
            };
            let needs = Needs::of(text);
            if needs.none() || text.trim().is_empty() {
                continue;
            }
            markdown_marks |= normalize_line(doc, i, needs, &steps).has(Needs::MARKDOWN);
        }
        if c.reader_header {
            reader_header(doc, cx);
        }
        // Whether the page is written in Markdown is told from its lines as normalized
        // (entities decoded, tags out, wrapped paragraphs joined): as cleaning the output again
        // would see them, so that it finds nothing more to do.
        let live = |doc: &Document, i: usize| !doc.is_removed(i);
        if c.markdown
            && markdown_marks
            && super::markdown::is_markdown_page(
                (0..doc.len())
                    .filter(|&i| live(doc, i))
                    .map(|i| doc.text(i)),
            )
        {
            for step in steps.iter_mut().filter(|s| s.1 == MARKDOWN) {
                step.0 = true;
            }
            for i in 0..doc.len() {
                if !live(doc, i) {
                    continue;
                }
                let needs = Needs::of(doc.text(i));
                if needs.has(Needs::MARKDOWN) {
                    normalize_line(doc, i, needs, &steps);
                }
            }
        }
    }
}

/// Takes a reader service's header out of the top of the page (see [`super::reader`]), its
/// lines as normalized.
fn reader_header(doc: &mut Document, cx: &Context) {
    use super::reader::Field;
    let live: Vec<usize> = (0..doc.len())
        .filter(|&i| !doc.is_removed(i) && !doc.text(i).trim().is_empty())
        .take(super::reader::MAX_LINES)
        .collect();
    let Some(fields) = super::reader::header(live.iter().map(|&i| doc.text(i))) else {
        return;
    };
    // Owned: the document is annotated below.
    let fields: Vec<(usize, Field<String>)> = live
        .iter()
        .copied()
        .zip(fields)
        .map(|(i, f)| (i, f.map(str::to_string)))
        .collect();
    for (i, field) in fields {
        match field {
            Field::Title(title) if title.is_empty() => {
                doc.remove(i, READER_HEADER, "a reader's header: an empty title");
            }
            Field::Title(title) => doc.rewrite(
                i,
                title,
                READER_HEADER,
                "a reader's header: the page's title, without its label \"Title:\"",
            ),
            Field::Source(_) => {
                doc.remove(i, READER_HEADER, "a reader's header: the page's address");
            }
            Field::Published(time) => match cx.meta.published(&time) {
                Some(date) => {
                    doc.metadata(
                        i,
                        crate::document::MetaField::Published,
                        date,
                        READER_HEADER,
                        "the reader's header dates the page",
                    );
                    doc.remove(
                        i,
                        READER_HEADER,
                        "a reader's header: the time the page was published, moved to metadata.published",
                    );
                }
                None => {
                    doc.remove(
                        i,
                        READER_HEADER,
                        "a reader's header: the time the page was published (no date rinse reads)",
                    );
                }
            },
            Field::Other(label) => {
                let reason = format!("a reader's header: its field \"{label}\"");
                doc.remove(i, READER_HEADER, reason);
            }
            Field::Start => {
                doc.remove(
                    i,
                    READER_HEADER,
                    "a reader's header: the line that opens the page's text (\"Markdown Content:\")",
                );
            }
        }
    }
}

/// Runs the steps a line needs. One scan says which steps could change the text; only those
/// run, and the scan is repeated after each change. One step can uncover work for an earlier one
/// ("Ã\u{1}©" is mojibake once the control character is gone): repeat until nothing changes, so
/// that normalizing the output again changes nothing. What the text needs at the end (from
/// the steps that are off).
fn normalize_line(
    doc: &mut Document,
    i: usize,
    mut needs: Needs,
    steps: &[(bool, Rule, Step, u16)],
) -> Needs {
    for _round in 0..8 {
        let mut changed = false;
        for &(on, rule, step, bit) in steps {
            if !on || !needs.has(bit) {
                continue;
            }
            if let Some((text, reason)) = step(doc.text(i)) {
                doc.rewrite(i, text, rule, reason);
                needs = Needs::of(doc.text(i));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    if doc.text(i).is_empty() {
        doc.remove(
            i,
            EMPTY,
            "nothing left after normalization (only invisible, control or space characters)",
        );
    }
    needs
}

/// Joins the lines of each hard-wrapped paragraph, or of each paragraph saved a sentence per
/// line, into its first (see [`super::unwrap`]); whether it joined any.
fn unwrap(doc: &mut Document) -> bool {
    // Most pages are neither, and tell at once: no two lines of text in a row.
    let blank = |l: &str| l.trim_start().is_empty();
    if !(1..doc.len()).any(|i| !blank(doc.original(i - 1)) && !blank(doc.original(i))) {
        return false;
    }
    let (rule, how, plan) = {
        let lines: Vec<&str> = (0..doc.len()).map(|i| doc.original(i)).collect();
        let wrapped = if super::unwrap::has_long_lines(lines.len(), lines.iter().copied()) {
            None
        } else {
            super::unwrap::detect(&lines)
        };
        let (rule, how, runs) = match wrapped {
            Some(w) => (
                UNWRAP,
                format!("hard-wrapped at {} characters", w.width),
                w.paragraphs,
            ),
            None => match super::unwrap::detect_sentences(&lines) {
                Some(runs) => (SENTENCES, "saved a sentence per line".to_string(), runs),
                None => return false,
            },
        };
        let plan: Vec<(usize, usize, String)> = runs
            .iter()
            .map(|&(head, rest)| (head, rest, super::unwrap::join(&lines[head..=head + rest])))
            .collect();
        (rule, how, plan)
    };
    for (head, rest, text) in plan {
        let (first, last) = (doc.line_number(head), doc.line_number(head + rest));
        let after = match rest {
            1 => "the line".to_string(),
            n => format!("the {n} lines"),
        };
        doc.rewrite(
            head,
            text,
            rule,
            format!("joined with {after} after it: one paragraph, {how} (lines {first}–{last})"),
        );
        for i in head + 1..=head + rest {
            doc.join(
                i,
                head,
                rule,
                format!("continues line {first}: one paragraph, {how}"),
            );
        }
    }
    true
}

/// Which steps could change a text, from one scan: a step whose bit is not set leaves the text
/// as it is (each bit is the step's own first test). Most lines need none: text without
/// entities, double spaces or unusual characters, in any language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Needs(u16);

impl Needs {
    const ENTITIES: u16 = 1;
    const MOJIBAKE: u16 = 1 << 1;
    const CONTROL: u16 = 1 << 2;
    const INVISIBLE: u16 = 1 << 3;
    const SPACES: u16 = 1 << 4;
    const NFC: u16 = 1 << 5;
    const WHITESPACE: u16 = 1 << 6;
    const TAGS: u16 = 1 << 7;
    const MARKDOWN: u16 = 1 << 8;
    const HOMOGLYPHS: u16 = 1 << 9;

    fn of(s: &str) -> Needs {
        let mut n = 0;
        // Which of `&`, `<`, `]`, `*` the line holds (see [`Needs::mark`]), gathered in the scan
        // below: most lines hold none, and need no search for entities, tags or Markdown.
        let mut marks = 0u8;
        if s.starts_with(char::is_whitespace)
            || s.ends_with(char::is_whitespace)
            || s.contains("  ")
        {
            n |= Needs::WHITESPACE;
        }
        // The previous character could lead a UTF-8 sequence read as Windows-1252.
        let mut lead = false;
        let bytes = s.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            // Eight ASCII bytes at once: only a control character among them needs a step.
            if let Some(block) = bytes.get(at..at + 8) {
                let block = u64::from_le_bytes(block.try_into().expect("eight bytes"));
                if block & AsciiClasses::HIGH == 0 {
                    let marked = AsciiClasses::equal(block, b'&')
                        | AsciiClasses::equal(block, b'<')
                        | AsciiClasses::equal(block, b']')
                        | AsciiClasses::equal(block, b'*');
                    if AsciiClasses::control(block) | marked != 0 {
                        for &b in &bytes[at..at + 8] {
                            n |= Needs::ascii_control(b);
                            marks |= Needs::mark(b);
                        }
                    }
                    lead = false;
                    at += 8;
                    continue;
                }
            }
            let b = bytes[at];
            if b.is_ascii() {
                n |= Needs::ascii_control(b);
                marks |= Needs::mark(b);
                lead = false;
                at += 1;
                continue;
            }
            let c = s[at..].chars().next().expect("a char starts here");
            at += c.len_utf8();
            if lead && cp1252_byte(c).is_some_and(|b| (0x80..=0xbf).contains(&b)) {
                n |= Needs::MOJIBAKE;
            }
            if is_dropped_control(c) {
                n |= Needs::CONTROL;
            }
            if is_exotic_space(c) {
                n |= Needs::SPACES;
            }
            if is_invisible(c) || c == '\u{200c}' || c == '\u{200d}' {
                n |= Needs::INVISIBLE;
            }
            if super::homoglyphs::latin_twin(c).is_some() {
                n |= Needs::HOMOGLYPHS;
            }
            if c >= '\u{300}'
                && (canonical_combining_class(c) != 0
                    || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
            {
                n |= Needs::NFC;
            }
            lead = ('\u{c2}'..='\u{f4}').contains(&c);
        }
        if marks & Needs::mark(b'&') != 0 {
            n |= Needs::ENTITIES;
        }
        if marks & Needs::mark(b'<') != 0 && super::tags::may_have_tags(s) {
            n |= Needs::TAGS;
        }
        if (marks & (Needs::mark(b']') | Needs::mark(b'*')) != 0
            || matches!(bytes.first(), Some(b'#' | b'-' | b'+')))
            && super::markdown::may_have_markdown(s)
        {
            n |= Needs::MARKDOWN;
        }
        Needs(n)
    }

    /// The bit of an ASCII byte that may start an entity (`&`), a tag (`<`), a Markdown link
    /// (`]`) or bold (`*`).
    fn mark(b: u8) -> u8 {
        match b {
            b'&' => 1,
            b'<' => 2,
            b']' => 4,
            b'*' => 8,
            _ => 0,
        }
    }

    /// What an ASCII character needs: a space if it is whitespace other than the space, dropping
    /// if it is another control character, else nothing.
    fn ascii_control(b: u8) -> u16 {
        if !b.is_ascii_control() {
            0
        } else if is_exotic_space(char::from(b)) {
            Needs::SPACES
        } else if is_dropped_control(char::from(b)) {
            Needs::CONTROL
        } else {
            0
        }
    }

    fn has(self, bit: u16) -> bool {
        self.0 & bit != 0
    }

    fn none(self) -> bool {
        self.0 == 0
    }
}

// ---- mojibake: UTF-8 bytes that were decoded as Windows-1252 ----

/// The byte a character stands for in Windows-1252 (with the five undefined bytes passed
/// through as C1 controls, as lenient decoders do).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    match u {
        0..=0x7f | 0xa0..=0xff => Some(u as u8),
        0x81 | 0x8d | 0x8f | 0x90 | 0x9d => Some(u as u8),
        _ => Some(match c {
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8a,
            '‹' => 0x8b,
            'Œ' => 0x8c,
            'Ž' => 0x8e,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9a,
            '›' => 0x9b,
            'œ' => 0x9c,
            'ž' => 0x9e,
            'Ÿ' => 0x9f,
            _ => return None,
        }),
    }
}

/// Code points a repaired sequence may stand for: scripts and punctuation that real text uses.
/// A sequence that would decode to anything else is left alone (it is not unambiguous).
fn plausible(c: char) -> bool {
    matches!(c as u32,
        0xa0..=0x24f        // Latin-1 supplement, Latin extended A/B
        | 0x370..=0x52f     // Greek, Cyrillic
        | 0x5d0..=0x6ff     // Hebrew, Arabic
        | 0xe00..=0xe7f     // Thai
        | 0x1e00..=0x1eff   // Latin extended additional
        | 0x2000..=0x2bff   // punctuation, currency, letterlike, arrows, symbols
        | 0x3000..=0x9fff   // CJK
        | 0xac00..=0xd7af   // Hangul
        | 0x1f000..=0x1faff // emoji
    )
}

/// Repairs `â€™` → `’`, `Ã©` → `é`: a run of characters whose Windows-1252 bytes form one valid
/// UTF-8 sequence of a plausible character. Repeats while it changes (text encoded twice).
fn repair_mojibake(s: &str) -> Option<(String, String)> {
    // Fast exit: every mojibake sequence starts with a character in U+00C2..U+00F4.
    if !s.chars().any(|c| ('\u{c2}'..='\u{f4}').contains(&c)) {
        return None;
    }
    let mut current = Cow::Borrowed(s);
    let mut repaired = 0;
    loop {
        let (next, n) = repair_once(&current);
        if n == 0 {
            break;
        }
        repaired += n;
        current = Cow::Owned(next);
    }
    (repaired > 0).then(|| {
        (
            current.into_owned(),
            format!(
                "repaired {repaired} mojibake sequence{} (UTF-8 read as Windows-1252)",
                plural(repaired)
            ),
        )
    })
}

fn repair_once(s: &str) -> (String, usize) {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut n = 0;
    let mut i = 0;
    while i < chars.len() {
        if let Some((c, len)) = sequence_at(&chars[i..]) {
            out.push(c);
            n += 1;
            i += len;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (out, n)
}

fn sequence_at(chars: &[char]) -> Option<(char, usize)> {
    let lead = cp1252_byte(chars[0])?;
    let len = match lead {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    if chars.len() < len {
        return None;
    }
    let mut bytes = [0u8; 4];
    bytes[0] = lead;
    for k in 1..len {
        let b = cp1252_byte(chars[k])?;
        if !(0x80..=0xbf).contains(&b) {
            return None;
        }
        bytes[k] = b;
    }
    let decoded = std::str::from_utf8(&bytes[..len]).ok()?;
    let c = decoded.chars().next()?;
    plausible(c).then_some((c, len))
}

// ---- the other steps ----

/// `&amp;`, `&#8217;`, `&nbsp;` …, repeated while it changes (text escaped twice), so that
/// cleaning its own output changes nothing.
fn decode_entities(s: &str) -> Option<(String, String)> {
    if !s.contains('&') {
        return None;
    }
    let mut current = s.to_string();
    let mut rounds = 0;
    loop {
        let next = html_escape::decode_html_entities(&current);
        if next == current.as_str() {
            break;
        }
        current = next.into_owned();
        rounds += 1;
    }
    (rounds > 0).then(|| {
        let how = if rounds > 1 {
            " (escaped more than once)"
        } else {
            ""
        };
        (current, format!("decoded HTML entities{how}"))
    })
}

fn compose_nfc(s: &str) -> Option<(String, String)> {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return None;
    }
    let nfc: String = s.nfc().collect();
    (nfc != s).then(|| (nfc, "composed to Unicode NFC".to_string()))
}

fn is_exotic_space(c: char) -> bool {
    c != ' ' && c != '\n' && c != '\r' && c.is_whitespace()
}

fn exotic_spaces(s: &str) -> Option<(String, String)> {
    let n = s.chars().filter(|&c| is_exotic_space(c)).count();
    (n > 0).then(|| {
        let text = s
            .chars()
            .map(|c| if is_exotic_space(c) { ' ' } else { c })
            .collect();
        (
            text,
            format!(
                "{n} non-breaking, tab or other exotic space{} → space",
                plural(n)
            ),
        )
    })
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{180e}' | '\u{2061}'..='\u{2064}'
    )
}

/// Zero-width characters and soft hyphens. A zero-width (non-)joiner is kept between two
/// non-ASCII letters or symbols, where it shapes emoji and scripts such as Persian; a run of
/// joiners there keeps its first one (more say nothing more), anywhere else it goes. So the step
/// leaves nothing for a second pass to do.
fn drop_invisible(s: &str) -> Option<(String, String)> {
    // Fast exit: no invisible character and no joiner, nothing to drop (every such character
    // is beyond ASCII).
    if s.is_ascii()
        || !s
            .chars()
            .any(|c| is_invisible(c) || c == '\u{200c}' || c == '\u{200d}')
    {
        return None;
    }
    // The invisible characters first, so that joiners they separated make one run.
    let chars: Vec<char> = s.chars().filter(|&c| !is_invisible(c)).collect();
    let mut n = s.chars().count() - chars.len();
    let joiner = |c: char| c == '\u{200c}' || c == '\u{200d}';
    let joins = |o: Option<&char>| o.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    let mut out = String::with_capacity(s.len());
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if !joiner(c) {
            out.push(c);
            k += 1;
            continue;
        }
        let end = k + chars[k..].iter().take_while(|&&c| joiner(c)).count();
        // The characters around the run are no joiners: the run is maximal.
        let keep = k > 0 && joins(chars.get(k - 1)) && joins(chars.get(end));
        if keep {
            out.push(c);
        }
        n += end - k - usize::from(keep);
        k = end;
    }
    (n > 0).then(|| {
        (
            out,
            format!(
                "removed {n} zero-width or soft-hyphen character{}",
                plural(n)
            ),
        )
    })
}

/// A control character that is not whitespace. A tab, form feed or next-line character
/// separates words: [`exotic_spaces`] makes it a space instead.
fn is_dropped_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

fn drop_control(s: &str) -> Option<(String, String)> {
    let n = s.chars().filter(|&c| is_dropped_control(c)).count();
    (n > 0).then(|| {
        (
            s.chars().filter(|&c| !is_dropped_control(c)).collect(),
            format!("removed {n} control character{}", plural(n)),
        )
    })
}

fn collapse_whitespace(s: &str) -> Option<(String, String)> {
    let trimmed = s.trim();
    if trimmed.len() == s.len() && !trimmed.contains("  ") {
        return None;
    }
    let mut out = String::with_capacity(trimmed.len());
    for (k, part) in trimmed.split(' ').filter(|p| !p.is_empty()).enumerate() {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    Some((out, "trimmed and collapsed runs of spaces".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(f: Step, s: &str) -> String {
        f(s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    const STEPS: [(Step, u16); 10] = [
        (decode_entities, Needs::ENTITIES),
        (super::super::tags::strip, Needs::TAGS),
        (super::super::markdown::strip, Needs::MARKDOWN),
        (repair_mojibake, Needs::MOJIBAKE),
        (drop_control, Needs::CONTROL),
        (drop_invisible, Needs::INVISIBLE),
        (exotic_spaces, Needs::SPACES),
        (compose_nfc, Needs::NFC),
        (
            super::super::homoglyphs::latin_lookalikes,
            Needs::HOMOGLYPHS,
        ),
        (collapse_whitespace, Needs::WHITESPACE),
    ];

    /// A step is skipped only when it would not change the text.
    fn skip_is_safe(s: &str) {
        let needs = Needs::of(s);
        for (step, bit) in STEPS {
            if !needs.has(bit) {
                assert!(
                    step(s).is_none(),
                    "{s:?}: {bit:#b} was skipped but changes it"
                );
            }
        }
    }

    #[test]
    fn lines_without_work_are_skipped_only_when_nothing_would_change() {
        for s in [
            "Grüße aus Köln – „schön“",
            "Menü“ und Ärger",
            "cafÃ©",
            "e\u{301}",
            "a\u{a0}b",
            "x\u{ad}y",
            "Fuß»",
            "Привет, мир",
            "Yоur соntеnt іѕ",
            "東京都",
            "AT&amp;T",
            "<p>x</p>",
            "a <b",
            "[a](/b)",
            "# x **y**",
        ] {
            skip_is_safe(s);
        }
        assert!(Needs::of("Grüße aus Köln – „schön“").none());
        assert_eq!(Needs::of("cafÃ©"), Needs(Needs::MOJIBAKE));
        assert_eq!(Needs::of("e\u{301}"), Needs(Needs::NFC));
        assert_eq!(
            Needs::of(" a\tb\u{7}"),
            Needs(Needs::WHITESPACE | Needs::SPACES | Needs::CONTROL)
        );
        assert_eq!(
            Needs::of("x\u{ad}y&"),
            Needs(Needs::INVISIBLE | Needs::ENTITIES)
        );
        // A lead character followed by ASCII starts no sequence.
        assert!(Needs::of("Â x ©").none());
        assert!(Needs::of("Âabcdefgh©").none());
    }

    proptest::proptest! {
        #[test]
        fn skipping_never_hides_a_change(
            s in "([a-zäöüßé€©“„ ]|[a-z ]{6,12}|<p>|</a>|<!--|\\[a\\]\\(/b\\)|\\*\\*|# |Ã©|â€™|&amp;|&#233;|\u{a0}|\u{ad}|\u{200b}|\u{200d}|e\u{301}|\u{85}|\t|\u{1}|\u{b}|\u{c}|\u{2028}|\u{3000}|Â|\u{200c}|\u{81}|\u{9d}|\u{7f}|о|с|і|д|Ο){0,12}"
        ) {
            skip_is_safe(&s);
        }

        #[test]
        fn skipping_never_hides_a_change_in_any_text(s in "\\PC{0,16}") {
            skip_is_safe(&s);
        }

        /// What the invisible-character step leaves, it leaves alone (runs of joiners too).
        #[test]
        fn dropping_invisible_characters_twice_changes_nothing(
            s in "([a-z ]|چ|خ|ی|👩|💻|\u{200c}|\u{200d}|\u{200b}|\u{ad}){0,32}"
        ) {
            let once = fix(drop_invisible, &s);
            proptest::prop_assert_eq!(drop_invisible(&once), None, "{:?} → {:?}", s, once);
        }
    }

    #[test]
    fn mojibake_is_repaired_where_unambiguous() {
        assert_eq!(fix(repair_mojibake, "Itâ€™s a cafÃ©"), "It’s a café");
        assert_eq!(fix(repair_mojibake, "â€œQuotedâ€\u{9d}"), "“Quoted”");
        assert_eq!(fix(repair_mojibake, "GrÃ¼ÃŸe aus KÃ¶ln"), "Grüße aus Köln");
        // encoded twice
        assert_eq!(fix(repair_mojibake, "cafÃƒÂ©"), "café");
        // real text that merely contains those letters stays
        for s in [
            "Ärger über Öl",
            "SÃO PAULO",
            "Façade déjà vu",
            "Fuß»",
            "naïve — “ok”",
        ] {
            assert_eq!(fix(repair_mojibake, s), s);
        }
    }

    #[test]
    fn entities_spaces_invisible_control_whitespace() {
        assert_eq!(
            fix(decode_entities, "AT&amp;T&#8217;s &hellip;"),
            "AT&T’s …"
        );
        assert_eq!(fix(decode_entities, "&amp;lt;b&amp;gt;"), "<b>");
        assert_eq!(fix(decode_entities, "R&D &parameter=1"), "R&D &parameter=1");
        assert_eq!(fix(exotic_spaces, "a\u{a0}b\u{2009}c\td"), "a b c d");
        assert_eq!(
            fix(drop_invisible, "in\u{ad}vis\u{200b}ible\u{feff}"),
            "invisible"
        );
        assert_eq!(fix(drop_invisible, "👩\u{200d}💻"), "👩\u{200d}💻");
        // A run of joiners keeps one where one joins, none elsewhere; in one pass.
        let persian = "می\u{200c}\u{200c}\u{200b}\u{200c}خواهم";
        assert_eq!(fix(drop_invisible, persian), "می\u{200c}خواهم");
        assert_eq!(drop_invisible("می\u{200c}خواهم"), None);
        let leading = "\u{200c}".repeat(18) + "چخ";
        assert_eq!(fix(drop_invisible, &leading), "چخ");
        assert_eq!(fix(drop_invisible, "a\u{200c}\u{200c}b"), "ab");
        assert_eq!(fix(drop_control, "a\u{7}b\u{85}c\td"), "ab\u{85}c\td");
        assert_eq!(fix(collapse_whitespace, "  a   b  "), "a b");
        assert_eq!(fix(compose_nfc, "Cafe\u{301}"), "Café");
        // typographic quotes and dashes are content
        let s = "“Yes” — she said – ‘no’";
        for f in [repair_mojibake, decode_entities, compose_nfc, exotic_spaces] {
            assert_eq!(fix(f, s), s);
        }
    }

    #[test]
    fn tabs_and_other_whitespace_controls_separate_words() {
        let p = crate::Pipeline::new(&crate::Config::default()).unwrap();
        let mut doc = Document::from_bytes(
            "t",
            "first\tsentence\u{b}and\u{c}then\u{85}more\u{7}!".as_bytes(),
        );
        p.normalize(&mut doc);
        assert_eq!(doc.text(0), "first sentence and then more!");
    }

    #[test]
    fn an_indented_markdown_item_loses_its_bullet_once_trimmed() {
        let p = crate::Pipeline::new(&crate::Config::default()).unwrap();
        let mut doc = Document::from_bytes("t", "[a](/a)\n   *   [News](/news/)\n".as_bytes());
        p.normalize(&mut doc);
        assert_eq!(doc.text(1), "News");
    }

    #[test]
    fn a_change_uncovers_work_for_an_earlier_step() {
        let p = crate::Pipeline::new(&crate::Config::default()).unwrap();
        // Mojibake once the control character is gone; a double space once the entity is
        // decoded.
        let mut doc = Document::from_bytes("t", "Ã\u{1}© caf&nbsp; x".as_bytes());
        p.normalize(&mut doc);
        assert_eq!(doc.text(0), "é caf x");
    }
}
