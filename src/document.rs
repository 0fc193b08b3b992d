//! The document model: source lines with provenance, and the annotations stages add to them.
//!
//! Stages never edit text in place. They call [`Document::remove`], [`Document::rewrite`] or
//! [`Document::mark`], which append an [`Annotation`] and update a *view* of the document that
//! later stages read (current text, removed or not, role). The view is only a convenience: the
//! outputs are built by [`crate::apply()`] from the annotation log alone.
use crate::analysis::{LineCache, LineInfo, text_hash};
use crate::features::OwnText;
use crate::lang::LangMask;
use crate::pipeline::Context;
use serde::Serialize;
use std::ops::Range;
use std::sync::Arc;

/// What a line is in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Title,
    Heading,
    Subheading,
    Paragraph,
}

/// A rule: the stage that owns it and its id (`stage/name`), e.g. `boilerplate/navigation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    pub stage: &'static str,
    pub id: &'static str,
}

impl Rule {
    pub const fn new(stage: &'static str, id: &'static str) -> Self {
        Rule { stage, id }
    }
}

/// A field of the article's metadata that a line can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetaField {
    Author,
    Published,
}

/// What an annotation does to its line.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The line is not part of the clean article.
    Remove,
    /// The line's text becomes this (the normalizer's changes).
    Rewrite(String),
    /// The line plays this role in the article.
    Mark(Role),
    /// The line tells this about the article (it is usually removed from the body too).
    Metadata(MetaField, String),
    /// The line classifier kept the line: its score reached the threshold the line had to
    /// reach. (The reason is left empty: reports write it from the two numbers.)
    Keep { score: f32, threshold: f32 },
    /// The line continues a paragraph that was hard-wrapped across lines: its text is part of
    /// this (1-based) line's, which was rewritten to the whole paragraph, and it shares that
    /// line's fate.
    Join(usize),
}

/// One decision of one stage about one line.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// 1-based line number in the source.
    pub line: usize,
    pub action: Action,
    pub rule: Rule,
    /// Why, in words a reviewer understands.
    pub reason: String,
}

/// A remark about the document as a whole, or about one line, that changes no text by itself
/// (a byte-order mark dropped, line endings converted, invalid UTF-8 replaced).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub rule: &'static str,
    pub reason: String,
}

/// How a source line ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    Lf,
    CrLf,
    Cr,
    /// The last line of a file without a final newline.
    None,
}

impl LineEnding {
    /// The bytes that end such a line.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            LineEnding::Lf => b"\n",
            LineEnding::CrLf => b"\r\n",
            LineEnding::Cr => b"\r",
            LineEnding::None => b"",
        }
    }
}

/// One source line: where it is, and its text as decoded.
#[derive(Debug, Clone)]
pub struct Line {
    /// 1-based.
    pub number: usize,
    /// Byte range of the line's content in the source bytes (without its line ending).
    pub bytes: Range<usize>,
    pub ending: LineEnding,
    /// Range of the decoded text in [`Document::decoded`].
    text: Range<usize>,
}

/// A scraped page: its source lines, what stages said about them, and the current view.
#[derive(Debug, Clone)]
pub struct Document {
    source: String,
    decoded: String,
    lines: Vec<Line>,
    annotations: Vec<Annotation>,
    notes: Vec<Note>,
    // The view that stages read; derived from the annotations as they are added.
    current: Vec<Option<String>>,
    removed: Vec<bool>,
    /// Each line's role and the rule that gave it (kept here, not searched for among the
    /// annotations: a stage asks for every line).
    roles: Vec<Option<(Role, Rule)>>,
    /// The line that first gave each [`MetaField`] a value, by its [`Document::line_number`].
    metadata_lines: [Option<usize>; 2],
    langs: LangMask,
    /// Measurements of the current text of each line, filled by [`Document::analyze`].
    info: Vec<Option<LineInfo>>,
    /// What the line classifier's features read of each line's own text, filled by
    /// [`crate::features::extract`] and reset with `info`.
    own: Vec<Option<Arc<OwnText>>>,
    /// The hashes of each line's content words, measured with `info` when the classifier
    /// runs (see [`Context::own_text`]), until [`crate::features::extract`] takes them.
    content: Vec<Option<Box<[u64]>>>,
    /// Each line's [`Action::Keep`] annotation (an index into `annotations`; `u32::MAX`: none):
    /// one per line, the closest call, however many passes judge it.
    verdict: Vec<u32>,
    /// The number by which reasons name each line, when it is not its own (see
    /// [`Document::line_number`]).
    numbers: Option<Box<[usize]>>,
}

impl Document {
    /// Decodes `bytes` as UTF-8 and splits it into lines (LF, CRLF or CR).
    /// A leading byte-order mark is dropped; invalid bytes become U+FFFD. Both are noted.
    pub fn from_bytes(source: impl Into<String>, bytes: &[u8]) -> Document {
        let mut notes = Vec::new();
        let mut start = 0;
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            start = 3;
            notes.push(Note {
                line: Some(1),
                rule: "normalize/bom",
                reason: "UTF-8 byte-order mark dropped".into(),
            });
        }
        // Valid as a whole (the usual case), every line is: lines end at ASCII bytes. One
        // check of the whole is quicker than one per line.
        let whole = std::str::from_utf8(&bytes[start..]).ok();
        let mut decoded = String::with_capacity(bytes.len() - start);
        let mut lines = Vec::new();
        let (mut crlf, mut cr) = (0usize, 0usize);
        let mut pos = start;
        while pos < bytes.len() {
            let rest = &bytes[pos..];
            let (len, ending, skip) = match memchr::memchr2(b'\n', b'\r', rest) {
                Some(i) if rest[i] == b'\n' => (i, LineEnding::Lf, 1),
                Some(i) if rest.get(i + 1) == Some(&b'\n') => (i, LineEnding::CrLf, 2),
                Some(i) => (i, LineEnding::Cr, 1),
                None => (rest.len(), LineEnding::None, 0),
            };
            match ending {
                LineEnding::CrLf => crlf += 1,
                LineEnding::Cr => cr += 1,
                _ => {}
            }
            let number = lines.len() + 1;
            let raw = &rest[..len];
            let text_start = decoded.len();
            let line = match whole {
                Some(text) => Ok(&text[pos - start..pos - start + len]),
                None => std::str::from_utf8(raw),
            };
            match line {
                Ok(s) => decoded.push_str(s),
                Err(_) => {
                    let lossy = String::from_utf8_lossy(raw);
                    let bad = count_invalid_sequences(raw);
                    decoded.push_str(&lossy);
                    notes.push(Note {
                        line: Some(number),
                        rule: "normalize/invalid-utf8",
                        reason: format!(
                            "{bad} invalid UTF-8 byte sequence{} replaced by U+FFFD",
                            plural(bad)
                        ),
                    });
                }
            }
            lines.push(Line {
                number,
                bytes: pos..pos + len,
                ending,
                text: text_start..decoded.len(),
            });
            pos += len + skip;
        }
        if crlf + cr > 0 {
            let what = match (crlf, cr) {
                (a, 0) => format!("{a} CRLF line ending{}", plural(a)),
                (0, b) => format!("{b} CR line ending{}", plural(b)),
                (a, b) => format!("{a} CRLF and {b} CR line endings"),
            };
            notes.push(Note {
                line: None,
                rule: "normalize/line-endings",
                reason: format!("{what} converted to LF"),
            });
        }
        let n = lines.len();
        Document {
            source: source.into(),
            decoded,
            lines,
            annotations: Vec::new(),
            notes,
            current: vec![None; n],
            removed: vec![false; n],
            roles: vec![None; n],
            metadata_lines: [None; 2],
            langs: LangMask::ANY,
            info: vec![None; n],
            own: vec![None; n],
            content: vec![None; n],
            verdict: vec![u32::MAX; n],
            numbers: None,
        }
    }

    /// The language(s) guessed for this document ([`LangMask::ANY`] until guessed).
    pub fn langs(&self) -> LangMask {
        self.langs
    }

    /// Sets the document's language; the measurements that depend on it follow.
    pub fn set_langs(&mut self, langs: LangMask) {
        self.langs = langs;
        for info in self.info.iter_mut().flatten() {
            info.prose = info.shape.prose_like(langs);
        }
    }

    /// Measures every live line not measured since its text last changed (and, with
    /// [`Context::own_text`], what the line classifier reads of its own text). A text this
    /// thread measured before, on this page or another, is looked up instead
    /// (a per-thread cache of line measurements, in `analysis`).
    pub fn analyze(&mut self, cx: &Context) {
        let (mut words, mut lower) = (Vec::new(), String::new());
        if self.info.len() != self.len() {
            // Released (see `release_measurements`): every line is measured again.
            self.info = vec![None; self.len()];
            self.own = vec![None; self.len()];
            self.content = vec![None; self.len()];
        }
        LineCache::with(cx, |cache| {
            for i in 0..self.len() {
                if self.info[i].is_some() || !self.is_live(i) {
                    continue;
                }
                let text = self.text(i);
                let want_own = cx.own_text && self.own[i].is_none();
                let hash = text_hash(text);
                if let Some(slot) = cache.get(hash, text)
                    && (!want_own || slot.own.is_some())
                {
                    let mut info = slot.info;
                    info.prose = info.shape.prose_like(self.langs);
                    self.info[i] = Some(info);
                    if want_own {
                        self.own[i] = slot.own.clone();
                    }
                    continue;
                }
                words.clear();
                let content = want_own.then_some(&mut words);
                let info = LineInfo::with_content_words(text, cx, self.langs, content);
                // A line in one page of the dump only is not worth remembering; what the
                // classifier reads of a line that is, is measured now rather than when it runs.
                if cx
                    .dump
                    .is_none_or(|d| d.line_documents_of_hash(info.fold_hash) >= 2)
                {
                    let own = want_own
                        .then(|| Arc::new(OwnText::new(text, words.as_slice().into(), &mut lower)));
                    cache.put(hash, text, info, own.clone());
                    if want_own {
                        self.own[i] = own;
                    }
                } else if want_own {
                    self.content[i] = Some(words.as_slice().into());
                }
                self.info[i] = Some(info);
            }
        });
    }

    /// The measurements of line index `i`, if taken (kept or not).
    pub fn cached_info(&self, i: usize) -> Option<&LineInfo> {
        self.info.get(i)?.as_ref()
    }

    /// Frees the lines' measurements (and what the classifier read of them), about a hundred
    /// bytes a line: once the stages are done, building the clean text, the article and the
    /// reports reads only the annotations, and on a page of a million lines these are the
    /// largest part of what is held. [`Document::analyze`] measures again if asked.
    pub(crate) fn release_measurements(&mut self) {
        self.info = Vec::new();
        self.own = Vec::new();
        self.content = Vec::new();
    }

    /// Sets the measurements of line index `i` (taken of the same text elsewhere).
    pub(crate) fn set_info(&mut self, i: usize, info: LineInfo) {
        self.info[i] = Some(info);
    }

    /// The features of line index `i`'s own text, if taken since it last changed.
    pub(crate) fn own_text(&self, i: usize) -> Option<&Arc<OwnText>> {
        self.own.get(i)?.as_ref()
    }

    /// The content words of line index `i` measured by [`Document::analyze`], if not taken yet.
    pub(crate) fn take_content_words(&mut self, i: usize) -> Option<Box<[u64]>> {
        self.content.get_mut(i)?.take()
    }

    /// Sets the features of line index `i`'s own text.
    pub(crate) fn set_own_text(&mut self, i: usize, own: Arc<OwnText>) {
        self.own[i] = Some(own);
    }

    /// The measurements of live line index `i`, after [`Document::analyze`].
    pub fn info(&self, i: usize) -> &LineInfo {
        self.info
            .get(i)
            .and_then(Option::as_ref)
            .expect("Document::analyze runs before a stage reads line measurements")
    }

    /// Where the document came from (a path relative to its input root, or a record id).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Number of source lines.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// The line number (from 1) by which a reason names line `i`: `i + 1`, or, in a document
    /// made of another's lines (the clean text cleaned again to settle it), the number of the
    /// line it was made from, so that a reason found there names the source's line.
    pub fn line_number(&self, i: usize) -> usize {
        self.numbers.as_ref().map_or(i + 1, |n| n[i])
    }

    /// Names line `i` by `numbers[i]` in reasons (see [`Document::line_number`]).
    pub(crate) fn set_line_numbers(&mut self, numbers: Box<[usize]>) {
        debug_assert_eq!(numbers.len(), self.len());
        self.numbers = Some(numbers);
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Whether the source ended with a line ending (false for an empty source).
    pub fn ends_with_newline(&self) -> bool {
        self.lines
            .last()
            .is_some_and(|l| l.ending != LineEnding::None)
    }

    /// The decoded source text of line index `i` (0-based), before any rewrite.
    pub fn original(&self, i: usize) -> &str {
        &self.decoded[self.lines[i].text.clone()]
    }

    /// The current text of line index `i`, after the rewrites so far.
    pub fn text(&self, i: usize) -> &str {
        match &self.current[i] {
            Some(s) => s,
            None => self.original(i),
        }
    }

    pub fn is_removed(&self, i: usize) -> bool {
        self.removed[i]
    }

    /// A line that has no text (after the rewrites so far): a separator, not content.
    pub fn is_blank(&self, i: usize) -> bool {
        let text = self.text(i);
        // Most lines start with a letter: no need to look further.
        match text.as_bytes().first() {
            None => true,
            Some(&b) if b.is_ascii() && !crate::text::is_ascii_space(b) => false,
            Some(_) => text.trim().is_empty(),
        }
    }

    /// Kept and not blank: a line a stage still has to judge.
    pub fn is_live(&self, i: usize) -> bool {
        !self.removed[i] && !self.is_blank(i)
    }

    /// Indices (0-based) of the live lines, in order.
    pub fn live(&self) -> Vec<usize> {
        (0..self.len()).filter(|&i| self.is_live(i)).collect()
    }

    pub fn role(&self, i: usize) -> Option<Role> {
        self.roles[i].map(|(role, _)| role)
    }

    /// The rule that gave line index `i` its current role.
    pub fn role_rule(&self, i: usize) -> Option<Rule> {
        self.roles[i].map(|(_, rule)| rule)
    }

    pub fn annotations(&self) -> &[Annotation] {
        &self.annotations
    }

    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// Adds a note (no text changes).
    pub fn note(&mut self, line: Option<usize>, rule: &'static str, reason: impl Into<String>) {
        self.notes.push(Note {
            line,
            rule,
            reason: reason.into(),
        });
    }

    /// Removes line index `i`. A line already removed keeps its first reason; returns whether
    /// this call removed it.
    pub fn remove(&mut self, i: usize, rule: Rule, reason: impl Into<String>) -> bool {
        if self.removed[i] {
            return false;
        }
        self.removed[i] = true;
        self.annotations.push(Annotation {
            line: i + 1,
            action: Action::Remove,
            rule,
            reason: reason.into(),
        });
        true
    }

    /// Joins line index `i` to line index `head` before it, whose text (rewritten by the caller)
    /// holds `i`'s: `i` is no longer a line of its own, and goes where `head` goes.
    pub fn join(&mut self, i: usize, head: usize, rule: Rule, reason: impl Into<String>) {
        debug_assert!(head < i, "a line is joined to one before it");
        if self.removed[i] {
            return;
        }
        self.removed[i] = true;
        self.annotations.push(Annotation {
            line: i + 1,
            action: Action::Join(head + 1),
            rule,
            reason: reason.into(),
        });
    }

    /// Replaces the current text of line index `i`.
    pub fn rewrite(&mut self, i: usize, text: String, rule: Rule, reason: impl Into<String>) {
        if self.text(i) == text {
            return;
        }
        self.current[i] = Some(text.clone());
        if let Some(info) = self.info.get_mut(i) {
            *info = None;
            self.own[i] = None;
            self.content[i] = None;
        }
        self.annotations.push(Annotation {
            line: i + 1,
            action: Action::Rewrite(text),
            rule,
            reason: reason.into(),
        });
    }

    /// Records what line index `i` tells about the article (author, publication date).
    pub fn metadata(
        &mut self,
        i: usize,
        field: MetaField,
        value: String,
        rule: Rule,
        reason: impl Into<String>,
    ) {
        let number = self.line_number(i);
        self.metadata_lines[field as usize].get_or_insert(number);
        self.annotations.push(Annotation {
            line: i + 1,
            action: Action::Metadata(field, value),
            rule,
            reason: reason.into(),
        });
    }

    /// The line that first gave `field` a value, if one has (the value the article keeps, see
    /// [`Document::metadata`]), by the number reasons name it by ([`Document::line_number`]).
    pub fn metadata_line(&self, field: MetaField) -> Option<usize> {
        self.metadata_lines[field as usize]
    }

    /// Takes the metadata lines of `source`, whose clean text this document is (see
    /// [`Document::set_line_numbers`]): a byline found when it is cleaned again gives no
    /// author if the source had one.
    pub(crate) fn inherit_metadata_lines(&mut self, source: &Document) {
        self.metadata_lines = source.metadata_lines;
    }

    /// Records that the line classifier kept line index `i` (see [`Action::Keep`]). A line
    /// holds one such verdict, the closest call (the lowest score above its threshold; the
    /// first of equals): settling passes judge a line again, and a long page would otherwise
    /// hold a verdict per line and pass.
    pub fn keep(&mut self, i: usize, rule: Rule, score: f32, threshold: f32) {
        let verdict = Annotation {
            line: i + 1,
            action: Action::Keep { score, threshold },
            rule,
            reason: String::new(),
        };
        match self.annotations.get_mut(self.verdict[i] as usize) {
            Some(before) => {
                if let Action::Keep {
                    score: s,
                    threshold: t,
                } = before.action
                    && score - threshold < s - t
                {
                    *before = verdict;
                }
            }
            None => {
                self.verdict[i] = u32::try_from(self.annotations.len()).unwrap_or(u32::MAX);
                self.annotations.push(verdict);
            }
        }
    }

    /// Gives line index `i` a role in the article.
    pub fn mark(&mut self, i: usize, role: Role, rule: Rule, reason: impl Into<String>) {
        if self.role(i) == Some(role) {
            return;
        }
        self.roles[i] = Some((role, rule));
        self.annotations.push(Annotation {
            line: i + 1,
            action: Action::Mark(role),
            rule,
            reason: reason.into(),
        });
    }
}

pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Appends `x` with two decimals, as `format!("{x:.2}")` writes it. A reason quotes scores
/// and thresholds, which lie between 0 and 2: there the value times 100, rounded half to even,
/// is the same digits (an `f32` times 100 is exact in an `f64`), checked for every `f32` of
/// that range by the ignored test `two_decimals_are_format_s_for_every_f32_up_to_2`. Anything
/// else is left to `format!`.
pub(crate) fn push_two_decimals(out: &mut String, x: f32) {
    if !(x.is_sign_positive() && x <= 2.0) {
        use std::fmt::Write;
        write!(out, "{x:.2}").expect("a String takes any text");
        return;
    }
    let hundredths = (f64::from(x) * 100.0).round_ties_even() as u32;
    let digit = |d: u32| char::from(b'0' + d as u8);
    out.push(digit(hundredths / 100));
    out.push('.');
    out.push(digit(hundredths / 10 % 10));
    out.push(digit(hundredths % 10));
}

/// Number of maximal invalid sequences, as `from_utf8_lossy` replaces them.
fn count_invalid_sequences(mut raw: &[u8]) -> usize {
    let mut n = 0;
    loop {
        match std::str::from_utf8(raw) {
            Ok(_) => return n,
            Err(e) => {
                n += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(raw.len() - e.valid_up_to());
                raw = &raw[skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_holds_one_classifier_verdict_its_closest_call() {
        let mut doc = Document::from_bytes("p.txt", b"one\ntwo\n");
        let rule = crate::stages::boilerplate::CLASSIFIER;
        // Binary fractions, so that the margins are exact.
        let judged = [
            (0.875, 0.5),
            (0.75, 0.5),
            (0.8125, 0.5),
            (0.375, 0.125),
            (0.875, 0.5),
        ];
        for (score, threshold) in judged {
            doc.keep(0, rule, score, threshold);
        }
        doc.keep(1, rule, 0.625, 0.5);
        let verdicts: Vec<(usize, f32, f32)> = doc
            .annotations()
            .iter()
            .filter_map(|a| match a.action {
                Action::Keep { score, threshold } => Some((a.line, score, threshold)),
                _ => None,
            })
            .collect();
        // 0.75 - 0.5 and 0.375 - 0.125 are the same margin: the first stays.
        assert_eq!(verdicts, [(1, 0.75, 0.5), (2, 0.625, 0.5)]);
    }

    /// A line's role rule is that of the mark that gave it its current role, as the
    /// annotations read backwards say; the first line to fill a metadata field keeps it.
    #[test]
    fn role_rules_and_metadata_lines_follow_the_annotations() {
        let mut doc = Document::from_bytes("p.txt", b"one\ntwo\nthree\n");
        let (a, b) = (Rule::new("t", "t/a"), Rule::new("t", "t/b"));
        doc.mark(0, Role::Heading, a, "");
        doc.mark(0, Role::Heading, b, "");
        doc.mark(1, Role::Heading, a, "");
        doc.mark(1, Role::Paragraph, b, "");
        doc.mark(1, Role::Heading, b, "");
        let by_annotations = |i: usize| {
            let role = doc.role(i)?;
            doc.annotations()
                .iter()
                .rev()
                .find(|x| x.line == i + 1 && x.action == Action::Mark(role))
                .map(|x| x.rule)
        };
        for i in 0..3 {
            assert_eq!(doc.role_rule(i), by_annotations(i), "line {i}");
        }
        assert_eq!(doc.role_rule(0), Some(a));
        assert_eq!(doc.role_rule(1), Some(b));
        assert_eq!(doc.role_rule(2), None);
        assert_eq!(doc.metadata_line(MetaField::Published), None);
        doc.metadata(2, MetaField::Published, "2024".into(), a, "");
        doc.metadata(1, MetaField::Published, "2023".into(), a, "");
        assert_eq!(doc.metadata_line(MetaField::Published), Some(3));
        assert_eq!(doc.metadata_line(MetaField::Author), None);
        // The clean text cleaned again (line 1 of it is line 3 of the page) knows the page's
        // date came from line 3, and names its own lines by the page's numbers.
        let mut again = Document::from_bytes("p.txt", b"three\n");
        again.set_line_numbers(Box::new([3]));
        again.inherit_metadata_lines(&doc);
        again.metadata(0, MetaField::Author, "A".into(), a, "");
        assert_eq!(again.metadata_line(MetaField::Published), Some(3));
        assert_eq!(again.metadata_line(MetaField::Author), Some(3));
    }

    /// Measurements freed once the stages are done are taken again if asked for, and a
    /// rewrite after that does not need them.
    #[test]
    fn released_measurements_are_measured_again() {
        let pipeline = crate::Pipeline::new(&crate::Config::default()).unwrap();
        let cx = pipeline.context(None);
        let mut doc = Document::from_bytes("p.txt", b"Home\n\nThe council voted on the plan.\n");
        doc.analyze(&cx);
        let before = doc.info(2).shape.words;
        doc.release_measurements();
        assert!(doc.cached_info(2).is_none() && doc.own_text(2).is_none());
        doc.rewrite(0, "Start".into(), Rule::new("t", "t/a"), "");
        doc.analyze(&cx);
        assert_eq!(doc.info(2).shape.words, before);
        assert_eq!(doc.info(0).shape.words, 1);
        assert_eq!(doc.text(0), "Start");
    }

    #[test]
    fn splits_all_line_endings_and_keeps_byte_ranges() {
        let doc = Document::from_bytes("t", b"a\r\nbb\rc\n\nd");
        let texts: Vec<_> = (0..doc.len()).map(|i| doc.original(i)).collect();
        assert_eq!(texts, ["a", "bb", "c", "", "d"]);
        assert_eq!(doc.lines()[1].bytes, 3..5);
        assert_eq!(doc.lines()[4].bytes, 9..10);
        assert!(!doc.ends_with_newline());
        assert!(
            doc.notes()
                .iter()
                .any(|n| n.rule == "normalize/line-endings"
                    && n.reason == "1 CRLF and 1 CR line endings converted to LF")
        );
    }

    #[test]
    fn drops_bom_and_reports_invalid_bytes() {
        let doc = Document::from_bytes("t", b"\xEF\xBB\xBFok\nbad \xFF\xFE here\n");
        assert_eq!(doc.original(0), "ok");
        assert_eq!(doc.lines()[0].bytes, 3..5);
        assert_eq!(doc.original(1), "bad \u{FFFD}\u{FFFD} here");
        let rules: Vec<_> = doc.notes().iter().map(|n| (n.line, n.rule)).collect();
        assert_eq!(
            rules,
            [
                (Some(1), "normalize/bom"),
                (Some(2), "normalize/invalid-utf8")
            ]
        );
        assert!(doc.ends_with_newline());
        assert_eq!(doc.len(), 2);
    }

    #[test]
    fn first_removal_reason_wins() {
        let mut doc = Document::from_bytes("t", b"x\n");
        let r = Rule::new("s", "s/a");
        assert!(doc.remove(0, r, "first"));
        assert!(!doc.remove(0, r, "second"));
        assert_eq!(doc.annotations().len(), 1);
        assert_eq!(doc.annotations()[0].reason, "first");
    }

    proptest::proptest! {
        /// Each line is its bytes read as UTF-8 (invalid sequences replaced and noted), whether
        /// the whole input is valid or not.
        #[test]
        fn lines_are_their_bytes_decoded(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![
                        &b"\n"[..], b"\r", b"\r\n", b"ab", b"\xC3\xA9", b"\xE2\x80\x99", b"\xFF",
                        b"\xC3", b"\xEF\xBB\xBF",
                    ]),
                ],
                0..16,
            )
        ) {
            let bytes = pieces.concat();
            let doc = Document::from_bytes("t", &bytes);
            let mut invalid = 0;
            for (i, line) in doc.lines().iter().enumerate() {
                let raw = &bytes[line.bytes.clone()];
                proptest::prop_assert_eq!(doc.original(i), String::from_utf8_lossy(raw));
                invalid += usize::from(std::str::from_utf8(raw).is_err());
            }
            let noted = doc.notes().iter().filter(|n| n.rule == "normalize/invalid-utf8").count();
            proptest::prop_assert_eq!(noted, invalid);
        }

        /// A blank line is one with nothing but whitespace, whatever its first byte.
        #[test]
        fn blank_is_only_whitespace(
            lines in proptest::collection::vec("[ \t\x0b\x0c\u{a0}\u{2003}\u{1c}a.é]{0,4}", 0..8)
        ) {
            let doc = Document::from_bytes("t", lines.join("\n").as_bytes());
            for i in 0..doc.len() {
                proptest::prop_assert_eq!(doc.is_blank(i), doc.text(i).trim().is_empty());
            }
        }
    }

    fn two_decimals(x: f32) -> String {
        let mut s = String::new();
        push_two_decimals(&mut s, x);
        s
    }

    #[test]
    fn two_decimals_are_what_format_writes() {
        for x in [
            0.0,
            -0.0,
            0.005,
            0.015,
            0.125,
            0.375,
            0.625,
            0.875,
            0.995,
            1.0,
            1.995,
            2.0,
            2.005,
            -0.004,
            7.25,
            1e9,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::MIN_POSITIVE,
        ] {
            assert_eq!(two_decimals(x), format!("{x:.2}"), "{x:e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn two_decimals_are_what_format_writes_anywhere(bits in 0u32..=u32::MAX) {
            let x = f32::from_bits(bits);
            proptest::prop_assert_eq!(two_decimals(x), format!("{x:.2}"));
        }

        #[test]
        fn two_decimals_are_what_format_writes_for_scores(x in 0f32..=2.0) {
            proptest::prop_assert_eq!(two_decimals(x), format!("{x:.2}"));
        }
    }

    /// Every `f32` from 0 to 2 (about 10⁹ values; 90 s with `--release`).
    #[test]
    #[ignore]
    fn two_decimals_are_format_s_for_every_f32_up_to_2() {
        let mut s = String::new();
        for bits in 0..=2f32.to_bits() {
            let x = f32::from_bits(bits);
            s.clear();
            push_two_decimals(&mut s, x);
            assert_eq!(s, format!("{x:.2}"), "{x:e}");
        }
    }
}
