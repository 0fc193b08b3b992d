//! `rinse clean`: the main job.
use super::report::ReportSink;
use super::run::{Item, Run};
use super::{CleanArgs, Format};
use anyhow::{Context as _, bail};
use rinse::Cleaned;
use rinse::io::{AtomicFile, Input, write_atomic};
use std::collections::HashSet;
use std::io::{BufRead, Seek, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where a document's output went (to take it back if it turns out to be a copy).
enum Placed {
    File(PathBuf),
    Line(usize),
    /// A line (from 0) of a JSON Lines output under `-o DIR` ([`Shards::paths`]).
    ShardLine(usize, usize),
    /// Nowhere: it was not written (its output collided with another's, or was its input).
    Nowhere,
}

/// Where the cleaned documents go.
enum Output {
    /// One file per input under a directory, mirroring the input tree: an article per text
    /// input, a JSON Lines file per JSON Lines or WET input.
    Tree(PathBuf),
    /// One JSON record per document in a file (written atomically at the end).
    JsonlFile(Box<JsonlOut>),
    /// Standard output: the article of a single text input.
    Single,
    /// `-o FILE` for a single text input: the article, in that file.
    File(PathBuf),
    /// Standard output: JSON Lines.
    Lines,
}

/// Where the JSON Lines output goes while the run lasts.
enum JsonlOut {
    /// Straight into the output file.
    Direct(AtomicFile),
    /// With `--dedup`, into a scratch file first: copies found at the end take out lines written
    /// before. At the end the lines are copied into the output file without them, streaming.
    Staged {
        file: AtomicFile,
        scratch: std::io::BufWriter<std::fs::File>,
    },
}

impl JsonlOut {
    fn create(path: &Path, staged: bool) -> anyhow::Result<JsonlOut> {
        let file = AtomicFile::create(path)?;
        if !staged {
            return Ok(JsonlOut::Direct(file));
        }
        let scratch = file.scratch().context("creating a scratch file")?;
        Ok(JsonlOut::Staged {
            file,
            scratch: std::io::BufWriter::with_capacity(1 << 16, scratch),
        })
    }

    /// Writes one record and its newline.
    fn write_line(&mut self, line: &str) -> anyhow::Result<()> {
        let w: &mut dyn Write = match self {
            JsonlOut::Direct(file) => file,
            JsonlOut::Staged { scratch, .. } => scratch,
        };
        let written = w
            .write_all(line.as_bytes())
            .and_then(|()| w.write_all(b"\n"));
        written.with_context(|| format!("writing {}", self.path().display()))
    }

    fn path(&self) -> &Path {
        match self {
            JsonlOut::Direct(file) | JsonlOut::Staged { file, .. } => file.path(),
        }
    }

    /// Writes the output file, without the lines (0-based) in `drop`, and renames it into place.
    fn finish(self, drop: &HashSet<usize>) -> anyhow::Result<()> {
        let (mut file, scratch) = match self {
            JsonlOut::Direct(file) => return Ok(file.commit()?),
            JsonlOut::Staged { file, scratch } => (file, scratch),
        };
        let path = file.path().to_path_buf();
        let context = || format!("reading back the lines of {}", path.display());
        let mut scratch = scratch
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(context)?;
        scratch
            .seek(std::io::SeekFrom::Start(0))
            .with_context(context)?;
        let lines = std::io::BufReader::with_capacity(1 << 16, scratch);
        copy_lines_except(lines, &mut file, drop, &path)?;
        Ok(file.commit()?)
    }
}

/// Copies the lines of `from` to `to`, but those (0-based) in `drop`; `path` names the output
/// in errors.
fn copy_lines_except(
    mut from: impl BufRead,
    to: &mut impl Write,
    drop: &HashSet<usize>,
    path: &Path,
) -> anyhow::Result<()> {
    let mut line = Vec::new();
    for k in 0.. {
        line.clear();
        let read = from.read_until(b'\n', &mut line);
        if read.with_context(|| format!("reading back the lines of {}", path.display()))? == 0 {
            break;
        }
        if !drop.contains(&k) {
            to.write_all(&line)
                .with_context(|| format!("writing {}", path.display()))?;
        }
    }
    Ok(())
}

/// Where a JSON Lines or WET input's records go under `-o DIR`: its path below its input root,
/// named `.jsonl` and compressed as the input was (`crawl/part-7.warc.wet.gz` →
/// `DIR/crawl/part-7.jsonl.gz`).
struct ShardTarget {
    path: PathBuf,
    /// The input, as people see it.
    input: String,
    /// The file it is read from, which is never written over.
    file: Option<PathBuf>,
}

impl ShardTarget {
    /// Whether its output may be written (see [`not_writable`]); if not, says why on standard
    /// error.
    fn may_write(&self, written: &mut HashSet<u128>) -> bool {
        let why = not_writable(&self.path, self.file.as_deref(), written);
        if let Some(why) = why {
            eprintln!(
                "rinse: {}: output {} {why}",
                self.input,
                self.path.display()
            );
        }
        why.is_none()
    }

    fn of(dir: &Path, input: &Input) -> ShardTarget {
        let path = match input.rel.to_str() {
            Some(rel) => {
                let stem = rinse::io::strip_compression(rel);
                let compressed = &rel[stem.len()..];
                let stem = [".warc.wet", ".wet", ".jsonl", ".ndjson", ".txt"]
                    .iter()
                    .find_map(|x| {
                        let cut = stem.len().checked_sub(x.len())?;
                        let tail = stem.get(cut..)?;
                        tail.eq_ignore_ascii_case(x).then(|| &stem[..cut])
                    })
                    .unwrap_or(stem);
                dir.join(format!("{stem}.jsonl{compressed}"))
            }
            None => dir.join(&input.rel).with_extension("jsonl"),
        };
        ShardTarget {
            path,
            input: input.display(),
            file: input.path().map(Path::to_path_buf),
        }
    }
}

/// The JSON Lines outputs of record inputs under `-o DIR`, written one at a time as the inputs'
/// records come (in input order), each committed when the next input begins.
struct Shards<'a> {
    targets: &'a [Option<ShardTarget>],
    /// The input being written, and its file (none if it is not written: its output collided
    /// with another's, or is its input).
    current: Option<(usize, Option<AtomicFile>)>,
    /// The outputs opened so far ([`Placed::ShardLine`] indexes them), and the lines written
    /// to the last.
    paths: Vec<PathBuf>,
    lines: usize,
    /// Per input: whether its output was started (or refused).
    opened: Vec<bool>,
}

impl<'a> Shards<'a> {
    fn new(targets: &'a [Option<ShardTarget>]) -> Self {
        Shards {
            targets,
            current: None,
            paths: Vec::new(),
            lines: 0,
            opened: vec![false; targets.len()],
        }
    }

    /// Writes one line of `item`'s input's output, starting that output (and finishing the one
    /// before) if it is a new input. Returns where it went, and 1 if the input's output could
    /// not be started (named on standard error, once per input), else 0.
    fn write(
        &mut self,
        item: &Item,
        line: &str,
        written: &mut HashSet<u128>,
    ) -> anyhow::Result<(Placed, usize)> {
        let input = item.record.as_ref().expect("a record").input;
        let mut failed = 0;
        if self.current.as_ref().is_none_or(|(n, _)| *n != input) {
            self.commit()?;
            self.opened[input] = true;
            let target = self.targets[input].as_ref().expect("a record input");
            let file = match target.may_write(written) {
                true => Some(AtomicFile::create(&target.path)?),
                false => None,
            };
            failed = usize::from(file.is_none());
            if file.is_some() {
                self.paths.push(target.path.clone());
                self.lines = 0;
            }
            self.current = Some((input, file));
        }
        let Some((_, Some(file))) = &mut self.current else {
            return Ok((Placed::Nowhere, failed));
        };
        file.write_all(line.as_bytes())
            .and_then(|()| file.write_all(b"\n"))
            .with_context(|| format!("writing {}", file.path().display()))?;
        self.lines += 1;
        Ok((
            Placed::ShardLine(self.paths.len() - 1, self.lines - 1),
            failed,
        ))
    }

    /// Writes an empty output for each record input that `wanted` and that wrote no line;
    /// returns how many could not be written (named on standard error).
    fn write_empty(
        &mut self,
        wanted: impl Fn(usize) -> bool,
        written: &mut HashSet<u128>,
    ) -> anyhow::Result<usize> {
        self.commit()?;
        let mut failed = 0;
        for (n, target) in self.targets.iter().enumerate() {
            let Some(target) = target else { continue };
            if self.opened[n] || !wanted(n) {
                continue;
            }
            match target.may_write(written) {
                true => AtomicFile::create(&target.path)?.commit()?,
                false => failed += 1,
            }
        }
        Ok(failed)
    }

    /// Commits the output being written, if any.
    fn commit(&mut self) -> anyhow::Result<()> {
        if let Some((_, Some(file))) = self.current.take() {
            file.commit()?;
        }
        Ok(())
    }

    /// Commits the last output; returns the paths of all of them.
    fn finish(mut self) -> anyhow::Result<Vec<PathBuf>> {
        self.commit()?;
        Ok(self.paths)
    }
}

/// Rewrites a JSON Lines output (compressed as its name says) without the lines in `drop`.
fn drop_from_shard(path: &Path, drop: &HashSet<usize>) -> anyhow::Result<()> {
    let name = path.to_string_lossy();
    let raw = std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?;
    let lines = rinse::io::decompressed(Box::new(raw), rinse::io::Compression::of_name(&name))
        .with_context(|| format!("reading {}", path.display()))?;
    let mut file = AtomicFile::create(path)?;
    copy_lines_except(lines, &mut file, drop, path)?;
    Ok(file.commit()?)
}

/// Whether `-o PATH` names one output file rather than a directory: a path that is not a
/// directory and ends in an extension of an output format (`clean.txt`, `page.json`, `a.md`,
/// also with `.gz` or `.zst`). Its extension must be the one of `--format` (an error
/// otherwise), so that JSON never lands in a `.txt` file.
fn names_a_file(path: &Path, format: Format) -> Option<anyhow::Result<()>> {
    // `clean.txt.gz` is a file too, written compressed.
    let name = path.to_str()?.to_ascii_lowercase();
    let name = rinse::io::strip_compression(&name);
    let ext = Path::new(name).extension()?.to_str()?;
    let of = |f: Format| -> &[&str] {
        match f {
            Format::Json => &["json"],
            Format::Text => &["txt", "text"],
            Format::Markdown => &["md", "markdown"],
        }
    };
    let named = [Format::Json, Format::Text, Format::Markdown]
        .into_iter()
        .find(|&f| of(f).contains(&ext))?;
    if path.is_dir() {
        return None;
    }
    Some(if named == format {
        Ok(())
    } else {
        Err(anyhow::anyhow!(
            "-o {}: --format {} writes .{}; give --format {} or name a .{} file",
            path.display(),
            format.name(),
            format.extension(),
            named.name(),
            format.extension()
        ))
    })
}

/// `*.jsonl` and `*.ndjson`, also compressed (`.gz`, `.zst`).
fn is_jsonl_path(p: &Path) -> bool {
    let name = p.to_string_lossy().to_lowercase();
    let name = rinse::io::strip_compression(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let config = args.input.config()?;
    let file_out = match args.output.as_deref() {
        Some(p) => names_a_file(p, args.format).transpose()?.map(|()| p),
        None => None,
    };
    let tree_dir = args
        .output
        .as_deref()
        .filter(|p| !is_jsonl_path(p) && file_out.is_none());
    if let (Some(out), Some(report)) = (&args.output, &args.report)
        && (out == report || same_file::is_same_file(out, report).unwrap_or(false))
    {
        bail!(
            "--report {} is also the output (-o): name two files",
            report.display()
        );
    }
    let mut run = Run::new(&config, &args.input, tree_dir)?;
    // A mirrored tree's outputs are checked one by one as they are written.
    run.refuse_inputs_as_outputs(
        args.output
            .as_deref()
            .filter(|_| tree_dir.is_none())
            .into_iter()
            .chain(args.report.as_deref()),
    )?;
    run.dedup_paragraphs = args.dedup_paragraphs;
    let mut output = match &args.output {
        Some(p) if file_out.is_some() => {
            let one_file = args.input.files_from.is_none()
                && matches!(args.input.paths.as_slice(), [one] if !one.is_dir())
                && !run.has_records();
            if !one_file {
                bail!(
                    "-o {} names a file, but it takes the article of one text file: for several inputs name a directory (or FILE.jsonl)",
                    p.display()
                );
            }
            Output::File(p.to_path_buf())
        }
        Some(p) if is_jsonl_path(p) => {
            Output::JsonlFile(Box::new(JsonlOut::create(p, args.dedup)?))
        }
        Some(dir) => Output::Tree(dir.clone()),
        None if run.inputs.len() == 1 && !run.has_records() => Output::Single,
        None => {
            if args.format != Format::Json && run.has_records() {
                bail!(
                    "JSON Lines (or WET) input is cleaned into JSON Lines (one record per document): --format {} needs text files",
                    args.format.name()
                );
            }
            if args.format != Format::Json {
                bail!(
                    "{} inputs without -o print JSON Lines: use --format json, or -o DIR to write one .{} file per input",
                    run.inputs.len(),
                    args.format.extension()
                );
            }
            Output::Lines
        }
    };
    if args.dedup && !matches!(output, Output::Tree(_) | Output::JsonlFile(..)) {
        bail!("--dedup needs -o DIR or -o FILE.jsonl (copies found at the end are not written)");
    }
    let signer = args
        .dedup
        .then(|| rinse::dedup::Signer::new(&super::dedup::config(args.keep)));
    // With --dedup: each cleaned document's name, signature, and where its output went (a
    // file, or a line of the JSON Lines output).
    let mut names = super::run::DocNames::default();
    let mut sigs: Vec<rinse::dedup::Signature> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    let mut jsonl_lines = 0usize;
    if args.skip_existing && !matches!(output, Output::Tree(_)) {
        bail!("--skip-existing needs -o DIR (it skips inputs whose output file exists)");
    }
    let tree = match &output {
        Output::Tree(dir) => Some(dir.clone()),
        _ => None,
    };
    // Under -o DIR, each JSON Lines or WET input's records go to a JSON Lines file of its own.
    let shard_targets: Vec<Option<ShardTarget>> = match &tree {
        Some(dir) => run
            .inputs
            .iter()
            .map(|input| {
                input
                    .kind
                    .has_records()
                    .then(|| ShardTarget::of(dir, input))
            })
            .collect(),
        None => Vec::new(),
    };
    let mut shards = Shards::new(&shard_targets);
    // --skip-existing skips the outputs that were there when the run started; an output this
    // run writes is not a reason to skip another input (two inputs named alike collide, and
    // the collision is reported below).
    let existing = match (&tree, args.skip_existing) {
        (Some(dir), true) => existing_outputs(dir),
        _ => HashSet::new(),
    };
    let already_done = std::sync::atomic::AtomicUsize::new(0);
    // Whether an item's output was there when the run started. Without --skip-existing the set
    // is empty: no path to build.
    let output_existed = |item: &Item| {
        !existing.is_empty()
            && tree.as_ref().is_some_and(|dir| {
                let target = match &item.record {
                    Some(r) => shard_targets[r.input].as_ref().map(|t| path_key(&t.path)),
                    None => Some(path_key(&output_path(dir, item, args.format))),
                };
                target.is_some_and(|t| existing.contains(&t))
            })
    };
    let wanted = |item: &Item| {
        let done = output_existed(item);
        if done {
            already_done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        !done
    };
    let mut report = args
        .report
        .as_deref()
        .map(ReportSink::for_path)
        .transpose()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // The outputs written so far (as path keys: 16 bytes a file), to catch two inputs that
    // would write the same one.
    let mut written: HashSet<u128> = HashSet::new();
    let mut failed = 0usize;
    let format = args.format;
    let jsonl_out = matches!(output, Output::JsonlFile(..) | Output::Lines);
    // Under -o DIR, records are written as JSON Lines too.
    let all_records = run.inputs.iter().all(|i| i.kind.has_records());
    if args.slim && !jsonl_out && !(tree.is_some() && all_records) {
        bail!(
            "--slim is for JSON Lines output (-o FILE.jsonl, several inputs without -o, or -o DIR for JSON Lines or WET inputs)"
        );
    }
    let slim = args.slim;
    let prepare = |item: &Item, cleaned: &Cleaned| {
        let rendered = if jsonl_out || item.record.is_some() {
            record_line(item, Some(cleaned), format, slim)
        } else {
            render(cleaned, format)
        };
        let sig = signer.as_ref().map(|s| super::dedup::sign(s, cleaned));
        (rendered, sig)
    };
    run.each(wanted, prepare, |item, result| {
        let Some((cleaned, (rendered, sig))) = result else {
            if item.error.is_some() {
                // A record that holds no document (named and counted by the run) still gets
                // its line, with the error.
                let line = record_line(item, None, format, slim);
                match &mut output {
                    Output::JsonlFile(j) => {
                        j.write_line(&line)?;
                        jsonl_lines += 1;
                    }
                    Output::Lines => writeln!(out, "{line}")?,
                    // Not into an output that --skip-existing keeps.
                    Output::Tree(_) if !output_existed(item) => {
                        failed += shards.write(item, &line, &mut written)?.1;
                    }
                    _ => {}
                }
            }
            return Ok(());
        };
        if let Some(r) = report.as_mut() {
            r.add(&cleaned, &item.bytes)?;
        }
        let place = match &mut output {
            Output::Tree(_) if item.record.is_some() => {
                let (place, shard_failed) = shards.write(item, &rendered, &mut written)?;
                failed += shard_failed;
                place
            }
            Output::Tree(dir) => {
                let target = output_path(dir, item, format);
                if let Some(why) = not_writable(&target, item.file.as_deref(), &mut written) {
                    eprintln!("rinse: {}: output {} {why}", item.display, target.display());
                    failed += 1;
                    Placed::Nowhere
                } else if let Err(e) = write_atomic(&target, rendered.as_bytes()) {
                    eprintln!("rinse: {}: {e}", item.display);
                    failed += 1;
                    Placed::Nowhere
                } else {
                    Placed::File(target)
                }
            }
            Output::JsonlFile(j) => {
                j.write_line(&rendered)?;
                jsonl_lines += 1;
                Placed::Line(jsonl_lines - 1)
            }
            Output::Single => {
                out.write_all(rendered.as_bytes())?;
                Placed::Nowhere
            }
            Output::File(path) => {
                if let Err(e) = write_atomic(path, rendered.as_bytes()) {
                    eprintln!("rinse: {}: {e}", item.display);
                    failed += 1;
                }
                Placed::Nowhere
            }
            Output::Lines => {
                writeln!(out, "{rendered}")?;
                Placed::Nowhere
            }
        };
        // With --dedup: the document's name, signature and output, to take back a copy's.
        if let Some(sig) = sig {
            names.push(item);
            sigs.push(sig);
            placed.push(place);
        }
        Ok(())
    })?;
    out.flush()?;
    // A record input that gave no line (no records, or all set aside) still gets its file, so
    // that --skip-existing knows it done; not one that could not be read, nor one kept.
    let wrote_none = |n: usize| {
        !run.unreadable.contains(&n)
            && shard_targets[n]
                .as_ref()
                .is_some_and(|t| !existing.contains(&path_key(&t.path)))
    };
    failed += shards.write_empty(wrote_none, &mut written)?;
    let shard_paths = shards.finish()?;
    // Copies found across the dump: their outputs go, and they are listed.
    let mut drop_lines = std::collections::HashSet::new();
    let mut drop_shard_lines: std::collections::BTreeMap<usize, HashSet<usize>> =
        Default::default();
    if let Some(signer) = &signer {
        let names = std::mem::take(&mut names).finish(&run.inputs);
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let clusters = rinse::dedup::cluster(&sigs, &refs, signer.config());
        for d in &clusters.duplicates {
            eprintln!(
                "rinse: {}: duplicate of {} ({}, similarity {:.2}); not written",
                names[d.doc],
                names[d.representative],
                d.method.name(),
                d.similarity
            );
            match &placed[d.doc] {
                Placed::File(path) => {
                    std::fs::remove_file(path)
                        .with_context(|| format!("removing the copy {}", path.display()))?;
                }
                Placed::Line(k) => {
                    drop_lines.insert(*k);
                }
                Placed::ShardLine(shard, k) => {
                    drop_shard_lines.entry(*shard).or_default().insert(*k);
                }
                Placed::Nowhere => {}
            }
            if let Some(r) = report.as_mut() {
                r.add_duplicate(&names[d.doc], &names[d.representative], d)?;
            }
        }
        if !args.input.quiet {
            eprintln!("{}", super::dedup::summary(&clusters));
        }
    }
    if let Output::JsonlFile(j) = output {
        j.finish(&drop_lines)?;
    }
    for (shard, drop) in &drop_shard_lines {
        drop_from_shard(&shard_paths[*shard], drop)?;
    }
    let already_done = already_done.into_inner();
    if already_done > 0 {
        run.skipped
            .insert("output exists".to_string(), already_done);
    }
    let failed = failed + run.failed;
    if let (Some(r), Some(path)) = (report, &args.report) {
        r.finish(path, failed)?;
    }
    if !args.input.quiet && args.output.is_some() {
        run.failed = failed;
        eprintln!("{}", run.summary_line());
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Where an input's output goes under an output directory: its path below its input root,
/// without a compression suffix, with the format's extension (`a/page.txt.gz` →
/// `a/page.json`).
fn output_path(dir: &Path, item: &Item, format: Format) -> PathBuf {
    let rel = match item.rel.to_str() {
        Some(rel) => Path::new(rinse::io::strip_compression(rel)),
        None => &item.rel,
    };
    dir.join(rel).with_extension(format.extension())
}

/// Why a mirrored output cannot be written at `target` (and it counts it as written if it
/// can): another input of the run wrote it already, or it is the file `source` its input was
/// read from (`rinse clean dir/a.txt -o dir`), which rinse never writes over (looked up only
/// when the target exists).
fn not_writable(
    target: &Path,
    source: Option<&Path>,
    written: &mut HashSet<u128>,
) -> Option<&'static str> {
    if !written.insert(path_key(target)) {
        return Some("was already written by another input; skipped");
    }
    let own = source.is_some_and(|file| {
        target.symlink_metadata().is_ok() && same_file::is_same_file(file, target).unwrap_or(false)
    });
    own.then_some("is this input: not written over")
}

/// The files (and links) under an output directory (none if it does not exist yet), as path
/// keys.
fn existing_outputs(dir: &Path) -> HashSet<u128> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| path_key(e.path()))
        .collect()
}

/// A path as a key of 16 bytes, whatever its length (a set of them stays small for a dump of
/// millions of files).
fn path_key(path: &Path) -> u128 {
    xxhash_rust::xxh3::xxh3_128(path.as_os_str().as_encoded_bytes())
}

fn render(cleaned: &Cleaned, format: Format) -> String {
    match format {
        Format::Json => cleaned.to_json_pretty(),
        Format::Text => cleaned.article.to_text(),
        Format::Markdown => cleaned.article.to_markdown(),
    }
}

/// One line of JSON Lines output. For a text input: its JSON record (with `slim`, the short
/// record with the clean text in it). For a JSON Lines record: its own fields untouched, the
/// clean text (Markdown with `--format markdown`) under `text`, and the JSON record (or the
/// short one) under `rinse`; or, for a record that held no document, its fields with `error`
/// and `line`.
fn record_line(item: &Item, cleaned: Option<&Cleaned>, format: Format, slim: bool) -> String {
    let text_of = |c: &Cleaned| match format {
        Format::Markdown => c.article.to_markdown(),
        _ => c.article.to_text(),
    };
    let Some(record) = &item.record else {
        return match cleaned {
            Some(c) if slim => json(&c.slim_record(Some(&text_of(c)))),
            Some(c) => c.to_json_line(),
            None => String::new(),
        };
    };
    // rinse's own fields, as JSON; they replace input fields of the same name.
    let ours: Vec<(&str, String)> = match cleaned {
        Some(c) => {
            vec![
                ("text", json(&text_of(c))),
                // Serialized straight from the record (no `Value` tree in between), so its keys
                // come in schema order, as in `--format json`.
                (
                    "rinse",
                    if slim {
                        json(&c.slim_record(None))
                    } else {
                        c.to_json_line()
                    },
                ),
            ]
        }
        None => vec![
            ("error", json(&item.error.clone().unwrap_or_default())),
            ("line", record.line.to_string()),
        ],
    };
    // All keys in the order a JSON map sorts them.
    let mut parts: std::collections::BTreeMap<&str, String> = record
        .fields
        .iter()
        .map(|(k, v)| (k.as_str(), json(v)))
        .collect();
    for (k, v) in ours {
        parts.insert(k, v);
    }
    let mut out = String::with_capacity(parts.values().map(|v| v.len() + 16).sum());
    out.push('{');
    for (n, (k, v)) in parts.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&json(k));
        out.push(':');
        out.push_str(v);
    }
    out.push('}');
    out
}

/// One value as compact JSON.
fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("a JSON value serializes")
}
