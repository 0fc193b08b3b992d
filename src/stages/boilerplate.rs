//! The boilerplate stripper: navigation, promotions, teasers, comments and footers.
//!
//! Three passes:
//! 1. high-precision rules: lines the phrase lists name (data, per language), everything above a
//!    headline that repeats the page title, comment threads;
//! 2. the line classifier ([`crate::model`]), trained on real pages of many sites, judges every
//!    other line from its shape, its neighbours, its place in the page and its frequency in the
//!    dump (with `classifier: false`, position rules relative to the body take its place);
//! 3. lines that became neighbours (the same text twice) and inline teasers between two
//!    paragraphs of one section.
use crate::analysis::LineInfo;
use crate::document::{Document, MetaField, Role, Rule, push_two_decimals};
use crate::error::Result;
use crate::features;
use crate::model::LineModel;
use crate::phrases::{Anchor, Hit};
use crate::pipeline::{Context, Stage};
use crate::stages::headings;
use crate::text::Shape;
use std::sync::Arc;

pub const NAME: &str = "boilerplate";
pub const NAVIGATION: Rule = Rule::new(NAME, "boilerplate/navigation");
pub const HEADER: Rule = Rule::new(NAME, "boilerplate/header");
pub const FOOTER: Rule = Rule::new(NAME, "boilerplate/footer");
pub const TEASER_LIST: Rule = Rule::new(NAME, "boilerplate/teaser-list");
pub const INLINE_TEASER: Rule = Rule::new(NAME, "boilerplate/inline-teaser");
pub const BYLINE: Rule = Rule::new(NAME, "boilerplate/byline");
pub const DATELINE: Rule = Rule::new(NAME, "boilerplate/dateline");
pub const REPEATED_LINE: Rule = Rule::new(NAME, "boilerplate/repeated-line");
pub const ABOVE_TITLE: Rule = Rule::new(NAME, "boilerplate/above-headline");
pub const COMMENT_THREAD: Rule = Rule::new(NAME, "boilerplate/comment-thread");
pub const CLASSIFIER: Rule = Rule::new(NAME, "boilerplate/classifier");
pub const SECTION_TEMPLATE: Rule = Rule::new(NAME, "boilerplate/section-template");
pub const LIST: Rule = Rule::new(NAME, "boilerplate/list");
pub const TABLE: Rule = Rule::new(NAME, "boilerplate/table");
pub const CREDIT: Rule = Rule::new(NAME, "boilerplate/credit");

/// Settings of the boilerplate stripper.
#[derive(Debug, Clone, PartialEq)]
pub struct BoilerplateConfig {
    /// A phrase found anywhere in a line counts on lines of at most this many words.
    pub short_line_words: usize,
    /// Heading-like lines kept right above the first paragraph (a heading and a subheading).
    pub headings_above_body: usize,
    /// Remove headline-like lines between two paragraphs that do not open a section.
    pub inline_teasers: bool,
    /// Judge lines with the line classifier (else with position rules).
    pub classifier: bool,
    /// Remove a line whose classifier score is below this (default: the model's own).
    pub threshold: Option<f32>,
    /// The threshold for the running text of a section whose heading follows the page's
    /// section template (see `boilerplate/section-template`): such text is article text on
    /// most pages, so only a clear verdict removes it.
    pub template_threshold: f32,
    /// The threshold for running text that directly follows running text the classifier keeps.
    pub continuation_threshold: f32,
    /// A line model (the JSON that `scripts/train/train.py` writes) to use instead of the one
    /// rinse ships.
    pub model: Option<String>,
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            short_line_words: 8,
            headings_above_body: 2,
            inline_teasers: true,
            classifier: true,
            threshold: None,
            template_threshold: 0.2,
            continuation_threshold: 0.1,
            model: None,
        }
    }
}

impl BoilerplateConfig {
    pub fn build(&self) -> Result<Boilerplate> {
        let model = match (self.classifier, &self.model) {
            (false, _) => None,
            (true, None) => Some(LineModel::builtin()?),
            (true, Some(json)) => Some(Arc::new(LineModel::from_json(json)?)),
        };
        Ok(Boilerplate {
            config: self.clone(),
            model,
        })
    }
}

/// The running boilerplate stage.
#[derive(Debug, Clone)]
pub struct Boilerplate {
    config: BoilerplateConfig,
    model: Option<Arc<LineModel>>,
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
        match &self.model {
            Some(model) => {
                let sections = self.rules(doc, cx);
                // Features are measured once the rules have removed what they know, as in
                // training (`Pipeline::features`).
                let (live, x) = features::extract(doc, cx);
                let threshold = self.config.threshold.unwrap_or(model.threshold());
                let mut in_section = vec![false; doc.len()];
                for &i in &sections {
                    in_section[i] = true;
                }
                let thresholds: Vec<f32> = live
                    .iter()
                    .map(|&i| {
                        if in_section[i] {
                            self.config.template_threshold.min(threshold)
                        } else {
                            threshold
                        }
                    })
                    .collect();
                let continuation = self.config.continuation_threshold;
                classify(doc, model, &thresholds, continuation, &live, &x);
            }
            None => self.positional(doc, cx),
        }
        super::remove_repeated_neighbours(doc, cx, REPEATED_LINE);
        notices_and_credits(doc, cx);
        if self.config.inline_teasers {
            inline_teasers(doc, cx);
        }
    }
}

impl Boilerplate {
    /// Whether the line classifier judges lines (else position rules do).
    pub fn classifies(&self) -> bool {
        self.model.is_some()
    }

    /// The high-precision rules that run before the classifier, and the structure they protect
    /// from it (section headings of a template, lists under a heading).
    /// Returns the lines of running text in the sections that follow the page's template.
    pub fn rules(&self, doc: &mut Document, cx: &Context) -> Vec<usize> {
        self.removal_rules(doc, cx);
        let sections = section_template(doc, cx);
        lists_under_headings(doc, cx);
        tables_in_text(doc, cx);
        sections
    }

    fn removal_rules(&self, doc: &mut Document, cx: &Context) {
        let (live, infos) = super::live_infos(doc, cx);
        if live.is_empty() {
            return;
        }
        // 1. Lines the phrase lists name.
        for (k, &i) in live.iter().enumerate() {
            let info = &infos[k];
            let Some(hit) = info.hit else {
                continue;
            };
            let counts = match hit.anchor {
                Anchor::Whole => true,
                _ if hit.strong => info.shape.words <= 80,
                Anchor::Prefix => !info.prose,
                Anchor::Anywhere => info.shape.words <= self.config.short_line_words,
            };
            if counts && doc.role(i) != Some(Role::Title) {
                doc.remove(i, hit.category.rule(), phrase_reason(&hit, cx));
            }
        }
        // The rest judges position relative to running text, among the lines still there.
        let (live, infos): (Vec<usize>, Vec<LineInfo>) = live
            .into_iter()
            .zip(infos)
            .filter(|(i, _)| !doc.is_removed(*i))
            .unzip();
        if live.is_empty() {
            return;
        }
        let prose_chars: Vec<usize> = infos
            .iter()
            .map(|s| if s.prose { s.shape.chars } else { 0 })
            .collect();
        // 2. Above a headline that repeats the page's <title>, when running text follows it
        //    within a few lines (the article starts there).
        if let Some(t) = live.iter().position(|&i| {
            doc.role(i) == Some(Role::Title) && doc.role_rule(i) == Some(headings::TITLE)
        }) {
            let text_follows = prose_chars[t + 1..].iter().take(8).any(|&c| c > 0);
            if text_follows {
                for &i in &live[..t] {
                    doc.remove(
                        i,
                        ABOVE_TITLE,
                        format!(
                            "above the article's headline (line {}, the page title found again)",
                            doc.line_number(live[t])
                        ),
                    );
                }
            }
        }
        // 3. Bylines; datelines that are not inside running text (a dated quote or tweet is).
        for (k, &i) in live.iter().enumerate() {
            if doc.is_removed(i) || doc.role(i) == Some(Role::Title) || prose_chars[k] > 0 {
                continue;
            }
            let info = &infos[k];
            let after_text = k > 0 && prose_chars[k - 1] > 0;
            if info.shape.words <= 12 && info.byline {
                byline(doc, cx, i);
            } else if (!after_text && info.dateline) || info.stamped_dateline {
                dateline(doc, cx, i);
            }
        }
        // 4. A comment thread, from its first comment header on.
        if let Some(start) = features::comment_thread(doc, cx, &live, |k| &infos[k]) {
            let n = infos[start..].iter().filter(|i| i.comment_header).count();
            for &i in &live[start..] {
                doc.remove(
                    i,
                    COMMENT_THREAD,
                    format!(
                        "comment thread: from line {}, the first of {n} comment headers (\"… says:\")",
                        doc.line_number(live[start])
                    ),
                );
            }
        }
    }

    /// Without the classifier: the body is the stretch from the first to the last line of
    /// running text; short lines before the title, between the title and the body (beyond a
    /// heading and a subheading) and after the body are not article text.
    fn positional(&self, doc: &mut Document, cx: &Context) {
        let (live, infos) = super::live_infos(doc, cx);
        if live.is_empty() {
            return;
        }
        let shapes: Vec<Shape> = infos.iter().map(|i| i.shape).collect();
        let hits: Vec<Option<Hit>> = infos.iter().map(|i| i.hit).collect();
        let content: Vec<bool> = infos.iter().map(|i| i.prose && !i.named()).collect();
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
            .map(|k| !content[k] && infos[k].byline)
            .collect();
        let datelines: Vec<bool> = (0..live.len())
            .map(|k| !content[k] && infos[k].dateline)
            .collect();

        // Heading-like lines right above the first paragraph stay (heading, subheading).
        let kept_above_body: Vec<usize> = first
            .map(|f| {
                (body_from..f)
                    .rev()
                    .take_while(|&k| {
                        shapes[k].heading_like()
                            && hits[k].is_none()
                            && !bylines[k]
                            && !datelines[k]
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
                    let reason = phrase_reason(&hit, cx);
                    doc.remove(i, hit.category.rule(), reason);
                    continue;
                }
            }
            if content[k] {
                continue;
            }
            if infos[k].breadcrumb && z != Zone::Body {
                doc.remove(i, NAVIGATION, "breadcrumb or menu on one line");
                continue;
            }
            if z != Zone::Body {
                if bylines[k] {
                    byline(doc, cx, i);
                    continue;
                }
                if datelines[k] {
                    dateline(doc, cx, i);
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
    }
}

/// Removes the lines the classifier scores below their threshold, with a reason that names
/// what made them look like boilerplate. Running text that directly continues running text the
/// classifier keeps gets the benefit of the doubt down to `continuation`: the end of an article
/// is where the scores are least sure.
fn classify(
    doc: &mut Document,
    model: &LineModel,
    thresholds: &[f32],
    continuation: f32,
    live: &[usize],
    x: &[f32],
) {
    let width = features::len();
    let scores = model.predict(x, width);
    let prose = |k: usize| x[k * width + features::PROSE_LIKE] > 0.0;
    let mut prev_kept_prose = false;
    for (k, &i) in live.iter().enumerate() {
        if doc.is_removed(i) {
            continue;
        }
        let threshold = if prev_kept_prose && prose(k) {
            thresholds[k].min(continuation)
        } else {
            thresholds[k]
        };
        if scores[k] >= threshold || doc.role(i).is_some() {
            prev_kept_prose = prose(k);
            if doc.role(i).is_none() {
                doc.keep(i, CLASSIFIER, scores[k], threshold);
            }
            continue;
        }
        prev_kept_prose = false;
        // "line classifier: 0.12 < 0.50; 3 words, not a sentence", without `format!`: a page
        // of debris has hundreds of these.
        let mut reason = String::with_capacity(96);
        reason.push_str("line classifier: ");
        push_two_decimals(&mut reason, scores[k]);
        reason.push_str(" < ");
        push_two_decimals(&mut reason, threshold);
        reason.push_str("; ");
        features::explain_into(&x[k * width..(k + 1) * width], &mut reason);
        doc.remove(i, CLASSIFIER, reason);
    }
}

/// When at least three sections of the page open the same way (one heading, or a heading and
/// a subheading, right after running text or the title and followed by running text), those
/// openers are the page's structure, not debris: they are marked as headings, which the
/// classifier and the teaser rule leave alone. Lines that name themselves as something else
/// (a date, a byline, a credit, a comment header, a phrase of the lists) never count.
fn section_template(doc: &mut Document, cx: &Context) -> Vec<usize> {
    let (live, infos) = super::live_infos(doc, cx);
    let n = live.len();
    let prose = |j: usize| j < n && infos[j].prose;
    let title = |j: usize| doc.role(live[j]) == Some(Role::Title);
    let plain = |j: usize| {
        let i = &infos[j];
        i.shape.heading_like()
            && !title(j)
            && i.hit.is_none()
            && !i.dateline
            && !i.byline
            && !i.credit
            && !i.comment_header
            && !i.breadcrumb
    };
    let mut openers: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut k = 0;
    while k < n {
        if !plain(k) {
            k += 1;
            continue;
        }
        let start = k;
        while k < n && plain(k) {
            k += 1;
        }
        let len = k - start;
        let after_text = start == 0 || prose(start - 1) || title(start - 1);
        if (1..=2).contains(&len) && after_text && prose(k) {
            openers[len - 1].push(start);
        }
    }
    let mut bodies = Vec::new();
    for (l, starts) in openers.iter().enumerate() {
        if starts.len() < 3 {
            continue;
        }
        for &s in starts {
            let mut j = s + l + 1;
            while prose(j) {
                bodies.push(live[j]);
                j += 1;
            }
        }
        let reason = |role: &str| {
            format!(
                "{role} of one of {} sections that open the same way: the page's structure",
                starts.len()
            )
        };
        for &s in starts {
            doc.mark(live[s], Role::Heading, SECTION_TEMPLATE, reason("heading"));
            if l == 1 {
                doc.mark(
                    live[s + 1],
                    Role::Subheading,
                    SECTION_TEMPLATE,
                    reason("subheading"),
                );
            }
        }
    }
    bodies
}

/// The cells of a table row written with pipes (`| a | b |`, as Markdown and text tables are):
/// how many, or none if the line is no such row.
fn table_cells(text: &str) -> usize {
    let t = text.trim();
    if t.len() < 3 || !t.starts_with('|') || !t.ends_with('|') {
        return 0;
    }
    t[1..t.len() - 1].split('|').count()
}

/// Whether a table row is the rule under the header (`| --- | :---: |`).
fn is_table_rule(text: &str) -> bool {
    table_cells(text) > 0
        && text.trim().trim_matches('|').split('|').all(|cell| {
            let c = cell.trim();
            c.len() >= 3 && c.trim_matches(':').chars().all(|ch| ch == '-')
        })
}

/// Protects from the classifier a table inside the text: three or more rows in a row of the
/// same number of cells (`| a | b |`), the rule under the header (`| --- | --- |`) among them,
/// between the first and the last line of running text. Its rows are short and full of bars, as menus are, and a table
/// cut to some of its rows says nothing. The rule stays with the rows: it is what makes them a
/// table (in Markdown, and to this rule when the clean text is cleaned again).
fn tables_in_text(doc: &mut Document, cx: &Context) {
    // Most pages have no table rule at all: they are passed before their lines are gathered.
    if !(0..doc.len()).any(|i| !doc.is_removed(i) && is_table_rule(doc.text(i))) {
        return;
    }
    let (live, infos) = super::live_infos(doc, cx);
    let prose: Vec<bool> = infos.iter().map(|i| i.prose).collect();
    let (Some(first), Some(last)) = (
        prose.iter().position(|&p| p),
        prose.iter().rposition(|&p| p),
    ) else {
        return;
    };
    let cells: Vec<usize> = live.iter().map(|&i| table_cells(doc.text(i))).collect();
    let mut k = first + 1;
    while k < last {
        if cells[k] == 0 {
            k += 1;
            continue;
        }
        let start = k;
        while k < last && cells[k] == cells[start] {
            k += 1;
        }
        let rows = &live[start..k];
        if rows.len() >= 3 && rows.iter().any(|&i| is_table_rule(doc.text(i))) {
            let reason = format!(
                "a row of the table on lines {}–{}, inside the text",
                rows[0] + 1,
                rows[rows.len() - 1] + 1
            );
            for &i in rows {
                if doc.role(i).is_none() {
                    doc.mark(i, Role::Paragraph, TABLE, reason.clone());
                }
            }
        }
    }
}

/// Inside the text (running text somewhere above and below), a heading-like line directly
/// followed by three or more short lines, most of them opening with a number or a bullet
/// ("Ingredients / 225 g butter / 2 eggs / …"), is a list and its heading: content that looks
/// like debris only line by line. Headlines, dates and named phrases are never list items.
fn lists_under_headings(doc: &mut Document, cx: &Context) {
    let (live, infos) = super::live_infos(doc, cx);
    let shapes: Vec<Shape> = infos.iter().map(|i| i.shape).collect();
    let prose: Vec<bool> = infos.iter().map(|i| i.prose).collect();
    let first_prose = prose.iter().position(|&p| p);
    let last_prose = prose.iter().rposition(|&p| p);
    let (Some(first), Some(last)) = (first_prose, last_prose) else {
        return;
    };
    let item: Vec<bool> = (0..live.len())
        .map(|j| {
            !prose[j]
                && shapes[j].words <= 12
                && !shapes[j].headline_like()
                && doc.role(live[j]).is_none()
                && infos[j].hit.is_none()
                && !infos[j].dateline
        })
        .collect();
    let numbered: Vec<bool> = live
        .iter()
        .map(|&i| {
            doc.text(i)
                .chars()
                .next()
                .is_some_and(|c| c.is_numeric() || "•·-–—*►▪◦‣+".contains(c))
        })
        .collect();
    // Where a run of items starting at `j` ends (the first line from `j` on that is no item,
    // or `last`), and how many numbered lines come before each line: every heading of a long
    // run of short lines (each of which may be a heading) is then looked at in one step.
    let mut run_end = vec![last; last + 1];
    for j in (0..last).rev() {
        run_end[j] = if item[j] { run_end[j + 1] } else { j };
    }
    let numbered_before: Vec<usize> = std::iter::once(0)
        .chain(numbered.iter().scan(0, |n, &b| {
            *n += usize::from(b);
            Some(*n)
        }))
        .collect();
    let mut k = first + 1;
    while k < last {
        let h = k;
        if !shapes[h].heading_like() || prose[h] {
            k += 1;
            continue;
        }
        let e = run_end[h + 1];
        let items = e - h - 1;
        let numbered_items = numbered_before[e] - numbered_before[h + 1];
        if items >= 3 && numbered_items * 2 >= items {
            let reason = format!(
                "a list of {items} items under the heading on line {}",
                doc.line_number(live[h])
            );
            if doc.role(live[h]).is_none() {
                doc.mark(live[h], Role::Heading, LIST, format!("heading of {reason}"));
            }
            for &i in &live[h + 1..e] {
                doc.mark(i, Role::Paragraph, LIST, format!("item of {reason}"));
            }
            k = e;
        } else {
            k += 1;
        }
    }
}

/// Whether line index `i` gave a metadata field its value.
enum Given {
    /// This line did.
    Here,
    /// Another line had (this one, by its [`Document::line_number`]).
    Before(usize),
    /// The line has no value to give.
    Nothing,
}

/// Gives `field` the `value` read on line index `i`, unless a line gave it one before.
fn give(
    doc: &mut Document,
    i: usize,
    field: MetaField,
    value: Option<String>,
    rule: Rule,
    why: &str,
) -> Given {
    match (value, doc.metadata_line(field)) {
        (Some(value), None) => {
            doc.metadata(i, field, value, rule, why);
            Given::Here
        }
        (Some(_), Some(j)) => Given::Before(j),
        (None, _) => Given::Nothing,
    }
}

/// Removes a byline from the body and keeps its names as the article's author, unless an
/// earlier line gave the author; the reason says which.
fn byline(doc: &mut Document, cx: &Context, i: usize) {
    let author = cx.meta.author(doc.text(i));
    let reason = match give(
        doc,
        i,
        MetaField::Author,
        author,
        BYLINE,
        "the byline names the author",
    ) {
        Given::Here => "byline: moved to metadata.author".to_string(),
        Given::Before(n) => format!("byline: the author was taken from line {n}"),
        Given::Nothing => "byline: says who wrote the page (no name rinse could read)".to_string(),
    };
    doc.remove(i, BYLINE, reason);
}

/// Removes a dateline from the body and keeps its date as the publication date, unless an
/// earlier line gave the date; the reason says which.
fn dateline(doc: &mut Document, cx: &Context, i: usize) {
    let author = cx.meta.author(doc.text(i));
    give(
        doc,
        i,
        MetaField::Author,
        author,
        BYLINE,
        "the dateline names the author",
    );
    let date = cx.meta.published(doc.text(i));
    let reason = match give(doc, i, MetaField::Published, date, DATELINE, "the dateline dates the article") {
        Given::Here => "dateline: moved to metadata.published".to_string(),
        Given::Before(n) => format!("dateline: the article's date was taken from line {n}"),
        Given::Nothing => {
            "dateline: a time, a date or a number on a line of its own, outside running text (it gives the article no date)"
                .to_string()
        }
    };
    doc.remove(i, DATELINE, reason);
}

/// Removes, after the classifier (so that its features are unchanged), what it kept that is
/// boilerplate whatever the line's context:
/// - a line of over 80 words, past the reach of the phrase rules, that opens with a strong
///   phrase ("This website uses cookies to improve your experience while …"): a cookie or
///   privacy notice of a hundred words, kept for its length and its sentences; a strong phrase
///   further into a long line may be an article quoting it, and stays;
/// - a photo credit or caption source ("Foto: Frank Lerche", "(AP Photo/Alan Diaz)", "… | ©
///   Augusta National/Getty Images"; see [`crate::meta::MetaPatterns::is_credit`]), which the
///   classifier weighs as one feature among many and keeps beside the text it sat in.
fn notices_and_credits(doc: &mut Document, cx: &Context) {
    doc.analyze(cx);
    let found: Vec<(usize, Option<Hit>)> = doc
        .live()
        .into_iter()
        .filter(|&i| doc.role(i) != Some(Role::Title))
        .filter_map(|i| {
            let info = doc.info(i);
            let notice = info
                .hit
                .filter(|h| h.strong && info.shape.words > 80)
                .filter(|h| opens_with(doc.text(i), h, cx));
            (notice.is_some() || info.credit).then_some((i, notice))
        })
        .collect();
    for (i, notice) in found {
        match notice {
            Some(hit) => {
                let reason = format!(
                    "{}: opens with \"{}\" (a notice, however long)",
                    hit.category.describe(),
                    cx.phrases.phrase(&hit)
                );
                doc.remove(i, hit.category.rule(), reason);
            }
            None => {
                doc.remove(i, CREDIT, "a photo credit or caption source");
            }
        }
    }
}

/// Whether `text` opens with the phrase of `hit` (lowercase, as the lists hold it), in any case
/// and as a whole word.
fn opens_with(text: &str, hit: &Hit, cx: &Context) -> bool {
    let phrase = cx.phrases.phrase(hit);
    let start = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut lower = start.chars().flat_map(char::to_lowercase);
    phrase.chars().all(|p| lower.next() == Some(p))
        && !lower.next().is_some_and(char::is_alphanumeric)
}

fn phrase_reason(hit: &Hit, cx: &Context) -> String {
    let phrase = cx.phrases.phrase(hit);
    match hit.anchor {
        Anchor::Whole => format!("{}: the line is \"{}\"", hit.category.describe(), phrase),
        Anchor::Prefix => format!("{}: starts with \"{}\"", hit.category.describe(), phrase),
        Anchor::Anywhere => format!("{}: says \"{}\"", hit.category.describe(), phrase),
    }
}

/// A headline-like line between two paragraphs of one section (after the other removals, so
/// that a removed marker line between them does not hide it) that does not open a section: the
/// paragraph after it continues the one before, the one before is unfinished, or the page's
/// real sections open with a heading and a subheading, which this line lacks.
fn inline_teasers(doc: &mut Document, cx: &Context) {
    // In reading order: the title is printed first, wherever it stood.
    let (live, shapes): (Vec<usize>, Vec<Shape>) = {
        let (live, shapes) = super::live_shapes(doc, cx);
        live.into_iter()
            .zip(shapes)
            .filter(|(i, _)| doc.role(*i) != Some(Role::Title))
            .unzip()
    };
    let langs = doc.langs();
    let content: Vec<bool> = shapes.iter().map(|s| s.prose_like(langs)).collect();
    let paired_headings = has_paired_headings(&shapes, &content);
    for k in 1..live.len().saturating_sub(1) {
        if !(content[k - 1] && content[k + 1] && shapes[k].headline_like())
            || doc.role(live[k]).is_some()
        {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Pipeline};

    #[test]
    fn table_rows_and_rules_are_told_apart() {
        assert_eq!(table_cells("| Boat length | Fee now | Fee from April |"), 3);
        assert_eq!(table_cells("Home | News | Sport"), 0);
        assert_eq!(table_cells("|"), 0);
        assert!(is_table_rule("| --- | :---: | ---: |"));
        assert!(is_table_rule("|---|---|"));
        assert!(!is_table_rule("| -- | -- |"));
        assert!(!is_table_rule("| Up to 6 metres | £410 |"));
        assert!(!is_table_rule("--- | ---"));
    }

    /// A table inside the text is kept whole, its rule too; the same rows without a rule, or
    /// after the text, are judged line by line.
    #[test]
    fn a_table_inside_the_text_is_kept_whole() {
        let page = |rule: &str| {
            format!(
                "Harbour fees rise in April\n\n\
                 The council has published the new mooring fees, which take effect on the first \
                 of April after a vote last month, and the harbour master explained them.\n\n\
                 | Boat length | Fee now | Fee from April |\n{rule}\
                 | Up to 6 metres | £410 | £460 |\n| 6 to 10 metres | £640 | £720 |\n\
                 | Over 10 metres | £980 | £1,100 |\n\n\
                 The harbour master said the rise would pay for the repairs to the north pier, \
                 which are due to start in May, and that the fees would not rise again soon.\n"
            )
        };
        let clean = |text: &str| {
            Pipeline::new(&Config::default())
                .unwrap()
                .clean_bytes("t", text.as_bytes(), None)
        };
        let table = clean(&page("| --- | --- | --- |\n"));
        let text = table.article.to_text();
        for row in [
            "| Boat length",
            "| --- |",
            "| Up to 6",
            "| 6 to 10",
            "| Over 10",
        ] {
            assert!(text.contains(row), "{row}: {text}");
        }
        assert!(!table.removed.iter().any(|r| r.line >= 5 && r.line <= 9));
        // Kept by this rule, whatever the classifier would say of them.
        let by_table = |outcome: &crate::apply::Outcome| {
            matches!(
                outcome,
                crate::apply::Outcome::Kept {
                    why: Some(crate::apply::Kept::Rule { rule, .. }),
                    ..
                } if *rule == TABLE.id
            )
        };
        assert!(table.lines[4..9].iter().all(by_table), "{:?}", table.lines);
        // Without the rule line the rows are no table to this rule: the classifier judges
        // each (it may keep them, as it may keep any short line).
        let rows = clean(&page(""));
        assert!(
            rows.lines[4..8].iter().all(|o| !by_table(o)),
            "{:?}",
            rows.lines
        );
    }
}
