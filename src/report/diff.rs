//! A git-compatible unified diff from an input file to its text output, with the reasons of
//! every hunk after its second `@@`.
//!
//! No diff algorithm guesses the alignment: each output block knows its source line, so the
//! edit script comes from the annotations. Old lines are written byte for byte as they are in
//! the input (CRLF, a byte-order mark, invalid UTF-8 and all), so `git apply` and `patch -p1`
//! turn the input into the output exactly.
use crate::apply::{Cleaned, Outcome};
use crate::document::LineEnding;
use std::io::Write;

/// How to write a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffOptions {
    /// Lines of context around each change (git's default: 3).
    pub context: usize,
    /// ANSI colours, as `git diff --color` writes them.
    pub color: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            context: 3,
            color: false,
        }
    }
}

/// Why a line changed, for a hunk header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Why {
    rule: &'static str,
    reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// A line of the input as git sees it: up to a line feed. A document line that ends with a
/// lone carriage return shares its physical line with the next one.
struct OldLine<'a> {
    content: &'a [u8],
    terminator: &'static [u8],
    /// The document lines (0-based) it holds.
    docs: std::ops::Range<usize>,
}

struct NewLine {
    text: String,
    /// 1-based source line of the block, 0 for a blank separator.
    source: usize,
    title: bool,
}

/// The unified diff of `input` (at `path`) to `cleaned`'s text output; empty when they are
/// the same. `path` is written as `a/PATH` and `b/PATH`. `input` must be the bytes `cleaned`
/// was read from: for an input transcoded to UTF-8 ([`Cleaned::transcoded`]), see
/// [`unified_diff_transcoded`].
pub fn unified_diff(path: &str, input: &[u8], cleaned: &Cleaned, opts: DiffOptions) -> Vec<u8> {
    diff_of(path, input, &cleaned.spans, None, cleaned, opts)
}

/// The unified diff of a transcoded input ([`Cleaned::transcoded`]) to its text output, which
/// is UTF-8: `original` is the file's bytes, `decoded` the UTF-8 text it was cleaned as. Lines
/// that are not ASCII change (from the input's encoding to UTF-8), with that reason, so the
/// diff turns the file into the output byte for byte, as [`unified_diff`] does. `None` when
/// the file's lines are not the text's lines one for one (UTF-16, whose line breaks are other
/// bytes).
pub fn unified_diff_transcoded(
    path: &str,
    original: &[u8],
    decoded: &[u8],
    cleaned: &Cleaned,
    opts: DiffOptions,
) -> Option<Vec<u8>> {
    let spans = original_spans(original, decoded, cleaned)?;
    Some(diff_of(
        path,
        original,
        &spans,
        Some(cleaned.encoding),
        cleaned,
        opts,
    ))
}

/// The line spans of `original`, a transcoded input, matched with the spans of its `decoded`
/// text: each line must decode to that line of the text.
fn original_spans(
    original: &[u8],
    decoded: &[u8],
    cleaned: &Cleaned,
) -> Option<Vec<(std::ops::Range<usize>, LineEnding)>> {
    let encoding = encoding_rs::Encoding::for_label(cleaned.encoding.as_bytes())?;
    if !encoding.is_ascii_compatible() {
        return None;
    }
    let mut at = 0;
    let mut out = Vec::with_capacity(cleaned.spans.len());
    for (range, ending) in &cleaned.spans {
        let terminator = ending.bytes();
        let rest = original.get(at..)?;
        let end = if terminator.is_empty() {
            original.len()
        } else {
            at + memchr::memmem::find(rest, terminator)?
        };
        let (text, _) = encoding.decode_without_bom_handling(&original[at..end]);
        if Some(text.as_bytes()) != decoded.get(range.clone()) {
            return None;
        }
        out.push((at..end, *ending));
        at = end + terminator.len();
    }
    (at == original.len()).then_some(out)
}

/// The diff of `input`, split into lines at `spans`; `encoding` is the input's when it was
/// transcoded.
fn diff_of(
    path: &str,
    input: &[u8],
    spans: &[(std::ops::Range<usize>, LineEnding)],
    encoding: Option<&str>,
    cleaned: &Cleaned,
    opts: DiffOptions,
) -> Vec<u8> {
    let old = old_lines(input, spans);
    let new = new_lines(cleaned);
    let ops = edit_script(&old, &new, cleaned);
    if ops.iter().all(|op| matches!(op, Op::Equal(..))) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let path = path.trim_start_matches("./").trim_start_matches('/');
    let (bold, cyan, red, green, reset) = if opts.color {
        ("\x1b[1m", "\x1b[36m", "\x1b[31m", "\x1b[32m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    // Why a document line changed though nothing else did: its bytes were not UTF-8.
    let reencoding = encoding.map(|encoding| Why {
        rule: "normalize/encoding",
        reason: format!("re-encoded from {encoding} as UTF-8"),
    });
    let reencoded: Vec<Option<&Why>> = spans
        .iter()
        .map(|(range, _)| {
            reencoding
                .as_ref()
                .filter(|_| !input[range.clone()].is_ascii())
        })
        .collect();
    let why = Whys::new(cleaned, &reencoded);
    let _ = writeln!(out, "{bold}--- a/{path}{reset}");
    let _ = writeln!(out, "{bold}+++ b/{path}{reset}");
    // Old and new lines before the current hunk, counted as the hunks go (hunks are in order).
    let (mut old_before, mut new_before, mut counted) = (0, 0, 0);
    for hunk in hunks(&ops, opts.context) {
        let (mut os, mut ol, mut ns, mut nl) = (usize::MAX, 0, usize::MAX, 0);
        for op in &ops[hunk.clone()] {
            match *op {
                Op::Equal(i, j) => {
                    os = os.min(i);
                    ns = ns.min(j);
                    ol += 1;
                    nl += 1;
                }
                Op::Delete(i) => {
                    os = os.min(i);
                    ol += 1;
                }
                Op::Insert(j) => {
                    ns = ns.min(j);
                    nl += 1;
                }
            }
        }
        // An empty side starts at the line before the hunk.
        for op in &ops[counted..hunk.start] {
            match *op {
                Op::Equal(..) => {
                    old_before += 1;
                    new_before += 1;
                }
                Op::Delete(_) => old_before += 1,
                Op::Insert(_) => new_before += 1,
            }
        }
        counted = hunk.start;
        let os = if ol == 0 { old_before } else { os + 1 };
        let ns = if nl == 0 { new_before } else { ns + 1 };
        let reasons = hunk_reasons(&ops[hunk.clone()], &old, &new, cleaned, &why);
        let _ = writeln!(out, "{cyan}@@ -{os},{ol} +{ns},{nl} @@{reset} {reasons}");
        for op in &ops[hunk] {
            match *op {
                Op::Equal(i, _) => write_old(&mut out, b" ", &old[i], "", ""),
                Op::Delete(i) => write_old(&mut out, b"-", &old[i], red, reset),
                Op::Insert(j) => {
                    let _ = write!(out, "{green}+");
                    out.extend_from_slice(new[j].text.as_bytes());
                    let _ = writeln!(out, "{reset}");
                }
            }
        }
    }
    out
}

fn write_old(out: &mut Vec<u8>, sign: &[u8], line: &OldLine, color: &str, reset: &str) {
    out.extend_from_slice(color.as_bytes());
    out.extend_from_slice(sign);
    out.extend_from_slice(line.content);
    if line.terminator.is_empty() {
        out.extend_from_slice(reset.as_bytes());
        out.extend_from_slice(b"\n\\ No newline at end of file\n");
    } else {
        // Colour codes go before the line ending, which must stay the input's.
        let (body, end) = line.terminator.split_at(line.terminator.len() - 1);
        out.extend_from_slice(body);
        out.extend_from_slice(reset.as_bytes());
        out.extend_from_slice(end);
    }
}

fn old_lines<'a>(
    input: &'a [u8],
    spans: &[(std::ops::Range<usize>, LineEnding)],
) -> Vec<OldLine<'a>> {
    let bom = input.starts_with(b"\xEF\xBB\xBF");
    let mut out = Vec::new();
    let mut first_doc = 0;
    let mut start = 0; // the byte-order mark belongs to the first line, as far as git knows
    for (i, (range, ending)) in spans.iter().enumerate() {
        if i == first_doc && !(i == 0 && bom) {
            start = range.start;
        }
        let terminator = match ending {
            LineEnding::Cr => continue, // the physical line goes on
            other => other.bytes(),
        };
        out.push(OldLine {
            content: &input[start..range.end],
            terminator,
            docs: first_doc..i + 1,
        });
        first_doc = i + 1;
    }
    // A file that ends with a lone carriage return: its last physical line has no line feed.
    if first_doc < spans.len() {
        let start = if first_doc == 0 && bom {
            0
        } else {
            spans[first_doc].0.start
        };
        out.push(OldLine {
            content: &input[start..],
            terminator: b"",
            docs: first_doc..spans.len(),
        });
    }
    out
}

/// The physical line of each document line.
fn physical_of(old: &[OldLine], docs: usize) -> Vec<usize> {
    let mut out = vec![0; docs];
    for (p, line) in old.iter().enumerate() {
        for d in line.docs.clone() {
            out[d] = p;
        }
    }
    out
}

fn new_lines(cleaned: &Cleaned) -> Vec<NewLine> {
    let mut out = Vec::new();
    // Laid out as the text output is: a blank line between blocks, but between a table's rows.
    for (k, (block, text, line, next_row)) in cleaned.article.laid_out().enumerate() {
        if k > 0 && !next_row {
            out.push(NewLine {
                text: String::new(),
                source: 0,
                title: false,
            });
        }
        out.push(NewLine {
            text: text.to_string(),
            source: line,
            title: block == crate::article::Block::Title,
        });
    }
    out
}

fn same(old: &OldLine, new: &NewLine) -> bool {
    old.terminator == b"\n" && old.content == new.text.as_bytes()
}

/// Pairs each output line with its source line where the bytes are the same and the order
/// allows it; everything else is deleted or inserted.
fn edit_script(old: &[OldLine], new: &[NewLine], cleaned: &Cleaned) -> Vec<Op> {
    let physical = physical_of(old, cleaned.spans.len());
    let single = |p: usize| old[p].docs.len() == 1;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut last_old: Option<usize> = None;
    let after = |i: usize, last: Option<usize>| last.is_none_or(|l| i > l);
    // Input lines before this hold no blank line a separator could pair with (a search found
    // none there): later searches start after them, so that a page whose blocks do not pair
    // (every line rewritten, one newline between lines) is not searched again and again.
    let mut no_blank_before = 0;
    for (j, line) in new.iter().enumerate() {
        if line.source > 0 {
            let i = physical[line.source - 1];
            // The title is printed first wherever it stood: it stays in place only if it
            // already came before the next block.
            let in_order = !line.title
                || new
                    .get(j + 2)
                    .is_none_or(|next| next.source == 0 || next.source > line.source);
            if in_order && after(i, last_old) && single(i) && same(&old[i], line) {
                pairs.push((i, j));
                last_old = Some(i);
            }
        } else {
            // A blank separator pairs with a blank input line before the next block.
            let next = new.get(j + 1).map_or(old.len(), |n| physical[n.source - 1]);
            let from = last_old.map_or(0, |l| l + 1).max(no_blank_before);
            let to = next.min(old.len());
            match (from..to).find(|&i| {
                single(i)
                    && matches!(cleaned.lines[old[i].docs.start], Outcome::Blank)
                    && same(&old[i], line)
            }) {
                Some(i) => {
                    pairs.push((i, j));
                    last_old = Some(i);
                }
                None => no_blank_before = no_blank_before.max(to),
            }
        }
    }
    let mut ops = Vec::with_capacity(old.len() + new.len());
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs
        .into_iter()
        .chain(std::iter::once((old.len(), new.len())))
    {
        while i < pi {
            ops.push(Op::Delete(i));
            i += 1;
        }
        while j < pj {
            ops.push(Op::Insert(j));
            j += 1;
        }
        if pi < old.len() && pj < new.len() {
            ops.push(Op::Equal(pi, pj));
            i += 1;
            j += 1;
        }
    }
    ops
}

/// Ranges of `ops` to print: each change with `context` equal lines around it, changes closer
/// than twice the context merged.
fn hunks(ops: &[Op], context: usize) -> Vec<std::ops::Range<usize>> {
    let changes: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Equal(..)))
        .map(|(k, _)| k)
        .collect();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for k in changes {
        let start = k.saturating_sub(context);
        let end = (k + 1 + context).min(ops.len());
        match out.last_mut() {
            Some(last) if start <= last.end => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

fn hunk_reasons(
    ops: &[Op],
    old: &[OldLine],
    new: &[NewLine],
    cleaned: &Cleaned,
    why: &Whys,
) -> String {
    let mut whys: Vec<(Why, usize)> = Vec::new();
    // (rule, source line) counted once
    let mut seen: std::collections::HashSet<(&'static str, usize)> = Default::default();
    let mut add = |why: Why, line: usize| {
        if !seen.insert((why.rule, line)) {
            return;
        }
        match whys.iter_mut().find(|(w, _)| w.rule == why.rule) {
            Some((_, n)) => *n += 1,
            None => whys.push((why, 1)),
        }
    };
    for op in ops {
        match *op {
            Op::Equal(..) => {}
            Op::Delete(p) => {
                for i in old[p].docs.clone() {
                    match &cleaned.lines[i] {
                        Outcome::Removed(r) => {
                            let r = &cleaned.removed[*r];
                            add(
                                Why {
                                    rule: r.rule,
                                    reason: r.reason.clone(),
                                },
                                i + 1,
                            );
                        }
                        Outcome::Kept { role, .. } => {
                            // A moved title is explained where it is inserted.
                            let moved = *role == crate::document::Role::Title;
                            for w in why.rewrites(i + 1, !moved) {
                                add(w, i + 1);
                            }
                        }
                        // A line of a hard-wrapped paragraph is explained where the paragraph
                        // is.
                        Outcome::Joined(head) => {
                            for w in why.rewrites(head + 1, false) {
                                add(w, head + 1);
                            }
                        }
                        Outcome::Blank => {}
                    }
                }
            }
            Op::Insert(j) => {
                let line = &new[j];
                if line.title {
                    add(
                        Why {
                            rule: "article/title",
                            reason: "the title is printed first".into(),
                        },
                        line.source,
                    );
                }
                if line.source > 0 {
                    for w in why.rewrites(line.source, !line.title) {
                        add(w, line.source);
                    }
                }
            }
        }
    }
    if whys.is_empty() {
        return "layout: blank lines between blocks".into();
    }
    whys.iter()
        .map(|(w, n)| {
            let reason = w.reason.replace(['\n', '\r'], " ");
            if *n > 1 {
                format!("{} ×{n}: {reason}", w.rule)
            } else {
                format!("{}: {reason}", w.rule)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why lines changed without being removed: each source line's rewrites (looked up by line,
/// so that a page of many rewritten lines is not searched once per line) and re-encoding.
struct Whys<'a> {
    reencoded: &'a [Option<&'a Why>],
    by_line: std::collections::HashMap<usize, Vec<&'a crate::apply::Rewritten>>,
}

impl<'a> Whys<'a> {
    fn new(cleaned: &'a Cleaned, reencoded: &'a [Option<&'a Why>]) -> Whys<'a> {
        Whys {
            reencoded,
            by_line: cleaned.rewrites_by_line(),
        }
    }

    /// The rewrites of a source line, and its re-encoding; without any, "line ending" when
    /// `fallback` (the only other way an aligned line can differ).
    fn rewrites(&self, line: usize, fallback: bool) -> Vec<Why> {
        let mut out: Vec<Why> = self
            .by_line
            .get(&line)
            .into_iter()
            .flatten()
            .map(|r| Why {
                rule: r.rule,
                reason: r.reason.clone(),
            })
            .chain(self.reencoded.get(line - 1).copied().flatten().cloned())
            .collect();
        if out.is_empty() && fallback {
            out.push(Why {
                rule: "layout",
                reason: "line ending".into(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Pipeline};

    fn diff(input: &str) -> String {
        let p = Pipeline::new(&Config::default()).unwrap();
        let c = p.clean_bytes("page.txt", input.as_bytes(), None);
        String::from_utf8(unified_diff(
            "page.txt",
            input.as_bytes(),
            &c,
            DiffOptions::default(),
        ))
        .unwrap()
    }

    #[test]
    fn unchanged_input_gives_an_empty_diff() {
        let page = "A Title\n\nThe first paragraph says something, as a paragraph does.\n";
        assert_eq!(diff(page), "");
    }

    /// A clean page with a table: its rows are one block in the text output, and the diff
    /// lays the clean text out the same way, so it is empty (as `rinse check` says). It showed
    /// a blank line added between every two rows.
    #[test]
    fn a_table_is_laid_out_as_the_text_output_lays_it_out() {
        let page = "Harbour fees rise in April\n\n\
            The council has published the new mooring fees, which take effect on the first of \
            April after a vote last month.\n\n\
            | Boat length | Fee now | Fee from April |\n\
            | --- | --- | --- |\n\
            | Up to 6 metres | £410 | £460 |\n\
            | 6 to 10 metres | £640 | £720 |\n\
            | Over 10 metres | £980 | £1,100 |\n\n\
            The harbour master said the rise would pay for the repairs to the north pier, which \
            are due to start in May.\n\n\
            The fishermen's association called the rise unfair to small boats, which pay more \
            per metre than the yachts.\n";
        let p = Pipeline::new(&Config::default()).unwrap();
        let c = p.clean_bytes("page.txt", page.as_bytes(), None);
        assert_eq!(c.article.to_text(), page);
        assert_eq!(diff(page), "");
    }

    #[test]
    fn hunks_carry_their_reasons() {
        let page = "Home\n\nA Title\n\nThe first paragraph says something, as a paragraph does.\n";
        assert_eq!(
            diff(page),
            "--- a/page.txt\n+++ b/page.txt\n@@ -1,5 +1,3 @@ boilerplate/navigation: site navigation: the line is \"home\"\n-Home\n-\n A Title\n \n The first paragraph says something, as a paragraph does.\n"
        );
    }

    #[test]
    fn a_missing_final_newline_is_marked() {
        let page = "A Title\n\nThe first paragraph says something, as a paragraph does.";
        let d = diff(page);
        assert!(d.contains("-The first paragraph says something, as a paragraph does.\n\\ No newline at end of file\n+The first paragraph"), "{d}");
        assert!(d.contains("@@ -1,3 +1,3 @@ layout: line ending"), "{d}");
    }
}
