//! WET files (Common Crawl's extracted text, a WARC file of `conversion` records): one document
//! per record, read as a stream.
use std::io::{BufRead, Read};

/// One record of a WET file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WetRecord {
    /// The line of the file its `WARC/1.0` line is on (from 1).
    pub line: usize,
    /// Its header fields, in file order, as written (names and values trimmed).
    pub headers: Vec<(String, String)>,
    /// Its content: for a `conversion` record, the page's text, one block per line.
    pub content: Vec<u8>,
}

impl WetRecord {
    /// The value of header `name` (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
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
}

impl<R: BufRead> WetReader<R> {
    pub fn new(inner: R) -> Self {
        WetReader {
            inner,
            line: 0,
            failed: false,
        }
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
        let mut content = Vec::new();
        (&mut self.inner).take(length).read_to_end(&mut content)?;
        if (content.len() as u64) < length {
            return Err(self.invalid(
                start,
                format!(
                    "the record is cut short: {} of its {length} bytes",
                    content.len()
                ),
            ));
        }
        self.line += memchr::memchr_iter(b'\n', &content).count();
        // The line break that ends the content's last line, when it has none of its own.
        if content.last().is_some_and(|&b| b != b'\n') {
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
