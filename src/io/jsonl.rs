//! JSON Lines dumps: one document per line, a JSON object with its text under a key; every
//! other field is carried through untouched.
use serde_json::{Map, Value};
use std::io::BufRead;

/// One line of a JSON Lines dump.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line number in the file.
    pub line: usize,
    /// The value of the id key (a string, or a number written as text), if any.
    pub id: Option<String>,
    /// The document's text, or why the line holds none.
    pub text: Result<String, String>,
    /// The object's other fields (empty when the line is not an object).
    pub fields: Map<String, Value>,
}

/// Reads records from a JSON Lines stream; blank lines are skipped. A malformed line gives a
/// record with an error (and the run goes on); a read error ends the iteration with it.
pub struct JsonlReader<R> {
    reader: R,
    line: usize,
    text_key: String,
    id_key: String,
    buf: Vec<u8>,
    max_line: usize,
}

/// Why a line of a JSON Lines stream comes without its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineError {
    NotUtf8,
    /// Longer than the reader keeps ([`JsonlReader::with_max_line`]): its length in bytes.
    TooLong(u64),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::NotUtf8 => write!(f, "not UTF-8"),
            LineError::TooLong(n) => write!(f, "a line of {n} bytes, longer than rinse reads"),
        }
    }
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, text_key: &str, id_key: &str) -> Self {
        JsonlReader {
            reader,
            line: 0,
            text_key: text_key.to_string(),
            id_key: id_key.to_string(),
            buf: Vec::new(),
            max_line: usize::MAX,
        }
    }

    /// Keeps at most `max` bytes of a line: a longer one is read to its end but comes as
    /// [`LineError::TooLong`], so that one huge line does not take the memory of its size.
    pub fn with_max_line(mut self, max: usize) -> Self {
        self.max_line = max;
        self
    }

    /// The next line that is not blank: its number and text; `None` at the end.
    fn next_line(&mut self) -> Option<std::io::Result<(usize, Result<String, LineError>)>> {
        loop {
            let length = match read_line_bounded(&mut self.reader, &mut self.buf, self.max_line) {
                Ok(Some(n)) => n,
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            };
            self.line += 1;
            if length > self.max_line as u64 {
                return Some(Ok((self.line, Err(LineError::TooLong(length)))));
            }
            if self.buf.trim_ascii().is_empty() {
                continue;
            }
            let text =
                String::from_utf8(std::mem::take(&mut self.buf)).map_err(|_| LineError::NotUtf8);
            return Some(Ok((self.line, text)));
        }
    }

    /// The raw lines (1-based number, text), not parsed: to parse them elsewhere (on other
    /// threads) with [`parse_record`]. A line that is not UTF-8 comes as an error record's text.
    pub fn raw_lines(self) -> RawLines<R> {
        RawLines { inner: self }
    }
}

/// The raw lines of a JSON Lines stream: see [`JsonlReader::raw_lines`].
pub struct RawLines<R> {
    inner: JsonlReader<R>,
}

impl<R: BufRead> Iterator for RawLines<R> {
    type Item = std::io::Result<(usize, Result<String, LineError>)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next_line()
    }
}

/// Reads one line (with its end) into `buf`, keeping at most `max + 1` bytes of it; returns
/// the line's whole length, or `None` at the end of the stream.
fn read_line_bounded(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<u64>> {
    buf.clear();
    let mut length = 0u64;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((length > 0).then_some(length));
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (at + 1, true),
            None => (chunk.len(), false),
        };
        let room = max.saturating_add(1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        length += take as u64;
        reader.consume(take);
        if done {
            return Ok(Some(length));
        }
    }
}

/// Parses one line of a JSON Lines dump.
pub fn parse_record(line: &str, line_no: usize, text_key: &str, id_key: &str) -> Record {
    // A byte order mark (a file saved by an editor, or several such files concatenated) is no
    // part of the record: JSON cannot start with one.
    let line = line.trim();
    let line = line.strip_prefix('\u{feff}').unwrap_or(line);
    let mut record = Record {
        line: line_no,
        id: None,
        text: Err(String::new()),
        fields: Map::new(),
    };
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            record.text = Err(format!("not JSON: {e}"));
            return record;
        }
    };
    let Value::Object(mut fields) = value else {
        record.text = Err("not a JSON object".into());
        return record;
    };
    record.id = match fields.get(id_key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    record.text = match fields.remove(text_key) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => {
            let kind = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::Array(_) => "an array",
                _ => "an object",
            };
            fields.insert(text_key.to_string(), other);
            Err(format!("\"{text_key}\" is {kind}, not a string"))
        }
        None => Err(format!("no \"{text_key}\" key")),
    };
    record.fields = fields;
    record
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = std::io::Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        let (line, text) = match self.next_line()? {
            Ok(next) => next,
            Err(e) => return Some(Err(e)),
        };
        Some(Ok(match text {
            Ok(text) => parse_record(&text, line, &self.text_key, &self.id_key),
            // A record with an error; the reader is at the next line.
            Err(e) => Record {
                line,
                id: None,
                text: Err(e.to_string()),
                fields: Map::new(),
            },
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_their_fields_and_errors_name_their_line() {
        let data = "{\"id\": 7, \"text\": \"Hello\", \"url\": \"u\"}\n\nnot json\n{\"id\": \"b\"}\n{\"text\": 3}\n[1]\n";
        let recs: Vec<Record> = JsonlReader::new(data.as_bytes(), "text", "id")
            .map(Result::unwrap)
            .collect();
        assert_eq!(recs.len(), 5);
        assert_eq!(recs[0].id.as_deref(), Some("7"));
        assert_eq!(recs[0].text.as_deref(), Ok("Hello"));
        assert_eq!(recs[0].fields.get("url"), Some(&Value::String("u".into())));
        assert!(!recs[0].fields.contains_key("text"));
        assert_eq!(recs[1].line, 3);
        assert!(recs[1].text.as_ref().unwrap_err().starts_with("not JSON"));
        assert_eq!(recs[2].text, Err("no \"text\" key".into()));
        assert_eq!(
            recs[3].text,
            Err("\"text\" is a number, not a string".into())
        );
        assert_eq!(recs[4].text, Err("not a JSON object".into()));
    }

    #[test]
    fn a_line_longer_than_the_reader_keeps_is_read_past_and_named() {
        let long = format!("{{\"text\": \"{}\"}}", "x".repeat(100));
        let data = format!("{{\"text\": \"a\"}}\n{long}\n\u{e9}\n{{\"text\": \"b\"}}");
        let mut bytes = data.into_bytes();
        // The third line is one byte that is not UTF-8.
        let at = bytes.iter().position(|&b| b == 0xC3).unwrap();
        bytes.splice(at..at + 2, [0xFF]);
        let lines: Vec<_> = JsonlReader::new(&bytes[..], "text", "id")
            .with_max_line(40)
            .raw_lines()
            .map(Result::unwrap)
            .collect();
        assert_eq!(lines[0], (1, Ok("{\"text\": \"a\"}\n".to_string())));
        assert_eq!(
            lines[1],
            (2, Err(LineError::TooLong(long.len() as u64 + 1)))
        );
        assert_eq!(lines[2], (3, Err(LineError::NotUtf8)));
        assert_eq!(lines[3], (4, Ok("{\"text\": \"b\"}".to_string())));
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn a_byte_order_mark_before_a_record_is_not_part_of_it() {
        let data = "\u{feff}{\"text\": \"a\"}\r\n\u{feff}{\"text\": \"b\"}\r\n";
        let texts: Vec<_> = JsonlReader::new(data.as_bytes(), "text", "id")
            .map(|r| r.unwrap().text)
            .collect();
        assert_eq!(texts, [Ok("a".to_string()), Ok("b".to_string())]);
    }
}
