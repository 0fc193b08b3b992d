//! Markdown saved as text: scrapers that convert a page to Markdown (the readers and crawlers
//! that feed language models) write its links as `[text](https://…)`, its images as
//! `![alt](https://…)`, its headings as `## Heading` and bold as `**bold**`. Every later stage
//! reads a line's words, length and punctuation, and a link's address is words of no sentence;
//! so on a page written in Markdown the normalizer takes the syntax out first, keeping the text.
//!
//! A page is taken as Markdown from its own lines (see [`is_markdown_page`]): at least two links
//! or images. Only then are heading marks, bullets (`* `, `- `, `+ `) and bold markers taken out
//! too: a line that starts with `# ` or `- ` on a page saved a block per line is as likely a
//! list item, a code comment or a line of dialogue. Without them the lines read as those of a
//! page saved a block per line, which the classifier was trained on (a scraper that saves an
//! HTML list item saves its text, no bullet). Numbers of ordered lists (`1. `) stay.

use crate::document::plural;

/// The longest link address looked for, in bytes.
const MAX_TARGET: usize = 4096;

/// A link or an image: `[text](target)` or `![alt](target)`, its byte range and its text's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Link {
    start: usize,
    end: usize,
    text: (usize, usize),
    image: bool,
}

/// The end of a link's `(target)` that starts at `open` (a `(`): one past its `)`. The target
/// has no space (but for a `"title"` after it) and may hold balanced parentheses, as
/// encyclopedia addresses do (`…/Mercury_(planet)`).
fn target_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut k = open + 1;
    let limit = bytes.len().min(open + MAX_TARGET);
    if k >= limit || matches!(bytes[k], b')' | b' ') {
        return None;
    }
    while k < limit {
        match bytes[k] {
            b'(' => depth += 1,
            b')' if depth == 0 => return Some(k + 1),
            b')' => depth -= 1,
            b' ' => {
                // `(url "title")`
                let rest = &bytes[k + 1..limit];
                if rest.first() != Some(&b'"') {
                    return None;
                }
                let close = memchr::memchr(b'"', &rest[1..])?;
                let after = k + 1 + 1 + close + 1;
                return (bytes.get(after) == Some(&b')')).then_some(after + 1);
            }
            b'\t' | b'\n' | b'\r' => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

/// The links and images of a line, in order, outermost first (`[![alt](img)](href)` is one
/// link whose text is an image).
fn links(s: &str) -> Vec<Link> {
    let bytes = s.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(k) = memchr::memchr(b'[', &bytes[at..]) {
        let open = at + k;
        // The matching `]`, brackets balanced.
        let mut depth = 0usize;
        let mut close = None;
        for (j, &b) in bytes[open + 1..].iter().enumerate().take(MAX_TARGET) {
            match b {
                b'[' => depth += 1,
                b']' if depth == 0 => {
                    close = Some(open + 1 + j);
                    break;
                }
                b']' => depth -= 1,
                _ => {}
            }
        }
        // `a[i](x)` is code: a link starts a word.
        let after_word = s[..open]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let Some(close) = close.filter(|_| !after_word) else {
            at = open + 1;
            continue;
        };
        match bytes.get(close + 1) {
            Some(b'(') => match target_end(bytes, close + 1) {
                Some(end) => {
                    let image = open > 0 && bytes[open - 1] == b'!';
                    found.push(Link {
                        start: if image { open - 1 } else { open },
                        end,
                        text: (open + 1, close),
                        image,
                    });
                    at = end;
                }
                None => at = open + 1,
            },
            _ => at = open + 1,
        }
    }
    found
}

/// Whether a line has `](` (one vector search for most lines, which have no `]`).
fn has_bracket_paren(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b']', bytes).any(|at| bytes.get(at + 1) == Some(&b'('))
}

/// Whether a line holds a link or an image.
fn has_link(s: &str) -> bool {
    has_bracket_paren(s.as_bytes()) && !links(s).is_empty()
}

/// Whether a page is written in Markdown: at least two of its lines hold a link or an image.
pub fn is_markdown_page<'a>(lines: impl IntoIterator<Item = &'a str>) -> bool {
    lines.into_iter().filter(|l| has_link(l)).take(2).count() == 2
}

/// Whether a line is only Markdown images and links without text (`![alt](photo.jpg)`,
/// `[![logo](logo.png)](/)`), with nothing else but punctuation and spaces: markup, on any page.
pub fn is_media_only(s: &str) -> bool {
    if !has_bracket_paren(s.as_bytes()) {
        return false;
    }
    let found = links(s);
    !found.is_empty() && !has_text(&unlinked(s, &found))
}

/// Whether a line is a horizontal rule or the underline of a heading: three or more of one of
/// `-`, `=`, `_`, `*`, `~`, spaces between them allowed (`---`, `=====`, `* * *`), and nothing
/// else. Markdown writes them, and text saved from a page draws them as separators.
pub fn is_rule(s: &str) -> bool {
    let s = s.trim();
    let Some(mark) = s.bytes().next().filter(|b| b"-=_*~".contains(b)) else {
        return false;
    };
    s.bytes().all(|b| b == mark || b == b' ') && s.bytes().filter(|&b| b == mark).count() >= 3
}

/// Whether a text has a letter or a digit.
fn has_text(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// `s` with the syntax of its links `found` taken out (see [`unlink`]).
fn unlinked(s: &str, found: &[Link]) -> String {
    let mut out = String::with_capacity(s.len());
    unlink(s, found, &mut out);
    out
}

/// Whether a line may hold Markdown syntax the step takes out (a link, a heading mark, bold):
/// [`strip`] changes no line this says no to.
pub(crate) fn may_have_markdown(s: &str) -> bool {
    let bytes = s.as_bytes();
    matches!(bytes.first(), Some(b'#' | b'*' | b'-' | b'+'))
        || has_bracket_paren(bytes)
        || memchr::memchr_iter(b'*', bytes).any(|at| bytes.get(at + 1) == Some(&b'*'))
}

/// The text of a line with its links' and images' syntax taken out: a link leaves its text, an
/// image nothing. Links inside a link's text are taken out with it.
fn unlink(s: &str, found: &[Link], out: &mut String) {
    let mut at = 0;
    for link in found {
        out.push_str(&s[at..link.start]);
        if !link.image {
            let (from, to) = link.text;
            let inner = &s[from..to];
            let nested = links(inner);
            unlink(inner, &nested, out);
        }
        at = link.end;
    }
    out.push_str(&s[at..]);
}

/// A heading's text without its marks: `## Heading ##` → `Heading`.
fn unheading(s: &str) -> Option<&str> {
    let hashes = s.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || !s[hashes..].starts_with([' ', '\t']) {
        return None;
    }
    let text = s[hashes..].trim();
    let text = text.trim_end_matches('#').trim_end();
    (!text.is_empty()).then_some(text)
}

/// A list item's text without its bullet: `* Home`, `- Home`, `+ Home` → `Home`. (An indented
/// item is one once the whitespace step has trimmed it, and the normalizer runs its steps again.)
fn unbullet(s: &str) -> Option<&str> {
    let rest = s.strip_prefix(['*', '-', '+'])?;
    let text = rest.strip_prefix([' ', '\t'])?.trim_start();
    // `* * *` and `- - -` are rules, not items.
    has_text(text).then_some(text)
}

/// `**bold**` → `bold`, where the markers hug the text (`2 ** 3` stays). `__bold__` is left
/// alone: scraped text writes names that way (`__init__`).
fn unbold(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut rest = s;
    while let Some(k) = rest.find("**") {
        let inner_from = k + 2;
        let close = rest[inner_from..].find("**").map(|j| inner_from + j);
        match close {
            Some(c)
                if c > inner_from
                    && !rest[inner_from..c].starts_with(char::is_whitespace)
                    && !rest[inner_from..c].ends_with(char::is_whitespace) =>
            {
                out.push_str(&rest[..k]);
                out.push_str(&rest[inner_from..c]);
                rest = &rest[c + 2..];
                changed = true;
            }
            _ => {
                out.push_str(&rest[..inner_from]);
                rest = &rest[inner_from..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// What [`strip`] took out: links, images, heading marks, a bullet, bold markers.
#[derive(Debug, Default, Clone, Copy)]
struct Taken {
    links: usize,
    images: usize,
    heading: bool,
    bullet: bool,
    bold: bool,
}

/// Takes a line's Markdown syntax out (on a page [`is_markdown_page`] says is Markdown): the
/// text and the reason. Repeated while it changes (`# ## x`), so that cleaning the output again
/// changes nothing.
pub fn strip(s: &str) -> Option<(String, String)> {
    let mut taken = Taken::default();
    let mut text = strip_once(s, &mut taken)?;
    while let Some(again) = strip_once(&text, &mut taken) {
        text = again;
    }
    let mut parts: Vec<String> = Vec::new();
    if taken.links > 0 {
        parts.push(format!("{} link{}", taken.links, plural(taken.links)));
    }
    if taken.images > 0 {
        parts.push(format!("{} image{}", taken.images, plural(taken.images)));
    }
    if taken.heading {
        parts.push("heading marks".into());
    }
    if taken.bullet {
        parts.push("a bullet".into());
    }
    if taken.bold {
        parts.push("bold markers".into());
    }
    Some((
        text,
        format!("Markdown saved as text: took out {}", parts.join(", ")),
    ))
}

/// One pass of [`strip`]; what it took out is added to `taken`.
fn strip_once(s: &str, taken: &mut Taken) -> Option<String> {
    if !may_have_markdown(s) {
        return None;
    }
    let mut text = s.to_string();
    let found = links(&text);
    if !found.is_empty() {
        let images = found.iter().filter(|l| l.image).count();
        let linked = found.len() - images;
        let out = unlinked(&text, &found);
        // Only an image, or an empty link: left for the rules and the classifier as it was
        // (and removed after them as markup, see [`is_media_only`]).
        if !has_text(&out) {
            return None;
        }
        taken.links += linked;
        taken.images += images;
        text = out;
    }
    if let Some(heading) = unheading(&text) {
        text = heading.to_string();
        taken.heading = true;
    }
    if let Some(item) = unbullet(&text) {
        text = item.to_string();
        taken.bullet = true;
    }
    if let Some(unbolded) = unbold(&text) {
        text = unbolded;
        taken.bold = true;
    }
    (text != s).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        strip(s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn links_images_headings_and_bold_go() {
        assert_eq!(
            fix("The council [voted](https://example.com/vote) on **Tuesday**."),
            "The council voted on Tuesday."
        );
        assert_eq!(fix("* [Home](/)"), "Home");
        assert_eq!(fix("- Nested item"), "Nested item");
        assert_eq!(fix("1. First step"), "1. First step");
        assert_eq!(fix("* * *"), "* * *");
        assert_eq!(fix("[World](https://x.com/world \"World news\")"), "World");
        assert_eq!(
            fix("See [Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) tonight"),
            "See Mercury tonight"
        );
        assert_eq!(
            fix("Text ![a photo](https://x.com/a.jpg) more [![logo](l.png) Home](/) end"),
            "Text  more  Home end"
        );
        assert_eq!(fix("## What happens next ##"), "What happens next");
        assert_eq!(fix("# Title"), "Title");
    }

    #[test]
    fn text_that_only_looks_like_markdown_stays() {
        for s in [
            "2 ** 3 is 8",
            "call __init__ first",
            "#hashtag at the start",
            "####### seven is no heading",
            "an array a[i](x) in code",
            "[citation needed]",
            "[1] (see below)",
            "![only an image](https://x.com/a.jpg)",
            "[](https://x.com/empty)",
            "plain text",
        ] {
            assert_eq!(strip(s), None, "{s}");
        }
    }

    #[test]
    fn lines_of_images_only_are_media() {
        for s in [
            "![Readers in the hall](https://x.com/hall.jpg)",
            "[![Logo](https://x.com/logo.png)](https://x.com/)",
            "![a](a.png) | ![b](b.png)",
            "[](https://x.com/empty)",
        ] {
            assert!(is_media_only(s), "{s}");
        }
        for s in [
            "[Home](/)",
            "Text ![a](a.png)",
            "plain text",
            "![not closed](",
            "",
        ] {
            assert!(!is_media_only(s), "{s}");
        }
    }

    #[test]
    fn rules_and_underlines() {
        for s in ["---", "=====", "* * *", "___________", " ~~~ ", "- - - -"] {
            assert!(is_rule(s), "{s}");
        }
        for s in [
            "--",
            "-=-",
            "--- a",
            "***bold***",
            "- item",
            "-- 2 --",
            "",
            "   ",
        ] {
            assert!(!is_rule(s), "{s}");
        }
    }

    #[test]
    fn a_page_is_markdown_from_two_links() {
        let one = ["# Title", "Text with [a link](/a).", "More text."];
        assert!(!is_markdown_page(one));
        let two = ["# Title", "Text with [a link](/a).", "* [Home](/)"];
        assert!(is_markdown_page(two));
    }

    #[test]
    fn the_reason_says_what_went() {
        let (_, reason) = strip("## [A](/a) and [B](/b) ![c](c.png) **d**").unwrap();
        assert_eq!(
            reason,
            "Markdown saved as text: took out 2 links, 1 image, heading marks, bold markers"
        );
        let (_, reason) = strip("- [Home](/)").unwrap();
        assert_eq!(reason, "Markdown saved as text: took out 1 link, a bullet");
    }

    #[test]
    fn a_long_line_of_open_brackets_is_text() {
        for unit in ["[a](", "[", "[a](b ", "**"] {
            let line = unit.repeat(20_000);
            assert_eq!(strip(&line), None, "{unit}");
        }
    }

    proptest::proptest! {
        /// What is left has nothing more to take out, and every text is handled without a
        /// panic.
        #[test]
        fn stripping_twice_changes_nothing(
            s in crate::text::tests::mostly(&[
                "\\[", "\\]", "\\(", "\\)", "!\\[", "\\]\\(", "\\]\\(/x\\)", "\\*\\*", "__", "# ",
                "## ", "\"",
                "[a-z]{1,6}", " ",
            ])
        ) {
            let once = fix(&s);
            proptest::prop_assert_eq!(strip(&once), None, "{:?} → {:?}", s, once);
        }
    }
}
