//! The structured article and its renderings (text, Markdown).
use serde::Serialize;

/// A clean article: its title and its sections, each block with its source line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub title_line: Option<usize>,
    pub sections: Vec<Section>,
    pub metadata: Metadata,
}

/// What the page says about the article besides its text, taken from lines that are not part
/// of the body (bylines, datelines).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// From the first byline ("By Tom Okafor").
    pub author: Option<String>,
    /// From the first dateline that gives a date (a time of day or "3 hours ago" gives none):
    /// ISO 8601 (`2024-06-12`) when it can be read, else as written.
    pub published: Option<String>,
}

/// A heading (or none, for text before the first heading), an optional subheading (a heading
/// directly followed by another heading-like line) and paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Section {
    pub heading: Option<String>,
    pub subheading: Option<String>,
    pub paragraphs: Vec<String>,
    /// The 1-based source lines of the blocks above.
    pub lines: SectionLines,
}

/// Source lines of a section's blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SectionLines {
    pub heading: Option<usize>,
    pub subheading: Option<usize>,
    pub paragraphs: Vec<usize>,
}

impl Article {
    /// Number of paragraphs in all sections.
    pub fn paragraph_count(&self) -> usize {
        self.sections.iter().map(|s| s.paragraphs.len()).sum()
    }

    /// The blocks in reading order: title, then each section's heading, subheading, paragraphs.
    pub fn blocks(&self) -> impl Iterator<Item = (Block, &str, usize)> {
        let title = self
            .title
            .as_deref()
            .map(|t| (Block::Title, t, self.title_line.unwrap_or(0)));
        title.into_iter().chain(self.sections.iter().flat_map(|s| {
            let h = s
                .heading
                .as_deref()
                .map(|t| (Block::Heading, t, s.lines.heading.unwrap_or(0)));
            let sub = s
                .subheading
                .as_deref()
                .map(|t| (Block::Subheading, t, s.lines.subheading.unwrap_or(0)));
            let paras = s
                .paragraphs
                .iter()
                .zip(&s.lines.paragraphs)
                .map(|(p, &l)| (Block::Paragraph, p.as_str(), l));
            h.into_iter().chain(sub).chain(paras)
        }))
    }

    /// The blocks of [`Article::blocks`], each with whether it is a row of a table that goes
    /// on (a paragraph written `| a | b |` right after another such paragraph): the text
    /// outputs put no blank line before it, so that a table stays one block, as Markdown
    /// writes it.
    pub(crate) fn laid_out(&self) -> impl Iterator<Item = (Block, &str, usize, bool)> {
        self.blocks()
            .scan(false, |row_before, (block, text, line)| {
                let row = block == Block::Paragraph && is_table_row(text);
                let goes_on = row && *row_before;
                *row_before = row;
                Some((block, text, line, goes_on))
            })
    }

    /// Plain text: one block per line, a blank line between blocks (but between the rows of a
    /// table), a final newline (empty for an empty article).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (_, text, _, next_row) in self.laid_out() {
            if !out.is_empty() && !next_row {
                out.push('\n');
            }
            out.push_str(text);
            out.push('\n');
        }
        out
    }

    /// Whether [`Article::to_text`] would give exactly `bytes` (without building it).
    pub fn text_is(&self, bytes: &[u8]) -> bool {
        let mut rest = bytes;
        for (k, (_, text, _, next_row)) in self.laid_out().enumerate() {
            let sep: &[u8] = if k > 0 && !next_row { b"\n" } else { b"" };
            let Some(r) = rest
                .strip_prefix(sep)
                .and_then(|r| r.strip_prefix(text.as_bytes()))
                .and_then(|r| r.strip_prefix(b"\n"))
            else {
                return false;
            };
            rest = r;
        }
        rest.is_empty()
    }

    /// Markdown: `#` title, `##` headings, `###` subheadings, paragraphs.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let laid_out: Vec<(Block, &str, usize, bool)> = self.laid_out().collect();
        for (k, &(block, text, _, next_row)) in laid_out.iter().enumerate() {
            if !out.is_empty() && !next_row {
                out.push('\n');
            }
            // A table's rows are written as they are: escaped, they would be no table.
            if next_row || laid_out.get(k + 1).is_some_and(|&(_, _, _, row)| row) {
                out.push_str(text);
                out.push('\n');
                continue;
            }
            match block {
                Block::Title => out.push_str("# "),
                Block::Heading => out.push_str("## "),
                Block::Subheading => out.push_str("### "),
                Block::Paragraph => {}
            }
            out.push_str(&escape_markdown(text, block == Block::Paragraph));
            out.push('\n');
        }
        out
    }
}

/// Whether a paragraph is written as a row of a table: `| a | b |`.
fn is_table_row(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 3 && text.starts_with('|') && text.ends_with('|')
}

/// The kind of a block of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Title,
    Heading,
    Subheading,
    Paragraph,
}

/// Escapes what Markdown would read as markup at the start of a block, and inline markers.
fn escape_markdown(text: &str, paragraph: bool) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    if paragraph {
        let starts_block = out.starts_with(['#', '-', '+', '=', '~'])
            || out
                .split_once(['.', ')'])
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if starts_block {
            out.insert(0, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Article {
        Article {
            title: Some("T".into()),
            title_line: Some(1),
            metadata: Metadata::default(),
            sections: vec![
                Section {
                    heading: None,
                    subheading: None,
                    paragraphs: vec!["Intro *now*.".into()],
                    lines: SectionLines {
                        heading: None,
                        subheading: None,
                        paragraphs: vec![3],
                    },
                },
                Section {
                    heading: Some("H".into()),
                    subheading: Some("S".into()),
                    paragraphs: vec!["1. first".into(), "# not a heading".into()],
                    lines: SectionLines {
                        heading: Some(5),
                        subheading: Some(7),
                        paragraphs: vec![9, 11],
                    },
                },
            ],
        }
    }

    #[test]
    fn text_has_one_block_per_line() {
        assert_eq!(
            sample().to_text(),
            "T\n\nIntro *now*.\n\nH\n\nS\n\n1. first\n\n# not a heading\n"
        );
        assert_eq!(Article::default().to_text(), "");
    }

    #[test]
    fn text_is_compares_with_the_text_output() {
        let a = sample();
        let text = a.to_text();
        assert!(a.text_is(text.as_bytes()));
        assert!(
            !a.text_is(&text.as_bytes()[..text.len() - 1]),
            "no final newline"
        );
        assert!(
            !a.text_is(format!("{text}\n").as_bytes()),
            "one newline too many"
        );
        assert!(!a.text_is(text.replace("\n\n", "\n").as_bytes()));
        assert!(!a.text_is(text.replace("first", "firsT").as_bytes()));
        assert!(Article::default().text_is(b""));
        assert!(!Article::default().text_is(b"\n"));
        let empty_first = Article {
            title: Some(String::new()),
            ..Article::default()
        };
        assert_eq!(empty_first.to_text(), "\n");
        assert!(empty_first.text_is(b"\n"));
    }

    #[test]
    fn markdown_escapes_what_would_be_markup() {
        assert_eq!(
            sample().to_markdown(),
            "# T\n\nIntro \\*now\\*.\n\n## H\n\n### S\n\n\\1. first\n\n\\# not a heading\n"
        );
    }
}
