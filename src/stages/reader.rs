//! The header a reader service writes above a page it converted to Markdown for language
//! models. Jina Reader (`r.jina.ai`) writes, before the page's text:
//!
//! ```text
//! Title: Winter ferry timetable cuts crossings to the islands | Harbour Gazette
//!
//! URL Source: https://harbourgazette.example/news/winter-ferry-timetable
//!
//! Published Time: 2026-11-20T08:15:00+00:00
//!
//! Markdown Content:
//! ```
//!
//! The header is the reader's, not the page's: its title keeps its label (`Title: `) and its
//! address and time are no text of the article. It is told by its shape only: the first line
//! is `Title: …`, a few `Label: value` lines follow, one of them the page's address (`URL
//! Source: http…`), and the last is `Markdown Content:`. A page whose first line only starts
//! with "Title:" keeps it.

/// Header lines looked at after the title, at most.
const MAX_FIELDS: usize = 8;

/// The non-blank lines at the top of a page that can hold a header.
pub const MAX_LINES: usize = MAX_FIELDS + 1;

/// One line of a reader's header, in the order of the lines given to [`header`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field<T> {
    /// `Title: …`: the page's title, as its `<title>` had it.
    Title(T),
    /// `URL Source: …`: the page's address.
    Source(T),
    /// `Published Time: …`.
    Published(T),
    /// Another `Label: value` line (`Warning: …`, `Number of Pages: …`): its label.
    Other(T),
    /// `Markdown Content:`, the header's last line.
    Start,
}

impl<T> Field<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Field<U> {
        match self {
            Field::Title(t) => Field::Title(f(t)),
            Field::Source(t) => Field::Source(f(t)),
            Field::Published(t) => Field::Published(f(t)),
            Field::Other(t) => Field::Other(f(t)),
            Field::Start => Field::Start,
        }
    }
}

/// The header's lines, if `lines` (the page's non-blank lines, first to last) start with one.
pub fn header<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<Vec<Field<&'a str>>> {
    let mut lines = lines.into_iter();
    let title = lines.next()?.trim().strip_prefix("Title:")?;
    let mut fields = vec![Field::Title(title.trim())];
    let mut source = false;
    for line in lines.take(MAX_FIELDS) {
        let line = line.trim();
        if line == "Markdown Content:" {
            fields.push(Field::Start);
            return source.then_some(fields);
        }
        let (label, value) = line.split_once(':')?;
        let value = value.trim();
        let field = match label {
            "URL Source" if value.starts_with("http://") || value.starts_with("https://") => {
                source = true;
                Field::Source(value)
            }
            "Published Time" => Field::Published(value),
            _ if is_label(label) => Field::Other(label),
            _ => return None,
        };
        fields.push(field);
    }
    None
}

/// A field's label: a few capitalized words (`Number of Pages`, `Warning`).
fn is_label(label: &str) -> bool {
    label.len() <= 40
        && label.starts_with(|c: char| c.is_ascii_uppercase())
        && label.split(' ').count() <= 4
        && label.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Title: Ferry cuts | Harbour Gazette\n\nURL Source: https://example.com/ferry\n\nPublished Time: 2026-11-20T08:15:00+00:00\n\nMarkdown Content:\nThe operator of the island ferries will run two crossings a day.";

    fn lines(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.trim().is_empty()).collect()
    }

    #[test]
    fn a_reader_header_is_read() {
        assert_eq!(
            header(lines(HEADER)),
            Some(vec![
                Field::Title("Ferry cuts | Harbour Gazette"),
                Field::Source("https://example.com/ferry"),
                Field::Published("2026-11-20T08:15:00+00:00"),
                Field::Start,
            ])
        );
        let with_warning = HEADER.replace(
            "Markdown Content:",
            "Warning: Target URL returned error 404: Not Found\nMarkdown Content:",
        );
        assert_eq!(header(lines(&with_warning)).map(|f| f.len()), Some(5));
    }

    /// In the pipeline: a time that is no date is removed with the header, and says so; the
    /// metadata gets no date from it.
    #[test]
    fn a_time_that_is_no_date_goes_with_its_reason() {
        let page = HEADER.replace("2026-11-20T08:15:00+00:00", "sometime soon");
        let p = crate::Pipeline::new(&crate::Config::default()).unwrap();
        let c = p.clean_bytes("t", page.as_bytes(), None);
        assert_eq!(
            c.article.title.as_deref(),
            Some("Ferry cuts | Harbour Gazette")
        );
        assert_eq!(c.article.metadata.published, None);
        let reasons: Vec<(usize, &str)> = c
            .removed
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect();
        assert!(reasons.contains(&(
            5,
            "a reader's header: the time the page was published (no date rinse reads)"
        )));
        let dated = p.clean_bytes("t", HEADER.as_bytes(), None);
        assert_eq!(
            dated.article.metadata.published.as_deref(),
            Some("2026-11-20")
        );
    }

    /// Text that only starts like one is no header: a line "Title: …" alone, a header
    /// without the page's address or without its last line, a sentence between.
    #[test]
    fn other_pages_have_no_header() {
        for text in [
            "Title: The Remains of the Day\nAuthor: Kazuo Ishiguro\nA butler looks back.",
            &HEADER.replace("URL Source: https://example.com/ferry", "URL Source: none"),
            &HEADER.replace("Markdown Content:", "The text starts here."),
            &HEADER.replace(
                "Published Time",
                "The reader wrote this line: it is not a field",
            ),
            "The council met on Tuesday.\nTitle: Minutes\nURL Source: https://x.example\nMarkdown Content:",
        ] {
            assert_eq!(header(lines(text)), None, "{text}");
        }
    }
}
