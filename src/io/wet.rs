//! WET files (Common Crawl's extracted text, a WARC file of `conversion` records): one document
//! per record, read as a stream.
use std::io::BufRead;

/// One record of a WET file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WetRecord {
    /// The line of the file its `WARC/1.0` line is on (from 1).
    pub line: usize,
    /// Its header fields, in file order, as written (names and values trimmed).
    pub headers: Vec<(String, String)>,
    /// Its content: for a `conversion` record, the page's text, one block per line. Empty
    /// when it is longer than the reader keeps ([`WetReader::with_max_content`]).
    pub content: Vec<u8>,
    /// The content's length (`Content-Length`).
    pub length: u64,
}

impl WetRecord {
    /// The value of header `name` (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether its content was kept (it was not longer than the reader keeps).
    pub fn kept(&self) -> bool {
        self.content.len() as u64 == self.length
    }

    /// Whether it holds a page's text (`WARC-Type: conversion`).
    pub fn is_text(&self) -> bool {
        self.header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("conversion"))
    }
}

/// Reads the records of a WET file one after the other. A file that is not WARC, or a record
/// cut short, is an error (`InvalidData`) naming the line; reading stops there.
pub struct WetReader<R> {
    inner: R,
    /// Lines read so far.
    line: usize,
    failed: bool,
    max_content: u64,
}

impl<R: BufRead> WetReader<R> {
    pub fn new(inner: R) -> Self {
        WetReader {
            inner,
            line: 0,
            failed: false,
            max_content: u64::MAX,
        }
    }

    /// Keeps the content of a record only up to `max` bytes: a longer one is read past, and
    /// comes with an empty content (see [`WetRecord::kept`]).
    pub fn with_max_content(mut self, max: u64) -> Self {
        self.max_content = max;
        self
    }

    /// One line, without its line break; `None` at the end of the file.
    fn next_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Option<()>> {
        buf.clear();
        if self.inner.read_until(b'\n', buf)? == 0 {
            return Ok(None);
        }
        self.line += 1;
        while buf.last().is_some_and(|&b| b == b'\n' || b == b'\r') {
            buf.pop();
        }
        Ok(Some(()))
    }

    fn invalid(&self, line: usize, what: impl std::fmt::Display) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("line {line}: {what}"),
        )
    }

    fn record(&mut self) -> std::io::Result<Option<WetRecord>> {
        let mut buf = Vec::new();
        // Blank lines between records (each record's content is followed by two line breaks).
        loop {
            if self.next_line(&mut buf)?.is_none() {
                return Ok(None);
            }
            if !buf.is_empty() {
                break;
            }
        }
        let start = self.line;
        if !buf.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&buf[..buf.len().min(40)]).into_owned();
            return Err(self.invalid(
                start,
                format!("expected a WARC record (\"WARC/1.0\"), found {shown:?}: not a WET file"),
            ));
        }
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            if self.next_line(&mut buf)?.is_none() {
                return Err(self.invalid(start, "the record's header has no end"));
            }
            if buf.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(&buf);
            // A line that starts with a space or a tab continues the field before it.
            if text.starts_with([' ', '\t'])
                && let Some((_, value)) = headers.last_mut()
            {
                value.push(' ');
                value.push_str(text.trim());
                continue;
            }
            let Some((name, value)) = text.split_once(':') else {
                return Err(self.invalid(self.line, format!("a header line without ':': {text:?}")));
            };
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, v)| v.parse::<u64>())
            .ok_or_else(|| self.invalid(start, "the record has no Content-Length"))?
            .map_err(|_| self.invalid(start, "the record's Content-Length is not a number"))?;
        // The content, kept if it is not too long, its lines counted either way.
        let keep = length <= self.max_content;
        let mut content = Vec::new();
        let (mut got, mut last) = (0u64, None);
        while got < length {
            let chunk = match self.inner.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            let piece = &chunk[..chunk
                .len()
                .min(usize::try_from(length - got).unwrap_or(usize::MAX))];
            self.line += memchr::memchr_iter(b'\n', piece).count();
            last = piece.last().copied().or(last);
            if keep {
                content.extend_from_slice(piece);
            }
            let n = piece.len();
            got += n as u64;
            self.inner.consume(n);
        }
        if got < length {
            return Err(self.invalid(
                start,
                format!("the record is cut short: {got} of its {length} bytes"),
            ));
        }
        // The line break that ends the content's last line, when it has none of its own.
        if last.is_some_and(|b| b != b'\n') {
            let next = self.inner.fill_buf()?;
            if next.starts_with(b"\r\n") {
                self.inner.consume(2);
                self.line += 1;
            } else if next.starts_with(b"\n") {
                self.inner.consume(1);
                self.line += 1;
            }
        }
        Ok(Some(WetRecord {
            line: start,
            headers,
            content,
            length,
        }))
    }
}

impl<R: BufRead> Iterator for WetReader<R> {
    type Item = std::io::Result<WetRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = self.record().transpose();
        if matches!(next, Some(Err(_))) {
            self.failed = true;
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WET file: its warcinfo record, then one conversion record per page.
    fn wet_file(pages: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        let info = "isPartOf: CC-MAIN-2026-47\r\nsoftware: test\r\n";
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2026-11-27T00:00:00Z\r\n\
                 Content-Type: application/warc-fields\r\nContent-Length: {}\r\n\r\n{info}\r\n\r\n",
                info.len()
            )
            .as_bytes(),
        );
        for (n, (url, text)) in pages.iter().enumerate() {
            out.extend_from_slice(
                format!(
                    "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: {url}\r\n\
                     WARC-Date: 2026-11-2{n}T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{n}>\r\n\
                     Content-Type: text/plain\r\nContent-Length: {}\r\n\r\n{text}\r\n\r\n",
                    text.len()
                )
                .as_bytes(),
            );
        }
        out
    }

    #[test]
    fn records_are_read_with_their_headers_content_and_line() {
        let bytes = wet_file(&[
            (
                "https://a.example/1",
                "Title\nFirst paragraph.\nSecond one.",
            ),
            ("https://b.example/2", "Täglich\nText ohne Zeilenende"),
        ]);
        let records: Vec<WetRecord> = WetReader::new(&bytes[..]).map(Result::unwrap).collect();
        assert_eq!(records.len(), 3);
        assert!(!records[0].is_text());
        assert!(records[1].is_text());
        assert_eq!(
            records[1].header("warc-target-uri"),
            Some("https://a.example/1")
        );
        assert_eq!(records[1].content, b"Title\nFirst paragraph.\nSecond one.");
        assert_eq!(
            records[2].content,
            "Täglich\nText ohne Zeilenende".as_bytes()
        );
        // Each record's line is where its `WARC/1.0` is.
        let text = String::from_utf8(bytes.clone()).unwrap();
        for r in &records {
            assert_eq!(text.lines().nth(r.line - 1), Some("WARC/1.0"), "{}", r.line);
        }
    }

    #[test]
    fn a_record_longer_than_the_reader_keeps_is_read_past() {
        let long = "A line of a long page.\n".repeat(20);
        let bytes = wet_file(&[
            ("https://a.example/1", &long),
            ("https://b.example/2", "Short page."),
        ]);
        let kept: Vec<WetRecord> = WetReader::new(&bytes[..]).map(Result::unwrap).collect();
        let cut: Vec<WetRecord> = WetReader::new(&bytes[..])
            .with_max_content(100)
            .map(Result::unwrap)
            .collect();
        assert!(kept[1].kept() && kept[1].content == long.as_bytes());
        assert!(!cut[1].kept() && cut[1].content.is_empty());
        assert_eq!(cut[1].length, long.len() as u64);
        // What follows is read as without the limit, at the same lines.
        assert_eq!(cut[2], kept[2]);
        assert_eq!(cut[2].content, b"Short page.");
    }

    #[test]
    fn broken_files_are_errors_that_name_the_line() {
        let whole = wet_file(&[("https://a.example/1", "Some text of a page.")]);
        let cut = &whole[..whole.len() - 10];
        let errors: Vec<String> = WetReader::new(cut)
            .filter_map(Result::err)
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            errors,
            ["line 11: the record is cut short: 14 of its 20 bytes"]
        );
        let not_wet = b"{\"text\": \"a JSON line\"}\n";
        let mut reader = WetReader::new(&not_wet[..]);
        let e = reader.next().unwrap().unwrap_err().to_string();
        assert!(e.starts_with("line 1: expected a WARC record"), "{e}");
        assert!(reader.next().is_none(), "reading stops at an error");
        let no_length = b"WARC/1.0\r\nWARC-Type: conversion\r\n\r\ntext\r\n";
        let e = WetReader::new(&no_length[..]).next().unwrap().unwrap_err();
        assert_eq!(e.to_string(), "line 1: the record has no Content-Length");
        assert_eq!(WetReader::new(&b""[..]).count(), 0);
    }
}
