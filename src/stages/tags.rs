//! HTML tags inside a line of text: a scraper that saved a block's inner HTML instead of its
//! text (`<p>The council <a href="/x">voted</a> on Tuesday.</p>`), or a page that showed markup
//! as text (a comment's escaped links, decoded by the entity step). Every later stage reads a
//! line's words, length and punctuation, and the tags' attributes are words of no sentence; so
//! the normalizer takes them out first, keeping the text between them.
//!
//! A tag is `<` and the name of an HTML element (the standard's list, any case) up to its `>`,
//! a closing tag `</name>`, or a comment `<!-- … -->`; a `<` that starts none (`a < b`, `<3`,
//! `Vec<T>`) is an ordinary character. A line's tags are taken out only when some of them show
//! the line is markup, not prose about markup ("use the <br> tag"): a tag with attributes, a
//! comment, an element opened and closed around text in the line, or a tag that touches the
//! text it marks (`<p>Text`, `text</p>`, `one<br>two`). A line that is only tags is left as it
//! is: the article builder removes it as markup (`article/markup`), after the classifier has
//! read the page as it was trained to.

use crate::document::plural;

/// The elements of HTML (the living standard's, and the obsolete ones pages still carry),
/// sorted for a binary search.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements that sit inside a run of text: taken out, they leave nothing between the words
/// around them (`<b>Bold</b>ly`). Any other element (a paragraph, a cell, a line break) ends a
/// block, and leaves a space.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "mark", "nobr", "q", "rp", "rt", "ruby", "s", "samp", "small",
    "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var",
];

/// Elements without content or a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// The longest tag looked for, in bytes (attributes included): an image's data URL fits.
const MAX_TAG: usize = 64 * 1024;

/// Elements whose content is code, not text: taken out with their tags when closed in the line.
const CODE: &[&str] = &["script", "style", "template"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `<name …>`; whether it has attributes, whether it closes itself (`/>`).
    Open {
        attributes: bool,
        closed: bool,
    },
    Close,
    Comment,
}

/// One tag in a line: its byte range, its element (lowercase; empty for a comment), its kind.
#[derive(Debug, Clone, Copy)]
struct Tag {
    start: usize,
    end: usize,
    name: &'static str,
    kind: Kind,
}

/// The element a name is, from [`ELEMENTS`] (ASCII case ignored).
fn element(name: &[u8]) -> Option<&'static str> {
    if name.is_empty() || name.len() > 10 {
        return None;
    }
    let mut lower = [0u8; 10];
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..name.len()];
    ELEMENTS
        .binary_search_by(|e| e.as_bytes().cmp(lower))
        .ok()
        .map(|k| ELEMENTS[k])
}

/// The tag that starts at `at` (a `<`), if one does.
fn tag_at(bytes: &[u8], at: usize) -> Option<Tag> {
    let rest = &bytes[at..];
    if rest.starts_with(b"<!--") {
        let len = memchr::memmem::find(&rest[4..], b"-->")?;
        return Some(Tag {
            start: at,
            end: at + 4 + len + 3,
            name: "",
            kind: Kind::Comment,
        });
    }
    let closing = rest.get(1) == Some(&b'/');
    let from = 1 + usize::from(closing);
    let name_len = rest[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let name = element(&rest[from..from + name_len])?;
    let mut k = from + name_len;
    let next = *rest.get(k)?;
    if closing {
        // `</name>`, perhaps with spaces before the `>`.
        k += rest[k..]
            .iter()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
        return (rest.get(k) == Some(&b'>')).then_some(Tag {
            start: at,
            end: at + k + 1,
            name,
            kind: Kind::Close,
        });
    }
    match next {
        b'>' => Some(Tag {
            start: at,
            end: at + k + 1,
            name,
            kind: Kind::Open {
                attributes: false,
                closed: false,
            },
        }),
        b'/' if rest.get(k + 1) == Some(&b'>') => Some(Tag {
            start: at,
            end: at + k + 2,
            name,
            kind: Kind::Open {
                attributes: false,
                closed: true,
            },
        }),
        b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {
            // Attributes up to the `>`, quoted values may hold one; a `<` outside quotes means
            // this was no tag.
            let mut quote = None;
            let mut attributes = false;
            // A tag longer than this is taken for text: a long line of `<a "` cannot make the
            // search for tags quadratic.
            let limit = rest.len().min(MAX_TAG);
            while k < limit {
                let b = rest[k];
                match quote {
                    Some(q) if b == q => quote = None,
                    Some(_) => {}
                    None => match b {
                        b'"' | b'\'' => quote = Some(b),
                        b'<' => return None,
                        b'>' => {
                            let closed = rest[k - 1] == b'/';
                            return Some(Tag {
                                start: at,
                                end: at + k + 1,
                                name,
                                kind: Kind::Open { attributes, closed },
                            });
                        }
                        b if b.is_ascii_alphabetic() => attributes = true,
                        // What attribute names and unquoted values are made of (letters of any
                        // script too, and typographic quotes a page set by mistake); anything
                        // else (`a<b && c>d`, `i<s || j>k`) is code or prose, not a tag.
                        b if b.is_ascii_alphanumeric()
                            || b.is_ascii_whitespace()
                            || !b.is_ascii()
                            || b"-_:.=/#%?,".contains(&b) => {}
                        _ => return None,
                    },
                }
                k += 1;
            }
            None
        }
        _ => None,
    }
}

/// The tags of a line, in order.
fn tags(s: &str) -> Vec<Tag> {
    let bytes = s.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(k) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + k;
        match tag_at(bytes, start) {
            Some(tag) => {
                at = tag.end;
                found.push(tag);
            }
            None => at = start + 1,
        }
    }
    found
}

/// Whether a line may hold a tag: a `<` before a letter, `/` or `!` (one vector search for most
/// lines, which have no `<`).
pub(crate) fn may_have_tags(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| {
        bytes
            .get(at + 1)
            .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!')
    })
}

/// Whether the tags show the line is markup, not prose that names a tag (see the module
/// documentation). An element opened and closed around no text (`<head>...</head>`) is how
/// prose shows one.
fn is_markup(s: &str, tags: &[Tag]) -> bool {
    let touches_before = |at: usize| {
        s[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let touches_after = |at: usize| s[at..].chars().next().is_some_and(char::is_alphanumeric);
    // A line break between two sentences, `“One.”<br>“Two.”`: text on both sides, and not the
    // quotes or brackets of a tag named in prose (`"<br>"`, `(<br>)`).
    let between_text = |tag: &Tag| {
        let before = s[..tag.start].chars().next_back();
        let after = s[tag.end..].chars().next();
        before.is_some_and(|c| !c.is_whitespace() && !"\"'`“‘«„‚(['".contains(c))
            && after.is_some_and(|c| !c.is_whitespace())
    };
    tags.iter().enumerate().any(|(k, tag)| match tag.kind {
        Kind::Comment => true,
        Kind::Open { attributes, closed } => {
            attributes
                || closed
                || touches_after(tag.end)
                || (VOID.contains(&tag.name) && (touches_before(tag.start) || between_text(tag)))
                || tags[k + 1..]
                    .iter()
                    .find(|t| t.kind == Kind::Close && t.name == tag.name)
                    .is_some_and(|close| {
                        s[tag.end..close.start].contains(|c: char| c.is_alphanumeric())
                    })
        }
        Kind::Close => touches_before(tag.start),
    })
}

/// Takes a line's HTML tags out, when they show it is markup and text is left; the text and the
/// reason. Repeated while it changes (tags written inside tags), so that cleaning the output
/// again changes nothing.
pub fn strip(s: &str) -> Option<(String, String)> {
    if !may_have_tags(s) {
        return None;
    }
    let mut current = s.to_string();
    let mut taken = 0;
    let mut names: Vec<&'static str> = Vec::new();
    let mut code = false;
    loop {
        let found = tags(&current);
        if found.is_empty() || !is_markup(&current, &found) {
            break;
        }
        let mut out = String::with_capacity(current.len());
        let mut at = 0;
        let mut k = 0;
        while k < found.len() {
            let tag = found[k];
            out.push_str(&current[at..tag.start]);
            at = tag.end;
            taken += 1;
            if !tag.name.is_empty() && !names.contains(&tag.name) {
                names.push(tag.name);
            }
            // A block's tag separates words, with one space and none at the line's ends.
            let space = |c: char| c.is_whitespace();
            if !INLINE.contains(&tag.name)
                && !out.is_empty()
                && !out.ends_with(space)
                && !current[tag.end..].starts_with(space)
            {
                out.push(' ');
            }
            // Code between a script's tags goes with them.
            if CODE.contains(&tag.name)
                && matches!(tag.kind, Kind::Open { closed: false, .. })
                && let Some(close) = found[k + 1..]
                    .iter()
                    .position(|t| t.kind == Kind::Close && t.name == tag.name)
            {
                k += close + 1;
                at = found[k].end;
                taken += 1;
                code = true;
            }
            k += 1;
        }
        out.push_str(&current[at..]);
        if out.ends_with(' ') && !current.ends_with(char::is_whitespace) {
            out.pop();
        }
        if !out.chars().any(char::is_alphanumeric) {
            // Only tags: left whole for the article builder to remove as markup.
            break;
        }
        current = out;
    }
    if current == s {
        return None;
    }
    let mut listed: Vec<String> = names.iter().take(4).map(|n| format!("<{n}>")).collect();
    if names.len() > 4 {
        listed.push("…".into());
    }
    let which = if listed.is_empty() {
        String::from("comments")
    } else {
        listed.join(", ")
    };
    let code = if code { ", with the code in them" } else { "" };
    Some((
        current,
        format!(
            "removed {taken} HTML tag{} ({which}{code}): markup saved as text",
            plural(taken)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        strip(s).map_or_else(|| s.to_string(), |(t, _)| t)
    }

    #[test]
    fn the_element_list_is_sorted_and_lowercase() {
        assert!(ELEMENTS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            ELEMENTS
                .iter()
                .all(|e| e.len() <= 10 && *e == e.to_lowercase())
        );
        for list in [INLINE, VOID, CODE] {
            assert!(list.iter().all(|e| ELEMENTS.contains(e)), "{list:?}");
        }
    }

    #[test]
    fn markup_around_text_goes() {
        assert_eq!(
            fix("<p>The council <a href=\"/x\">voted</a> on Tuesday.</p>"),
            "The council voted on Tuesday."
        );
        assert_eq!(fix("<P>Upper <B>case</B> tags</P>"), "Upper case tags");
        assert_eq!(
            fix("<strong>Note:</strong> the road is shut."),
            "Note: the road is shut."
        );
        assert_eq!(fix("one<br>two<br/>three"), "one two three");
        assert_eq!(fix("“One.”<br>“Two.”"), "“One.” “Two.”");
        let data = format!(
            "<img src=\"data:image/png;base64,{}\">Caption",
            "QUJD".repeat(2000)
        );
        assert_eq!(fix(&data), "Caption");
        assert_eq!(fix("<li><a href='/world'>World</a></li>"), "World");
        assert_eq!(fix("Text <!-- ad slot --> more text"), "Text  more text");
        assert_eq!(
            fix("Before <img src=\"a.jpg\" alt=\"x > y\"> after"),
            "Before  after"
        );
        assert_eq!(
            fix("Click <script>var a = 1 < 2;</script>here"),
            "Click here"
        );
        // Escaped tags inside a tag's attribute, and tags spelled by removing others.
        assert_eq!(fix("<<b></b>p>Text</p>"), "Text");
    }

    #[test]
    fn prose_about_markup_and_other_angle_brackets_stay() {
        for s in [
            "Use the <br> tag for a line break.",
            "Use the \"<br>\" tag, or `<br>`, or (<hr>).",
            "Header of the HTML document:<head>...</head>. The title is included in the head.",
            "The <strong> element marks importance.",
            "a < b > c",
            "I <3 this",
            "Vec<T> and HashMap<K, V>",
            "if (x<b && y>c) return;",
            "while (i<s || j>k) { i++; }",
            "let x: Foo<B> = y;",
            "<unknown>Text</unknown>",
            "Email <john@example.com> for details",
            "<",
            "plain text",
        ] {
            assert_eq!(strip(s), None, "{s}");
        }
    }

    #[test]
    fn a_line_of_tags_only_is_left_for_the_article_builder() {
        for s in [
            "<br />",
            "<p>\u{a0}</p>",
            "<a href=\"/\">»</a>",
            "<!-- x -->",
        ] {
            assert_eq!(strip(s), None, "{s}");
        }
    }

    #[test]
    fn the_reason_names_the_tags() {
        let (_, reason) = strip("<p>A <a href=\"/\">b</a> <em>c</em></p>").unwrap();
        assert_eq!(
            reason,
            "removed 6 HTML tags (<p>, <a>, <em>): markup saved as text"
        );
        let (_, reason) = strip("x<script>code()</script> y").unwrap();
        assert_eq!(
            reason,
            "removed 2 HTML tags (<script>, with the code in them): markup saved as text"
        );
    }

    #[test]
    fn a_line_of_unclosed_tags_is_text() {
        for unit in ["<a \"", "<a '", "<a x='<b \""] {
            let line = unit.repeat(20_000);
            assert_eq!(strip(&line), None);
        }
    }

    proptest::proptest! {
        /// What is left has nothing more to take out, and every text is handled without a
        /// panic.
        #[test]
        fn stripping_twice_changes_nothing(
            s in crate::text::tests::mostly(&[
                "<p>", "</p>", "<a href=\"/x\">", "</a>", "<br>", "<b>", "</b>", "<!--", "-->",
                "<script>", "</script>", "<", ">", "/", "\"", "[a-z]{1,6}", " ",
            ])
        ) {
            let once = fix(&s);
            proptest::prop_assert_eq!(strip(&once), None, "{:?} → {:?}", s, once);
        }
    }
}
