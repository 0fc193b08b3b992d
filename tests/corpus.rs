//! Regression tests on real pages of the scraped-page corpus (copied into `fixtures/corpus/`,
//! their gold into `fixtures/corpus-gold/`; sources in `fixtures/README.md`): each page
//! exercises rules of the quality work, and its output is pinned by a snapshot.
mod common;
use rinse::Cleaned;
use std::collections::HashMap;
use std::sync::OnceLock;

fn cleaned() -> &'static HashMap<String, Cleaned> {
    static C: OnceLock<HashMap<String, Cleaned>> = OnceLock::new();
    C.get_or_init(|| {
        common::clean_dir(&common::fixtures().join("corpus"))
            .into_iter()
            .map(|c| (c.source.trim_end_matches(".txt").to_string(), c))
            .collect()
    })
}

fn page(name: &str) -> &'static Cleaned {
    &cleaned()[name]
}

fn rules_of(c: &Cleaned) -> Vec<&'static str> {
    c.removed.iter().map(|r| r.rule).collect()
}

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `(kept "with" snippets, surviving "without" snippets)` of a multi page.
fn snippets(name: &str) -> (usize, usize, usize) {
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            common::fixtures()
                .join("corpus-gold")
                .join(format!("{name}.json")),
        )
        .unwrap(),
    )
    .unwrap();
    let out = ws(&page(name).article.to_text());
    let count = |key: &str| {
        gold[key]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| out.contains(&ws(s.as_str().unwrap())))
            .count()
    };
    (
        count("with"),
        gold["with"].as_array().unwrap().len(),
        count("without"),
    )
}

/// Share of the gold's words (as 4-word shingles) in the output, and of the output's in the gold.
fn recall_precision(name: &str) -> (f64, f64) {
    let gold = std::fs::read_to_string(
        common::fixtures()
            .join("corpus-gold")
            .join(format!("{name}.txt")),
    )
    .unwrap();
    let text = page(name).article.to_text();
    let body = text.split_once('\n').map_or("", |(_, b)| b); // the gold has no title
    let shingles = |s: &str| {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let mut m: HashMap<Vec<String>, usize> = HashMap::new();
        for w in words.windows(4) {
            *m.entry(w.to_vec()).or_default() += 1;
        }
        m
    };
    let (g, p) = (shingles(&gold), shingles(body));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(p.get(k).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<Vec<String>, usize>| m.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(&g), common as f64 / total(&p))
}

#[test]
fn corpus_snapshots() {
    let mut names: Vec<&String> = cleaned().keys().collect();
    names.sort();
    assert_eq!(names.len(), 7);
    for name in names {
        insta::assert_snapshot!(format!("corpus-{name}.txt"), page(name).article.to_text());
    }
}

#[test]
fn comment_thread_after_a_blog_post_goes() {
    let c = page("aeb-givewell-open-thread");
    assert_eq!(
        c.article.title.as_deref(),
        Some("September 2018 open thread")
    );
    let n = rules_of(c)
        .iter()
        .filter(|r| **r == "boilerplate/comment-thread")
        .count();
    assert!(n > 200, "{n} comment lines removed");
    let (recall, precision) = recall_precision("aeb-givewell-open-thread");
    assert!(
        recall > 0.99 && precision > 0.85,
        "R {recall} P {precision}"
    );
}

/// Three bare "Report" links (under tweets embedded in the article) are comment headers to
/// the pattern, but name no commenter: the article after the first is not a comment thread.
#[test]
fn report_links_under_embedded_posts_start_no_comment_thread() {
    let c = page("aeb-bbc-newsbeat-swift");
    assert!(!rules_of(c).contains(&"boilerplate/comment-thread"));
    let (recall, precision) = recall_precision("aeb-bbc-newsbeat-swift");
    assert!(
        recall > 0.95 && precision > 0.85,
        "R {recall} P {precision}"
    );
}

#[test]
fn teaser_blurbs_above_the_headline_go() {
    let c = page("aeb-cbs-detroit-eee");
    assert_eq!(
        c.article.title.as_deref(),
        Some("Michigan Officials: 6th Fatality Linked To Eastern Equine Encephalitis Reported")
    );
    // headline + summary cards of other stories sit above the headline, as prose
    let above = rules_of(c)
        .iter()
        .filter(|r| **r == "boilerplate/above-headline")
        .count();
    assert!(above > 50);
    assert!(rules_of(c).contains(&"boilerplate/tags"));
    let (recall, precision) = recall_precision("aeb-cbs-detroit-eee");
    assert!(
        recall > 0.85 && precision > 0.99,
        "R {recall} P {precision}"
    );
}

#[test]
fn german_pages_keep_their_article_and_lose_their_menus() {
    for name in ["multi-mz-dessau-f13", "multi-spektrum-coronavirus"] {
        assert_eq!(page(name).language.as_deref(), Some("de"), "{name}");
        let (kept, of, left) = snippets(name);
        assert_eq!((kept, left), (of, 0), "{name}");
    }
    let spektrum = rules_of(page("multi-spektrum-coronavirus"));
    assert!(spektrum.contains(&"boilerplate/inline-teaser"));
    assert!(spektrum.contains(&"boilerplate/navigation"));
}

#[test]
fn related_article_cards_each_printed_twice_go() {
    let c = page("multi-twincities-mayor");
    let cards = rules_of(c)
        .iter()
        .filter(|r| **r == "headings/related-cards")
        .count();
    assert!(cards >= 10, "{cards}");
    let (kept, of, left) = snippets("multi-twincities-mayor");
    assert_eq!((kept, left), (of, 0));
}

#[test]
fn bylines_of_a_news_site_and_its_comment_section_go() {
    let c = page("multi-timesofisrael-washington");
    let rules = rules_of(c);
    assert!(rules.contains(&"boilerplate/byline"));
    assert!(rules.contains(&"boilerplate/comment-thread"));
    let (kept, _, left) = snippets("multi-timesofisrael-washington");
    assert_eq!(left, 0);
    // The article's last quote, after two embedded tweets, was judged boilerplate by the
    // models before the current one (a known miss then); at least the others are kept.
    assert!(kept >= 2);
}

/// The metadata keeps the first byline's author and the first dateline's date; the bylines and
/// datelines removed after them say which line gave the value, and only the line that gave it
/// says "moved to metadata" (a live blog's bylines, a blog's comment timestamps).
#[test]
fn later_bylines_and_datelines_name_the_line_the_metadata_came_from() {
    fn reason(c: &Cleaned, line: usize) -> Option<(&str, &str)> {
        c.removed
            .iter()
            .find(|r| r.line == line)
            .map(|r| (r.rule, r.reason.as_str()))
    }
    let blog = page("aeb-givewell-open-thread");
    assert_eq!(
        blog.article.metadata.published.as_deref(),
        Some("2018-09-10")
    );
    assert_eq!(
        reason(blog, 121),
        Some((
            "boilerplate/dateline",
            "dateline: moved to metadata.published"
        ))
    );
    // A comment's timestamp, further down.
    assert!(blog.removed.iter().any(|r| r.line == 141));
    assert_eq!(
        reason(blog, 141),
        Some((
            "boilerplate/dateline",
            "dateline: the article's date was taken from line 121"
        ))
    );
    let live = page("multi-timesofisrael-washington");
    assert_eq!(live.article.metadata.author.as_deref(), Some("TOI staff"));
    // A live blog's entries give times of day ("4:53 pm") and "33 minutes ago": no date.
    assert_eq!(live.article.metadata.published, None);
    assert!(reason(live, 229).is_some_and(|(_, r)| r.contains("gives the article no date")));
    assert_eq!(
        reason(live, 225),
        Some(("boilerplate/byline", "byline: moved to metadata.author"))
    );
    assert_eq!(
        reason(live, 253),
        Some((
            "boilerplate/byline",
            "byline: the author was taken from line 225"
        ))
    );
    let moved = |c: &Cleaned| {
        c.removed
            .iter()
            .filter(|r| r.reason.contains("moved to metadata"))
            .count()
    };
    assert_eq!(moved(blog), 1);
    assert!(moved(live) <= 2, "{}", moved(live));
}
