//! Turning the paths a user gave into a sorted list of inputs: text files, and JSON Lines and
//! WET files whose records are the documents; reading them, decompressed.
use super::compress::{Compression, decompressed, strip_compression};
use crate::error::Error;
use globset::GlobSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Stdin,
    File(PathBuf),
}

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// One document.
    Text,
    /// One document per line: a JSON object with the text under a key.
    Jsonl,
    /// One document per `conversion` record of a WARC file (Common Crawl's WET files).
    Wet,
}

impl InputKind {
    /// Whether it holds documents as records (JSON Lines, WET), not one document.
    pub fn has_records(self) -> bool {
        self != InputKind::Text
    }
}

/// One input: a file (or standard input) holding one document, or a JSON Lines or WET file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub source: InputSource,
    /// The path relative to the directory it was found in (the file name for a file given
    /// directly), used to mirror the input tree under an output directory.
    pub rel: PathBuf,
    pub kind: InputKind,
    /// Compressed, as the name says (`.gz`, `.zst`); a file not named so is still read
    /// decompressed if its first bytes say it is compressed.
    pub compression: Compression,
    /// Size on disk in bytes (0 for stdin), for progress.
    pub size: u64,
}

impl Input {
    /// A file at `path` (`rel` below where it was found), of `size` bytes; its kind read from
    /// its name unless every input is of one kind (`force`).
    fn file(path: PathBuf, rel: PathBuf, size: u64, force: Option<InputKind>) -> Input {
        let (kind, compression) = kind_of(&path, force);
        Input {
            source: InputSource::File(path),
            rel,
            kind,
            compression,
            size,
        }
    }

    /// The name shown to people and written as `source`: the path as the user spelled it
    /// (joined with the file's path below a directory they gave), `-` for stdin. Made when
    /// asked, so a list of a million inputs does not hold each path twice.
    pub fn display(&self) -> String {
        match &self.source {
            InputSource::Stdin => "-".to_string(),
            InputSource::File(p) => display(p),
        }
    }

    pub fn is_stdin(&self) -> bool {
        self.source == InputSource::Stdin
    }

    /// The file it is read from (none for standard input).
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            InputSource::File(p) => Some(p),
            InputSource::Stdin => None,
        }
    }

    /// Reads the whole input (decompressed).
    pub fn read(&self) -> Result<Vec<u8>, Error> {
        self.read_counted(&NOT_COUNTED)
    }

    /// [`Input::read`] that adds the bytes it reads from disk (before decompression) to
    /// `counter`.
    pub fn read_counted(&self, counter: &AtomicU64) -> Result<Vec<u8>, Error> {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut self.open_counted(counter)?, &mut buf)
            .map_err(|e| self.error(e))?;
        Ok(buf)
    }

    /// [`Input::read_counted`], unless the input holds more than `max` bytes: then `Err` with
    /// its size, and at most `max + 1` bytes held at once. A plain file larger than `max` on
    /// disk is not read at all; a compressed one is read to its end to count its bytes.
    pub fn read_at_most(
        &self,
        counter: &AtomicU64,
        max: usize,
    ) -> Result<Result<Vec<u8>, u64>, Error> {
        if self.compression == Compression::None && self.size > max as u64 {
            return Ok(Err(self.size));
        }
        read_at_most(self.open_counted(counter)?, max).map_err(|e| self.error(e))
    }

    /// A reader over the input's bytes (decompressed).
    pub fn open(&self) -> Result<Box<dyn std::io::BufRead + Send>, Error> {
        self.open_counted(&NOT_COUNTED)
    }

    /// [`Input::open`] that adds the bytes it reads from disk (before decompression) to
    /// `counter`, as it reads them: for a progress bar over compressed files.
    pub fn open_counted<'a>(
        &self,
        counter: &'a AtomicU64,
    ) -> Result<Box<dyn std::io::BufRead + Send + 'a>, Error> {
        let raw: Box<dyn std::io::Read + Send> = match &self.source {
            InputSource::Stdin => Box::new(std::io::stdin()),
            InputSource::File(p) => Box::new(std::fs::File::open(p).map_err(|e| self.error(e))?),
        };
        decompressed(
            Box::new(Counted {
                inner: raw,
                counter,
            }),
            self.compression,
        )
        .map_err(|e| self.error(e))
    }

    /// An error about this input.
    pub fn error(&self, e: std::io::Error) -> Error {
        Error::io(self.display(), e)
    }
}

/// All of `reader`'s bytes, unless there are more than `max`: then `Err` with their number,
/// and at most `max + 1` of them held at once (the rest is read and counted).
pub fn read_at_most(
    mut reader: impl std::io::Read,
    max: usize,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    let mut buf = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut reader, max as u64 + 1),
        &mut buf,
    )?;
    if buf.len() <= max {
        return Ok(Ok(buf));
    }
    let rest = std::io::copy(&mut reader, &mut std::io::sink())?;
    Ok(Err(buf.len() as u64 + rest))
}

/// A counter nobody reads, for [`Input::open`].
static NOT_COUNTED: AtomicU64 = AtomicU64::new(0);

/// A reader that adds the bytes read to a counter.
struct Counted<'a, R> {
    inner: R,
    counter: &'a AtomicU64,
}

impl<R: std::io::Read> std::io::Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// How to find inputs.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// File extensions to pick up inside directories (`txt`), when no glob is given.
    pub extensions: Vec<String>,
    /// If set, files inside directories are picked up when their path relative to the
    /// directory matches one of these (instead of the extensions).
    pub globs: Option<GlobSet>,
    /// Files and directories whose relative path matches one of these are left out.
    pub excludes: Option<GlobSet>,
    /// Walk into hidden files and directories (names starting with `.`).
    pub hidden: bool,
    /// Read every input as this kind (otherwise: by name, `*.jsonl` and `*.ndjson` are JSON
    /// Lines, `*.wet` WET, the rest text).
    pub force: Option<InputKind>,
    /// A directory not to read (the output directory).
    pub skip: Option<PathBuf>,
}

/// Kind and compression from a file name: `a.jsonl.gz` → (JSON Lines, gzip); the kind is
/// `force` if given.
fn kind_of(path: &Path, force: Option<InputKind>) -> (InputKind, Compression) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let compression = Compression::of_name(&name);
    let inner = strip_compression(&name);
    let kind = force.unwrap_or(if inner.ends_with(".jsonl") || inner.ends_with(".ndjson") {
        InputKind::Jsonl
    } else if inner.ends_with(".wet") {
        InputKind::Wet
    } else {
        InputKind::Text
    });
    (kind, compression)
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub inputs: Vec<Input>,
    /// Paths that could not be read: failures.
    pub errors: Vec<Error>,
    /// Paths left out on purpose, with the reason (a symbolic link back to a parent, a file
    /// met before under another path).
    pub skipped: Vec<(PathBuf, WalkSkip)>,
    /// Directories given that held no file the options pick up (most likely the wrong `--ext`
    /// or `--glob`).
    pub unmatched: Vec<Unmatched>,
}

/// Why a walk left a path out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkSkip {
    /// A symbolic link to a directory above it.
    LinkLoop,
    /// The same file as an input found before (named twice, in a directory given and by
    /// itself, or through a link): it is read once, as that one.
    SameFile(PathBuf),
}

impl WalkSkip {
    /// A short name for counting skips in a summary.
    pub fn label(&self) -> &'static str {
        match self {
            WalkSkip::LinkLoop => "link loop",
            WalkSkip::SameFile(_) => "read already",
        }
    }
}

impl std::fmt::Display for WalkSkip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WalkSkip::LinkLoop => f.write_str("a symbolic link loop, not followed"),
            WalkSkip::SameFile(first) => {
                write!(f, "the same file as {}, which is read once", display(first))
            }
        }
    }
}

/// What tells one file from another: device and inode where there are such, else the
/// canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileKey {
    fn of(path: &Path, meta: &std::fs::Metadata) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = path;
            Some(FileKey::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            path.canonicalize().ok().map(FileKey::Path)
        }
    }
}

/// A directory given that held no file the options pick up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub dir: PathBuf,
    /// How many files it held.
    pub files: usize,
    /// The extensions of its files that are not picked up (`jsonl` for `a.jsonl.gz`), the most
    /// common first, with their counts; at most three.
    pub extensions: Vec<(String, usize)>,
}

/// The extension a file's name would be picked up by: the last one after any compression
/// suffix (`a.jsonl.gz` → `jsonl`); none for a name without one.
fn extension_of(name: &str) -> Option<&str> {
    let (stem, ext) = strip_compression(name).rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then_some(ext)
}

/// Expands `paths` (files, directories walked recursively, `-` for stdin) into inputs. Files
/// named directly are always kept; inside directories the options choose. Directory entries
/// are sorted by name so the order is the same on every machine; symbolic links are followed
/// (a loop is reported, not followed forever). A file met a second time (named twice, inside
/// a directory given and by itself, or through a link) is read once, where it was met first,
/// and reported as skipped. Errors (a path that does not exist, an unreadable directory) are
/// returned beside the inputs.
pub fn collect_inputs(paths: &[PathBuf], opts: &WalkOptions) -> Walk {
    let mut inputs: Vec<Input> = Vec::new();
    // Each file's key and the index of the input it is.
    let mut seen: std::collections::HashMap<FileKey, usize> = Default::default();
    let mut first_time = |key: Option<FileKey>, inputs: &[Input]| -> Result<(), PathBuf> {
        let Some(key) = key else { return Ok(()) };
        match seen.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => Err(inputs[*e.get()]
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_default()),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(inputs.len());
                Ok(())
            }
        }
    };
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut unmatched = Vec::new();
    let skip = opts.skip.as_ref().and_then(|s| s.canonicalize().ok());
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                source: InputSource::Stdin,
                rel: PathBuf::from("stdin.txt"),
                kind: opts.force.unwrap_or(InputKind::Text),
                compression: Compression::None,
                size: 0,
            });
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(path, e));
                continue;
            }
        };
        if !meta.is_dir() {
            let rel = path
                .file_name()
                .map_or_else(|| PathBuf::from("input.txt"), PathBuf::from);
            match first_time(FileKey::of(path, &meta), &inputs) {
                Ok(()) => inputs.push(Input::file(path.clone(), rel, meta.len(), opts.force)),
                Err(first) => skipped.push((path.clone(), WalkSkip::SameFile(first))),
            }
            continue;
        }
        if skip.is_some() && path.canonicalize().ok() == skip {
            errors.push(Error::Path {
                path: path.clone(),
                message: "is also the output directory: its outputs would be written over its \
                          inputs (name another directory with -o)",
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let rel = e.path().strip_prefix(path).unwrap_or(e.path());
                let hidden =
                    e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
                let excluded =
                    e.depth() > 0 && opts.excludes.as_ref().is_some_and(|x| x.is_match(rel));
                // The output directory is a directory: files need no lookup.
                let is_skip = skip.as_ref().is_some_and(|s| {
                    e.file_type().is_dir() && e.path().canonicalize().is_ok_and(|c| &c == s)
                });
                let hidden_ok = !hidden || opts.hidden;
                hidden_ok && !excluded && !is_skip
            });
        // Files seen, and files the options pick up (read already or not: a directory named
        // twice is not one of none).
        let (mut files, mut picked) = (0, 0);
        // The extensions of files left out, for the warning about a directory of none.
        let mut left_out: std::collections::BTreeMap<String, usize> = Default::default();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e.path().map_or_else(|| path.clone(), Path::to_path_buf);
                    if e.loop_ancestor().is_some() {
                        skipped.push((p, WalkSkip::LinkLoop));
                        continue;
                    }
                    let io = match e.into_io_error() {
                        Some(io) => io,
                        None => std::io::Error::other("cannot be walked"),
                    };
                    errors.push(Error::io(p, io));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            files += 1;
            let p = entry.path();
            let rel = p.strip_prefix(path).unwrap_or(p).to_path_buf();
            let wanted = match &opts.globs {
                Some(globs) => globs.is_match(&rel),
                None => {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().to_lowercase())
                        .unwrap_or_default();
                    let name = strip_compression(&name);
                    opts.extensions
                        .iter()
                        .any(|x| name.ends_with(&format!(".{}", x.to_lowercase())))
                }
            };
            if !wanted {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                if let Some(ext) = extension_of(&name.to_lowercase())
                    && (left_out.len() < 64 || left_out.contains_key(ext))
                {
                    *left_out.entry(ext.to_string()).or_default() += 1;
                }
                continue;
            }
            picked += 1;
            let meta = entry.metadata().ok();
            let key = meta.as_ref().and_then(|m| FileKey::of(p, m));
            match first_time(key, &inputs) {
                Ok(()) => {
                    let size = meta.map_or(0, |m| m.len());
                    inputs.push(Input::file(p.to_path_buf(), rel, size, opts.force));
                }
                Err(first) => skipped.push((p.to_path_buf(), WalkSkip::SameFile(first))),
            }
        }
        if picked == 0 {
            let mut extensions: Vec<(String, usize)> = left_out.into_iter().collect();
            extensions.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            extensions.truncate(3);
            unmatched.push(Unmatched {
                dir: path.clone(),
                files,
                extensions,
            });
        }
    }
    Walk {
        inputs,
        errors,
        skipped,
        unmatched,
    }
}

/// A path for people: forward slashes on every platform.
fn display(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compressed input counts the bytes read from disk, not the text they decompress to.
    #[test]
    fn a_counted_read_counts_the_bytes_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.txt.zst");
        let text = "A line of a page that repeats.\n".repeat(1000);
        let compressed = zstd::encode_all(text.as_bytes(), 3).unwrap();
        std::fs::write(&path, &compressed).unwrap();
        let walk = collect_inputs(std::slice::from_ref(&path), &WalkOptions::default());
        let counter = AtomicU64::new(0);
        let read = walk.inputs[0].read_counted(&counter).unwrap();
        assert_eq!(read, text.as_bytes());
        assert_eq!(counter.load(Ordering::Relaxed), compressed.len() as u64);
    }

    /// Over the limit, a plain file is not read at all; a compressed one is read to its end
    /// (to give its size) without keeping more than the limit.
    #[test]
    fn an_input_over_the_limit_gives_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let text = "A line of a page that repeats.\n".repeat(1000);
        let plain = dir.path().join("page.txt");
        std::fs::write(&plain, &text).unwrap();
        let packed = dir.path().join("page.txt.zst");
        std::fs::write(&packed, zstd::encode_all(text.as_bytes(), 3).unwrap()).unwrap();
        let walk = collect_inputs(&[plain, packed], &WalkOptions::default());
        for input in &walk.inputs {
            let counter = AtomicU64::new(0);
            let read = input.read_at_most(&counter, 100).unwrap();
            assert_eq!(read, Err(text.len() as u64));
            let read_from_disk = counter.load(Ordering::Relaxed);
            match input.compression {
                Compression::None => assert_eq!(read_from_disk, 0),
                _ => assert_eq!(read_from_disk, input.size),
            }
            let whole = input.read_at_most(&counter, text.len()).unwrap();
            assert_eq!(whole.as_deref(), Ok(text.as_bytes()));
        }
    }
}
