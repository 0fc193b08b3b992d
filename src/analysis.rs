//! What the stages measure of a line, computed once per line text and shared by every stage
//! (and by the classifier's features): its shape, its phrase-list hit, the byline, dateline,
//! credit and comment-header patterns, and the hash of its folded text.
use crate::dump::hash_folded;
use crate::features::OwnText;
use crate::lang::LangMask;
use crate::phrases::Hit;
use crate::pipeline::Context;
use crate::text::{Shape, is_breadcrumb};
use std::sync::Arc;

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

/// Measurements of lines seen before in this thread, so that a line which recurs across the
/// pages of a dump (a site's menu, footer, share line) is measured once: [`LineInfo`] (but
/// [`LineInfo::prose`], which depends on the page's language) and the classifier's
/// [`OwnText`] are functions of the text and the pipeline's settings alone. Direct-mapped by
/// the text's hash, each slot checked against the text itself; bounded, and emptied when
/// another pipeline uses the thread. Whether a line is found here changes nothing but the time.
#[derive(Default)]
pub(crate) struct LineCache {
    owner: u64,
    slots: Vec<Option<Box<Slot>>>,
}

/// One remembered line.
pub(crate) struct Slot {
    hash: u64,
    text: Box<str>,
    pub info: LineInfo,
    /// What the classifier reads of it, if measured.
    pub own: Option<Arc<OwnText>>,
}

/// Slots per thread (a power of two): 128 KB, and for each line remembered its measurements
/// and its text, a few hundred bytes.
const CACHE_SLOTS: usize = 1 << 14;

/// The longest line remembered, so the texts stay under 16 MB per thread.
const CACHE_MAX_BYTES: usize = 1024;

thread_local! {
    static CACHE: std::cell::RefCell<LineCache> =
        const { std::cell::RefCell::new(LineCache { owner: 0, slots: Vec::new() }) };
}

/// Empties this thread's cache of line measurements and frees its memory: for a benchmark
/// that cleans the same pages over and over (each round should find only what one round
/// would), or a thread that is done cleaning.
pub fn forget_lines() {
    CACHE.with(|c| *c.borrow_mut() = LineCache::default());
}

/// The key lines are remembered by.
pub(crate) fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl LineCache {
    /// Runs `f` with this thread's cache for the pipeline of `cx`.
    pub(crate) fn with<T>(cx: &Context, f: impl FnOnce(&mut LineCache) -> T) -> T {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.owner != cx.pipeline || c.slots.is_empty() {
                c.owner = cx.pipeline;
                c.slots.clear();
                c.slots.resize_with(CACHE_SLOTS, || None);
            }
            f(&mut c)
        })
    }

    /// What is remembered of `text`, whose [`text_hash`] is `hash`.
    pub(crate) fn get(&mut self, hash: u64, text: &str) -> Option<&mut Slot> {
        self.slots[hash as usize & (CACHE_SLOTS - 1)]
            .as_deref_mut()
            .filter(|s| s.hash == hash && &*s.text == text)
    }

    /// Remembers the measurements of `text` in place of whatever its slot held, unless the
    /// text is longer than [`CACHE_MAX_BYTES`].
    pub(crate) fn put(&mut self, hash: u64, text: &str, info: LineInfo, own: Option<Arc<OwnText>>) {
        if text.len() > CACHE_MAX_BYTES {
            return;
        }
        let slot = Slot {
            hash,
            text: text.into(),
            info,
            own,
        };
        match &mut self.slots[hash as usize & (CACHE_SLOTS - 1)] {
            Some(old) => **old = slot,
            empty => *empty = Some(Box::new(slot)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::pipeline::{Config, Pipeline};

    /// Why the line that says `needle` was removed, if it was.
    fn reason(p: &Pipeline, page: &str, needle: &str) -> Option<String> {
        let cleaned = p.clean_bytes("page.txt", page.as_bytes(), None);
        cleaned
            .removed
            .into_iter()
            .find(|r| r.text.contains(needle))
            .map(|r| r.reason)
    }

    #[test]
    fn a_line_remembered_for_one_pipeline_is_measured_again_for_another() {
        let page = "The Harbour Reopens After Storm Repairs\n\n\
            The harbour of the town reopened on Monday after three weeks of repairs to the \
            sea wall, which the storm had broken in two places.\n\n\
            Fishing boats were the first to return, and the ferry will follow at the end of \
            the week once its landing stage has been checked.\n\n\
            Quillwort Lantern Gazette\n\n\
            The council said that the cost of the work would be shared with the region and \
            that no rise in harbour fees was planned for this year.\n";
        let plain = Pipeline::new(&Config::default()).unwrap();
        let mut config = Config::default();
        config.phrases.extra.push((
            "test".into(),
            "[advertisement]\n=quillwort lantern gazette\n".into(),
        ));
        let listed = Pipeline::new(&config).unwrap();
        let says = |r: Option<String>| r.is_some_and(|r| r.contains("quillwort lantern gazette"));
        // The same thread measures the line for one pipeline, then the other, then the first.
        assert!(!says(reason(&plain, page, "Quillwort")));
        assert!(says(reason(&listed, page, "Quillwort")));
        assert!(!says(reason(&plain, page, "Quillwort")));
        assert!(says(reason(&listed, page, "Quillwort")));
    }
}
