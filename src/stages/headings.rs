//! The duplicate-heading detector: the page title printed twice, headings repeated with only
//! blank lines between, and related-article cards (each title twice) after the article's end.
use crate::document::{Document, Role, Rule};
use crate::dump::line_hash;
use crate::pipeline::{Context, Stage};
use crate::text::{Shape, fold, may_have_site_name, title_cores};

pub const NAME: &str = "headings";
pub const DUPLICATE: Rule = Rule::new(NAME, "headings/duplicate");
pub const DUPLICATE_TITLE: Rule = Rule::new(NAME, "headings/duplicate-title");
pub const RELATED_CARDS: Rule = Rule::new(NAME, "headings/related-cards");
/// The title: the page's `<title>` found again as the headline (the strongest evidence).
pub const TITLE: Rule = Rule::new(NAME, "headings/title");
/// The title: a heading-like line printed twice before the body.
pub const TITLE_TWICE: Rule = Rule::new(NAME, "headings/title-twice");
/// The title: the first heading-like line, below nothing but named navigation.
pub const TITLE_FIRST: Rule = Rule::new(NAME, "headings/title-first-line");

/// Settings of the duplicate-heading detector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingsConfig {
    /// Remove pairs of duplicated headline-like lines after the last paragraph.
    pub related_cards: bool,
    /// Look for the page title (first line) repeated as a headline further down.
    pub title: bool,
}

impl Default for HeadingsConfig {
    fn default() -> Self {
        HeadingsConfig {
            related_cards: true,
            title: true,
        }
    }
}

impl HeadingsConfig {
    pub fn build(&self) -> Headings {
        Headings {
            config: self.clone(),
        }
    }
}

/// The running duplicate-heading stage.
#[derive(Debug, Clone)]
pub struct Headings {
    config: HeadingsConfig,
}

impl Stage for Headings {
    fn name(&self) -> &'static str {
        NAME
    }

    fn annotate(&self, doc: &mut Document, cx: &Context) {
        let (live, shapes) = super::live_shapes(doc, cx);
        if live.is_empty() {
            return;
        }
        let last_prose = shapes.iter().rposition(|s| s.prose_like(doc.langs()));
        let first_prose = shapes.iter().position(|s| s.prose_like(doc.langs()));

        if self.config.related_cards
            && let Some(last) = last_prose
        {
            related_cards(doc, &live[last + 1..], &shapes[last + 1..]);
        }
        if self.config.title {
            find_title(doc, &live, &shapes, first_prose, cx);
        }
        adjacent_duplicates(doc, &live, &shapes);
    }
}

/// After the last paragraph, each pair of the same headline-like line is a card of a related
/// article (image alt text + link text): both copies go.
fn related_cards(doc: &mut Document, tail: &[usize], shapes: &[Shape]) {
    let mut k = 0;
    while k + 1 < tail.len() {
        let (a, b) = (tail[k], tail[k + 1]);
        if shapes[k].heading_like()
            && shapes[k].words >= 3
            && only_blank_between(doc, a, b)
            && doc.info(a).fold_hash == doc.info(b).fold_hash
        {
            let reason = format!(
                "related-article card after the article's end: the same title on lines {} and {}",
                a + 1,
                b + 1
            );
            doc.remove(a, RELATED_CARDS, reason.clone());
            doc.remove(b, RELATED_CARDS, reason);
            k += 2;
        } else {
            k += 1;
        }
    }
}

/// The title: the first line (the page's `<title>`) found again as a headline further down, or
/// the first pair of identical heading-like lines before the body (the headline copy becomes the
/// title, the other copy goes), or else the first heading-like line before the body once the
/// lines above it are known navigation (phrase-list hits). A line the phrase lists name as
/// boilerplate is never the title.
fn find_title(
    doc: &mut Document,
    live: &[usize],
    shapes: &[Shape],
    first_prose: Option<usize>,
    cx: &Context,
) {
    doc.analyze(cx);
    let named: Vec<bool> = live.iter().map(|&i| doc.info(i).named()).collect();
    let hashes: Vec<u64> = live.iter().map(|&i| doc.info(i).fold_hash).collect();
    let titleable = |doc: &Document, k: usize| {
        !doc.is_removed(live[k]) && shapes[k].heading_like() && !named[k]
    };
    let first = live[0];
    // 1. The first line repeated further down (the headline), possibly without a site name.
    if titleable(doc, 0) {
        let head_text = doc.text(first).to_string();
        let cores: Vec<u64> = std::iter::once(head_text.as_str())
            .chain(title_cores(&head_text))
            .filter(|c| fold(c).split(' ').count() >= 2)
            .map(line_hash)
            .collect();
        for k in 1..live.len() {
            let i = live[k];
            if titleable(doc, k) && cores.contains(&hashes[k]) {
                doc.mark(
                    i,
                    Role::Title,
                    TITLE,
                    "the page title repeated as the headline",
                );
                doc.remove(
                    first,
                    DUPLICATE_TITLE,
                    format!(
                        "page title; the article's headline on line {} says the same",
                        doc.line_number(i)
                    ),
                );
                remove_title_repeats(doc, live, shapes, i);
                return;
            }
        }
    }
    // 2. The first pair of identical heading-like lines before the body.
    let before = first_prose.unwrap_or(live.len());
    for k in 0..before.saturating_sub(1) {
        let (a, b) = (live[k], live[k + 1]);
        if titleable(doc, k)
            && titleable(doc, k + 1)
            && shapes[k].words >= 2
            && only_blank_between(doc, a, b)
            && same_heading_of(doc, a, b)
        {
            let (keep, drop) = cleaner_of(doc, a, b);
            doc.mark(
                keep,
                Role::Title,
                TITLE_TWICE,
                "the page title, printed twice",
            );
            doc.remove(
                drop,
                DUPLICATE_TITLE,
                format!(
                    "page title printed twice; kept on line {}",
                    doc.line_number(keep)
                ),
            );
            remove_title_repeats(doc, live, shapes, keep);
            return;
        }
    }
    // 3. The first heading-like line, below nothing but named navigation.
    for k in 0..before {
        if titleable(doc, k) {
            doc.mark(
                live[k],
                Role::Title,
                TITLE_FIRST,
                "first heading-like line of the page: its title",
            );
            remove_title_repeats(doc, live, shapes, live[k]);
            return;
        }
        if !(named[k] && shapes[k].heading_like()) {
            return;
        }
    }
}

/// Any later heading-like line that repeats the title (a breadcrumb's last item, a share line).
fn remove_title_repeats(doc: &mut Document, live: &[usize], shapes: &[Shape], title: usize) {
    let t = doc.info(title).fold_hash;
    for (k, &i) in live.iter().enumerate() {
        if i != title
            && !doc.is_removed(i)
            && shapes[k].heading_like()
            && doc.info(i).fold_hash == t
        {
            doc.remove(
                i,
                DUPLICATE_TITLE,
                format!(
                    "repeats the article title (line {})",
                    doc.line_number(title)
                ),
            );
        }
    }
}

/// A heading-like line repeated with only blank lines between keeps one copy.
fn adjacent_duplicates(doc: &mut Document, live: &[usize], shapes: &[Shape]) {
    // Each line is compared with the copy kept before it, so a run of copies keeps one. Every
    // line between the two is blank or removed (`live` holds the lines that were live, and
    // those after `prev` were removed), so that need not be checked: checking it line by line
    // made a page of one line repeated n times take n² steps.
    let mut prev: Option<usize> = None; // index into `live` of the last kept line
    for k in 0..live.len() {
        if doc.is_removed(live[k]) {
            continue;
        }
        if let Some(p) = prev {
            let (a, b) = (live[p], live[k]);
            if shapes[p].heading_like() && shapes[k].heading_like() && same_heading_of(doc, a, b) {
                let (keep, drop) = cleaner_of(doc, a, b);
                if doc.role(drop) != Some(Role::Title) {
                    doc.remove(
                        drop,
                        DUPLICATE,
                        format!("repeats the heading on line {}", doc.line_number(keep)),
                    );
                    if drop == a {
                        prev = Some(k);
                    }
                    continue;
                }
            }
        }
        prev = Some(k);
    }
}

/// Of two copies of a heading, the one without a site name is kept (else the first).
fn cleaner_of(doc: &Document, a: usize, b: usize) -> (usize, usize) {
    let (fa, fb) = (fold(doc.text(a)), fold(doc.text(b)));
    if fa.len() > fb.len() { (b, a) } else { (a, b) }
}

/// Only blank lines (or lines already removed) between `a` and `b`.
fn only_blank_between(doc: &Document, a: usize, b: usize) -> bool {
    (a + 1..b).all(|i| !doc.is_live(i))
}

/// [`same_heading`](crate::text::same_heading) by the folded-text hashes the lines were
/// measured with: equal hashes, or a line whose site-name cut hashes like the other line (only
/// where a separator makes a cut possible).
fn same_heading_of(doc: &Document, a: usize, b: usize) -> bool {
    let (ia, ib) = (doc.info(a), doc.info(b));
    if ia.fold_hash == ib.fold_hash {
        return ia.shape.words > 0 || ib.shape.words > 0;
    }
    // A line without words folds to nothing, which is no heading.
    if ia.shape.words == 0 || ib.shape.words == 0 {
        return false;
    }
    let cut_is = |text: &str, other: u64| {
        may_have_site_name(text) && title_cores(text).iter().any(|c| line_hash(c) == other)
    };
    cut_is(doc.text(a), ib.fold_hash) || cut_is(doc.text(b), ia.fold_hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::same_heading;

    proptest::proptest! {
        /// Comparing two lines by the hashes they were measured with says what comparing
        /// their folded texts says.
        #[test]
        fn same_heading_of_agrees_with_same_heading(
            a in crate::text::tests::mostly(&["Title ", "News ", " | ", " - ", ": ", "Site", "9"]),
            b in crate::text::tests::mostly(&["Title ", "News ", " | ", " - ", ": ", "Site", "9"]),
        ) {
            static PIPELINE: std::sync::OnceLock<crate::Pipeline> = std::sync::OnceLock::new();
            let pipeline =
                PIPELINE.get_or_init(|| crate::Pipeline::new(&crate::Config::default()).unwrap());
            let cx = pipeline.context(None);
            let text = format!("{}\n{}", a.replace('\n', " "), b.replace('\n', " "));
            let mut doc = Document::from_bytes("t", text.as_bytes());
            proptest::prop_assume!(doc.len() == 2);
            doc.analyze(&cx);
            // Blank lines are not measured (nor compared by the stage).
            proptest::prop_assume!(doc.cached_info(0).is_some() && doc.cached_info(1).is_some());
            let (a, b) = (doc.text(0).to_string(), doc.text(1).to_string());
            proptest::prop_assert_eq!(same_heading_of(&doc, 0, 1), same_heading(&a, &b));
        }
    }
}
