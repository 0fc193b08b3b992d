//! The article builder: which kept line is the title, a heading, a subheading or a paragraph.
//!
//! It only marks roles; [`crate::apply()`] assembles the article from them.
use crate::document::{Document, Role, Rule};
use crate::pipeline::{Context, Stage};

pub const NAME: &str = "article";
pub const TITLE: Rule = Rule::new(NAME, "article/title");
pub const HEADING: Rule = Rule::new(NAME, "article/heading");
pub const SUBHEADING: Rule = Rule::new(NAME, "article/subheading");
pub const LIST_ITEM: Rule = Rule::new(NAME, "article/list-item");
pub const TITLE_REPEAT: Rule = Rule::new(NAME, "article/title-repeat");
pub const REPEATED_LINE: Rule = Rule::new(NAME, "article/repeated-line");
pub const CLOSING: Rule = Rule::new(NAME, "article/closing-line");

/// Settings of the article builder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleConfig {}

impl ArticleConfig {
    pub fn build(&self) -> Structure {
        Structure {}
    }
}

/// The running article-builder stage.
#[derive(Debug, Clone)]
pub struct Structure {}

impl Stage for Structure {
    fn name(&self) -> &'static str {
        NAME
    }

    fn annotate(&self, doc: &mut Document, cx: &Context) {
        let (live, shapes) = super::live_shapes(doc, cx);
        if live.is_empty() {
            return;
        }
        let mut title = live.iter().position(|&i| doc.role(i) == Some(Role::Title));
        if title.is_none() && shapes[0].heading_like() {
            doc.mark(
                live[0],
                Role::Title,
                TITLE,
                "first line, heading-like: the page title",
            );
            title = Some(0);
        }
        // A heading-like line that repeats the title further down is not a second heading.
        if let Some(t) = title {
            let folded = doc.info(live[t]).fold_hash;
            for k in t + 1..live.len() {
                if shapes[k].heading_like() && doc.info(live[k]).fold_hash == folded {
                    doc.remove(
                        live[k],
                        TITLE_REPEAT,
                        format!("repeats the article title (line {})", live[t] + 1),
                    );
                }
            }
        }
        // Lines that became neighbours when the lines between them were removed.
        super::remove_repeated_neighbours(doc, cx, REPEATED_LINE);
        let (live, shapes) = super::live_shapes(doc, cx);
        let title = live.iter().position(|&i| doc.role(i) == Some(Role::Title));
        // Runs of heading-like lines between paragraphs (the title is a boundary).
        let mut k = 0;
        while k < live.len() {
            if Some(k) == title || !shapes[k].heading_like() {
                k += 1;
                continue;
            }
            let start = k;
            while k < live.len() && Some(k) != title && shapes[k].heading_like() {
                k += 1;
            }
            if k == live.len() && start > 0 {
                // Nothing follows: a closing line (a signature, a credit), not a heading.
                for &i in &live[start..k] {
                    doc.mark(
                        i,
                        Role::Paragraph,
                        CLOSING,
                        "short line at the end of the article, heading nothing",
                    );
                }
            } else {
                mark_run(doc, &live[start..k]);
            }
        }
    }
}

/// A run of one line is a heading; of two, a heading and its subheading; in a longer run the
/// first line is a heading and the others are the items of a list under it.
fn mark_run(doc: &mut Document, run: &[usize]) {
    let Some(&first) = run.first() else { return };
    doc.mark(
        first,
        Role::Heading,
        HEADING,
        "heading-like line followed by the text it heads",
    );
    match run {
        [] | [_] => {}
        [_, sub] => doc.mark(
            *sub,
            Role::Subheading,
            SUBHEADING,
            "heading-like line directly below a heading",
        ),
        [_, items @ .., last] => {
            // "Ingredients / 200 g sugar / 2 eggs / Method": after list items that open with a
            // number or a bullet, a line that does not is the next section's heading.
            let numbered = items.iter().any(|&i| looks_like_list_item(doc.text(i)));
            for &i in items {
                doc.mark(
                    i,
                    Role::Paragraph,
                    LIST_ITEM,
                    "one of several short lines under a heading: a list",
                );
            }
            if numbered && !looks_like_list_item(doc.text(*last)) {
                doc.mark(
                    *last,
                    Role::Heading,
                    HEADING,
                    "heading-like line after a list, followed by the text it heads",
                );
            } else {
                doc.mark(
                    *last,
                    Role::Paragraph,
                    LIST_ITEM,
                    "one of several short lines under a heading: a list",
                );
            }
        }
    }
}

/// Opens with a number or a bullet, as list items do.
fn looks_like_list_item(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_numeric() || "•·-–—*►▪◦‣+".contains(c))
}
