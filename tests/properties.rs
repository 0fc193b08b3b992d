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
    "<p>The council <a href=\"/vote\">voted</a> on Tuesday night to <strong>approve</strong> the plan.</p>",
    "<li class=\"menu-item\"><a href=\"/news/\">News</a></li>",
    "&lt;p&gt;Escaped markup, decoded and then taken out.&lt;/p&gt;",
    "<br />",
    "<!-- ad slot -->",
    "Use the <br> tag for a line break.",
    "*   [World](https://example.com/world/)",
    "The mayor [said](https://example.com/said \"quote\") the **plan** would go ahead.",
    "## What happens next",
    "![A photo of the pier](https://example.com/pier.jpg)",
    "=====================",
    "* * *",
    "Title: The Long Road Back | Example Media",
    "Yоur соntеnt іѕ dеlіvеrеd іnѕtаntlу tо thоuѕаndѕ оf uѕеrѕ іn Веlіzе аnd аbrоаd!",
    "市图书馆昨日宣布，自下月起，周六和周日的开放时间将延长至晚上十点，以满足学生的阅读需求。",
    "城市图书馆周末延长开放时间_本地日报",
    "The ferry will run twice a day. The first crossing leaves at seven. Tickets cost more this year.",
    "Der Hafen ist wieder offen. Die Fähre fährt ab Montag. Die Preise steigen um zehn Prozent.",
    "Repairs took three weeks. The storm had broken the wall in two places. Boats are back.",
    "Markdown Content:",
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

/// A page as a reader service saves it (Jina Reader): its header, with or without a time and
/// a warning, above a [`page`].
fn reader_page() -> impl Strategy<Value = String> {
    (page(), any::<bool>(), any::<bool>()).prop_map(|(p, time, warning)| {
        let mut out = String::from(
            "Title: Ferry cuts | Harbour Gazette\n\nURL Source: https://example.com/ferry\n\n",
        );
        if time {
            out.push_str("Published Time: 2026-11-20T08:15:00+00:00\n\n");
        }
        if warning {
            out.push_str("Warning: This page maybe requiring CAPTCHA\n\n");
        }
        out.push_str("Markdown Content:\n");
        out.push_str(&p);
        out
    })
}

/// A page as a tool that wraps text at a fixed width saves it (`lynx -dump`, html2text): each
/// block of [`page`] broken into lines of at most `width` characters, blocks apart by a blank
/// line (or not), the lines indented (or not).
fn wrapped_page() -> impl Strategy<Value = String> {
    (page(), 30usize..120, any::<bool>(), any::<bool>()).prop_map(|(p, width, blank, indent)| {
        let mut out: Vec<String> = Vec::new();
        for block in p.split(['\n', '\r']).filter(|b| !b.trim().is_empty()) {
            let mut line = String::new();
            for word in block.split(' ').filter(|w| !w.is_empty()) {
                if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                    out.push(std::mem::take(&mut line));
                }
                if line.is_empty() && indent {
                    line.push_str("   ");
                } else if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push(line);
            if blank {
                out.push(String::new());
            }
        }
        out.join("\n")
    })
}

/// A page as a sentence splitter saves it: each block of [`page`] broken after every
/// sentence followed by a capital, a blank line between blocks.
fn sentence_page() -> impl Strategy<Value = String> {
    page().prop_map(|p| {
        let mut out: Vec<String> = Vec::new();
        for block in p.split(['\n', '\r']).filter(|b| !b.trim().is_empty()) {
            let mut line = String::new();
            let mut chars = block.chars().peekable();
            while let Some(c) = chars.next() {
                let ends = line.ends_with(['.', '!', '?']);
                if c == ' ' && ends && chars.peek().is_some_and(|n| n.is_uppercase()) {
                    out.push(std::mem::take(&mut line));
                    continue;
                }
                line.push(c);
            }
            out.push(line);
            out.push(String::new());
        }
        out.join("\n")
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
    // A line of a hard-wrapped paragraph is in the article as part of the paragraph's first.
    let kept: Vec<usize> = c
        .article
        .blocks()
        .map(|(_, _, line)| line)
        .chain(c.lines.iter().enumerate().filter_map(|(i, o)| match o {
            rinse::apply::Outcome::Joined(head) => {
                assert!(
                    matches!(c.lines[*head], rinse::apply::Outcome::Kept { .. }),
                    "line {} is joined to line {}, which is not kept",
                    i + 1,
                    head + 1
                );
                assert!(
                    c.rewritten
                        .iter()
                        .any(|r| r.line == head + 1 && r.joined.contains(&(i + 1))),
                    "line {} is joined to line {}, whose rewrite does not list it",
                    i + 1,
                    head + 1
                );
                Some(i + 1)
            }
            _ => None,
        }))
        .collect();
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
    // A kept line's classifier verdict reached its threshold; a rule that kept it says why.
    for o in &c.lines {
        match o {
            rinse::apply::Outcome::Kept {
                why:
                    Some(rinse::apply::Kept::Classifier {
                        score, threshold, ..
                    }),
                ..
            } => prop_assert!(score >= threshold, "kept at {} < {}", score, threshold),
            rinse::apply::Outcome::Kept {
                why: Some(rinse::apply::Kept::Rule { rule, reason }),
                ..
            } => prop_assert!(!rule.is_empty() && !reason.is_empty()),
            _ => {}
        }
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

    /// A WET reader stops on any bytes (no panic, no loop): at their end or at an error.
    /// Pieces of real records make most cases reach past the first header.
    #[test]
    fn a_wet_reader_stops_on_any_bytes(
        parts in proptest::collection::vec(
            prop_oneof![
                Just(b"WARC/1.0\r\n".to_vec()),
                Just(b"WARC-Type: conversion\r\n".to_vec()),
                Just(b"Content-Length: 7\r\n".to_vec()),
                Just(b"\r\n".to_vec()),
                Just(b" continued\r\n".to_vec()),
                proptest::collection::vec(any::<u8>(), 0..20),
            ],
            0..30,
        )
    ) {
        let bytes = parts.concat();
        let records = rinse::io::WetReader::new(&bytes[..]).take(bytes.len() + 2).count();
        prop_assert!(records <= bytes.len() / 10 + 1);
    }

    #[test]
    fn every_line_accounted_for_on_pages(p in page()) {
        let c = clean(p.as_bytes());
        check_accounting(p.as_bytes(), &c)?;
    }

    #[test]
    fn every_line_accounted_for_on_reader_pages(p in reader_page()) {
        let c = clean(p.as_bytes());
        check_accounting(p.as_bytes(), &c)?;
    }

    #[test]
    fn every_line_accounted_for_on_sentence_pages(p in sentence_page()) {
        let c = clean(p.as_bytes());
        check_accounting(p.as_bytes(), &c)?;
    }

    #[test]
    fn every_line_accounted_for_on_wrapped_pages(p in wrapped_page()) {
        let c = clean(p.as_bytes());
        check_accounting(p.as_bytes(), &c)?;
    }

    #[test]
    fn the_diff_applies_back_to_the_output(p in prop_oneof![page(), wrapped_page(), reader_page(), sentence_page()]) {
        let c = clean(p.as_bytes());
        let patch = rinse::report::unified_diff("page.txt", p.as_bytes(), &c, rinse::report::DiffOptions::default());
        let patched = if patch.is_empty() { p.clone().into_bytes() } else { apply_patch(p.as_bytes(), &patch) };
        prop_assert_eq!(String::from_utf8_lossy(&patched), c.article.to_text());
    }

    #[test]
    fn the_diff_of_a_transcoded_file_applies_back_to_the_output(p in page()) {
        // A legacy single-byte file (characters 1252 lacks become `&#N;`, which is text too).
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&p);
        let decoded = rinse::io::decode(&bytes, &Default::default()).unwrap();
        let c = pipeline().clean_decoded("page.txt", &decoded, None);
        let options = rinse::report::DiffOptions::default();
        let patch = if c.transcoded {
            let patch = rinse::report::unified_diff_transcoded("page.txt", &bytes, &decoded.bytes, &c, options);
            prop_assert!(patch.is_some(), "no diff for {}", c.encoding);
            patch.unwrap()
        } else {
            rinse::report::unified_diff("page.txt", &bytes, &c, options)
        };
        let patched = if patch.is_empty() { bytes.to_vec() } else { apply_patch(&bytes, &patch) };
        prop_assert_eq!(String::from_utf8_lossy(&patched), c.article.to_text());
    }

    #[test]
    fn cleaning_is_idempotent_on_its_text_output(p in prop_oneof![page(), wrapped_page(), reader_page(), sentence_page()]) {
        let once = clean(p.as_bytes()).article.to_text();
        let twice = clean(once.as_bytes()).article.to_text();
        prop_assert_eq!(&twice, &once, "input: {:?}", p);
    }
}

/// Applies a unified diff of one file (as `rinse diff` writes it) to `input`.
fn apply_patch(input: &[u8], patch: &[u8]) -> Vec<u8> {
    // Lines of the input with their endings.
    let mut old: Vec<&[u8]> = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        old.push(&rest[..end]);
        rest = &rest[end..];
    }
    let mut out: Vec<u8> = Vec::new();
    let mut next_old = 0; // index of the next input line not yet copied
    let lines: Vec<&[u8]> = patch.split_inclusive(|&b| b == b'\n').collect();
    let mut k = 2; // past the --- and +++ headers
    while k < lines.len() {
        let header = String::from_utf8_lossy(lines[k]);
        assert!(header.starts_with("@@ -"), "hunk header: {header}");
        let start: usize = header[4..]
            .split([',', ' '])
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let count: usize = header[4..]
            .split(',')
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let first = if count == 0 { start } else { start - 1 };
        while next_old < first {
            out.extend_from_slice(old[next_old]);
            next_old += 1;
        }
        k += 1;
        while k < lines.len() && !lines[k].starts_with(b"@@") {
            let line = lines[k];
            match line[0] {
                b' ' => {
                    out.extend_from_slice(old[next_old]);
                    next_old += 1;
                }
                b'-' => next_old += 1,
                b'+' => out.extend_from_slice(&line[1..]),
                b'\\' => {
                    // "\ No newline at end of file" after a + line: drop its newline
                    if lines[k - 1][0] == b'+' {
                        out.pop();
                    }
                }
                _ => panic!("bad patch line {:?}", String::from_utf8_lossy(line)),
            }
            k += 1;
        }
    }
    while next_old < old.len() {
        out.extend_from_slice(old[next_old]);
        next_old += 1;
    }
    out
}

#[test]
fn cleaning_the_sample_dump_output_again_changes_nothing() {
    for c in common::clean_dir(&common::fixtures().join("dump")) {
        let once = c.article.to_text();
        let twice = clean(once.as_bytes()).article.to_text();
        assert_eq!(twice, once, "{}", c.source);
    }
}
