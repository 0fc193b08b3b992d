//! The article builder: which kept line is the title, a heading, a subheading or a paragraph.
//!
//! It only marks roles; [`crate::apply()`] assembles the article from them.
use crate::document::{Action, Document, Role, Rule};
use crate::dump::hash_folded;
use crate::pipeline::{Context, Stage};
use crate::text::{End, fold_into, is_markup_only, may_have_site_name, site_name_cuts};

pub const NAME: &str = "article";
pub const TITLE: Rule = Rule::new(NAME, "article/title");
pub const HEADING: Rule = Rule::new(NAME, "article/heading");
pub const SUBHEADING: Rule = Rule::new(NAME, "article/subheading");
pub const LIST_ITEM: Rule = Rule::new(NAME, "article/list-item");
pub const LIST_INTRO: Rule = Rule::new(NAME, "article/list-intro");
pub const TITLE_REPEAT: Rule = Rule::new(NAME, "article/title-repeat");
pub const REPEATED_LINE: Rule = Rule::new(NAME, "article/repeated-line");
pub const CLOSING: Rule = Rule::new(NAME, "article/closing-line");
pub const MARKUP: Rule = Rule::new(NAME, "article/markup");
pub const TABLE_OF_CONTENTS: Rule = Rule::new(NAME, "article/table-of-contents");
/// Not a removal: the page's `<title>` as the title, rewritten as the headline the page prints
/// without the site and section names ("Headline | UK News | Sky News" → "Headline").
pub const TITLE_SITE_NAME: Rule = Rule::new(NAME, "article/title-site-name");

/// Settings of the article builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleConfig {
    /// Remove kept lines that are only HTML tags (see [`is_markup_only`]), Markdown images
    /// (see [`super::markdown::is_media_only`]) or a rule (see [`super::markdown::is_rule`]).
    pub markup: bool,
    /// Cut the site and section names from a title that is the page's `<title>`, when the page
    /// prints the headline without them (rule [`TITLE_SITE_NAME`]).
    pub title_site_name: bool,
    /// Remove a table of contents: three or more short lines in a row, each the opening line
    /// (a heading, a question) of a section further down the page, and its label (rule
    /// [`TABLE_OF_CONTENTS`]).
    pub table_of_contents: bool,
    /// Clean the clean text again and remove what that removes, until nothing more goes: what
    /// makes the output a fixed point (cleaning it again changes nothing). Only what needs no
    /// clean text to give back (deduplication signs the articles, it writes none) may go
    /// without.
    pub settle: bool,
}

impl Default for ArticleConfig {
    fn default() -> Self {
        ArticleConfig {
            markup: true,
            title_site_name: true,
            table_of_contents: true,
            settle: true,
        }
    }
}

impl ArticleConfig {
    pub fn build(&self) -> Structure {
        Structure {
            config: self.clone(),
        }
    }
}

/// The running article-builder stage.
#[derive(Debug, Clone)]
pub struct Structure {
    config: ArticleConfig,
}

impl Structure {
    /// Whether the clean text is cleaned again until it settles ([`ArticleConfig::settle`]).
    pub fn settles(&self) -> bool {
        self.config.settle
    }
}

impl Stage for Structure {
    fn name(&self) -> &'static str {
        NAME
    }

    fn annotate(&self, doc: &mut Document, cx: &Context) {
        // A line of only tags or images is no text of the article, whatever the classifier made
        // of it.
        // (Removed here, after the classifier, so that what it reads of a page is what it was
        // trained on.)
        if self.config.markup {
            for i in doc.live() {
                if is_markup_only(doc.text(i)) {
                    doc.remove(i, MARKUP, "only HTML tags, no text (markup saved as text)");
                } else if super::markdown::is_media_only(doc.text(i)) {
                    doc.remove(
                        i,
                        MARKUP,
                        "only Markdown images or links without text (markup saved as text)",
                    );
                } else if super::markdown::is_rule(doc.text(i)) {
                    doc.remove(
                        i,
                        MARKUP,
                        "a horizontal rule or a heading's underline (---, ===, * * *), no text",
                    );
                }
            }
        }
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
        if let Some(t) = title
            && self.config.title_site_name
            && let Some((j, headline)) = title_without_site_name(doc, live[t])
        {
            doc.rewrite(
                live[t],
                headline,
                TITLE_SITE_NAME,
                format!(
                    "the page title without its site name, as the headline on line {} prints it",
                    doc.line_number(j)
                ),
            );
            // The headline, if kept, is now the title printed twice.
            doc.remove(
                j,
                TITLE_REPEAT,
                format!(
                    "repeats the article title (line {})",
                    doc.line_number(live[t])
                ),
            );
            doc.analyze(cx);
        }
        // A heading-like line that repeats the title further down is not a second heading.
        if let Some(t) = title {
            let folded = doc.info(live[t]).fold_hash;
            for k in t + 1..live.len() {
                if shapes[k].heading_like() && doc.info(live[k]).fold_hash == folded {
                    doc.remove(
                        live[k],
                        TITLE_REPEAT,
                        format!(
                            "repeats the article title (line {})",
                            doc.line_number(live[t])
                        ),
                    );
                }
            }
        }
        if self.config.table_of_contents {
            remove_table_of_contents(doc, cx);
        }
        // Lines that became neighbours when the lines between them were removed.
        super::remove_repeated_neighbours(doc, cx, REPEATED_LINE);
        let (live, shapes) = super::live_shapes(doc, cx);
        let title = live.iter().position(|&i| doc.role(i) == Some(Role::Title));
        // Runs of heading-like lines between paragraphs (the title is a boundary, and so is a
        // row of a table: it heads nothing, it is a row).
        let heading_like: Vec<bool> = (0..live.len())
            .map(|k| {
                Some(k) != title
                    && shapes[k].heading_like()
                    && doc.role_rule(live[k]) != Some(super::boilerplate::TABLE)
            })
            .collect();
        let mut k = 0;
        while k < live.len() {
            if !heading_like[k] {
                k += 1;
                continue;
            }
            let start = k;
            while k < live.len() && heading_like[k] {
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
                let intro = introduces(&shapes[start]);
                mark_run(doc, &live[start..k], intro);
            }
        }
    }
}

/// Removes a table of contents: a run of three or more short lines, each the text of a line
/// further down the page that opens a section (a heading or a question, running text after
/// it), the run ending before the first of them and naming them in their order; and its label,
/// a line of a few words just above it. The title is neither. Entries the line classifier
/// removed count toward the run (the others then go with them). (After the classifier, like
/// the other steps here, so that what it reads of a page is what it was trained on.)
fn remove_table_of_contents(doc: &mut Document, cx: &Context) {
    doc.analyze(cx);
    let live = doc.live();
    // Where the lines that open a section are (their indices, in page order), by their folded
    // text: a short line that is no sentence (a heading, or a question, as in an FAQ), running
    // text after it. Two sections may open with the same line ("Ingredients" in each recipe).
    let mut opens: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
    for k in 0..live.len().saturating_sub(1) {
        let info = doc.info(live[k]);
        let s = &info.shape;
        let sentence = matches!(s.end, End::Period | End::Comma);
        if s.words <= 16 && s.letters > 0 && !sentence && doc.info(live[k + 1]).prose {
            opens.entry(info.fold_hash).or_default().push(live[k]);
        }
    }
    if opens.len() < 2 || opens.values().map(Vec::len).sum::<usize>() < 3 {
        return;
    }
    // The first section after line `i` that opens with the line whose folded text is `hash`.
    let next_opening = |hash: u64, i: usize| -> Option<usize> {
        let at = opens.get(&hash)?;
        at.get(at.partition_point(|&h| h <= i)).copied()
    };
    let names_a_later_section = |i: usize, info: &crate::analysis::LineInfo| {
        info.shape.words <= 16 && next_opening(info.fold_hash, i).is_some()
    };
    // The entries may be live lines, or lines the line classifier removed: it may take some
    // entries of a table for debris and keep the others, too few to be told as a table alone.
    let judged: rustc_hash::FxHashSet<usize> = doc
        .annotations()
        .iter()
        .filter(|a| a.action == Action::Remove && a.rule == super::boilerplate::CLASSIFIER)
        .map(|a| a.line - 1)
        .collect();
    let lines: Vec<usize> = (0..doc.len())
        .filter(|&i| {
            doc.is_live(i)
                || (judged.contains(&i)
                    && doc
                        .cached_info(i)
                        .is_some_and(|info| names_a_later_section(i, info)))
        })
        .collect();
    let n = lines.len();
    let info = |k: usize| doc.cached_info(lines[k]).expect("measured");
    let title = |k: usize| doc.role(lines[k]) == Some(Role::Title);
    let entry = |k: usize| !title(k) && names_a_later_section(lines[k], info(k));
    let mut removals: Vec<(usize, String)> = Vec::new();
    let mut k = 0;
    while k < n {
        let start = k;
        while k < n && entry(k) {
            k += 1;
        }
        // The entries name sections after the whole run, in the run's order: each the first
        // section of its text after the one the entry before named. They name at least two
        // different texts (a line repeated on the page is no table, wherever its copies are).
        let mut headings = Vec::with_capacity(k - start);
        for j in start..k {
            let from = headings.last().copied().unwrap_or(lines[k - 1]);
            match next_opening(info(j).fold_hash, from) {
                Some(h) => headings.push(h),
                None => break,
            }
        }
        let texts = |j: usize| info(j).fold_hash;
        let varied = (start + 1..k).any(|j| texts(j) != texts(start));
        if k - start >= 3 && headings.len() == k - start && varied {
            // Its label ("Contents", "In this article:"): a line of a few words just above,
            // not running text.
            let label = start
                .checked_sub(1)
                .filter(|&l| !title(l) && !info(l).prose && info(l).shape.words <= 4);
            if let Some(l) = label {
                removals.push((
                    lines[l],
                    "the label of the table of contents below it".to_string(),
                ));
            }
            for (j, &h) in (start..k).zip(&headings) {
                let heading = doc.line_number(h);
                removals.push((
                    lines[j],
                    format!("table of contents: names the section whose heading is line {heading}"),
                ));
            }
        }
        k = k.max(start + 1);
    }
    for (i, reason) in removals {
        if doc.is_live(i) {
            doc.remove(i, TABLE_OF_CONTENTS, reason);
        }
    }
}

/// A run of one line is a heading; of two, a heading and its subheading; in a longer run the
/// first line is a heading and the others are the items of a list under it.
/// A sentence that ends with a colon ("The council listed three conditions:"): it introduces
/// what follows, it heads no section. Headings that end with one are short or in Title Case
/// ("Ingredients:", "What You Need to Know:").
fn introduces(shape: &crate::text::Shape) -> bool {
    shape.end == End::Colon && shape.words >= 7 && shape.title_case_ratio() < 0.6
}

/// Marks a run of heading-like lines: a heading (or, when `intro`, a sentence introducing the
/// lines after it), a subheading, or a list.
fn mark_run(doc: &mut Document, run: &[usize], intro: bool) {
    let Some(&first) = run.first() else { return };
    if intro {
        doc.mark(
            first,
            Role::Paragraph,
            LIST_INTRO,
            "a sentence that ends with a colon: it introduces what follows, it heads no section",
        );
        for &i in &run[1..] {
            doc.mark(
                i,
                Role::Paragraph,
                LIST_ITEM,
                "one of the short lines after a sentence that introduces them: a list",
            );
        }
        return;
    }
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

/// When the title line `i` is a page title with site or section names ("Headline | UK News |
/// Sky News", "Site - Headline") and another line of the page, kept or not, is one of its
/// versions without them ([`site_name_cuts`]): that line and its text, the headline as the page
/// prints it. The title line must be the page's first line (its `<title>`), the version must
/// keep at least half of the title's words (a site's name printed alone in its header is no
/// headline), and a line the phrase lists name ("About us") is not taken; the first such line
/// of the page is. (The classifier may have removed that line as one more heading above the
/// text; the title is still the page title, and only its text changes.)
fn title_without_site_name(doc: &Document, i: usize) -> Option<(usize, String)> {
    // The page's `<title>` is its first line; a headline found further down is no page title.
    let first = (0..doc.len()).find(|&j| !doc.is_blank(j));
    let title = doc.text(i);
    if first != Some(i) || !may_have_site_name(title) {
        return None;
    }
    // Each version's words and hash, from one fold into one buffer.
    let mut folded = String::new();
    let mut measure = |s: &str| {
        fold_into(s, &mut folded);
        let words = if folded.is_empty() {
            0
        } else {
            1 + memchr::memchr_iter(b' ', folded.as_bytes()).count()
        };
        (words, hash_folded(&folded))
    };
    let all = measure(title).0;
    let cuts: Vec<u64> = site_name_cuts(title)
        .into_iter()
        .skip(1)
        .map(&mut measure)
        .filter(|&(n, _)| n >= 2 && 2 * n >= all)
        .map(|(_, hash)| hash)
        .collect();
    if cuts.is_empty() {
        return None;
    }
    (0..doc.len())
        .filter(|&j| j != i)
        .find(|&j| {
            doc.cached_info(j)
                .is_some_and(|info| !info.named() && cuts.contains(&info.fold_hash))
        })
        .map(|j| (j, doc.text(j).to_string()))
}

#[cfg(test)]
mod tests {
    use crate::{Cleaned, Config, Pipeline};

    /// Two paragraphs of running text, for pages to end with.
    const STORY: &str = "The harbour of the town reopened on Monday after three weeks of repairs \
        to the sea wall, which the storm had broken in two places.\n\n\
        Fishing boats were the first to return, and the ferry will follow at the end of the \
        week once its landing stage has been checked.\n";

    /// `head` and then [`STORY`], cleaned with the default settings.
    fn clean(head: &str) -> Cleaned {
        let page = format!("{head}{STORY}");
        Pipeline::new(&Config::default())
            .unwrap()
            .clean_bytes("t", page.as_bytes(), None)
    }

    /// A page with a table of contents: the intro, `label` (if any), the `entries`, then
    /// a section for each of `sections` (a heading and one paragraph).
    fn toc_page(label: &str, entries: &[&str], sections: &[&str]) -> String {
        let mut page = String::from(
            "Harbour reopens after storm repairs\n\nThe harbour of the town reopened on Monday \
             after three weeks of repairs to the sea wall, which the storm had broken in two \
             places in the night of the first of March.\n\n",
        );
        if !label.is_empty() {
            page.push_str(&format!("{label}\n\n"));
        }
        for e in entries {
            page.push_str(&format!("{e}\n\n"));
        }
        for h in sections {
            page.push_str(&format!(
                "{h}\n\nThe council said that the work on this part would be shared with the \
                 region, and that no rise in harbour fees was planned for this year.\n\n"
            ));
        }
        page
    }

    fn toc_removals(page: &str, config: &Config) -> Vec<(usize, String)> {
        Pipeline::new(config)
            .unwrap()
            .clean_bytes("t", page.as_bytes(), None)
            .removed
            .into_iter()
            .filter(|r| r.rule == "article/table-of-contents")
            .map(|r| (r.line, r.reason))
            .collect()
    }

    /// The sections of the pages of the table-of-contents tests: headings, or questions as in
    /// an FAQ.
    const SECTIONS: [&str; 3] = [
        "What happened to the sea wall",
        "Will the ferry be back before the summer season starts?",
        "Who pays for the repairs",
    ];

    /// Entries of a table of contents that the line classifier removed still count, so the
    /// entries it kept go with them; lines removed by another rule do not count, and a run of
    /// one line repeated (each naming the same heading) is no table.
    #[test]
    fn a_table_of_contents_counts_the_entries_the_classifier_removed() {
        use super::{Document, TABLE_OF_CONTENTS, remove_table_of_contents};
        use crate::stages::boilerplate::{CLASSIFIER, NAVIGATION};
        let sections = SECTIONS;
        // Lines 5, 7 and 9 are the entries.
        let page = toc_page("", &sections, &sections);
        let pipeline = Pipeline::new(&Config::default()).unwrap();
        let cx = pipeline.context(None);
        let toc = |page: &str, rule| {
            let mut doc = Document::from_bytes("t", page.as_bytes());
            doc.analyze(&cx);
            doc.remove(4, rule, "");
            doc.remove(6, rule, "");
            remove_table_of_contents(&mut doc, &cx);
            doc.annotations()
                .iter()
                .filter(|a| a.rule == TABLE_OF_CONTENTS)
                .map(|a| a.line)
                .collect::<Vec<usize>>()
        };
        assert_eq!(toc(&page, CLASSIFIER), [9]);
        assert!(toc(&page, NAVIGATION).is_empty());
        // One line three times, then again as a heading: no table of contents.
        let line = "Strict Standards: Non-static method should not be called";
        let repeated = toc_page("", &[line, line, line], &[line, sections[0], sections[1]]);
        let mut doc = Document::from_bytes("t", repeated.as_bytes());
        doc.analyze(&cx);
        remove_table_of_contents(&mut doc, &cx);
        assert!(doc.annotations().is_empty());
        // Nor when each copy has running text after it.
        let repeated = toc_page("", &[line, line, line], &[sections[0], line, line, line]);
        let mut doc = Document::from_bytes("t", repeated.as_bytes());
        doc.analyze(&cx);
        remove_table_of_contents(&mut doc, &cx);
        assert!(doc.annotations().is_empty());
    }

    /// Sections that open with the same line (two recipes, each with its "Ingredients") are
    /// named in order: each entry names the first such section after the one named before it.
    #[test]
    fn a_table_of_contents_may_name_two_sections_of_the_same_text() {
        use super::{Document, TABLE_OF_CONTENTS, remove_table_of_contents};
        let recipes = [
            "Lemon cake",
            "Ingredients",
            "Method",
            "Apple pie",
            "Ingredients",
            "Method",
        ];
        let page = toc_page("", &recipes, &recipes);
        let pipeline = Pipeline::new(&Config::default()).unwrap();
        let cx = pipeline.context(None);
        let mut doc = Document::from_bytes("t", page.as_bytes());
        doc.analyze(&cx);
        remove_table_of_contents(&mut doc, &cx);
        let toc: Vec<(usize, &str)> = doc
            .annotations()
            .iter()
            .filter(|a| a.rule == TABLE_OF_CONTENTS)
            .map(|a| (a.line, a.reason.rsplit(' ').next().unwrap()))
            .collect();
        // Entries on lines 5 to 15, the sections' headings on lines 17 to 37.
        assert_eq!(
            toc,
            [
                (5, "17"),
                (7, "21"),
                (9, "25"),
                (11, "29"),
                (13, "33"),
                (15, "37")
            ]
        );
    }

    /// A table of contents (entries that are the headings of sections further down) goes with
    /// its label; the headings stay. Two entries, entries whose headings open no section, or
    /// the switch off: nothing goes.
    #[test]
    fn a_table_of_contents_is_removed_with_its_label() {
        let sections = SECTIONS;
        let page = toc_page("In this article:", &sections, &sections);
        let removed = toc_removals(&page, &Config::default());
        let lines: Vec<usize> = removed.iter().map(|r| r.0).collect();
        assert_eq!(lines, [5, 7, 9, 11]);
        assert_eq!(
            removed[1].1,
            "table of contents: names the section whose heading is line 13"
        );
        let cleaned =
            Pipeline::new(&Config::default())
                .unwrap()
                .clean_bytes("t", page.as_bytes(), None);
        let text = cleaned.article.to_text();
        for h in sections {
            assert_eq!(text.matches(h).count(), 1, "{h}");
        }
        // Two entries are no table.
        assert!(
            toc_removals(&toc_page("", &sections[..2], &sections), &Config::default()).is_empty()
        );
        // Entries that come after their headings are no table of contents either.
        let after = format!("{}{}", toc_page("", &[], &sections), sections.join("\n\n"));
        assert!(toc_removals(&after, &Config::default()).is_empty());
        // A short title right above the entries is the title, not their label.
        let faq = format!(
            "Storm repairs FAQ\n\n{}",
            toc_page("", &sections, &sections)
                .split_once("\n\n")
                .unwrap()
                .1
                .split_once("\n\n")
                .unwrap()
                .1
        );
        let cleaned =
            Pipeline::new(&Config::default())
                .unwrap()
                .clean_bytes("t", faq.as_bytes(), None);
        assert_eq!(
            cleaned.article.title.as_deref(),
            Some("Storm repairs FAQ"),
            "{faq}"
        );
        // The three entries go (the line classifier may take some of them itself, and those
        // still count toward the table), at least one of them by this rule; every question
        // stays once, as a heading.
        let entries: Vec<usize> = cleaned
            .removed
            .iter()
            .filter(|r| r.rule == "article/table-of-contents" || r.rule == "boilerplate/classifier")
            .map(|r| r.line)
            .filter(|l| [3, 5, 7].contains(l))
            .collect();
        assert_eq!(entries, [3, 5, 7], "{:?}", cleaned.removed);
        assert!(!toc_removals(&faq, &Config::default()).is_empty());
        let text = cleaned.article.to_text();
        for h in SECTIONS {
            assert_eq!(text.matches(h).count(), 1, "{h}");
        }
        let mut config = Config::default();
        config.article.table_of_contents = false;
        assert!(toc_removals(&page, &config).is_empty());
    }

    /// Lines of only tags go, escaped (decoded by the normalizer) or plain, with a stray `&`
    /// or not; the text stays. With the switch off the plain ones stay, as text with their
    /// tags.
    #[test]
    fn lines_of_only_tags_are_removed() {
        let escaped =
            "&amp;lt;span class=\"mce_SELRES_start\"&amp;gt;&amp;amp;#65279;&amp;lt;/span&amp;gt;";
        let page = format!(
            "Harbour reopens after storm repairs\n\n{escaped}\n\n\
             The harbour of the town reopened on Monday after three weeks of repairs to the sea \
             wall, which the storm had broken in two places.\n\n<div class=\"ad\"></div>\n\n\
             Fishing boats were the first to return, and the ferry will follow at the end of \
             the week once its landing stage has been checked.\n\n& <hr />\n\n\
             The council said that the cost of the work would be shared with the region and \
             that no rise in harbour fees was planned for this year.\n"
        );
        // Without the line classifier, which may remove such a line itself (as boilerplate):
        // this is about the rule.
        let mut config = Config::default();
        config.boilerplate.classifier = false;
        let cleaned = Pipeline::new(&config)
            .unwrap()
            .clean_bytes("t", page.as_bytes(), None);
        let markup: Vec<usize> = cleaned
            .removed
            .iter()
            .filter(|r| r.rule == "article/markup")
            .map(|r| r.line)
            .collect();
        assert_eq!(markup, [7, 11]);
        // The escaped one reads as a menu line to the rules before this stage.
        assert!(cleaned.removed.iter().any(|r| r.line == 3));
        assert_eq!(cleaned.article.paragraph_count(), 3);
        config.article.markup = false;
        let cleaned = Pipeline::new(&config)
            .unwrap()
            .clean_bytes("t", page.as_bytes(), None);
        assert!(!cleaned.removed.iter().any(|r| r.rule == "article/markup"));
        let text = cleaned.article.to_text();
        assert!(text.contains("<div class=\"ad\"></div>"), "{text}");
    }

    /// The page title with a section and a site name, printed again further down without
    /// them: the title loses them, and says why; the site's name alone in the header, a
    /// shorter version, is not taken.
    #[test]
    fn a_title_loses_its_site_name_when_the_page_prints_the_headline() {
        let head = "Storm closes harbour for three weeks | UK News | Coastal Times\n\n\
             Coastal Times\n\nHome\n\nWorld\n\nSport\n\n\
             Storm closes harbour for three weeks\n\n";
        let cleaned = clean(head);
        assert_eq!(
            cleaned.article.title.as_deref(),
            Some("Storm closes harbour for three weeks")
        );
        let text = cleaned.article.to_text();
        assert_eq!(text.matches("Storm closes harbour").count(), 1, "{text}");
        assert!(!text.contains("Coastal Times"), "{text}");
        let mut config = Config::default();
        config.article.title_site_name = false;
        let page = format!("{head}{STORY}");
        let cleaned = Pipeline::new(&config)
            .unwrap()
            .clean_bytes("t", page.as_bytes(), None);
        assert!(!cut(&cleaned));
    }

    /// Whether the title was cut.
    fn cut(cleaned: &Cleaned) -> bool {
        cleaned
            .rewritten
            .iter()
            .any(|r| r.rule == "article/title-site-name")
    }

    /// Versions that keep less than half of the title, or that the phrase lists name, are not
    /// the headline.
    #[test]
    fn a_site_name_or_a_menu_entry_is_not_taken_for_the_headline() {
        for (title, other) in [
            (
                "Coastal Times Online | Blog | Storm closes harbour",
                "Coastal Times Online",
            ),
            ("About us | CoastalTimes", "Home\n\nAbout us\n\nContact"),
        ] {
            assert!(!cut(&clean(&format!("{title}\n\n{other}\n\n"))), "{title}");
        }
    }

    /// A headline found again by the duplicate-heading detector is the title as the page prints
    /// it, not a page title to cut: its " - Sea wall repairs" is part of it.
    #[test]
    fn a_headline_printed_in_the_page_is_not_cut() {
        let cleaned = clean(
            "Storm closes the harbour for three long weeks - Sea wall repairs | Coastal Times\n\n\
             Storm closes the harbour for three long weeks\n\n\
             Storm closes the harbour for three long weeks - Sea wall repairs\n\n",
        );
        assert_eq!(
            cleaned.article.title.as_deref(),
            Some("Storm closes the harbour for three long weeks - Sea wall repairs")
        );
        assert!(cleaned.rewritten.is_empty());
    }

    /// When the classifier kept the headline (a question reads like text), the cut title and
    /// the headline would say the same: the headline goes as a repeat of the title.
    #[test]
    fn a_kept_headline_is_not_printed_twice() {
        let cleaned = clean(
            "Why did the storm close the harbour for three weeks? | UK News | Coastal Times\n\n\
             Home\n\nWorld\n\n\
             Why did the storm close the harbour for three weeks?\n\n",
        );
        let text = cleaned.article.to_text();
        assert_eq!(text.matches("Why did the storm").count(), 1, "{text}");
        let repeat = cleaned.removed.iter().find(|r| r.line == 7);
        assert_eq!(repeat.expect("removed").rule, "article/title-repeat");
    }

    #[test]
    fn a_sentence_that_ends_with_a_colon_introduces_a_list_and_heads_nothing() {
        let page = |intro: &str| {
            format!(
                "Harbour wall to be rebuilt in granite\n\n{STORY}\n{intro}\n\n\
                 the quay stays open\n\nthe ferry keeps its berth\n\n\
                 Work is due to start in April, and the council expects it to take about eighteen \
                 months, weather permitting, with the busiest weeks of summer left free.\n"
            )
        };
        let sections = |intro: &str| {
            Pipeline::new(&Config::default())
                .unwrap()
                .clean_bytes("t", page(intro).as_bytes(), None)
                .article
                .sections
        };
        let s = sections("The council listed the conditions it attached to the decision:");
        assert_eq!(s.len(), 1, "{s:#?}");
        assert!(
            s[0].paragraphs
                .iter()
                .any(|p| p.ends_with("to the decision:"))
        );
        // A heading may end with a colon: short, or in Title Case.
        for heading in ["Conditions:", "What the Council Decided Last Night:"] {
            let s = sections(heading);
            assert_eq!(s.len(), 2, "{s:#?}");
            assert_eq!(s[1].heading.as_deref(), Some(heading));
        }
    }

    /// A table's rows are paragraphs, never headings, and the text outputs keep them together:
    /// one row per line with no blank line between (in Markdown, unescaped), so that the
    /// output is still a table, and cleaning it again changes nothing.
    #[test]
    fn a_table_stays_a_table_in_the_outputs() {
        let p = Pipeline::new(&Config::default()).unwrap();
        let c = p.clean_bytes("t", PAGE_WITH_TABLE.as_bytes(), None);
        let rows = [
            "| Boat length | Fee now | Fee from April |",
            "| --- | --- | --- |",
            "| Up to 6 metres | £410 | £460 |",
            "| 6 to 10 metres | £640 | £720 |",
            "| Over 10 metres | £980 | £1,100 |",
        ];
        assert!(
            c.article
                .sections
                .iter()
                .all(|s| [&s.heading, &s.subheading]
                    .iter()
                    .all(|h| h.as_deref().is_none_or(|h| !h.starts_with('|')))),
            "{:#?}",
            c.article.sections
        );
        let table = format!("\n\n{}\n\n", rows.join("\n"));
        let text = c.article.to_text();
        assert!(text.contains(&table), "{text}");
        assert!(c.article.text_is(text.as_bytes()));
        assert!(c.article.to_markdown().contains(&table));
        let again = p.clean_bytes("t", text.as_bytes(), None);
        assert_eq!(again.article.to_text(), text);
    }

    /// Settling removes what cleaning the clean text again removes, and says so; without it
    /// (as `rinse dedup` runs) those lines stay.
    #[test]
    fn settling_can_be_switched_off() {
        // A page (see fixtures/README.md) whose second cleaning removes its first line, the
        // title with the site's name after "_", once the headline is the clean text's first line.
        let page = include_str!("../../fixtures/pages/zh-library-hours.txt");
        let settled =
            Pipeline::new(&Config::default())
                .unwrap()
                .clean_bytes("t", page.as_bytes(), None);
        let again = |c: &Cleaned| {
            c.removed
                .iter()
                .filter(|r| {
                    r.reason
                        .contains("found when the clean text was cleaned again")
                })
                .map(|r| r.line)
                .collect::<Vec<usize>>()
        };
        let lines = again(&settled);
        assert!(!lines.is_empty());
        let mut config = Config::default();
        config.article.settle = false;
        let unsettled = Pipeline::new(&config)
            .unwrap()
            .clean_bytes("t", page.as_bytes(), None);
        assert!(again(&unsettled).is_empty());
        assert!(
            lines
                .iter()
                .all(|&l| !unsettled.removed.iter().any(|r| r.line == l)),
            "{lines:?}"
        );
    }

    /// A Markdown page with a table, whose settling removes a heading after it.
    const PAGE_WITH_TABLE: &str = "Harbour fees rise in April | Millbrook Gazette\n\
\n\
*   [News](https://millbrookgazette.example/news/)\n\
*   [Local](https://millbrookgazette.example/local/)\n\
\n\
# Harbour fees rise in April\n\
\n\
The council has published the new [mooring fees](https://millbrookgazette.example/fees/), which take effect on the first of April after a vote last month.\n\
\n\
| Boat length | Fee now | Fee from April |\n\
| --- | --- | --- |\n\
| Up to 6 metres | £410 | £460 |\n\
| 6 to 10 metres | £640 | £720 |\n\
| Over 10 metres | £980 | £1,100 |\n\
\n\
The harbour master said the rise would pay for the repairs to the north pier, which are due to start in May.\n\
\n\
## What the fishermen say\n\
\n\
The fishermen's association called the rise unfair to small boats, which pay more per metre than the yachts.\n\
\n\
© 2024 Millbrook Gazette. [Privacy](https://millbrookgazette.example/privacy/)\n\
";
}
