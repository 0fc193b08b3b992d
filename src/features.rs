//! Per-line features for the line classifier: the properties of a line, of its neighbours, of
//! where it sits in the page, and of how often it occurs across the dump.
//!
//! The same function feeds training (`rinse features`, then `scripts/train/train.py`) and
//! inference, so the two cannot drift apart. Every feature is a property of scraped pages in
//! general; none names a site.
use crate::analysis::LineInfo;
use crate::document::{Document, Role};
use crate::dump::title_hashes;
use crate::lang::Lexicon;
use crate::phrases::{Anchor, Category, Hit};
use crate::pipeline::Context;
use crate::stages::headings;
use crate::text::{End, MENU_SEPARATORS, Shape, is_ascii_menu_separator};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// Features of the line itself.
const OWN: &[&str] = &[
    "chars_log",
    "words",
    "stop_ratio",
    "end_period",
    "end_excl",
    "end_colon",
    "end_comma",
    "end_open",
    "title_case",
    "upper_ratio",
    "digit_ratio",
    "heading_like",
    "prose_like",
    "headline_like",
    "starts_lower",
    "starts_continuation",
    "starts_bullet_or_digit",
    "phrase_whole",
    "phrase_prefix",
    "phrase_anywhere",
    "phrase_strong",
    "cat_navigation",
    "cat_login",
    "cat_share",
    "cat_follow",
    "cat_subscribe",
    "cat_cookie",
    "cat_advertisement",
    "cat_legal",
    "cat_related",
    "cat_comments",
    "cat_tags",
    "byline",
    "dateline",
    "breadcrumb",
    "separators",
    "commas",
    "rel_pos",
    "before_title",
    "is_title",
    "dist_title",
    "prose_before_frac",
    "prose_after_frac",
    "in_region",
    "dump_other_docs_log",
    "dump_title_of_other",
    "page_repeats",
    "short_run_log",
    "dist_prev_prose",
    "dist_next_prose",
    "prose_window5",
    "doc_lines_log",
    "after_comments_marker",
    "after_related_marker",
    "comment_header",
    "comment_headers_above_log",
    "credit",
    "prose_window10_frac",
    "list_like_neighbours",
    "label_colon",
    "chars_window5_mean",
    "title_strength",
    "glued_words",
    "in_comment_thread",
    "vocab_overlap",
    "title_overlap",
    "rel_len",
    "rel_stop",
];

/// Features taken from each neighbour at the offsets in [`OFFSETS`].
const NEIGHBOUR: &[&str] = &[
    "chars_log",
    "stop_ratio",
    "prose_like",
    "heading_like",
    "named",
    "end_period",
];
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// Index of the `prose_like` feature (1.0 for running text).
pub const PROSE_LIKE: usize = 12;

/// Number of features per line.
pub fn len() -> usize {
    OWN.len() + NEIGHBOUR.len() * OFFSETS.len()
}

/// Feature names, in vector order.
pub fn names() -> Vec<String> {
    let mut out: Vec<String> = OWN.iter().map(|s| s.to_string()).collect();
    for o in OFFSETS {
        for n in NEIGHBOUR {
            out.push(format!("{n}@{o:+}"));
        }
    }
    out
}

/// What the features read of a line's own text alone: measured once per text, and kept (in
/// the [`Document`]) across the rounds that clean the clean text again.
#[derive(Debug)]
pub struct OwnText {
    /// Hashes of the content words (see [`content_words_into`]), sorted: what is read of them
    /// (counts, and which recur in the page or the title) does not depend on their order, and
    /// runs of one word are counted without sorting them for every page the line is on.
    words: Box<[u64]>,
    /// The first word, lowercase, digits as `0`, hashed: lines of one list share it.
    list_key: Option<u64>,
    /// Starts with a digit or a bullet.
    bullet: bool,
    /// [`MENU_SEPARATORS`], at most 10.
    separators: u8,
    /// Commas, at most 20.
    commas: u8,
    /// Glued words (see [`glued_words`]), at most 5.
    glued: u8,
    label_colon: bool,
}

impl OwnText {
    fn of(text: &str, cx: &Context, lower: &mut String) -> OwnText {
        let mut words = Vec::new();
        content_words_into(text, cx.lexicon, lower, &mut words);
        OwnText::new(text, words.into(), lower)
    }

    /// The measurements of `text` whose content words (see [`content_words_into`]) are
    /// `words`.
    pub(crate) fn new(text: &str, mut words: Box<[u64]>, lower: &mut String) -> OwnText {
        words.sort_unstable();
        let list_key = text.split_whitespace().next().map(|first| {
            lower.clear();
            lower.extend(
                first
                    .chars()
                    .map(|c| if c.is_numeric() { '0' } else { c })
                    .flat_map(char::to_lowercase),
            );
            xxhash_rust::xxh3::xxh3_64(lower.as_bytes())
        });
        OwnText {
            words,
            list_key,
            bullet: text
                .chars()
                .next()
                .is_some_and(|c| c.is_numeric() || "•·-–—*►▪◦‣+".contains(c)),
            separators: if text.is_ascii() {
                // A byte is a char here: no decoding.
                text.bytes().filter(|&b| is_ascii_menu_separator(b)).count()
            } else {
                text.chars().filter(|c| MENU_SEPARATORS.contains(c)).count()
            }
            .min(10) as u8,
            commas: text.bytes().filter(|&b| b == b',').count().min(20) as u8,
            glued: glued_words(text).min(5) as u8,
            label_colon: label_colon(text),
        }
    }
}

/// What is measured of each live line before the vectors are assembled.
struct Base {
    info: LineInfo,
    shape: Shape,
    hit: Option<Hit>,
    chars_log: f32,
    prose: bool,
    named: bool,
}

/// A line of more than this many words is long: its repeats across the dump are read as
/// copies of one article (see `copied` in [`extract`]) rather than as a site's boilerplate.
const LONG_LINE_WORDS: usize = 12;

/// The features of the live lines of `doc`: their indices and one vector each (row-major).
pub fn extract(doc: &mut Document, cx: &Context) -> (Vec<usize>, Vec<f32>) {
    doc.analyze(cx);
    let live = doc.live();
    let mut lower = String::new();
    for &i in &live {
        if doc.own_text(i).is_none() {
            let own = match doc.take_content_words(i) {
                Some(words) => OwnText::new(doc.text(i), words, &mut lower),
                None => OwnText::of(doc.text(i), cx, &mut lower),
            };
            doc.set_own_text(i, Arc::new(own));
        }
    }
    let doc: &Document = doc;
    let own_text: Vec<&OwnText> = live
        .iter()
        .map(|&i| &**doc.own_text(i).expect("measured above"))
        .collect();
    let n = live.len();
    let width = len();
    let mut out = vec![0f32; n * width];
    if n == 0 {
        return (live, out);
    }
    let base: Vec<Base> = live
        .iter()
        .map(|&i| {
            let info = *doc.info(i);
            Base {
                chars_log: (1.0 + info.shape.chars as f32).ln(),
                shape: info.shape,
                hit: info.hit,
                prose: info.prose,
                named: info.named(),
                info,
            }
        })
        .collect();
    let mut page_counts: HashMap<u64, u32> =
        HashMap::with_capacity_and_hasher(n, Default::default());
    for b in &base {
        *page_counts.entry(b.info.fold_hash).or_default() += 1;
    }
    let title = live.iter().position(|&i| doc.role(i) == Some(Role::Title));
    let own_titles = title_hashes(doc);

    // Text mass: how much running text lies before and after each line.
    let prose_chars: Vec<f32> = base
        .iter()
        .map(|b| if b.prose { b.shape.chars as f32 } else { 0.0 })
        .collect();
    let total: f32 = prose_chars.iter().sum::<f32>().max(1.0);
    let mut before = vec![0f32; n];
    let mut acc = 0.0;
    for k in 0..n {
        before[k] = acc / total;
        acc += prose_chars[k];
    }
    // The main-content region: the stretch with the largest sum of line scores (running text
    // counts for its length, anything else against).
    let scores: Vec<f32> = base
        .iter()
        .map(|b| {
            if b.prose {
                (b.shape.chars as f32 / 100.0).min(4.0)
            } else {
                -0.5
            }
        })
        .collect();
    let (r0, r1) = max_subarray(&scores);
    // Runs of lines that are not running text.
    let mut run_len = vec![0usize; n];
    let mut k = 0;
    while k < n {
        if base[k].prose {
            k += 1;
            continue;
        }
        let s = k;
        while k < n && !base[k].prose {
            k += 1;
        }
        for r in run_len.iter_mut().take(k).skip(s) {
            *r = k - s;
        }
    }
    let mut prev_prose = vec![usize::MAX; n];
    let mut last = None;
    for k in 0..n {
        if let Some(l) = last {
            prev_prose[k] = k - l;
        }
        if base[k].prose {
            last = Some(k);
        }
    }
    let mut next_prose = vec![usize::MAX; n];
    let mut next = None;
    for k in (0..n).rev() {
        if let Some(l) = next {
            next_prose[k] = l - k;
        }
        if base[k].prose {
            next = Some(k);
        }
    }
    let comment_header: Vec<bool> = base.iter().map(|b| b.info.comment_header).collect();
    let mut comment_headers_above = vec![0usize; n];
    for k in 1..n {
        comment_headers_above[k] =
            comment_headers_above[k - 1] + usize::from(comment_header[k - 1]);
    }
    // Lines of one list share their first word or their shape ("Meal 1", "Meal 2").
    let list_key: Vec<Option<u64>> = own_text
        .iter()
        .zip(&base)
        .map(|(o, b)| if b.prose { None } else { o.list_key })
        .collect();
    let title_strength = title.map_or(0.0, |t| match doc.role_rule(live[t]) {
        Some(r) if r == headings::TITLE => 3.0,
        Some(r) if r == headings::TITLE_TWICE => 2.0,
        _ => 1.0,
    });
    let thread = comment_thread(doc, cx, &live, |k| &base[k].info);
    // The page's own vocabulary: content words of its running text. A paragraph of the article
    // shares words with the rest of it; a promotion or a teaser of another story mostly does not.
    let content_words = |k: usize| &own_text[k].words[..];
    let prose_words: usize = (0..n)
        .filter(|&k| base[k].prose)
        .map(|k| content_words(k).len())
        .sum();
    let mut vocab: HashMap<u64, u32> =
        HashMap::with_capacity_and_hasher(prose_words, Default::default());
    for (k, b) in base.iter().enumerate() {
        if b.prose {
            for w in content_words(k) {
                *vocab.entry(*w).or_default() += 1;
            }
        }
    }
    let title_words: HashSet<u64> = title
        .map(|t| content_words(t).iter().copied().collect())
        .unwrap_or_default();
    let median = |mut v: Vec<f32>| -> f32 {
        if v.is_empty() {
            return 0.0;
        }
        v.sort_by(f32::total_cmp);
        v[v.len() / 2]
    };
    let region_prose: Vec<usize> = (r0..=r1.min(n - 1)).filter(|&k| base[k].prose).collect();
    let median_chars_log = median(region_prose.iter().map(|&k| base[k].chars_log).collect());
    let median_stop = median(
        region_prose
            .iter()
            .map(|&k| base[k].shape.stopword_ratio())
            .collect(),
    );
    // A page most of whose long lines of running text are on two or more other pages of the
    // dump is a copy of an article saved several times (a matter for dedup): the repeats of its
    // long lines say nothing of boilerplate, and they do not count. (A disclaimer paragraph on
    // every page of a site is a small share of each page's long lines.)
    let copied = cx.dump.is_some_and(|d| {
        let long = (0..n).filter(|&k| base[k].prose && base[k].shape.words > LONG_LINE_WORDS);
        let (mut all, mut repeated) = (0usize, 0usize);
        for k in long {
            all += 1;
            repeated += usize::from(d.line_documents_of_hash(base[k].info.fold_hash) >= 3);
        }
        all > 0 && 2 * repeated >= all
    });
    let mut comments_seen = false;
    let mut related_seen = false;

    for k in 0..n {
        let b = &base[k];
        let s = &b.shape;
        let x = &mut out[k * width..(k + 1) * width];
        let mut f = 0;
        let mut push = |v: f32| {
            x[f] = v;
            f += 1;
        };
        let flag = |c: bool| if c { 1.0 } else { 0.0 };
        push(b.chars_log);
        push(s.words.min(200) as f32);
        push(s.stopword_ratio());
        push(flag(s.end == End::Period));
        push(flag(s.end == End::Exclamation));
        push(flag(s.end == End::Colon));
        push(flag(s.end == End::Comma));
        push(flag(s.end == End::Open));
        push(s.title_case_ratio());
        push(ratio(s.uppercase, s.letters));
        push(ratio(s.digits, s.chars));
        push(flag(s.heading_like()));
        push(flag(b.prose));
        push(flag(s.headline_like()));
        push(flag(s.starts_lowercase));
        push(flag(s.starts_with_continuation));
        let o = own_text[k];
        push(flag(o.bullet));
        let anchor = b.hit.map(|h| h.anchor);
        push(flag(anchor == Some(Anchor::Whole)));
        push(flag(anchor == Some(Anchor::Prefix)));
        push(flag(anchor == Some(Anchor::Anywhere)));
        push(flag(b.hit.is_some_and(|h| h.strong)));
        for c in Category::ALL {
            push(flag(b.hit.is_some_and(|h| h.category == c)));
        }
        let short = s.words <= 16;
        push(flag(b.info.byline));
        push(flag(b.info.dateline));
        push(flag(b.info.breadcrumb));
        push(f32::from(o.separators));
        push(f32::from(o.commas));
        push(k as f32 / n as f32);
        push(flag(title.is_some_and(|t| k < t)));
        push(flag(title == Some(k)));
        push(title.map_or(20.0, |t| (k as f32 - t as f32).clamp(-20.0, 20.0)));
        push(before[k]);
        push(1.0 - before[k] - prose_chars[k] / total);
        push(flag(k >= r0 && k <= r1));
        let (other_docs, other_titles) = match cx.dump {
            Some(d) => {
                // Other pages with this line. A long line shared by exactly two pages is as
                // likely the same article saved twice (a matter for dedup) as boilerplate, so
                // for long lines the first other page does not count.
                let long = s.words > LONG_LINE_WORDS;
                let own = if long { 2 } else { 1 };
                let h = b.info.fold_hash;
                let lines = if copied && long {
                    0
                } else {
                    d.line_documents_of_hash(h).saturating_sub(own)
                };
                let own = own_titles.contains(&h);
                let titles = d.title_documents_of_hash(h).saturating_sub(u32::from(own));
                (lines, titles)
            }
            None => (0, 0),
        };
        push((1.0 + other_docs as f32).ln());
        push(flag(other_titles > 0));
        push((page_counts[&b.info.fold_hash] - 1).min(5) as f32);
        push((1.0 + run_len[k] as f32).ln());
        push(prev_prose[k].min(20) as f32);
        push(next_prose[k].min(20) as f32);
        let lo = k.saturating_sub(5);
        let hi = (k + 6).min(n);
        push((lo..hi).filter(|&j| j != k && base[j].prose).count() as f32);
        push((1.0 + n as f32).ln());
        push(flag(comments_seen));
        push(flag(related_seen));
        if let Some(h) = b.hit
            && h.anchor != Anchor::Anywhere
        {
            comments_seen |= h.category == Category::Comments;
            related_seen |= h.category == Category::Related;
        }
        push(flag(comment_header[k]));
        push((1.0 + comment_headers_above[k] as f32).ln());
        push(flag(short && b.info.credit));
        let lo = k.saturating_sub(10);
        let hi = (k + 11).min(n);
        push((lo..hi).filter(|&j| base[j].prose).count() as f32 / (hi - lo) as f32);
        let lo = k.saturating_sub(2);
        let hi = (k + 3).min(n);
        push(
            (lo..hi)
                .filter(|&j| j != k && list_key[j].is_some() && list_key[j] == list_key[k])
                .count() as f32,
        );
        push(flag(o.label_colon));
        let lo = k.saturating_sub(5);
        let hi = (k + 6).min(n);
        push((lo..hi).map(|j| base[j].chars_log).sum::<f32>() / (hi - lo) as f32);
        push(title_strength);
        push(f32::from(o.glued));
        push(flag(thread.is_some_and(|t| k >= t)));
        let own = content_words(k);
        // A word counts as shared when the page's running text has it more often than this
        // line does (the words are sorted: each run is one word).
        let shared: usize = own
            .chunk_by(|a, b| a == b)
            .filter(|run| vocab.get(&run[0]).copied().unwrap_or(0) > run.len() as u32)
            .map(<[u64]>::len)
            .sum();
        push(if own.is_empty() {
            -1.0
        } else {
            shared as f32 / own.len() as f32
        });
        let in_title = own.iter().filter(|w| title_words.contains(w)).count();
        push(if own.is_empty() || title_words.is_empty() {
            -1.0
        } else {
            in_title as f32 / own.len().min(title_words.len()) as f32
        });
        push(b.chars_log - median_chars_log);
        push(s.stopword_ratio() - median_stop);
        for o in OFFSETS {
            let j = k as isize + o;
            if j < 0 || j >= n as isize {
                for _ in NEIGHBOUR {
                    push(-1.0);
                }
                continue;
            }
            let nb = &base[j as usize];
            push(nb.chars_log);
            push(nb.shape.stopword_ratio());
            push(flag(nb.prose));
            push(flag(nb.shape.heading_like()));
            push(flag(nb.named));
            push(flag(nb.shape.end == End::Period));
        }
        debug_assert_eq!(f, width);
    }
    (live, out)
}

/// Where a comment thread starts among the live lines `live` of `doc` (line `k` measured as
/// `info(k)`): [`comment_thread_start`] of their comment headers and running text, a header
/// that is only a link ([`crate::meta::MetaPatterns::is_bare_comment_link`]) naming no one.
/// The comment-thread rule and the classifier's `in_comment_thread` feature both ask this.
pub(crate) fn comment_thread<'a>(
    doc: &Document,
    cx: &Context,
    live: &[usize],
    info: impl Fn(usize) -> &'a LineInfo,
) -> Option<usize> {
    let headers: Vec<bool> = (0..live.len()).map(|k| info(k).comment_header).collect();
    let words: Vec<usize> = (0..live.len())
        .map(|k| {
            let i = info(k);
            if i.prose { i.shape.words } else { 0 }
        })
        .collect();
    comment_thread_start(&headers, &words, |k| {
        !cx.meta.is_bare_comment_link(doc.text(live[k]))
    })
}

/// Where a comment thread starts: the first comment header ("X says:", "34 responses to …")
/// with at least two more after it, once 50 words of running text came before. A thread names
/// a commenter or counts comments somewhere (`named` of one of its headers): bare "Reply" and
/// "Report" links alone may be the report links of posts embedded in the article.
fn comment_thread_start(
    headers: &[bool],
    prose_words: &[usize],
    named: impl Fn(usize) -> bool,
) -> Option<usize> {
    let total: usize = headers.iter().filter(|&&h| h).count();
    let mut seen = 0;
    let mut words_before = 0;
    for (k, &h) in headers.iter().enumerate() {
        if h {
            if total - seen >= 3 && words_before >= 50 {
                return (k..headers.len())
                    .any(|j| headers[j] && named(j))
                    .then_some(k);
            }
            seen += 1;
        }
        words_before += prose_words[k];
    }
    None
}

/// Words glued by a scraper that joined two blocks: a lowercase letter followed by an uppercase
/// one inside a word ("Student-AthleteA 24-year-old", "MorningSome sunshine").
fn glued_words(text: &str) -> usize {
    // Every glued word has a lowercase letter right before an uppercase one; most lines have
    // none at all.
    if !has_lower_then_upper(text) {
        0
    } else if text.is_ascii() {
        // A byte is a char here; ASCII's whitespace is `\t` to `\r` and the space.
        text.as_bytes()
            .split(|&b| crate::text::is_ascii_space(b))
            .filter(|w| glued_ascii(w))
            .count()
    } else {
        text.split_whitespace().filter(|w| glued(w)).count()
    }
}

/// Whether a lowercase letter is followed right away by an uppercase one anywhere in `text`,
/// which every glued word has: ASCII bytes are classed by a comparison, only other chars are
/// decoded.
fn has_lower_then_upper(text: &str) -> bool {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        // One scan without branches, which letters and spaces would mispredict.
        return bytes
            .iter()
            .zip(bytes.iter().skip(1))
            .fold(false, |any, (a, b)| {
                any | (a.is_ascii_lowercase() & b.is_ascii_uppercase())
            });
    }
    let (mut at, mut lower_before) = (0, false);
    while at < bytes.len() {
        let b = bytes[at];
        let (lower, upper) = if b.is_ascii() {
            at += 1;
            (b.is_ascii_lowercase(), b.is_ascii_uppercase())
        } else {
            let c = text[at..].chars().next().expect("a char starts here");
            at += c.len_utf8();
            (c.is_lowercase(), c.is_uppercase())
        };
        if lower_before && upper {
            return true;
        }
        lower_before = lower;
    }
    false
}

/// [`glued`] of an ASCII word, a byte at a time.
fn glued_ascii(word: &[u8]) -> bool {
    let (mut before, mut last) = (b' ', b' ');
    for (k, &c) in word.iter().enumerate() {
        if k >= 3
            && before.is_ascii_lowercase()
            && last.is_ascii_uppercase()
            && !c.is_ascii_uppercase()
        {
            return true;
        }
        (before, last) = (last, c);
    }
    word.len() >= 3 && before.is_ascii_lowercase() && last.is_ascii_uppercase()
}

/// A lowercase letter then an uppercase one inside a word (not from its first letter), followed
/// by a character that is not uppercase or by the word's end: "AthleteA", "MorningSome" (but not
/// "iPhone", nor "eBAY").
fn glued(word: &str) -> bool {
    let (mut before, mut last) = (' ', ' ');
    let mut count = 0;
    for (k, c) in word.chars().enumerate() {
        if k >= 3 && before.is_lowercase() && last.is_uppercase() && !c.is_uppercase() {
            return true;
        }
        (before, last, count) = (last, c, k + 1);
    }
    count >= 3 && before.is_lowercase() && last.is_uppercase()
}

/// Appends to `out` the hashes of the lowercase words of 4+ letters that are not stopwords.
fn content_words_into(text: &str, lex: &Lexicon, lower: &mut String, out: &mut Vec<u64>) {
    for t in text.split_whitespace() {
        let w = t.trim_matches(|c: char| !c.is_alphanumeric());
        let word = if w.is_ascii() {
            w.len() >= 4 && w.bytes().all(|b| b.is_ascii_alphabetic())
        } else {
            w.chars().count() >= 4 && w.chars().all(char::is_alphabetic)
        };
        if !word {
            continue;
        }
        crate::text::lowercase_into(w, lower);
        if lex.stopword_langs(lower).0 == 0 {
            out.push(xxhash_rust::xxh3::xxh3_64(lower.as_bytes()));
        }
    }
}

/// "Portion Fix Containers: 1 Purple", "Ort: Rathaus": a short label, a colon, then text.
fn label_colon(text: &str) -> bool {
    text.split_once(':').is_some_and(|(label, rest)| {
        let words = label.split_whitespace().count();
        (1..=4).contains(&words)
            && !rest.trim().is_empty()
            && !label.as_bytes().windows(4).any(|w| w == b"http")
    })
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// The start and end (inclusive) of the stretch with the largest sum.
fn max_subarray(scores: &[f32]) -> (usize, usize) {
    let (mut best, mut best_range) = (f32::MIN, (0, 0));
    let (mut sum, mut start) = (0.0, 0);
    for (k, &s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = k;
        }
        sum += s;
        if sum > best {
            best = sum;
            best_range = (start, k);
        }
    }
    best_range
}

/// A few words on what makes a line look like boilerplate, from its feature vector.
pub fn explain(x: &[f32]) -> String {
    let mut out = String::new();
    explain_into(x, &mut out);
    out
}

/// [`explain`], appended to `out`.
pub fn explain_into(x: &[f32], out: &mut String) {
    /// The index of an [`OWN`] feature, found at compile time.
    const fn own(name: &str) -> usize {
        let mut i = 0;
        while i < OWN.len() {
            if OWN[i].len() == name.len() {
                let (a, b) = (OWN[i].as_bytes(), name.as_bytes());
                let mut j = 0;
                while j < a.len() && a[j] == b[j] {
                    j += 1;
                }
                if j == a.len() {
                    return i;
                }
            }
            i += 1;
        }
        panic!("not a feature name")
    }
    macro_rules! at {
        ($name:literal) => {{
            const I: usize = own($name);
            x[I]
        }};
    }
    let start = out.len();
    let mut part = |text: &str| {
        if out.len() > start {
            out.push_str(", ");
        }
        out.push_str(text);
    };
    let others = (at!("dump_other_docs_log").exp() - 1.0).round() as u32;
    if others >= 1 {
        let short = at!("words") <= 12.0;
        part(&format!(
            "also on {} other page{} of this dump",
            if short { others } else { others + 1 },
            if others == 1 && short { "" } else { "s" }
        ));
    }
    if at!("dump_title_of_other") > 0.0 {
        part("the title of another page of this dump");
    }
    if at!("in_comment_thread") > 0.0 || at!("comment_header") > 0.0 {
        part("in the comment section");
    }
    if at!("before_title") > 0.0 {
        part("above the headline");
    } else if at!("prose_after_frac") <= 0.0 && at!("prose_like") == 0.0 {
        part("after the article's last paragraph");
    } else if at!("prose_before_frac") <= 0.0 && at!("prose_like") == 0.0 {
        part("before the article's first paragraph");
    } else if at!("in_region") == 0.0 {
        part("outside the main text");
    }
    if at!("prose_like") == 0.0 {
        let words = at!("words") as u32;
        part(&format!(
            "{words} word{}, not a sentence",
            if words == 1 { "" } else { "s" }
        ));
    } else if at!("stop_ratio") < 0.15 {
        part("few function words");
    }
    if at!("short_run_log") >= (6f32).ln() {
        part("in a run of short lines");
    }
    if out.len() == start {
        out.push_str("its neighbours are boilerplate");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The content words the line measurements collect on the way (what the pipeline uses)
        /// are the ones this module would find itself.
        #[test]
        fn shape_collects_the_content_words(
            text in crate::text::tests::mostly(&[
                " ", "the ", "und ", "Über", "Haus", "ÄRGER", "naïve", "x2y", "(Wort)", "—", "İ",
            ])
        ) {
            let lex = Lexicon::builtin();
            let mut measured = Vec::new();
            crate::text::Shape::with_content_words(&text, lex, Some(&mut measured));
            let mut own = Vec::new();
            content_words_into(&text, lex, &mut String::new(), &mut own);
            proptest::prop_assert_eq!(measured, own);
        }
    }

    /// The run of a word is all of its occurrences in the line only if the words are sorted:
    /// "lighthouse" twice, and in no other line, is not a word the line shares with the page.
    #[test]
    fn content_words_are_kept_sorted() {
        let text = "The lighthouse keeper said that the lighthouse would be run from the town.";
        let lex = Lexicon::builtin();
        let mut words = Vec::new();
        content_words_into(text, lex, &mut String::new(), &mut words);
        let lighthouse = xxhash_rust::xxh3::xxh3_64(b"lighthouse");
        let at: Vec<usize> = (0..words.len())
            .filter(|&k| words[k] == lighthouse)
            .collect();
        assert!(at.len() == 2 && at[1] > at[0] + 1, "found apart: {at:?}");
        let own = OwnText::new(text, words.into(), &mut String::new());
        assert!(own.words.is_sorted());
        let runs: Vec<usize> = own
            .words
            .chunk_by(|a, b| a == b)
            .map(<[u64]>::len)
            .collect();
        assert_eq!(runs.iter().filter(|&&n| n == 2).count(), 1, "{runs:?}");
    }

    #[test]
    fn glued_words_are_lowercase_then_uppercase_inside_a_word() {
        assert_eq!(glued_words("Student-AthleteA 24-year-old"), 1);
        assert_eq!(glued_words("MorningSome sunshine, then SportNews"), 2);
        assert_eq!(
            glued_words("iPhone eBAY McDonald's USA"),
            1,
            "only McDonald's"
        );
        assert_eq!(glued_words("ÄrzteÖffnungszeiten xY ab"), 1);
    }

    proptest::proptest! {
        /// On ASCII text the byte-wise count of glued words is the char-wise one.
        #[test]
        fn ascii_glued_words_are_counted_as_chars_are(text in "[a-cA-C \\t\\x0b\\x0c\\r\\n.-]{0,40}") {
            let chars = text.split_whitespace().filter(|w| glued(w)).count();
            proptest::prop_assert_eq!(glued_words(&text), chars);
        }

        /// In text with other scripts too, the count is the char-wise one.
        #[test]
        fn mixed_glued_words_are_counted_as_chars_are(
            text in "[a-cA-C \t.\u{a0}äÄ’ǅ-]{0,40}"
        ) {
            let chars = text.split_whitespace().filter(|w| glued(w)).count();
            proptest::prop_assert_eq!(glued_words(&text), chars);
        }
    }

    #[test]
    fn names_match_the_vector_width() {
        assert_eq!(names().len(), len());
        assert_eq!(names()[PROSE_LIKE], "prose_like");
    }

    #[test]
    fn max_subarray_finds_the_body() {
        assert_eq!(max_subarray(&[-0.5, -0.5, 2.0, -0.5, 3.0, -0.5]), (2, 4));
    }

    /// A thread starts at the first of three comment headers after 50 words of text, and only
    /// if one of its headers names a commenter (the feature and the rule share this).
    #[test]
    fn a_comment_thread_needs_a_header_that_is_more_than_a_link() {
        let headers = [false, true, false, true, false, true, false];
        let words = [60, 0, 20, 0, 20, 0, 20];
        assert_eq!(comment_thread_start(&headers, &words, |_| true), Some(1));
        assert_eq!(comment_thread_start(&headers, &words, |_| false), None);
        assert_eq!(comment_thread_start(&headers, &words, |k| k == 5), Some(1));
        // Too little text before the headers.
        let few = [40, 0, 20, 0, 20, 0, 20];
        assert_eq!(comment_thread_start(&headers, &few, |_| true), None);
    }
}
