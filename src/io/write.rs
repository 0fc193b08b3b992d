//! Atomic writes: a temporary file in the target's directory, renamed over the target.
use super::compress::Compression;
use crate::error::Error;
use flate2::write::GzEncoder;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes `bytes` to `path` so that a reader sees either the old file or the whole new one,
/// never a part. Creates the parent directories.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write`: if it fails (or the process
/// stops) the target is left as it was and the temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    write(&mut file).map_err(|e| Error::io(path, e))?;
    file.commit()
}

/// A file written piece by piece into a temporary file beside it (`.rinse-*.tmp`) and renamed
/// into place by [`AtomicFile::commit`], so that a reader sees either the old file or the
/// whole new one. Dropped without a commit (an error, a stopped run), it removes the temporary
/// file and leaves the target as it was. A target named `*.gz` is written gzip-compressed, one
/// named `*.zst` (or `*.zstd`) Zstandard-compressed.
pub struct AtomicFile {
    path: PathBuf,
    sink: Sink,
}

enum Sink {
    Plain(BufWriter<NamedTempFile>),
    Gzip(GzEncoder<BufWriter<NamedTempFile>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<NamedTempFile>>),
}

/// The directory a file of `path` is in (`.` for a bare name).
fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

impl AtomicFile {
    /// Starts the file that will be `path`, creating its parent directories.
    pub fn create(path: &Path) -> Result<AtomicFile, Error> {
        // Found now, not when the finished file cannot be renamed over it.
        if path.is_dir() {
            return Err(Error::Path {
                path: path.to_path_buf(),
                message: "is a directory, not a file",
            });
        }
        let dir = dir_of(path);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let tmp = tempfile::Builder::new()
            .prefix(".rinse-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, e))?;
        let out = BufWriter::with_capacity(1 << 16, tmp);
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let sink = match Compression::of_name(&name) {
            Compression::None => Sink::Plain(out),
            // The fastest level: an output is several times its input, and compressing it
            // harder would take longer than cleaning it.
            Compression::Gzip => Sink::Gzip(GzEncoder::new(out, flate2::Compression::fast())),
            // Zstandard's default level is both quicker and smaller than gzip's fastest.
            Compression::Zstd => Sink::Zstd(
                zstd::stream::write::Encoder::new(out, zstd::DEFAULT_COMPRESSION_LEVEL)
                    .map_err(|e| Error::io(path, e))?,
            ),
        };
        Ok(AtomicFile {
            path: path.to_path_buf(),
            sink,
        })
    }

    /// Finishes the file and renames it over the target. It gets the permissions of the file
    /// it replaces, or the usual 0644 (a temporary file is private, 0600).
    pub fn commit(self) -> Result<(), Error> {
        let path = self.path;
        let out = match self.sink {
            Sink::Plain(out) => out,
            Sink::Gzip(gz) => gz.finish().map_err(|e| Error::io(&path, e))?,
            Sink::Zstd(zst) => zst.finish().map_err(|e| Error::io(&path, e))?,
        };
        let tmp = out
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        let permissions = match std::fs::metadata(&path) {
            Ok(m) => m.permissions(),
            Err(_) => default_permissions(),
        };
        tmp.as_file()
            .set_permissions(permissions)
            .map_err(|e| Error::io(&path, e))?;
        tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }

    /// The file it will be.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A scratch file beside it, without a name (it is gone when closed, even by a stopped
    /// run): for content to be read back before it is written here.
    pub fn scratch(&self) -> Result<std::fs::File, Error> {
        let dir = dir_of(&self.path);
        tempfile::tempfile_in(dir).map_err(|e| Error::io(dir, e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.sink {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
            Sink::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Plain(w) => w.write_all(buf),
            Sink::Gzip(w) => w.write_all(buf),
            Sink::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
            Sink::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    // Elsewhere a new file's default permissions are those of a fresh file.
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("a temporary file can be made")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_neither_a_partial_file_nor_a_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out/a.json");
        write_atomic(&target, b"old").unwrap();
        let e = write_atomic_with(&target, |w| {
            w.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(e.to_string().contains("a.json") && e.to_string().contains("disk full"));
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["a.json"]);
        write_atomic(&dir.path().join("new.txt"), b"x").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("new.txt"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn gz_and_zst_targets_are_compressed_and_an_uncommitted_file_leaves_nothing() {
        use std::io::Read;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl.gz");
        let mut f = AtomicFile::create(&target).unwrap();
        writeln!(f, "{{\"a\": 1}}").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&target).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "{\"a\": 1}\n");
        let zst = dir.path().join("out.jsonl.zst");
        let mut f = AtomicFile::create(&zst).unwrap();
        writeln!(f, "{{\"a\": 2}}").unwrap();
        f.commit().unwrap();
        let bytes = zstd::decode_all(std::fs::File::open(&zst).unwrap()).unwrap();
        assert_eq!(bytes, b"{\"a\": 2}\n");
        let mut g = AtomicFile::create(&dir.path().join("never.jsonl")).unwrap();
        g.write_all(b"half").unwrap();
        drop(g);
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        left.sort();
        assert_eq!(left, ["out.jsonl.gz", "out.jsonl.zst"]);
    }
}
