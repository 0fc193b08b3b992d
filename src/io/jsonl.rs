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
    buf: String,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, text_key: &str, id_key: &str) -> Self {
        JsonlReader {
            reader,
            line: 0,
            text_key: text_key.to_string(),
            id_key: id_key.to_string(),
            buf: String::new(),
        }
    }

    fn parse(&self, line: &str) -> Record {
        parse_record(line, self.line, &self.text_key, &self.id_key)
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
    type Item = std::io::Result<(usize, Result<String, String>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let r = &mut self.inner;
        loop {
            r.buf.clear();
            match r.reader.read_line(&mut r.buf) {
                Ok(0) => return None,
                Ok(_) => {
                    r.line += 1;
                    if r.buf.trim().is_empty() {
                        continue;
                    }
                    return Some(Ok((r.line, Ok(std::mem::take(&mut r.buf)))));
                }
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    r.line += 1;
                    let mut skip = Vec::new();
                    if let Err(e) = r.reader.read_until(b'\n', &mut skip) {
                        return Some(Err(e));
                    }
                    return Some(Ok((r.line, Err("not UTF-8".into()))));
                }
                Err(e) => return Some(Err(e)),
            }
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
        loop {
            self.buf.clear();
            match self.reader.read_line(&mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {
                    self.line += 1;
                    let line = self.buf.trim();
                    if line.is_empty() {
                        continue;
                    }
                    return Some(Ok(self.parse(line)));
                }
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    // Not UTF-8: a record with an error; skip to the next line.
                    self.line += 1;
                    let mut skip = Vec::new();
                    if let Err(e) = self.reader.read_until(b'\n', &mut skip) {
                        return Some(Err(e));
                    }
                    return Some(Ok(Record {
                        line: self.line,
                        id: None,
                        text: Err("not UTF-8".into()),
                        fields: Map::new(),
                    }));
                }
                Err(e) => return Some(Err(e)),
            }
        }
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
    fn a_byte_order_mark_before_a_record_is_not_part_of_it() {
        let data = "\u{feff}{\"text\": \"a\"}\r\n\u{feff}{\"text\": \"b\"}\r\n";
        let texts: Vec<_> = JsonlReader::new(data.as_bytes(), "text", "id")
            .map(|r| r.unwrap().text)
            .collect();
        assert_eq!(texts, [Ok("a".to_string()), Ok("b".to_string())]);
    }
}
