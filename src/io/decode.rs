//! From the bytes a scraper saved to UTF-8 text: byte-order marks (UTF-8, UTF-16), legacy 8-bit
//! and East Asian encodings detected with `chardetng` and decoded with `encoding_rs`, and the
//! files that are not text at all (or too large) set aside with a reason.
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::borrow::Cow;

/// How to decode inputs.
#[derive(Debug, Clone, Copy)]
pub struct DecodeOptions {
    /// Decode every input with this encoding (`--encoding`), not a guess.
    pub encoding: Option<&'static Encoding>,
    /// Inputs larger than this are skipped.
    pub max_bytes: usize,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        DecodeOptions {
            encoding: None,
            max_bytes: 64 << 20,
        }
    }
}

impl DecodeOptions {
    /// The encoding named by a WHATWG label ("latin1", "windows-1252", "shift_jis", …).
    pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
        Encoding::for_label(label.trim().as_bytes())
    }
}

/// Why an input is not cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// NUL bytes or mostly control characters: not text.
    Binary,
    /// Larger than `max_bytes`.
    TooLarge { bytes: usize, max: usize },
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Binary => write!(f, "binary file"),
            Skip::TooLarge { bytes, max } => {
                write!(f, "too large ({bytes} bytes; --max-bytes is {max})")
            }
        }
    }
}

/// Text as UTF-8 bytes, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// UTF-8 (possibly with a UTF-8 byte-order mark and invalid sequences, which the document
    /// reader replaces and notes), or the input itself when it was UTF-8 already.
    pub bytes: Cow<'a, [u8]>,
    /// The input's encoding (WHATWG name: "UTF-8", "UTF-16LE", "windows-1252", …).
    pub encoding: &'static str,
    /// How the encoding was chosen, when it is not UTF-8: "byte-order mark", "detected",
    /// "--encoding".
    pub how: Option<&'static str>,
    /// Characters that could not be decoded (replaced by U+FFFD) while transcoding.
    pub replaced: usize,
}

impl Decoded<'_> {
    /// Whether the text was transcoded (so a diff against the input's bytes would not apply).
    pub fn transcoded(&self) -> bool {
        self.how.is_some()
    }
}

/// Decodes `bytes`, or says why not.
pub fn decode<'a>(bytes: &'a [u8], opts: &DecodeOptions) -> Result<Decoded<'a>, Skip> {
    if bytes.len() > opts.max_bytes {
        return Err(Skip::TooLarge {
            bytes: bytes.len(),
            max: opts.max_bytes,
        });
    }
    if let Some(enc) = opts.encoding {
        return Ok(transcode(bytes, enc, "--encoding"));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Ok(transcode(bytes, UTF_16LE, "byte-order mark"));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Ok(transcode(bytes, UTF_16BE, "byte-order mark"));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") || std::str::from_utf8(bytes).is_ok() {
        if is_binary(bytes) {
            return Err(Skip::Binary);
        }
        return Ok(utf8(bytes));
    }
    if is_binary(bytes) {
        return Err(Skip::Binary);
    }
    // Invalid UTF-8. Mostly valid multi-byte UTF-8 with a few broken sequences is UTF-8 with
    // damage (the document reader replaces and notes it); otherwise a legacy encoding.
    let (good, bad) = utf8_sequences(bytes);
    if good > 0 && bad * 10 <= good {
        return Ok(utf8(bytes));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(1 << 16)], bytes.len() <= 1 << 16);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    if enc == UTF_8 {
        return Ok(utf8(bytes));
    }
    Ok(transcode(bytes, enc, "detected"))
}

fn utf8(bytes: &[u8]) -> Decoded<'_> {
    Decoded {
        bytes: Cow::Borrowed(bytes),
        encoding: "UTF-8",
        how: None,
        replaced: 0,
    }
}

fn transcode<'a>(bytes: &'a [u8], enc: &'static Encoding, how: &'static str) -> Decoded<'a> {
    if enc == UTF_8 {
        return utf8(bytes);
    }
    let (text, had_errors) = enc.decode_with_bom_removal(bytes);
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    Decoded {
        bytes: Cow::Owned(text.into_owned().into_bytes()),
        encoding: enc.name(),
        how: Some(how),
        replaced,
    }
}

/// Whether bytes are an HTML document (`<!DOCTYPE html>`, `<html …>` first, after a byte-order
/// mark and blank lines), not text saved from one: rinse cleans the text of pages, a block per
/// line, and reads markup as text.
pub fn is_html_document(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..];
    let opens = |with: &[u8]| {
        head.get(..with.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(with))
    };
    opens(b"<!doctype html")
        || (opens(b"<html")
            && head
                .get(5)
                .is_some_and(|&b| b == b'>' || b.is_ascii_whitespace()))
}

/// NUL bytes, or more than one in ten bytes a control character other than tab, line feed,
/// carriage return, form feed and escape, in the first 8 KiB.
fn is_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

/// Valid multi-byte UTF-8 sequences and invalid ones.
fn utf8_sequences(mut bytes: &[u8]) -> (usize, usize) {
    let (mut good, mut bad) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                return (good, bad);
            }
            Err(e) => {
                let valid = &bytes[..e.valid_up_to()];
                good += std::str::from_utf8(valid)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                bad += 1;
                let skip = e.valid_up_to() + e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                bytes = &bytes[skip..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_documents_are_told_from_text_about_html() {
        for s in [
            "<!DOCTYPE html>\n<html>",
            "\u{feff}\n  <!doctype HTML>",
            "<html lang=\"en\">\n<head>",
            "<HTML>",
        ] {
            assert!(is_html_document(s.as_bytes()), "{s:?}");
        }
        for s in [
            "",
            "Council approves harbour budget\n\n<p>The council …</p>",
            "<htmlish> is no tag",
            "HTML for beginners",
        ] {
            assert!(!is_html_document(s.as_bytes()), "{s:?}");
        }
    }

    fn text(d: &Decoded) -> String {
        String::from_utf8(d.bytes.to_vec()).unwrap()
    }

    #[test]
    fn utf8_stays_as_it_is() {
        let d = decode("Grüße\n".as_bytes(), &DecodeOptions::default()).unwrap();
        assert_eq!(
            (d.encoding, d.how, text(&d).as_str()),
            ("UTF-8", None, "Grüße\n")
        );
        assert!(matches!(d.bytes, Cow::Borrowed(_)));
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Grüße\n".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le, &DecodeOptions::default()).unwrap();
        assert_eq!((d.encoding, d.how), ("UTF-16LE", Some("byte-order mark")));
        assert_eq!(text(&d), "Grüße\n");
        let mut be = vec![0xFE, 0xFF];
        be.extend("Ok\n".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            text(&decode(&be, &DecodeOptions::default()).unwrap()),
            "Ok\n"
        );
    }

    #[test]
    fn legacy_encodings_are_detected() {
        let cases: [(&'static Encoding, &str, &str); 4] = [
            (
                encoding_rs::WINDOWS_1252,
                "windows-1252",
                "Le café était délicieux, et les crêpes aussi. Où est la gare ? Très bien, merci.\n",
            ),
            (
                encoding_rs::KOI8_R,
                "KOI8-R",
                "Москва - столица России. Это большой город, и в нём живёт много людей.\n",
            ),
            (
                encoding_rs::SHIFT_JIS,
                "Shift_JIS",
                "東京は日本の首都です。たくさんの人が住んでいます。今日は天気がいいですね。\n",
            ),
            (
                encoding_rs::GBK,
                "GBK",
                "北京是中国的首都，这里有很多名胜古迹。今天天气很好，我们去公园散步吧。\n",
            ),
        ];
        for (enc, name, s) in cases {
            let (bytes, _, _) = enc.encode(s);
            let d = decode(&bytes, &DecodeOptions::default()).unwrap();
            // KOI8-U is KOI8-R with Ukrainian letters added: Russian text reads the same.
            let same = d.encoding == name || (name == "KOI8-R" && d.encoding == "KOI8-U");
            assert!(same && d.how == Some("detected"), "{name}: {}", d.encoding);
            assert_eq!(text(&d), s);
        }
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_damage_not_another_encoding() {
        let mut bytes = "Grüße aus Köln, schöne Grüße, überall Grüße. "
            .repeat(3)
            .into_bytes();
        bytes.push(0xFF);
        let d = decode(&bytes, &DecodeOptions::default()).unwrap();
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn forced_encoding_binary_and_size() {
        let opts = DecodeOptions {
            encoding: DecodeOptions::encoding_for_label("latin1"),
            ..DecodeOptions::default()
        };
        let d = decode(b"caf\xe9", &opts).unwrap();
        assert_eq!((text(&d).as_str(), d.how), ("café", Some("--encoding")));
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00", &DecodeOptions::default()),
            Err(Skip::Binary)
        );
        let small = DecodeOptions {
            max_bytes: 3,
            ..DecodeOptions::default()
        };
        assert_eq!(
            decode(b"abcd", &small).unwrap_err().to_string(),
            "too large (4 bytes; --max-bytes is 3)"
        );
        assert_eq!(
            decode(b"", &DecodeOptions::default()).unwrap().bytes.len(),
            0
        );
    }
}
