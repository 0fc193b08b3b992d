//! Input discovery, JSON Lines, and output writing: the file-system edge of the library.
mod compress;
mod decode;
mod jsonl;
mod walk;
mod wet;
mod write;

pub use compress::{Compression, decompressed, strip_compression};
pub use decode::{DecodeOptions, Decoded, Skip, decode, is_html_document};
pub use jsonl::{JsonlReader, LineError, RawLines, Record, parse_record};
pub use walk::{
    Input, InputKind, InputSource, Unmatched, Walk, WalkOptions, WalkSkip, collect_inputs,
    read_at_most,
};
pub use wet::{WetReader, WetRecord};
pub use write::{AtomicFile, write_atomic, write_atomic_with};
