//! The boilerplate stripper: navigation, promotions, teasers and footers.
//!
//! The method is the shape and position of a line relative to the article body, not a word list:
//! the body is the stretch from the first to the last line of running text; short lines before
//! the title, between the title and the body (beyond a heading and subheading), and after the
//! body are not article text. Phrase lists (data, per language) name *what* a line is and catch
//! the few promotions that look like prose.
use crate::document::{Document, Role, Rule};
use crate::error::Result;
use crate::meta::MetaPatterns;
use crate::phrases::{Anchor, Hit};
use crate::pipeline::{Context, Stage};
use crate::text::{Shape, is_breadcrumb};

pub const NAME: &str = "boilerplate";
pub const NAVIGATION: Rule = Rule::new(NAME, "boilerplate/navigation");
pub const HEADER: Rule = Rule::new(NAME, "boilerplate/header");
pub const FOOTER: Rule = Rule::new(NAME, "boilerplate/footer");
pub const TEASER_LIST: Rule = Rule::new(NAME, "boilerplate/teaser-list");
pub const INLINE_TEASER: Rule = Rule::new(NAME, "boilerplate/inline-teaser");
pub const BYLINE: Rule = Rule::new(NAME, "boilerplate/byline");
pub const DATELINE: Rule = Rule::new(NAME, "boilerplate/dateline");
pub const REPEATED_LINE: Rule = Rule::new(NAME, "boilerplate/repeated-line");

/// Settings of the boilerplate stripper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoilerplateConfig {
    /// A phrase found anywhere in a line counts on lines of at most this many words.
    pub short_line_words: usize,
    /// Heading-like lines kept right above the first paragraph (a heading and a subheading).
    pub headings_above_body: usize,
    /// Remove headline-like lines between two paragraphs that do not open a section.
    pub inline_teasers: bool,
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            short_line_words: 8,
            headings_above_body: 2,
            inline_teasers: true,
        }
    }
}

impl BoilerplateConfig {
    pub fn build(&self) -> Result<Boilerplate> {
        Ok(Boilerplate {
            meta: MetaPatterns::new(),
            config: self.clone(),
        })
    }
}

/// The running boilerplate stage.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    meta: MetaPatterns,
    config: BoilerplateConfig,
}

/// Where a live line sits relative to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    BeforeTitle,
    Header,
    Body,
    Footer,
}

impl Stage for Boilerplate {
    fn name(&self) -> &'static str {
        NAME
    }

    fn annotate(&self, doc: &mut Document, cx: &Context) {
        let live = doc.live();
        if live.is_empty() {
            return;
        }
        let langs = doc.langs();
        let shapes: Vec<Shape> = live
            .iter()
            .map(|&i| Shape::of(doc.text(i), cx.lexicon))
            .collect();
        let hits: Vec<Option<Hit>> = live.iter().map(|&i| cx.phrases.find(doc.text(i))).collect();
        let content: Vec<bool> = (0..live.len())
            .map(|k| {
                shapes[k].prose_like(langs)
                    && hits[k].is_none_or(|h| h.anchor == Anchor::Anywhere && !h.strong)
            })
            .collect();
        // The title: marked by the headings stage, or else the first line (the page's
        // `<title>`) when it is heading-like and names nothing the phrase lists know.
        let title = live
            .iter()
            .position(|&i| doc.role(i) == Some(Role::Title))
            .or_else(|| {
                (shapes[0].heading_like() && !content[0] && hits[0].is_none()).then_some(0)
            });
        let body_from = title.map_or(0, |t| t + 1);
        let first = (body_from..live.len()).find(|&k| content[k]);
        let last = content.iter().rposition(|&c| c);
        let zone = |k: usize| -> Zone {
            match (first, last) {
                _ if title.is_some_and(|t| k < t) => Zone::BeforeTitle,
                (Some(f), _) if k < f => Zone::Header,
                (_, Some(l)) if k > l => Zone::Footer,
                // Inside the body, or no running text at all: judge lines by their own shape.
                _ => Zone::Body,
            }
        };
        let bylines: Vec<bool> = (0..live.len())
            .map(|k| !content[k] && self.meta.is_byline(doc.text(live[k])))
            .collect();
        let datelines: Vec<bool> = (0..live.len())
            .map(|k| !content[k] && self.meta.is_dateline(doc.text(live[k])))
            .collect();
        let byline = |k: usize| bylines[k];
        let dateline = |k: usize| datelines[k];
        // Heading-like lines right above the first paragraph stay (heading, subheading).
        let kept_above_body: Vec<usize> = first
            .map(|f| {
                (body_from..f)
                    .rev()
                    .take_while(|&k| {
                        shapes[k].heading_like() && hits[k].is_none() && !byline(k) && !dateline(k)
                    })
                    .take(self.config.headings_above_body)
                    .collect()
            })
            .unwrap_or_default();

        for k in 0..live.len() {
            let i = live[k];
            // The title is judged by what it says only (a "Tags: …" line printed twice is no
            // title), not by where it sits.
            if Some(k) == title && hits[k].is_none_or(|h| h.anchor == Anchor::Anywhere) {
                continue;
            }
            let shape = &shapes[k];
            let z = zone(k);
            if let Some(hit) = hits[k] {
                let counts = match hit.anchor {
                    Anchor::Whole => true,
                    _ if hit.strong => shape.words <= 80,
                    // "Read also: …", "Tags: …" on a line that is not running text.
                    Anchor::Prefix => !content[k] || (z != Zone::Body && shape.words <= 40),
                    Anchor::Anywhere => {
                        shape.words <= self.config.short_line_words
                            || (z != Zone::Body && shape.words <= 40)
                    }
                };
                if counts {
                    let reason = match hit.anchor {
                        Anchor::Whole => format!(
                            "{}: the line is \"{}\"",
                            hit.category.describe(),
                            hit.phrase
                        ),
                        Anchor::Prefix => format!(
                            "{}: starts with \"{}\"",
                            hit.category.describe(),
                            hit.phrase
                        ),
                        Anchor::Anywhere => {
                            format!("{}: says \"{}\"", hit.category.describe(), hit.phrase)
                        }
                    };
                    doc.remove(i, hit.category.rule(), reason);
                    continue;
                }
            }
            if content[k] {
                continue;
            }
            if is_breadcrumb(doc.text(i)) && z != Zone::Body {
                doc.remove(i, NAVIGATION, "breadcrumb or menu on one line");
                continue;
            }
            if z != Zone::Body {
                if byline(k) {
                    doc.remove(i, BYLINE, "byline: who wrote the article, not its text");
                    continue;
                }
                if dateline(k) {
                    doc.remove(
                        i,
                        DATELINE,
                        "dateline: when the article was published or updated",
                    );
                    continue;
                }
            }
            match z {
                Zone::BeforeTitle => {
                    doc.remove(i, NAVIGATION, "site navigation: above the article's title");
                }
                Zone::Header => {
                    if !kept_above_body.contains(&k) {
                        doc.remove(
                            i,
                            HEADER,
                            "page header: between the title and the first paragraph, not a heading of the text",
                        );
                    }
                }
                Zone::Footer => {
                    let (rule, reason) = if shape.headline_like() {
                        (
                            TEASER_LIST,
                            "headline of another article, after the article's end",
                        )
                    } else {
                        (FOOTER, "page footer: after the article's last paragraph")
                    };
                    doc.remove(i, rule, reason);
                }
                Zone::Body => {}
            }
        }
        super::remove_repeated_neighbours(doc, REPEATED_LINE);
        if self.config.inline_teasers {
            inline_teasers(doc, cx);
        }
    }
}

/// A headline-like line between two paragraphs of one section (after the other removals, so
/// that a removed marker line between them does not hide it) that does not open a section: the
/// paragraph after it continues the one before, the one before is unfinished, or the page's
/// real sections open with a heading and a subheading, which this line lacks.
fn inline_teasers(doc: &mut Document, cx: &Context) {
    // In reading order: the title is printed first, wherever it stood.
    let live: Vec<usize> = doc
        .live()
        .into_iter()
        .filter(|&i| doc.role(i) != Some(Role::Title))
        .collect();
    let langs = doc.langs();
    let shapes: Vec<Shape> = live
        .iter()
        .map(|&i| Shape::of(doc.text(i), cx.lexicon))
        .collect();
    let content: Vec<bool> = shapes.iter().map(|s| s.prose_like(langs)).collect();
    let paired_headings = has_paired_headings(&shapes, &content);
    for k in 1..live.len().saturating_sub(1) {
        if !(content[k - 1] && content[k + 1] && shapes[k].headline_like()) {
            continue;
        }
        let (prev, next) = (&shapes[k - 1], &shapes[k + 1]);
        let continues = next.starts_with_continuation || next.starts_lowercase;
        let open_prev = !prev.ends_sentence();
        let why = if continues {
            "the paragraph after it continues the one before"
        } else if open_prev {
            "the paragraph before it is unfinished"
        } else if paired_headings {
            "this page's sections open with a heading and a subheading"
        } else {
            continue;
        };
        doc.remove(
            live[k],
            INLINE_TEASER,
            format!("headline of another article between two paragraphs of one section ({why})"),
        );
    }
}

/// The page's sections open with a heading directly followed by a subheading: some pair of
/// heading-like lines is followed by running text.
fn has_paired_headings(shapes: &[Shape], content: &[bool]) -> bool {
    (0..shapes.len().saturating_sub(2)).any(|k| {
        shapes[k].heading_like()
            && shapes[k + 1].heading_like()
            && content[k + 2]
            && (k == 0 || content[k - 1])
    })
}
