//! What the stages measure of a line, computed once per line text and shared by every stage
//! (and by the classifier's features): its shape, its phrase-list hit, the byline, dateline,
//! credit and comment-header patterns, and the hash of its folded text.
use crate::dump::hash_folded;
use crate::lang::LangMask;
use crate::phrases::Hit;
use crate::pipeline::Context;
use crate::text::{Shape, is_breadcrumb};

/// The measurements of one line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineInfo {
    pub shape: Shape,
    /// Running text ([`Shape::prose_like`] in the document's language).
    pub prose: bool,
    /// Hash of the folded text: equal for lines that differ only in case, punctuation, spacing.
    pub fold_hash: u64,
    /// The best phrase-list hit.
    pub hit: Option<Hit>,
    /// A byline ("By …") of at most 16 words.
    pub byline: bool,
    /// Mostly a date or a time.
    pub dateline: bool,
    /// A dateline that says it is one ("Published …", "Updated …").
    pub stamped_dateline: bool,
    /// A photo credit or caption source.
    pub credit: bool,
    /// The head of a user comment ("… says:").
    pub comment_header: bool,
    pub breadcrumb: bool,
}

impl LineInfo {
    pub fn of(text: &str, cx: &Context, langs: LangMask) -> LineInfo {
        LineInfo::with_content_words(text, cx, langs, None)
    }

    /// [`LineInfo::of`] that also appends the hashes of the line's content words to `content`
    /// (see [`Shape::with_content_words`]).
    pub fn with_content_words(
        text: &str,
        cx: &Context,
        langs: LangMask,
        content: Option<&mut Vec<u64>>,
    ) -> LineInfo {
        let shape = Shape::with_content_words(text, cx.lexicon, content);
        thread_local! {
            static FOLDED: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        // The fold serves the line hash and the phrase lists' whole-line lookup.
        let (fold_hash, hit) = FOLDED.with(|b| {
            let folded = &mut *b.borrow_mut();
            crate::text::fold_into(text, folded);
            (hash_folded(folded), cx.phrases.find_folded(text, folded))
        });
        let short = shape.words <= 16;
        let dateline = short && cx.meta.is_dateline(text);
        LineInfo {
            prose: shape.prose_like(langs),
            fold_hash,
            hit,
            byline: short && cx.meta.is_byline(text),
            dateline,
            stamped_dateline: dateline && cx.meta.is_stamped_dateline(text),
            credit: shape.words <= 30 && cx.meta.is_credit(text),
            comment_header: shape.words <= 14 && cx.meta.is_comment_header(text),
            breadcrumb: is_breadcrumb(text),
            shape,
        }
    }

    /// A phrase-list hit that names the line whatever its length: a whole-line entry, a line
    /// that starts with an entry, or a strong entry.
    pub fn named(&self) -> bool {
        self.hit
            .is_some_and(|h| h.anchor != crate::phrases::Anchor::Anywhere || h.strong)
    }
}
