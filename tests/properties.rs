//! Property tests of the pipeline's invariants:
//! no panic on any bytes; every non-blank input line is either kept (in the article, at its
//! source line) or listed in `removed` with a reason; cleaning the text output again changes
//! nothing.
mod common;
use proptest::prelude::*;
use rinse::{Cleaned, Config, Pipeline};
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).unwrap())
}

/// Lines of the kinds a scraper saves, mixed into pages by the strategy below.
const LINES: &[&str] = &[
    "Home",
    "News",
    "Sport",
    "Menu",
    "Startseite",
    "Politik",
    "Share",
    "Facebook",
    "Subscribe",
    "Advertisement",
    "Anzeige",
    "Tags: politics, elections, Europe",
    "© 2024 Example Media. All rights reserved.",
    "Home › World › Europe",
    "Read more",
    "Kommentare",
    "By Jane Doe",
    "Updated 14:32, 12 June 2024",
    "We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.",
    "Executive Summary",
    "What happens next",
    "Background",
    "Wie geht es weiter?",
    "The Long Road Back: How a Small Town Rebuilt Its Economy After the Mine Closed",
    "Why Both Sides Blinked, and Why the Ceasefire May Not Last",
    "225 g unsalted butter",
    "2 eggs",
    "The council voted on Tuesday night to approve the plan, ending a debate that had lasted more than a year.",
    "This represents the classic dilemma, in which measures taken by one side are read as threats by the other.",
    "Construction is expected to begin in September and to last about four months, the city said in a statement.",
    "Opponents argued that the lanes would hurt sales at a time when many shops are still recovering from the crisis.",
    "Der Stadtrat hat am Dienstagabend mit knapper Mehrheit beschlossen, auf der Hauptstraße Radwege anzulegen.",
    "Die Verwaltung rechnet mit Kosten von rund 2,4 Millionen Euro, von denen das Land die Hälfte übernehmen soll.",
    "“We listened to the businesses,” she said. “The final plan keeps every loading bay.”",
    "Itâ€™s a cafÃ© on the corner &amp; more",
    "Non\u{a0}breaking\u{200b} and soft\u{ad}hyphen  spaces ",
    "\u{200b}",
    "   ",
    "",
];

fn page() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        8 => proptest::sample::select(LINES).prop_map(str::to_string),
        1 => "[a-zA-Z ,.?!:'’—-]{0,60}",
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
    ];
    (
        proptest::collection::vec((line, 0u8..10), 0..40),
        prop_oneof![Just("\n\n"), Just("\n"), Just("\r\n\r\n"), Just("\r")],
    )
        .prop_map(|(lines, sep)| {
            let mut out: Vec<String> = Vec::new();
            for (l, dup) in lines {
                out.push(l.clone());
                if dup == 0 {
                    out.push(l); // a heading printed twice
                }
            }
            out.join(sep)
        })
}

fn clean(bytes: &[u8]) -> Cleaned {
    pipeline().clean_bytes("page.txt", bytes, None)
}

/// Every non-blank line is in exactly one place: a block of the article or `removed`.
fn check_accounting(bytes: &[u8], c: &Cleaned) -> Result<(), TestCaseError> {
    let doc = rinse::Document::from_bytes("page.txt", bytes);
    let non_blank: BTreeSet<usize> = (0..doc.len())
        .filter(|&i| !doc.original(i).trim().is_empty())
        .map(|i| i + 1)
        .collect();
    let kept: Vec<usize> = c.article.blocks().map(|(_, _, line)| line).collect();
    let removed: Vec<usize> = c.removed.iter().map(|r| r.line).collect();
    let mut all: Vec<usize> = kept.iter().chain(&removed).copied().collect();
    all.sort_unstable();
    let unique: BTreeSet<usize> = all.iter().copied().collect();
    prop_assert_eq!(all.len(), unique.len(), "a line is in two places");
    prop_assert_eq!(&unique, &non_blank);
    prop_assert_eq!(c.stats.lines_in, non_blank.len());
    prop_assert_eq!(c.stats.lines_in, c.stats.lines_kept + c.stats.lines_removed);
    for r in &c.removed {
        prop_assert!(!r.reason.is_empty() && r.rule.starts_with(r.stage));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_and_every_line_accounted_for_on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let c = clean(&bytes);
        check_accounting(&bytes, &c)?;
    }

    #[test]
    fn every_line_accounted_for_on_pages(p in page()) {
        let c = clean(p.as_bytes());
        check_accounting(p.as_bytes(), &c)?;
    }

    #[test]
    fn cleaning_is_idempotent_on_its_text_output(p in page()) {
        let once = clean(p.as_bytes()).article.to_text();
        let twice = clean(once.as_bytes()).article.to_text();
        prop_assert_eq!(&twice, &once, "input: {:?}", p);
    }
}

#[test]
fn cleaning_the_sample_dump_output_again_changes_nothing() {
    for c in common::clean_dir(&common::fixtures().join("dump")) {
        let once = c.article.to_text();
        let twice = clean(once.as_bytes()).article.to_text();
        assert_eq!(twice, once, "{}", c.source);
    }
}
