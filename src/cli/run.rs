//! Running the pipeline over the inputs of one call (one dump): a first pass for the dump-wide
//! statistics, then cleaning, both in parallel over chunks of documents and both streaming,
//! with results handed on in input order whatever the thread count. Shared by every
//! subcommand.
use super::InputArgs;
use anyhow::Context as _;
use globset::{Glob, GlobSet, GlobSetBuilder};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use rinse::dedup::ParagraphRepeats;
use rinse::dump::DocHashes;
use rinse::io::{
    DecodeOptions, Input, InputKind, JsonlReader, LineError, Skip, WalkOptions, WetReader,
    WetRecord, collect_inputs, decode, parse_record,
};
use rinse::report::Summary;
use rinse::{Cleaned, Config, Document, DumpStats, Pipeline};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Documents handed to the threads at once, and their bytes at most: enough to keep every
/// core busy, little enough to bound memory.
const CHUNK_DOCS: usize = 512;
const CHUNK_BYTES: usize = 32 << 20;

/// What a record (of JSON Lines, or WET) carried besides its text.
#[derive(Debug, Clone)]
pub struct RecordInfo {
    /// The input it is a record of (an index into [`Run::inputs`]).
    pub input: usize,
    pub line: usize,
    pub fields: Map<String, Value>,
}

/// One document to clean: a text file, or a record of a JSON Lines file.
#[derive(Debug)]
pub struct Item {
    /// Its name for people and for the `source` field: the path, or `path:LINE` / the id.
    pub display: String,
    /// Its path relative to its input directory, for mirrored outputs.
    pub rel: PathBuf,
    /// The file it was read from (a text file; not standard input or a record).
    pub file: Option<PathBuf>,
    pub bytes: Vec<u8>,
    /// Set for a JSON Lines record.
    pub record: Option<RecordInfo>,
    /// Set for a record that holds no document (malformed, no text): why.
    pub error: Option<String>,
    /// For a record that holds no document: where it is, `path:LINE` (whatever its id).
    /// Empty otherwise.
    pub at: String,
    /// For a text input over `--max-bytes`: its size (its bytes are not read, or not kept).
    pub too_large: Option<u64>,
}

impl Item {
    /// Names a record that holds no document on standard error; 1 if it did, else 0 (to count
    /// the failures).
    fn tell_failure(&self) -> usize {
        self.failure().map_or(0, |failure| {
            eprintln!("rinse: {failure}");
            1
        })
    }

    /// For a record that holds no document: where it is and why, as standard error says it
    /// (`dump.jsonl:6 (id d): no "text" key`).
    fn failure(&self) -> Option<String> {
        let e = self.error.as_ref()?;
        Some(if self.display == self.at {
            format!("{}: {e}", self.at)
        } else {
            format!("{} (id {}): {e}", self.at, self.display)
        })
    }
}

/// An item as read: ready, or a JSON Lines line still to parse (parsed on the worker threads).
pub enum Raw {
    Ready(Item),
    Line {
        input: usize,
        line: usize,
        text: Result<String, LineError>,
    },
}

/// The inputs of a call and the pipeline that cleans them.
pub struct Run {
    pub pipeline: Pipeline,
    pub inputs: Vec<Input>,
    /// Files that failed so far (named on standard error as they failed).
    pub failed: usize,
    /// Documents cleaned, and the bytes they had.
    pub documents: usize,
    pub bytes: u64,
    pub summary: Summary,
    /// Standard input, copied into a scratch file.
    stdin: Option<std::fs::File>,
    /// Bytes read from the input files so far (before decompression), for the progress bar.
    read_bytes: std::sync::atomic::AtomicU64,
    text_key: String,
    id_key: String,
    progress: bool,
    started: Instant,
    decode: DecodeOptions,
    /// Inputs set aside, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Documents with no article text left.
    pub empty: usize,
    /// HTML documents (not text saved from one), cleaned as text.
    pub html: usize,
    /// Remove paragraphs seen in an earlier document (`--dedup-paragraphs`).
    pub dedup_paragraphs: bool,
    /// Paragraphs removed as repeats of an earlier document's.
    pub paragraph_repeats: usize,
    /// The inputs that could not be read (indexes into `inputs`), after a pass.
    pub unreadable: HashSet<usize>,
}

/// The names of a dump's documents, as clusters of copies name them (`rinse dedup`, `clean
/// --dedup`). A record's name (its id, its URL) need not be unique: the same URL can be in two
/// crawls. A name met before is qualified with where its record is, `URL (crawl-2.wet:40)`, so
/// that no two documents, and no two clusters, share a name.
#[derive(Debug, Default)]
pub struct DocNames {
    names: Vec<String>,
    /// For a record: its input and line.
    places: Vec<Option<(usize, usize)>>,
}

impl DocNames {
    pub fn push(&mut self, item: &Item) {
        self.names.push(item.display.clone());
        self.places
            .push(item.record.as_ref().map(|r| (r.input, r.line)));
    }

    /// The names, each unique (a text file's is its path, which is).
    pub fn finish(self, inputs: &[Input]) -> Vec<String> {
        let mut seen: HashSet<u64> = HashSet::with_capacity(self.names.len());
        self.names
            .into_iter()
            .zip(self.places)
            .map(|(name, place)| {
                let new = seen.insert(xxhash_rust::xxh3::xxh3_64(name.as_bytes()));
                match place {
                    Some((input, line)) if !new => {
                        format!("{name} ({}:{line})", inputs[input].display())
                    }
                    _ => name,
                }
            })
            .collect()
    }
}

fn globset(patterns: &[String]) -> anyhow::Result<Option<GlobSet>> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for p in patterns {
        b.add(Glob::new(p).with_context(|| format!("bad glob {p:?}"))?);
    }
    Ok(Some(b.build()?))
}

impl Run {
    /// Finds the inputs (a path that cannot be read is reported and counted), sets the thread
    /// count and builds the pipeline. `skip` is an output directory not to read back.
    pub fn new(config: &Config, args: &InputArgs, skip: Option<&Path>) -> anyhow::Result<Run> {
        if let Some(jobs) = args.jobs {
            // The global pool can be set once; a second call (tests in one process) keeps
            // the first.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.max(1))
                .build_global();
        }
        let pipeline = args.pipeline(config)?;
        let mut paths = args.paths.clone();
        if let Some(list) = &args.files_from {
            let text = if list.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin()).context("reading paths from stdin")?
            } else {
                std::fs::read_to_string(list)
                    .with_context(|| format!("reading paths from {}", list.display()))?
            };
            paths.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(PathBuf::from),
            );
        }
        if paths.is_empty() {
            anyhow::bail!("no input: give PATH... or --files-from FILE");
        }
        let stdin_list = args.files_from.as_deref() == Some(Path::new("-"));
        if stdin_list && paths.iter().any(|p| p.as_os_str() == "-") {
            anyhow::bail!(
                "standard input holds the list of paths (--files-from -): it cannot also be an input (`-`)"
            );
        }
        let opts = WalkOptions {
            extensions: args.ext.extensions.clone(),
            globs: globset(&args.globs)?,
            excludes: globset(&args.excludes)?,
            hidden: args.hidden,
            force: args.input_format.kind(),
            skip: skip.map(Path::to_path_buf),
        };
        let decode = DecodeOptions {
            encoding: match &args.encoding {
                Some(label) => Some(
                    DecodeOptions::encoding_for_label(label)
                        .with_context(|| format!("unknown encoding {label:?}"))?,
                ),
                None => None,
            },
            max_bytes: args.max_bytes,
        };
        let walk = collect_inputs(&paths, &opts);
        let (inputs, errors) = (walk.inputs, walk.errors);
        for e in &errors {
            eprintln!("rinse: {e}");
        }
        let mut skipped = BTreeMap::new();
        for (path, why) in &walk.skipped {
            eprintln!("rinse: {}: skipped: {why}", path.display());
            *skipped.entry(why.label().to_string()).or_default() += 1;
        }
        for unmatched in &walk.unmatched {
            let none_of = |what: &str| match unmatched.files {
                1 => format!("its one file is not {what}"),
                n => format!("none of its {n} files is {what}"),
            };
            let why = if unmatched.files == 0 {
                "it holds no file (none that is not hidden or excluded)".to_string()
            } else if opts.globs.is_some() {
                none_of("matched by the --glob patterns")
            } else {
                let names: Vec<String> = opts.extensions.iter().map(|x| format!("*.{x}")).collect();
                let none = none_of(&format!("named {}", names.join(", ")));
                match unmatched.extensions.as_slice() {
                    [] => format!("{none} (--ext or --glob picks others)"),
                    found => {
                        let seen: Vec<String> = found
                            .iter()
                            .map(|(x, n)| match unmatched.files {
                                1 => format!("*.{x}"),
                                _ => format!("*.{x} ({n})"),
                            })
                            .collect();
                        let exts: Vec<&str> = found.iter().map(|(x, _)| x.as_str()).collect();
                        let all = found.iter().map(|(_, n)| n).sum::<usize>() == unmatched.files;
                        let (these, them) = match (unmatched.files, all) {
                            (1, _) => (format!("it is {}", seen[0]), "it"),
                            (_, true) => (format!("they are {}", seen.join(", ")), "them"),
                            (_, false) => (format!("among them are {}", seen.join(", ")), "them"),
                        };
                        format!("{none}; {these} (--ext {} picks {them})", exts.join(","))
                    }
                }
            };
            eprintln!(
                "rinse: {}: warning: no input in this directory: {why}",
                unmatched.dir.display()
            );
        }
        // Standard input can be read only once: it is copied (as it comes, compressed or not)
        // into a scratch file that both passes read, so a dump piped in is not held in memory.
        let stdin = match inputs.iter().find(|i| i.is_stdin()) {
            Some(_) => {
                // Without a name: it is gone when the process ends, however it ends.
                let mut spool =
                    tempfile::tempfile().context("creating a scratch file for standard input")?;
                std::io::copy(&mut std::io::stdin().lock(), &mut spool)
                    .context("reading standard input")?;
                Some(spool)
            }
            None => None,
        };
        Ok(Run {
            pipeline,
            inputs,
            failed: errors.len(),
            documents: 0,
            bytes: 0,
            summary: Summary::default(),
            stdin,
            read_bytes: Default::default(),
            text_key: args.text_key.clone(),
            id_key: args.id_key.clone(),
            progress: !args.quiet && std::io::stderr().is_terminal(),
            started: Instant::now(),
            decode,
            skipped,
            empty: 0,
            html: 0,
            dedup_paragraphs: false,
            paragraph_repeats: 0,
            unreadable: HashSet::new(),
        })
    }

    /// Refuses output files that are inputs of this run (`rinse clean d.jsonl -o d.jsonl`,
    /// `--report a.json` with `a.json` cleaned): rinse never writes over its inputs. An output
    /// that does not exist yet costs nothing; one that does is compared with each input file.
    pub fn refuse_inputs_as_outputs<'a>(
        &self,
        outputs: impl IntoIterator<Item = &'a Path>,
    ) -> anyhow::Result<()> {
        for output in outputs {
            let Ok(out) = same_file::Handle::from_path(output) else {
                continue;
            };
            let is_input = self.inputs.iter().any(|input| {
                input
                    .path()
                    .is_some_and(|p| same_file::Handle::from_path(p).is_ok_and(|h| h == out))
            });
            if is_input {
                anyhow::bail!(
                    "{}: is an input of this run, and rinse does not write over its inputs: name another output",
                    output.display()
                );
            }
        }
        Ok(())
    }

    /// Whether any input holds records (JSON Lines, WET) rather than one document.
    pub fn has_records(&self) -> bool {
        self.inputs.iter().any(|i| i.kind.has_records())
    }

    /// Calls `f` with the items of input `n` in order. Errors reading the input are returned;
    /// a malformed record is an item with an error.
    fn items_of(
        &self,
        n: usize,
        f: &mut dyn FnMut(Raw) -> anyhow::Result<()>,
    ) -> Result<(), ReadError> {
        let input = &self.inputs[n];
        match input.kind {
            InputKind::Text => {
                let read = match input.is_stdin() {
                    true => rinse::io::read_at_most(
                        self.open_stdin().map_err(ReadError::Input)?,
                        self.decode.max_bytes,
                    )
                    .map_err(|e| ReadError::Input(input.error(e)))?,
                    false => input
                        .read_at_most(&self.read_bytes, self.decode.max_bytes)
                        .map_err(ReadError::Input)?,
                };
                let (bytes, too_large) = match read {
                    Ok(bytes) => (bytes, None),
                    Err(size) => (Vec::new(), Some(size)),
                };
                f(Raw::Ready(Item {
                    display: input.display(),
                    rel: input.rel.clone(),
                    file: input.path().map(Path::to_path_buf),
                    bytes,
                    record: None,
                    error: None,
                    at: String::new(),
                    too_large,
                }))
                .map_err(ReadError::Sink)
            }
            InputKind::Jsonl | InputKind::Wet => {
                let reader = match input.is_stdin() {
                    true => self.open_stdin().map_err(ReadError::Input)?,
                    false => input
                        .open_counted(&self.read_bytes)
                        .map_err(ReadError::Input)?,
                };
                if input.kind == InputKind::Wet {
                    let records =
                        WetReader::new(reader).with_max_content(self.decode.max_bytes as u64);
                    for record in records {
                        let record = record.map_err(|e| ReadError::Input(input.error(e)))?;
                        if let Some(item) = wet_item(n, input, record) {
                            f(Raw::Ready(item)).map_err(ReadError::Sink)?;
                        }
                    }
                    return Ok(());
                }
                // A line much longer than --max-bytes holds a text over it (unless most of it is
                // escapes or other fields): it is set aside unkept.
                let max_line = self
                    .decode
                    .max_bytes
                    .saturating_mul(2)
                    .saturating_add(1 << 20);
                let lines = JsonlReader::new(reader, &self.text_key, &self.id_key)
                    .with_max_line(max_line)
                    .raw_lines();
                for line in lines {
                    let (line, text) = line.map_err(|e| ReadError::Input(input.error(e)))?;
                    f(Raw::Line {
                        input: n,
                        line,
                        text,
                    })
                    .map_err(ReadError::Sink)?;
                }
                Ok(())
            }
        }
    }

    /// A reader of standard input (from its copy, from its start), decompressed if its first
    /// bytes say so. The copy's handles share one offset: one pass reads it at a time, on one
    /// thread, and each pass opens it anew.
    fn open_stdin(&self) -> Result<Box<dyn std::io::BufRead + Send>, rinse::Error> {
        use std::io::Seek as _;
        let spool = self.stdin.as_ref().expect("standard input is an input");
        let stdin_error = |e| rinse::Error::io("-", e);
        let mut file = spool.try_clone().map_err(stdin_error)?;
        file.rewind().map_err(stdin_error)?;
        rinse::io::decompressed(Box::new(file), rinse::io::Compression::None).map_err(stdin_error)
    }

    /// Turns a raw item into an item (parses a JSON Lines record).
    fn realize(&self, raw: Raw) -> Item {
        let (n, line, text) = match raw {
            Raw::Ready(item) => return item,
            Raw::Line { input, line, text } => (input, line, text),
        };
        let input = &self.inputs[n];
        let too_large = match text {
            Err(LineError::TooLong(length)) => Some(length),
            _ => None,
        };
        let record = match text {
            Ok(t) => parse_record(&t, line, &self.text_key, &self.id_key),
            Err(LineError::TooLong(_)) => rinse::io::Record {
                line,
                id: None,
                text: Ok(String::new()),
                fields: Map::new(),
            },
            Err(e) => rinse::io::Record {
                line,
                id: None,
                text: Err(e.to_string()),
                fields: Map::new(),
            },
        };
        let place = || format!("{}:{}", input.display(), record.line);
        let display = match &record.id {
            Some(id) => id.clone(),
            None => place(),
        };
        let (bytes, error, at) = match record.text {
            Ok(t) => (t.into_bytes(), None, String::new()),
            Err(e) => (Vec::new(), Some(e), place()),
        };
        Item {
            display,
            rel: PathBuf::from(format!("{}.txt", record.line)),
            file: None,
            bytes,
            record: Some(RecordInfo {
                input: n,
                line: record.line,
                fields: record.fields,
            }),
            error,
            at,
            too_large,
        }
    }

    /// Feeds the items of every input, in chunks, to `chunk`. An input that cannot be read is
    /// named on standard error and counted once (in the first pass). With more than one
    /// thread, the next chunk is read (on a thread of its own) while `chunk` works on this one.
    fn chunks(
        &self,
        report_errors: bool,
        unreadable: &mut HashSet<usize>,
        mut chunk: impl FnMut(&Run, Vec<Raw>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        if rayon::current_num_threads() <= 1 {
            return self.read_chunks(report_errors, unreadable, |raws| chunk(self, raws));
        }
        std::thread::scope(|scope| {
            // A rendezvous: the reader is one chunk ahead at most.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Raw>>(0);
            let reader = scope.spawn(move || {
                self.read_chunks(report_errors, unreadable, |raws| {
                    // The receiver is gone only when `chunk` failed: its error is the one told.
                    tx.send(raws).map_err(|_| anyhow::anyhow!("stopped"))
                })
            });
            let mut worked = Ok(());
            for raws in rx.iter() {
                worked = chunk(self, raws);
                if worked.is_err() {
                    break;
                }
            }
            drop(rx);
            let read = reader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            worked.and(read)
        })
    }

    /// Feeds every chunk (see [`Run::chunks`]) to `work` and its result, in input order, to
    /// `consume`. With more than one thread, this thread consumes one chunk's result while
    /// `work` runs on the next; with `-j 1` nothing runs in parallel.
    fn pipelined<R: Send>(
        &self,
        report_errors: bool,
        unreadable: &mut HashSet<usize>,
        mut work: impl FnMut(&Run, Vec<Raw>) -> R + Send,
        mut consume: impl FnMut(R) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        if rayon::current_num_threads() <= 1 {
            return self.chunks(report_errors, unreadable, |run, raws| {
                consume(work(run, raws))
            });
        }
        let mut pending: Option<R> = None;
        self.chunks(report_errors, unreadable, |run, raws| {
            let previous = pending.take();
            let (result, consumed) = std::thread::scope(|scope| {
                let working = scope.spawn(|| work(run, raws));
                let consumed = previous.map_or(Ok(()), &mut consume);
                let result = working
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (result, consumed)
            });
            consumed?;
            pending = Some(result);
            Ok(())
        })?;
        pending.map_or(Ok(()), consume)
    }

    /// [`Run::chunks`] on the calling thread.
    fn read_chunks(
        &self,
        report_errors: bool,
        unreadable: &mut HashSet<usize>,
        mut chunk: impl FnMut(Vec<Raw>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut pending: Vec<Raw> = Vec::new();
        let mut pending_bytes = 0;
        for n in 0..self.inputs.len() {
            if unreadable.contains(&n) {
                continue;
            }
            let mut collect = |raw: Raw| -> anyhow::Result<()> {
                pending_bytes += match &raw {
                    Raw::Ready(item) => item.bytes.len(),
                    Raw::Line { text, .. } => text.as_ref().map_or(0, String::len),
                };
                pending.push(raw);
                if pending.len() >= CHUNK_DOCS || pending_bytes >= CHUNK_BYTES {
                    pending_bytes = 0;
                    super::check_interrupt()?;
                    chunk(std::mem::take(&mut pending))?;
                }
                Ok(())
            };
            match self.items_of(n, &mut collect) {
                Ok(()) => {}
                Err(ReadError::Sink(e)) => return Err(e),
                Err(ReadError::Input(e)) => {
                    if report_errors {
                        eprintln!("rinse: {e}");
                        unreadable.insert(n);
                    }
                }
            }
        }
        super::check_interrupt()?;
        if !pending.is_empty() {
            chunk(pending)?;
        }
        Ok(())
    }

    /// Cleans every document in input order. `prepare` runs on the worker threads (render the
    /// output there); `sink` gets the results in input order. `wanted` leaves documents out
    /// of the cleaning (not of the statistics), as `--skip-existing` does.
    pub fn each<T: Send>(
        &mut self,
        wanted: impl Fn(&Item) -> bool + Sync,
        prepare: impl Fn(&Item, &Cleaned) -> T + Sync,
        mut sink: impl FnMut(&Item, Option<(Cleaned, T)>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let (bar, mut unreadable, stats) = self.first_pass("cleaning")?;
        let mut documents = 0;
        let mut bytes = 0u64;
        let mut summary = Summary::default();
        let mut skipped = std::mem::take(&mut self.skipped);
        let mut empty = 0;
        let mut html = 0;
        let mut first_seen: HashMap<u64, Arc<str>> = HashMap::new();
        let mut repeats_found = 0usize;
        // Cleaning a chunk (on the pool's threads) and writing the one before it (on this
        // thread, in input order) overlap.
        let clean_chunk = |run: &Run,
                           raws: Vec<Raw>,
                           first_seen: &mut HashMap<u64, Arc<str>>,
                           repeats_found: &mut usize|
         -> Vec<(Item, Cleaning<T>)> {
            let items: Vec<Item> = raws.into_par_iter().map(|raw| run.realize(raw)).collect();
            // Paragraphs seen in an earlier document (in input order, whatever the threads).
            let repeats: Vec<Option<ParagraphRepeats>> = if run.dedup_paragraphs {
                let hashes: Vec<Vec<u64>> = items
                    .par_iter()
                    .map(|item| match run.decode_item(item) {
                        Ok(d) if item.error.is_none() => {
                            run.pipeline.paragraph_hashes(&item.display, &d, &stats)
                        }
                        _ => Vec::new(),
                    })
                    .collect();
                items
                    .iter()
                    .zip(hashes)
                    .map(|(item, hashes)| {
                        let mut mine = ParagraphRepeats::default();
                        let name: Arc<str> = Arc::from(item.display.as_str());
                        for h in hashes {
                            match first_seen.get(&h) {
                                Some(first) => {
                                    mine.first.insert(h, first.clone());
                                }
                                None => {
                                    first_seen.insert(h, name.clone());
                                }
                            }
                        }
                        *repeats_found += mine.first.len();
                        Some(mine)
                    })
                    .collect()
            } else {
                items.iter().map(|_| None).collect()
            };
            items
                .into_par_iter()
                .zip(repeats)
                .map(|(item, repeats)| {
                    if item.error.is_some() || !wanted(&item) {
                        return (item, Ok(None));
                    }
                    let decoded = match run.decode_item(&item) {
                        Ok(d) => d,
                        Err(skip) => return (item, Err(skip)),
                    };
                    let extra = repeats.as_ref().map(|r| r as &dyn rinse::Stage);
                    let cleaned = run.pipeline.clean_decoded_with(
                        &item.display,
                        &decoded,
                        Some(&stats),
                        extra,
                    );
                    let t = prepare(&item, &cleaned);
                    (item, Ok(Some((cleaned, t))))
                })
                .collect()
        };
        let mut records_failed = 0;
        let write_chunk = |results: Vec<(Item, Cleaning<T>)>| -> anyhow::Result<()> {
            for (item, result) in results {
                let item = &item;
                records_failed += item.tell_failure();
                let result = match result {
                    Ok(r) => r,
                    Err(skip) => {
                        set_aside(item, &skip, &mut skipped);
                        None
                    }
                };
                if result.is_some() && rinse::io::is_html_document(&item.bytes) {
                    warn_a_few(html, "HTML documents", || {
                        format!(
                            "{}: warning: an HTML document, not text saved from one: rinse cleans the text of pages, a block per line, so extract it first (cleaned as text: its markup lines are judged as lines)",
                            item.display
                        )
                    });
                    html += 1;
                }
                if let Some((cleaned, _)) = &result
                    && cleaned.stats.lines_in > 0
                    && cleaned.article.paragraph_count() == 0
                {
                    warn_a_few(empty, "documents with no text left", || {
                        format!(
                            "{}: warning: no article text left (every line but headings was boilerplate)",
                            item.display
                        )
                    });
                    empty += 1;
                }
                bar.inc(item.bytes.len() as u64);
                if let Some((cleaned, _)) = &result {
                    documents += 1;
                    bytes += item.bytes.len() as u64;
                    let file = rinse::report::FileSummary::of(cleaned, &item.bytes);
                    summary.add(&file, cleaned);
                }
                sink(item, result)?;
            }
            Ok(())
        };
        self.pipelined(
            false,
            &mut unreadable,
            |run, raws| clean_chunk(run, raws, &mut first_seen, &mut repeats_found),
            write_chunk,
        )?;
        bar.finish_and_clear();
        self.failed += records_failed;
        self.documents = documents;
        self.bytes = bytes;
        self.skipped = skipped;
        self.empty = empty;
        self.html = html;
        self.paragraph_repeats = repeats_found;
        self.unreadable = unreadable;
        summary.failed = self.failed;
        self.summary = summary;
        Ok(())
    }

    /// The bytes of every input, for the progress bar.
    fn total_bytes(&self) -> u64 {
        self.inputs.iter().map(|i| i.size).sum()
    }

    /// Pass 1: statistics across the dump (line and title counts), sized for it. Inputs that
    /// cannot be read are named and counted as failed here, and left out of pass 2 (the set
    /// returned). The progress bar returned is set for pass 2, whose message is `next`.
    fn first_pass(
        &mut self,
        next: &'static str,
    ) -> anyhow::Result<(ProgressBar, HashSet<usize>, DumpStats)> {
        let bar = self.progress_bar(self.total_bytes());
        let mut unreadable = HashSet::new();
        let mut stats = DumpStats::new();
        bar.set_message("counting lines across the dump");
        // Each document's hashes (none for a record that holds no document, or one set aside),
        // and its bytes as pass 2 counts them.
        let hash_chunk = |run: &Run, raws: Vec<Raw>| -> Vec<(Option<DocHashes>, u64)> {
            raws.into_par_iter()
                .map(|raw| {
                    let item = run.realize(raw);
                    let bytes = item.bytes.len() as u64;
                    if item.error.is_some() {
                        return (None, bytes);
                    }
                    let Ok(decoded) = run.decode_item(&item) else {
                        return (None, bytes);
                    };
                    let mut doc = Document::from_bytes(item.display.as_str(), &decoded.bytes);
                    run.pipeline.normalize(&mut doc);
                    (Some(DocHashes::of(&doc)), bytes)
                })
                .collect()
        };
        let mut document_bytes = 0;
        // This thread counts one chunk's hashes (in input order) while the pool hashes the next.
        let read_bytes = &self.read_bytes;
        self.pipelined(true, &mut unreadable, hash_chunk, |hashes| {
            for (h, bytes) in &hashes {
                if let Some(h) = h {
                    stats.add_hashes(h);
                }
                document_bytes += bytes;
            }
            // The files' bytes read so far (the reader is a chunk ahead).
            bar.set_position(read_bytes.load(std::sync::atomic::Ordering::Relaxed));
            Ok(())
        })?;
        self.failed += unreadable.len();
        // Pass 2 counts the documents' bytes: not the files' (compressed, or JSON around the
        // text); its rate and time left start afresh.
        bar.reset();
        bar.set_length(document_bytes);
        bar.set_message(next);
        Ok((bar, unreadable, stats))
    }

    /// A pass over every document after the first pass: `work` runs on the worker threads with
    /// each decoded document and the dump's statistics; `sink` gets the results in input
    /// order (`None` for a record that holds no document: see [`Item::error`]). Unlike
    /// [`Run::each`], nothing is cleaned: for work that reads the normalized text only (a
    /// light deduplication).
    pub fn each_decoded<T: Send>(
        &mut self,
        work: impl Fn(&Pipeline, &Item, &rinse::io::Decoded, &DumpStats) -> T + Sync,
        mut sink: impl FnMut(&Item, Option<T>) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let (bar, mut unreadable, stats) = self.first_pass("reading")?;
        let mut documents = 0;
        let mut bytes = 0u64;
        let mut skipped = std::mem::take(&mut self.skipped);
        let work_chunk = |run: &Run, raws: Vec<Raw>| -> Vec<(Item, Result<Option<T>, Skip>)> {
            raws.into_par_iter()
                .map(|raw| {
                    let item = run.realize(raw);
                    if item.error.is_some() {
                        return (item, Ok(None));
                    }
                    let result = run
                        .decode_item(&item)
                        .map(|decoded| Some(work(&run.pipeline, &item, &decoded, &stats)));
                    (item, result)
                })
                .collect()
        };
        let mut records_failed = 0;
        let sink_chunk = |results: Vec<(Item, Result<Option<T>, Skip>)>| -> anyhow::Result<()> {
            for (item, result) in results {
                records_failed += item.tell_failure();
                bar.inc(item.bytes.len() as u64);
                match result {
                    Ok(Some(t)) => {
                        documents += 1;
                        bytes += item.bytes.len() as u64;
                        sink(&item, Some(t))?;
                    }
                    Ok(None) => sink(&item, None)?,
                    Err(skip) => set_aside(&item, &skip, &mut skipped),
                }
            }
            Ok(())
        };
        self.pipelined(false, &mut unreadable, work_chunk, sink_chunk)?;
        bar.finish_and_clear();
        self.failed += records_failed;
        self.documents = documents;
        self.bytes = bytes;
        self.skipped = skipped;
        self.summary.failed = self.failed;
        Ok(())
    }

    fn progress_bar(&self, total: u64) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
            )
            .expect("the progress template is valid")
            .progress_chars("=> "),
        );
        bar
    }

    /// Decodes an item, or says why it is set aside (a text input over `--max-bytes` is, before
    /// it is read).
    fn decode_item<'a>(&self, item: &'a Item) -> Result<rinse::io::Decoded<'a>, Skip> {
        match item.too_large {
            Some(size) => Err(Skip::TooLarge {
                bytes: usize::try_from(size).unwrap_or(usize::MAX),
                max: self.decode.max_bytes,
            }),
            None => decode(&item.bytes, &self.decode),
        }
    }

    /// How the inputs are decoded.
    pub fn decode_options(&self) -> DecodeOptions {
        self.decode
    }

    /// `rinse: 410 documents, 5.1 MB in 2.8 s (1.8 MB/s); 46,000 lines removed: boilerplate …`
    pub fn summary_line(&self) -> String {
        let secs = self.started.elapsed().as_secs_f64();
        let mb = self.bytes as f64 / 1e6;
        use rinse::report::summary::plural;
        let mut s = format!(
            "rinse: {} document{}, {} in {} ({:.1} MB/s)",
            self.documents,
            plural(self.documents),
            human_size(self.bytes),
            human_secs(secs),
            mb / secs.max(1e-9)
        );
        if self.failed > 0 {
            s.push_str(&format!(", {} failed", self.failed));
        }
        for (reason, n) in &self.skipped {
            s.push_str(&format!(", {n} skipped ({reason})"));
        }
        if self.empty > 0 {
            s.push_str(&format!(", {} with no text left", self.empty));
        }
        if self.html > 0 {
            s.push_str(&format!(
                ", {} HTML document{} cleaned as text",
                self.html,
                plural(self.html)
            ));
        }
        if self.paragraph_repeats > 0 {
            s.push_str(&format!(
                ", {} paragraph{} repeated from earlier documents",
                self.paragraph_repeats,
                plural(self.paragraph_repeats)
            ));
        }
        let removed = self.summary.lines_removed;
        s.push_str(&format!("; {removed} line{} removed", plural(removed)));
        let stages = rinse::report::summary::by_stage(&self.summary.removed_by_stage);
        if !stages.is_empty() {
            s.push_str(&format!(": {stages}"));
        }
        s
    }
}

/// What became of one item on a worker: cleaned (with what `prepare` made of it), left out
/// (`None`), or set aside with a reason.
type Cleaning<T> = Result<Option<(Cleaned, T)>, Skip>;

/// Names an input set aside on standard error and counts it by reason.
fn set_aside(item: &Item, skip: &Skip, skipped: &mut BTreeMap<String, usize>) {
    eprintln!("rinse: {}: skipped: {skip}", item.display);
    let reason = match skip {
        Skip::Binary => "binary",
        Skip::TooLarge { .. } => "too large",
    };
    *skipped.entry(reason.to_string()).or_default() += 1;
}

/// Why reading an input stopped.
enum ReadError {
    /// The input could not be read: reported, the run goes on.
    Input(rinse::Error),
    /// The consumer failed: the run stops.
    Sink(anyhow::Error),
}

/// `812 B`, `46.2 KB`, `23.3 MB`, `1.04 GB` (decimal units, as the rate is given).
fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} KB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.2} GB", b / 1e9),
    }
}

/// `5 ms`, `0.42 s`, `41.3 s`, `3 min 2 s`.
fn human_secs(secs: f64) -> String {
    if secs < 0.1 {
        format!("{:.0} ms", secs * 1e3)
    } else if secs < 10.0 {
        format!("{secs:.2} s")
    } else if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = secs.round() as u64;
        format!("{} min {} s", whole / 60, whole % 60)
    }
}

/// The document of a WET record of input `n`: a `conversion` record's text, named by its URL, with `id`
/// (`WARC-Record-ID`), `url`, `date` and every header (`warc_headers`) carried into its output
/// record. A `warcinfo` record (the file's own description) is no document: `None`. A record of
/// another type (a whole WARC file's `response`, say) holds no extracted text: an item that
/// fails, named by its line.
fn wet_item(n: usize, input: &Input, record: WetRecord) -> Option<Item> {
    let kind = record.header("WARC-Type").unwrap_or("").to_string();
    if kind.eq_ignore_ascii_case("warcinfo") {
        return None;
    }
    let at = format!("{}:{}", input.display(), record.line);
    let mut fields = Map::new();
    for (key, header) in [
        ("id", "WARC-Record-ID"),
        ("url", "WARC-Target-URI"),
        ("date", "WARC-Date"),
    ] {
        if let Some(value) = record.header(header) {
            fields.insert(key.to_string(), Value::String(value.to_string()));
        }
    }
    let headers: Map<String, Value> = record
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    fields.insert("warc_headers".to_string(), Value::Object(headers));
    let display = record
        .header("WARC-Target-URI")
        .map_or_else(|| at.clone(), str::to_string);
    let text = record.is_text();
    // A record over --max-bytes is read past, not kept: it is set aside as too large.
    let too_large = (text && !record.kept()).then_some(record.length);
    Some(Item {
        display,
        rel: PathBuf::from(format!("{}.txt", record.line)),
        file: None,
        bytes: if text { record.content } else { Vec::new() },
        record: Some(RecordInfo {
            input: n,
            line: record.line,
            fields,
        }),
        error: (!text).then(|| {
            let what = match kind.as_str() {
                "" => "a record without a WARC-Type".to_string(),
                kind => format!("a WARC-Type: {kind:?} record"),
            };
            format!("{what} holds no extracted text (rinse reads WET files: conversion records)")
        }),
        at: if text { String::new() } else { at },
        too_large,
    })
}

/// How many documents a warning of one kind names in a run; the rest are counted in the
/// summary, so that a dump of a million of them does not write a million lines.
const WARNINGS_NAMED: usize = 5;

/// Prints `message()` as a warning if `seen` (how many came before) is below
/// [`WARNINGS_NAMED`], and once, at that count, that more `what` are counted in the summary.
fn warn_a_few(seen: usize, what: &str, message: impl FnOnce() -> String) {
    if seen < WARNINGS_NAMED {
        eprintln!("rinse: {}", message());
    } else if seen == WARNINGS_NAMED {
        eprintln!("rinse: warning: more {what}; the summary counts them");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times_read_at_a_glance() {
        assert_eq!(human_size(812), "812 B");
        assert_eq!(human_size(46_200), "46.2 KB");
        assert_eq!(human_size(23_300_000), "23.3 MB");
        assert_eq!(human_size(1_043_137_021), "1.04 GB");
        assert_eq!(human_secs(0.0047), "5 ms");
        assert_eq!(human_secs(0.42), "0.42 s");
        assert_eq!(human_secs(41.26), "41.3 s");
        assert_eq!(human_secs(182.4), "3 min 2 s");
    }
}
