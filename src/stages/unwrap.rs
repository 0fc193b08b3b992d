//! Hard-wrapped paragraphs: text saved by a tool that breaks lines at a fixed width (`lynx
//! -dump`, `w3m -dump`, html2text, mail archives) holds each paragraph on several lines. Every
//! later stage judges a line by its length, its words and how it ends, and a piece of a
//! sentence looks like debris; so the normalizer joins such a paragraph's lines into its first
//! before anything else reads them.
//!
//! A page is taken as wrapped only from its own shape (see [`detect`]): almost no line is longer
//! than a width of at most [`MAX_WIDTH`] characters; lines stop there because the next word
//! would not have fitted, mostly inside a sentence (the next line often starts with a lowercase
//! letter); and few lines stop short of it inside a sentence where the next word would have
//! fitted (verse, lists and code are broken by meaning, not for room). Within such a page, a
//! line continues the one before when its first word would not have fitted on that one. Pages
//! saved a block per line have long lines, and are left alone.

/// The widest wrap looked for, in characters. Scraped pages saved a block per line have longer
/// lines than this wherever they have running text.
pub const MAX_WIDTH: usize = 160;

/// The narrowest.
const MIN_WIDTH: usize = 30;

/// What a line that ends a sentence ends with.
const SENTENCE_END: &[char] = &['.', '!', '?', '…', ':', ';', '"', '”', '»', '\'', ')'];

/// How the lines of a wrapped page go together: the width, and each paragraph of two or more
/// lines as (first line, lines after it), 0-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub width: usize,
    pub paragraphs: Vec<(usize, usize)>,
}

/// The length of a line in characters, without the spaces at its end.
fn width_of(line: &str) -> usize {
    let line = line.trim_end();
    if line.is_ascii() {
        line.len()
    } else {
        line.chars().count()
    }
}

/// The characters of the first word of a line (after its indentation).
fn first_word(line: &str) -> usize {
    line.split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count())
}

/// A line that starts an item of a list (`* `, `- `, `• `, `1. `, `2) `): a new block, even
/// where its first word would not have fitted on the line before.
fn starts_item(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        // Not a dash: a sentence broken at the space before one goes on with it.
        Some('-' | '+') => t[1..].starts_with(' '),
        Some('*' | '•' | '·' | '◦' | '▪' | '>' | '#' | '|') => true,
        // `1. `, `12) `: not a year that ends a sentence, `2000. (The …`.
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            t.len() - rest.len() <= 2 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

/// Whether a line starts or ends with an HTML tag (`<p>…`, `…</h1>`): markup saved as text is
/// broken where its blocks are, not for room.
fn at_a_tag(line: &str) -> bool {
    let t = line.trim();
    let opens = t
        .strip_prefix('<')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
    opens || (t.ends_with('>') && t.rfind('<').is_some_and(|k| t[k..].len() > 2))
}

/// Whether line `next` continues line `before` of `width_before` characters (0: a blank line)
/// in a page wrapped at `width`: its first word would not have fitted there.
fn continues(before: &str, width_before: usize, next: &str, width: usize) -> bool {
    if width_before == 0 || width_before > width || width_before + 1 + next.len() <= width {
        return false;
    }
    let word = first_word(next);
    word > 0
        && width_before + 1 + word > width
        && !starts_item(next)
        && !at_a_tag(before)
        && !at_a_tag(next)
}

/// Whether more than two lines, and more than one in a hundred, of the `count` lines of
/// `lines` are longer than [`MAX_WIDTH`]: a page saved a block per line, not wrapped (where a
/// long URL or table row may stick out, but not running text). Most pages are, and say so
/// within their first long lines: only lines of more than [`MAX_WIDTH`] bytes are measured,
/// and the count stops there.
pub fn has_long_lines<'a>(count: usize, lines: impl Iterator<Item = &'a str>) -> bool {
    let mut long = 0;
    for line in lines {
        if line.len() > MAX_WIDTH && width_of(line) > MAX_WIDTH {
            long += 1;
            if too_many_long(long, count) {
                return true;
            }
        }
    }
    false
}

/// More long lines than a wrapped page of `count` lines has.
fn too_many_long(long: usize, count: usize) -> bool {
    long > 2 && long * 100 > count
}

/// A line that ends a sentence (see [`crate::text::line_end`]) and has three words or more.
fn ends_sentence(line: &str) -> bool {
    use crate::text::End;
    matches!(crate::text::line_end(line), End::Period | End::Exclamation)
        && line.split_whitespace().nth(2).is_some()
}

/// A line that can open a sentence: its first letter uppercase, or a digit or an opening
/// quote or bracket first; three words or more; not an item of a list (`1. `, `- `).
fn starts_sentence(line: &str) -> bool {
    let first = line.trim_start().chars().next();
    first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“„«‘'(".contains(c))
        && line.split_whitespace().nth(2).is_some()
        && !starts_item(line)
}

/// Pages saved a sentence per line (by a tool that splits text into sentences, keeping a blank
/// line between paragraphs): each paragraph's sentences are lines in a row, and each one alone
/// looks like a short line to the later stages. A page is taken as such from its own shape: it
/// separates its blocks with blank lines (at least three in ten of its lines have one after
/// them) and yet holds three or more lines in a row where one ends a sentence and the next
/// starts one, one in five of its sentence-ending lines or more. Pages saved a block per line
/// have no two lines of text in a row. Returns each such run of lines as (first line, lines
/// after it), 0-based.
pub fn detect_sentences(lines: &[&str]) -> Option<Vec<(usize, usize)>> {
    let blank = |l: &str| l.trim_start().is_empty();
    if !lines.windows(2).any(|p| !blank(p[0]) && !blank(p[1])) {
        return None;
    }
    let text_lines = lines.iter().filter(|l| !blank(l)).count();
    let blank_after = lines
        .windows(2)
        .filter(|p| !blank(p[0]) && blank(p[1]))
        .count();
    if text_lines < 8 || blank_after * 10 < text_lines * 3 {
        return None;
    }
    // Whether line `i + 1` goes on the paragraph of line `i`.
    let goes_on: Vec<bool> = lines
        .windows(2)
        .map(|p| !blank(p[0]) && ends_sentence(p[0]) && starts_sentence(p[1]))
        .collect();
    let pairs = goes_on.iter().filter(|&&g| g).count();
    let sentences = lines.iter().filter(|l| ends_sentence(l)).count();
    if pairs < 3 || pairs * 5 < sentences {
        return None;
    }
    // Each run of pairs in a row is one paragraph: its first line and the lines after it.
    let mut runs = Vec::new();
    let mut at = 0;
    for same in goes_on.chunk_by(|a, b| a == b) {
        if same[0] {
            runs.push((at, same.len()));
        }
        at += same.len();
    }
    Some(runs)
}

/// The wrap of a page of `lines` (their text as decoded), if it is wrapped.
pub fn detect(lines: &[&str]) -> Option<Wrapped> {
    // No two lines in a row (a paragraph a line, blank lines between): nothing to join.
    let blank = |l: &str| l.trim_start().is_empty();
    if !lines.windows(2).any(|p| !blank(p[0]) && !blank(p[1])) {
        return None;
    }
    // Each line's width, 0 for a blank one.
    let widths: Vec<usize> = lines
        .iter()
        .map(|&l| if blank(l) { 0 } else { width_of(l) })
        .collect();
    let mut sorted: Vec<usize> = widths.iter().copied().filter(|&w| w > 0).collect();
    let n = sorted.len();
    // Too short to tell; or a page saved a block per line (many long lines).
    if n < 8 || too_many_long(sorted.iter().filter(|&&w| w > MAX_WIDTH).count(), n) {
        return None;
    }
    // The width: the longest line that is not alone in its length (give or take a few
    // characters): the lines that stop where the next word would not fit come close to it, a
    // long URL or a table row sticks out by itself.
    sorted.retain(|&w| w <= MAX_WIDTH);
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let width = sorted.windows(2).find(|p| p[1] + 3 >= p[0]).map(|p| p[0])?;
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return None;
    }
    // Lines that stop because the next word would not have fitted; how many of them end a
    // sentence, and how many of the next lines go on in the middle of one. Wrapping breaks
    // lines wherever the width falls, mostly inside sentences; the longest lines of a page
    // saved a block per line are whole paragraphs, which end with a sentence, and the next
    // one starts a new sentence.
    // And lines that came close to the width and stopped inside a sentence although the next
    // word would have fitted: broken by meaning, not for room (verse, a list, code), which a
    // wrapped page has only where its blocks stand without a blank line between.
    let (mut full, mut ended, mut lower, mut loose) = (0usize, 0usize, 0usize, 0usize);
    for k in 1..lines.len() {
        let before = widths[k - 1];
        if widths[k] > 0
            && before * 5 >= width * 4
            && before + 1 + first_word(lines[k]) <= width
            && !lines[k - 1].trim_end().ends_with(SENTENCE_END)
        {
            loose += 1;
        }
        if continues(lines[k - 1], before, lines[k], width) {
            full += 1;
            if lines[k - 1].trim_end().ends_with(SENTENCE_END) {
                ended += 1;
            }
            if lines[k]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            {
                lower += 1;
            }
        }
    }
    if full < 3 || ended * 2 > full || lower * 5 < full || loose * 2 > full {
        return None;
    }
    let mut paragraphs = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let mut end = k;
        while end + 1 < lines.len() && continues(lines[end], widths[end], lines[end + 1], width) {
            end += 1;
        }
        if end > k {
            paragraphs.push((k, end - k));
        }
        k = end + 1;
    }
    Some(Wrapped { width, paragraphs })
}

/// The lines of a wrapped paragraph as one: trimmed, joined by a space (a word broken at a
/// hyphen, `well-` then `known`, or a name at one, `10-` then `things`, without one).
pub fn join(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let hyphen = out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            && line.chars().next().is_some_and(char::is_alphanumeric);
        if !out.is_empty() && !hyphen {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page saved a sentence per line, a blank line between its paragraphs: each
    /// paragraph's lines are one run; the headline, the menu and the one-sentence paragraph are
    /// not joined. Saved a block per line (or with no blank lines at all), nothing is.
    #[test]
    fn sentences_a_line_are_found_by_their_shape() {
        let page = "Harbour reopens after storm repairs\n\nHome\nNews\nSport\n\n\
            The harbour of the town reopened on Monday.\n\
            Repairs to the sea wall took three weeks.\n\
            The storm had broken it in two places.\n\n\
            Fishing boats were the first to return.\n\
            “We are glad to be back,” one skipper said.\n\
            The ferry will follow at the end of the week.\n\n\
            The council will pay for the work.\n\n\
            No rise in harbour fees is planned this year.\n\
            The region will share the cost of the repairs.\n\n\
            1. Check the moorings before you sail.\n\
            2. Report any damage to the harbour office.\n\
            3. Keep clear of the north pier until May.\n";
        let lines: Vec<&str> = page.lines().collect();
        assert_eq!(
            detect_sentences(&lines),
            Some(vec![(6, 2), (10, 2), (16, 1)]),
            "{lines:#?}"
        );
        let blocks = page.replace(".\n", ".\n\n");
        let lines: Vec<&str> = blocks.lines().collect();
        assert_eq!(detect_sentences(&lines), None);
        let no_blanks = page.replace("\n\n", "\n");
        let lines: Vec<&str> = no_blanks.lines().collect();
        assert_eq!(detect_sentences(&lines), None);
    }

    /// `text` wrapped at `width` as the usual tools do: words are moved to the next line when
    /// they would not fit.
    fn wrap(text: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut line = String::new();
        for word in text.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push(line);
        out
    }

    const P1: &str = "The owners of eleven cafés on the main square said on Tuesday that the new parking rules would cost them a third of their customers, and that they would take the council to court if it did not listen.";
    const P2: &str = "The council said it would listen to their concerns before the rules take effect in the spring, but that the square had to be kept free for the market on three days of the week.";

    fn page(width: usize) -> Vec<String> {
        let mut lines = vec![
            "Café owners rally against the new parking rules".to_string(),
            String::new(),
            "Home".to_string(),
            "World".to_string(),
            String::new(),
        ];
        lines.extend(wrap(P1, width));
        lines.push(String::new());
        lines.extend(wrap(P2, width));
        lines.push(String::new());
        lines.extend(wrap(&format!("{P2} {P1}"), width));
        lines.push(String::new());
        lines.push("* Share this article".to_string());
        lines
    }

    #[test]
    fn a_wrapped_page_is_found_with_its_width_and_paragraphs() {
        for width in [60, 72, 78, 100] {
            let lines = page(width);
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let w = detect(&refs).unwrap_or_else(|| panic!("width {width}: {lines:#?}"));
            assert!(w.width <= width && w.width + 6 > width, "{width}: {w:?}");
            assert_eq!(w.paragraphs.len(), 3, "{width}: {w:?}");
            let (head, rest) = w.paragraphs[0];
            assert_eq!(head, 5);
            assert_eq!(join(&refs[head..=head + rest]), P1);
            let (head, rest) = w.paragraphs[1];
            assert_eq!(join(&refs[head..=head + rest]), P2);
        }
    }

    #[test]
    fn pages_saved_a_block_per_line_are_not_wrapped() {
        let lines = [
            "Café owners rally against the new parking rules",
            "Home",
            "World",
            P1,
            P2,
            "Share this article",
            "Home",
            "More news",
            "© 2024 The Daily Bugle",
        ];
        assert_eq!(detect(&lines), None);
        // Short lines only, menus and lists: no line stops for want of room, mid-sentence.
        let menu: Vec<String> = (0..40)
            .map(|k| format!("Section {k} of the site with its news"))
            .collect();
        let refs: Vec<&str> = menu.iter().map(String::as_str).collect();
        assert_eq!(detect(&refs), None);
    }

    /// Lines that are short by nature, not by a wrap: code and verse, saved a line each.
    #[test]
    fn code_and_verse_are_not_wrapped() {
        let code = r#"fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).expect("usage: count FILE");
    let text = std::fs::read_to_string(path).expect("the file can be read");
    let mut counts = std::collections::BTreeMap::new();
    for word in text.split_whitespace().map(|w| w.to_lowercase()) {
        *counts.entry(word).or_insert(0usize) += 1;
    }
    let mut pairs: Vec<(String, usize)> = counts.into_iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (word, n) in pairs.iter().take(10) {
        println!("{n:>8} {word}");
    }
}"#;
        let lines: Vec<&str> = code.lines().collect();
        assert_eq!(detect(&lines), None);
        let verse = "the sea came in at dawn and took the boats\nand left the nets like hair upon the stones\nwe counted what was lost and what was ours\nand none of us would say the names aloud\nthe gulls came back before the men came home\nand cried above the harbour all day long\nmy mother kept the lamp lit in the door\nand in the morning we went down to look\nat what the water gave us and took back";
        let lines: Vec<&str> = verse.lines().collect();
        assert_eq!(detect(&lines), None, "no line stops for want of room");
    }

    #[test]
    fn list_items_and_hyphens() {
        assert!(starts_item("  * Share this"));
        assert!(at_a_tag("<p>The town council approved"));
        assert!(at_a_tag("<h1>Council approves harbour budget</h1>"));
        assert!(at_a_tag("the end of a paragraph.</p>"));
        assert!(!at_a_tag("a < b and c > d"));
        assert!(!at_a_tag("I <3 this"));
        assert!(!at_a_tag("-> next"));
        assert!(starts_item("12. The twelfth"));
        assert!(!starts_item("12 people came"));
        assert!(!starts_item("2000. (The discovery came later.)"));
        assert!(starts_item("- the first item"));
        assert!(!starts_item("— a dash that goes on with the sentence"));
        assert!(!starts_item("-5 degrees at night"));
        assert_eq!(join(&["a well-", "known fact"]), "a well-known fact");
        assert_eq!(join(&["pages 3 -", "4"]), "pages 3 - 4");
        assert_eq!(
            join(&["/image/500-", "things.jpg"]),
            "/image/500-things.jpg"
        );
    }
}
