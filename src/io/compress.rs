//! Compressed files: gzip and Zstandard, known by name when written and by their first bytes
//! when read.
use std::io::{BufRead, BufReader, Read};

/// How a file's bytes are compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    /// gzip (`.gz`), written at the fastest level.
    Gzip,
    /// Zstandard (`.zst`, `.zstd`), written at level 3 (its default).
    Zstd,
}

/// The name endings that say a file is compressed, and how.
const SUFFIXES: [(&str, Compression); 3] = [
    (".gz", Compression::Gzip),
    (".zst", Compression::Zstd),
    (".zstd", Compression::Zstd),
];

impl Compression {
    /// The compression a file name says (`dump.jsonl.zst`), in any case.
    pub fn of_name(name: &str) -> Compression {
        SUFFIXES
            .iter()
            .find(|(suffix, _)| ends_with_ignore_case(name, suffix))
            .map_or(Compression::None, |&(_, c)| c)
    }

    /// The compression the first bytes of a stream say (its magic number).
    fn of_magic(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// `name` without a compression suffix: `dump.jsonl.zst` → `dump.jsonl`.
pub fn strip_compression(name: &str) -> &str {
    for (suffix, _) in SUFFIXES {
        if ends_with_ignore_case(name, suffix) {
            return &name[..name.len() - suffix.len()];
        }
    }
    name
}

fn ends_with_ignore_case(name: &str, suffix: &str) -> bool {
    name.len() >= suffix.len()
        && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// A reader of `raw`'s bytes, decompressed: as `named` says (from the file's name), or if it
/// says nothing, as the first bytes say (a gzip or Zstandard magic number: standard input, a
/// file not named so). Concatenated gzip members and Zstandard frames are read one after the
/// other.
pub fn decompressed<'a>(
    mut raw: Box<dyn Read + Send + 'a>,
    named: Compression,
) -> std::io::Result<Box<dyn BufRead + Send + 'a>> {
    if named != Compression::None {
        return decoder(BufReader::with_capacity(1 << 16, raw), named);
    }
    // The first four bytes (fewer if the stream is shorter), read as often as a pipe needs.
    let mut head = [0u8; 4];
    let mut got = 0;
    while got < head.len() {
        match raw.read(&mut head[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let compression = Compression::of_magic(&head[..got]);
    let whole = std::io::Cursor::new(head[..got].to_vec()).chain(raw);
    decoder(BufReader::with_capacity(1 << 16, whole), compression)
}

/// A reader that decompresses `input` as `compression` says.
fn decoder<'a>(
    input: impl BufRead + Send + 'a,
    compression: Compression,
) -> std::io::Result<Box<dyn BufRead + Send + 'a>> {
    Ok(match compression {
        Compression::None => Box::new(input),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(input),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(input)?,
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8], named: Compression) -> Vec<u8> {
        let mut out = Vec::new();
        decompressed(Box::new(std::io::Cursor::new(bytes.to_vec())), named)
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn names_say_the_compression_in_any_case() {
        assert_eq!(Compression::of_name("a.jsonl.GZ"), Compression::Gzip);
        assert_eq!(Compression::of_name("a.jsonl.zst"), Compression::Zstd);
        assert_eq!(Compression::of_name("a.zstd"), Compression::Zstd);
        assert_eq!(Compression::of_name("a.jsonl"), Compression::None);
        assert_eq!(Compression::of_name("gz"), Compression::None);
        assert_eq!(strip_compression("a.txt.Zst"), "a.txt");
        assert_eq!(strip_compression("a.txt"), "a.txt");
    }

    #[test]
    fn streams_shorter_than_a_magic_number_are_read_whole() {
        for bytes in [&b""[..], b"a", b"\x1f", b"\x28\xb5\x2f"] {
            assert_eq!(read_all(bytes, Compression::None), bytes);
        }
    }

    #[test]
    fn compressed_bytes_are_known_by_their_magic_number() {
        let text = b"one line\nanother line\n".repeat(100);
        let zst = zstd::encode_all(&text[..], 3).unwrap();
        assert_eq!(read_all(&zst, Compression::None), text);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &text).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(read_all(&gz, Compression::None), text);
        // Two frames one after the other, as `cat a.zst b.zst` makes.
        let twice = [zst.clone(), zst].concat();
        assert_eq!(
            read_all(&twice, Compression::Zstd),
            [&text[..], &text[..]].concat()
        );
    }
}
