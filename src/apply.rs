//! The one apply step: a document and its annotations → the article, the removal list, the
//! per-line outcomes and the statistics. Every output (text, JSON, diff, report) is built from
//! what this returns, so they cannot disagree.
use crate::article::Metadata;
use crate::article::{Article, Section};
use crate::document::{
    Action, Annotation, Document, LineEnding, MetaField, Note, Role, push_two_decimals,
};
use crate::lang::Lexicon;
use serde::Serialize;
use std::collections::BTreeMap;

/// Current JSON schema version of a cleaned record.
pub const SCHEMA_VERSION: u32 = 1;

/// A line that is not in the clean article, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub line: usize,
    /// The line as it was in the input (decoded).
    pub text: String,
    pub stage: &'static str,
    pub rule: &'static str,
    pub reason: String,
}

/// A change the normalizer made to a kept line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rewritten {
    pub line: usize,
    pub stage: &'static str,
    pub rule: &'static str,
    pub reason: String,
    /// The line's text after this change.
    pub text: String,
    /// For a paragraph hard-wrapped over several lines (`normalize/unwrap`): the lines after
    /// this one whose text it now holds, and which go where it goes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<usize>,
}

/// What became of one source line.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Empty or whitespace only in the input: layout, not content.
    Blank,
    /// Kept, with its role, its clean text and, where a stage decided it, why.
    Kept {
        role: Role,
        text: String,
        why: Option<Kept>,
    },
    /// Removed: the index of its entry in [`Cleaned::removed`].
    Removed(usize),
    /// Kept as part of the (0-based) line before it that holds its hard-wrapped paragraph: its
    /// text is in that line's.
    Joined(usize),
}

impl Outcome {
    /// Kept by a classifier verdict within [`CLOSE_CALL`] of its threshold.
    pub fn is_close_call(&self) -> bool {
        matches!(self, Outcome::Kept { why: Some(k), .. } if k.is_close(CLOSE_CALL))
    }
}

/// Why a kept line is in the article, where a stage decided it.
#[derive(Debug, Clone, PartialEq)]
pub enum Kept {
    /// The line classifier's verdict: the line's score and the threshold it reached (of the
    /// passes over the line, cleaning and settling, the closest call).
    Classifier {
        rule: &'static str,
        score: f32,
        threshold: f32,
    },
    /// A rule gave the line its role (the title, a heading of the page's section template, an
    /// item of a list under a heading, a heading or paragraph of the article).
    Rule { rule: &'static str, reason: String },
}

impl Kept {
    pub fn rule(&self) -> &'static str {
        match self {
            Kept::Classifier { rule, .. } | Kept::Rule { rule, .. } => rule,
        }
    }

    /// Why, in words: "line classifier: 0.93 ≥ 0.50", or the rule's reason.
    pub fn reason(&self) -> String {
        match self {
            Kept::Classifier {
                score, threshold, ..
            } => {
                let mut out = String::from("line classifier: ");
                push_two_decimals(&mut out, *score);
                out.push_str(" ≥ ");
                push_two_decimals(&mut out, *threshold);
                out
            }
            Kept::Rule { reason, .. } => reason.clone(),
        }
    }

    /// A classifier verdict within `margin` of its threshold.
    pub fn is_close(&self, margin: f32) -> bool {
        matches!(self, Kept::Classifier { score, threshold, .. } if score - threshold < margin)
    }
}

/// `x` to two decimals, as the reasons print it (for JSON, where an `f32` prints all its digits).
fn round2(x: f32) -> f32 {
    ((f64::from(x) * 100.0).round() / 100.0) as f32
}

/// How far above its threshold a kept line's score may be and still count as a close call in
/// the reports.
pub const CLOSE_CALL: f32 = 0.1;

/// Counts per stage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StageStats {
    pub removed: usize,
    pub rewritten: usize,
}

/// Line counts. `lines_in` (non-blank input lines) = `lines_kept` + `lines_removed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub lines_in: usize,
    pub lines_kept: usize,
    pub lines_removed: usize,
    pub blank_lines: usize,
    pub by_stage: BTreeMap<&'static str, StageStats>,
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    pub source: String,
    /// ISO 639-1 code of the guessed language, if any.
    pub language: Option<String>,
    pub article: Article,
    pub removed: Vec<Removal>,
    pub rewritten: Vec<Rewritten>,
    pub notes: Vec<Note>,
    pub stats: Stats,
    /// One outcome per source line, in order.
    pub lines: Vec<Outcome>,
    /// Whether the input ended with a newline.
    pub ends_with_newline: bool,
    /// Where each source line sits in the input bytes, and how it ended (for diffs).
    pub spans: Vec<(std::ops::Range<usize>, LineEnding)>,
    /// The input's encoding (WHATWG name).
    pub encoding: &'static str,
    /// The input was transcoded to UTF-8: line spans are of the UTF-8 text, not the input.
    pub transcoded: bool,
}

/// Replays `doc`'s annotations over its original lines and assembles the results.
pub fn apply(doc: &Document) -> Cleaned {
    let n = doc.len();
    let mut text: Vec<Option<String>> = vec![None; n];
    let mut removed_by: Vec<Option<usize>> = vec![None; n];
    let mut roles: Vec<Option<Role>> = vec![None; n];
    let mut stats = Stats::default();
    let mut rewritten = Vec::new();
    let mut removals: Vec<(usize, usize)> = Vec::new(); // (line index, annotation index)
    let mut marked_by: Vec<Option<usize>> = vec![None; n]; // the annotation of its role
    let mut verdicts: Vec<Option<usize>> = vec![None; n]; // the Keep annotation
    let mut metadata: Vec<(MetaField, String)> = Vec::new();
    // The line each line continues (a hard-wrapped paragraph), and how it says so.
    let mut joined_to: Vec<Option<(usize, usize)>> = vec![None; n];

    for (a, ann) in doc.annotations().iter().enumerate() {
        let i = ann.line - 1;
        match &ann.action {
            Action::Rewrite(t) => {
                text[i] = Some(t.clone());
                stats.by_stage.entry(ann.rule.stage).or_default().rewritten += 1;
                rewritten.push(Rewritten {
                    line: ann.line,
                    stage: ann.rule.stage,
                    rule: ann.rule.id,
                    reason: ann.reason.clone(),
                    text: t.clone(),
                    joined: Vec::new(),
                });
            }
            Action::Remove => {
                if removed_by[i].is_none() {
                    removed_by[i] = Some(a);
                    removals.push((i, a));
                }
            }
            Action::Mark(role) => {
                roles[i] = Some(*role);
                marked_by[i] = Some(a);
            }
            Action::Metadata(field, value) => metadata.push((*field, value.clone())),
            // A line holds one, its closest call (see `Document::keep`).
            Action::Keep { .. } => verdicts[i] = Some(a),
            Action::Join(head) => joined_to[i] = Some((head - 1, a)),
        }
    }
    // Rewrites in line order, for people (the normalizer's second pass over a Markdown page
    // and the title's site-name cut come later); a line's own in the order they were made.
    rewritten.sort_by_key(|r| r.line);
    // Each joined paragraph's first line lists the lines after it, on its rewrite of the same
    // rule.
    if joined_to.iter().any(Option::is_some) {
        let by_line_and_rule: std::collections::HashMap<(usize, &str), usize> = rewritten
            .iter()
            .enumerate()
            .map(|(k, r)| ((r.line, r.rule), k))
            .collect();
        for (i, joined) in joined_to.iter().enumerate() {
            if let Some((head, a)) = *joined
                && let Some(&k) = by_line_and_rule.get(&(head + 1, doc.annotations()[a].rule.id))
            {
                rewritten[k].joined.push(i + 1);
            }
        }
    }
    // A line joined to one that was removed is removed with it; it is listed, with its own
    // text, so that every input line is accounted for.
    for i in 0..n {
        if let Some((head, _)) = joined_to[i]
            && let Some(a) = removed_by[head]
        {
            removed_by[i] = Some(a);
            removals.push((i, a));
        }
    }
    // Removals in line order, for people.
    removals.sort_by_key(|&(i, _)| i);
    let mut removed = Vec::with_capacity(removals.len());
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(n);
    let mut removal_index = vec![usize::MAX; n];
    for &(i, a) in &removals {
        let ann = &doc.annotations()[a];
        removal_index[i] = removed.len();
        stats.by_stage.entry(ann.rule.stage).or_default().removed += 1;
        let reason = match joined_to[i] {
            Some((head, _)) => format!(
                "{} (with line {}, which this line continues)",
                ann.reason,
                head + 1
            ),
            None => ann.reason.clone(),
        };
        removed.push(Removal {
            line: i + 1,
            text: doc.original(i).to_string(),
            stage: ann.rule.stage,
            rule: ann.rule.id,
            reason,
        });
    }

    let mut article = Article::default();
    for i in 0..n {
        let original_blank = doc.original(i).trim().is_empty();
        if original_blank && removed_by[i].is_none() {
            stats.blank_lines += 1;
            outcomes.push(Outcome::Blank);
            continue;
        }
        stats.lines_in += 1;
        if removed_by[i].is_some() {
            stats.lines_removed += 1;
            outcomes.push(Outcome::Removed(removal_index[i]));
            continue;
        }
        if let Some((head, _)) = joined_to[i] {
            stats.lines_kept += 1;
            outcomes.push(Outcome::Joined(head));
            continue;
        }
        let t = text[i]
            .take()
            .unwrap_or_else(|| doc.original(i).to_string());
        let mut role = roles[i].unwrap_or(Role::Paragraph);
        stats.lines_kept += 1;
        if role == Role::Title && article.title.is_some() {
            role = Role::Heading;
        }
        place(&mut article, role, &t, i + 1);
        let why = match (verdicts[i], marked_by[i]) {
            (Some(a), _) => match doc.annotations()[a] {
                Annotation {
                    action: Action::Keep { score, threshold },
                    rule,
                    ..
                } => Some(Kept::Classifier {
                    rule: rule.id,
                    score,
                    threshold,
                }),
                _ => None,
            },
            (None, Some(a)) => {
                let ann = &doc.annotations()[a];
                Some(Kept::Rule {
                    rule: ann.rule.id,
                    reason: ann.reason.clone(),
                })
            }
            (None, None) => None,
        };
        outcomes.push(Outcome::Kept { role, text: t, why });
    }

    for (field, value) in metadata {
        let slot = match field {
            MetaField::Author => &mut article.metadata.author,
            MetaField::Published => &mut article.metadata.published,
        };
        slot.get_or_insert(value);
    }
    let language = Lexicon::builtin().code(doc.langs()).map(str::to_string);
    Cleaned {
        source: doc.source().to_string(),
        language,
        article,
        removed,
        rewritten,
        notes: doc.notes().to_vec(),
        stats,
        lines: outcomes,
        ends_with_newline: doc.ends_with_newline(),
        spans: doc
            .lines()
            .iter()
            .map(|l| (l.bytes.clone(), l.ending))
            .collect(),
        encoding: "UTF-8",
        transcoded: false,
    }
}

/// The line indices (0-based) of the article's blocks, in the order [`Article::blocks`] lists
/// them after [`apply`]: the title first, then every other kept line in order. Without building
/// the rest of the result: it is what cleaning the clean text again reads.
pub(crate) fn block_lines(doc: &Document) -> Vec<usize> {
    let kept = (0..doc.len()).filter(|&i| !doc.is_removed(i) && !doc.original(i).trim().is_empty());
    let title = kept.clone().find(|&i| doc.role(i) == Some(Role::Title));
    title
        .into_iter()
        .chain(kept.filter(|&i| Some(i) != title))
        .collect()
}

/// Adds a kept block to the article, in reading order.
fn place(article: &mut Article, role: Role, text: &str, line: usize) {
    let new_section = |heading: Option<(&str, usize)>| Section {
        heading: heading.map(|h| h.0.to_string()),
        lines: crate::article::SectionLines {
            heading: heading.map(|h| h.1),
            ..Default::default()
        },
        ..Default::default()
    };
    match role {
        Role::Title => {
            article.title = Some(text.to_string());
            article.title_line = Some(line);
        }
        Role::Heading => article.sections.push(new_section(Some((text, line)))),
        Role::Subheading => match article.sections.last_mut() {
            Some(s) if s.heading.is_some() && s.subheading.is_none() && s.paragraphs.is_empty() => {
                s.subheading = Some(text.to_string());
                s.lines.subheading = Some(line);
            }
            _ => article.sections.push(new_section(Some((text, line)))),
        },
        Role::Paragraph => {
            if article.sections.is_empty() {
                article.sections.push(new_section(None));
            }
            let s = article.sections.last_mut().expect("a section exists");
            s.paragraphs.push(text.to_string());
            s.lines.paragraphs.push(line);
        }
    }
}

/// The JSON record of a cleaned document (schema version 1; see the README).
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub schema_version: u32,
    pub source: &'a str,
    pub encoding: &'a str,
    pub language: Option<&'a str>,
    pub title: Option<&'a str>,
    pub title_line: Option<usize>,
    pub metadata: &'a Metadata,
    pub sections: &'a [Section],
    pub removed: &'a [Removal],
    pub rewritten: &'a [Rewritten],
    pub notes: &'a [Note],
    pub stats: &'a Stats,
}

/// The short JSON record of a cleaned document (`rinse clean --slim`): the fields of
/// [`Record`] that describe the article as a whole, and its text instead of its sections and
/// provenance (removals, rewrites, notes), which a report keeps. Same schema version: every
/// field it has means what it means in [`Record`].
#[derive(Debug, Serialize)]
pub struct SlimRecord<'a> {
    pub schema_version: u32,
    pub source: &'a str,
    pub encoding: &'a str,
    pub language: Option<&'a str>,
    pub title: Option<&'a str>,
    pub metadata: &'a Metadata,
    /// The clean text, when it is not beside the record (JSON Lines input keeps it under the
    /// record's own `text`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<&'a str>,
    pub stats: &'a Stats,
}

/// A kept line the line classifier nearly removed (see [`CLOSE_CALL`]), for reviewers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloseCall {
    pub line: usize,
    pub text: String,
    pub score: f32,
    pub threshold: f32,
}

impl Cleaned {
    /// The kept lines whose classifier score was within [`CLOSE_CALL`] of their threshold,
    /// in line order.
    pub fn close_calls(&self) -> Vec<CloseCall> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, o)| o.is_close_call())
            .filter_map(|(i, o)| match o {
                Outcome::Kept {
                    text,
                    why:
                        Some(Kept::Classifier {
                            score, threshold, ..
                        }),
                    ..
                } => Some(CloseCall {
                    line: i + 1,
                    text: text.clone(),
                    score: round2(*score),
                    threshold: round2(*threshold),
                }),
                _ => None,
            })
            .collect()
    }

    /// The rewrites of each rewritten source line (1-based), in the order they were made: for
    /// reports that look them up line by line.
    pub fn rewrites_by_line(&self) -> std::collections::HashMap<usize, Vec<&Rewritten>> {
        let mut out: std::collections::HashMap<usize, Vec<&Rewritten>> = Default::default();
        for r in &self.rewritten {
            out.entry(r.line).or_default().push(r);
        }
        out
    }

    /// The JSON record (see [`Record`]).
    pub fn record(&self) -> Record<'_> {
        Record {
            schema_version: SCHEMA_VERSION,
            source: &self.source,
            encoding: self.encoding,
            language: self.language.as_deref(),
            title: self.article.title.as_deref(),
            title_line: self.article.title_line,
            metadata: &self.article.metadata,
            sections: &self.article.sections,
            removed: &self.removed,
            rewritten: &self.rewritten,
            notes: &self.notes,
            stats: &self.stats,
        }
    }

    /// The short record (see [`SlimRecord`]), with `text` in it if given.
    pub fn slim_record<'a>(&'a self, text: Option<&'a str>) -> SlimRecord<'a> {
        SlimRecord {
            schema_version: SCHEMA_VERSION,
            source: &self.source,
            encoding: self.encoding,
            language: self.language.as_deref(),
            title: self.article.title.as_deref(),
            metadata: &self.article.metadata,
            text,
            stats: &self.stats,
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.record()).expect("record serializes");
        s.push('\n');
        s
    }

    /// One line of JSON (for JSON Lines), without newline.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(&self.record()).expect("record serializes")
    }

    /// The text output (see [`Article::to_text`]).
    pub fn text(&self) -> String {
        self.article.to_text()
    }

    /// Whether the text output differs from the input bytes.
    pub fn changes(&self, input: &[u8]) -> bool {
        !self.article.text_is(input)
    }

    /// Removals per rule, in rule order.
    pub fn removed_by_rule(&self) -> BTreeMap<&'static str, usize> {
        let mut m = BTreeMap::new();
        for r in &self.removed {
            *m.entry(r.rule).or_default() += 1;
        }
        m
    }

    /// Makes sure every stage of `names` has an entry in the per-stage counts.
    pub fn with_stages(mut self, names: &[&'static str]) -> Self {
        for name in names {
            self.stats.by_stage.entry(name).or_default();
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Rule;
    use crate::{Config, Pipeline};

    /// The 0-based indices of the lines [`apply`]'s article lists as its blocks.
    fn lines_of_blocks(doc: &Document) -> Vec<usize> {
        apply(doc).article.blocks().map(|(_, _, l)| l - 1).collect()
    }

    #[test]
    fn block_lines_are_the_articles_blocks_with_the_title_first() {
        let page =
            "A first paragraph, kept.\n\nLater Title\n\nHeading\n\n\nRemoved\nSecond Title\nLast.";
        let mut doc = Document::from_bytes("t", page.as_bytes());
        let rule = Rule::new("test", "test/rule");
        doc.mark(2, Role::Title, rule, "title");
        doc.mark(4, Role::Heading, rule, "heading");
        doc.remove(7, rule, "gone");
        doc.mark(8, Role::Title, rule, "a second title is a heading");
        assert_eq!(block_lines(&doc), vec![2, 0, 4, 8, 9]);
        assert_eq!(block_lines(&doc), lines_of_blocks(&doc));
    }

    #[test]
    fn block_lines_match_apply_on_the_fixture_pages() {
        let pipeline = Pipeline::new(&Config::default()).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut pages = 0;
        for dir in ["dump", "corpus"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let mut doc = Document::from_bytes("t", &std::fs::read(&path).unwrap());
                pipeline.run(&mut doc, None);
                assert_eq!(
                    block_lines(&doc),
                    lines_of_blocks(&doc),
                    "{}",
                    path.display()
                );
                pages += 1;
            }
        }
        assert!(pages >= 10);
    }
}
