//! Command-line flags and subcommands; each subcommand in its own module.
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod clean;
mod dedup;
mod diff;
mod features;
mod report;
mod run;

/// Turn raw scraped text into clean, structured articles, and say what was removed and why.
#[derive(Debug, Parser)]
#[command(name = "rinse", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Clean scraped pages into articles (all inputs of one call are one dump).
    Clean(CleanArgs),
    /// Show what cleaning would change, as a unified diff with a reason on every hunk.
    Diff(DiffArgs),
    /// For CI: exit 0 if cleaning would change nothing, 1 if it would, 2 on errors.
    Check(CheckArgs),
    /// Write a report of what cleaning removes: FILE.html for people, FILE.json for machines.
    Report(ReportArgs),
    /// Find exact and near-duplicate articles in a dump (after cleaning): clusters as JSON Lines.
    Dedup(DedupArgs),
    /// Print the line classifier's features of each live line as JSON Lines (for training).
    #[command(hide = true)]
    Features(FeaturesArgs),
}

#[derive(Debug, clap::Args)]
pub struct FeaturesArgs {
    /// Files or directories (one dump).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub ext: Extensions,
    /// Print the feature names first, as one JSON array.
    #[arg(long)]
    pub names: bool,
}

/// Which files of a directory are inputs (`rinse features` and the commands of [`InputArgs`]).
#[derive(Debug, clap::Args)]
pub struct Extensions {
    /// File extensions to pick up inside directories.
    #[arg(
        long = "ext",
        value_name = "EXT",
        default_value = "txt",
        value_delimiter = ','
    )]
    pub extensions: Vec<String>,
}

/// How to read inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// From the file name: `*.jsonl`, `*.ndjson` are JSON Lines, `*.wet` (`*.warc.wet`) WET, the
    /// rest text (also compressed: `.gz`, `.zst`).
    Auto,
    /// Every input is one document.
    Text,
    /// Every input is JSON Lines: one document per line.
    Jsonl,
    /// Every input is a WET file (Common Crawl's extracted text): one document per conversion
    /// record.
    Wet,
}

impl InputFormat {
    /// The kind every input is read as; `None`: each by its name.
    pub fn kind(self) -> Option<rinse::io::InputKind> {
        match self {
            InputFormat::Auto => None,
            InputFormat::Text => Some(rinse::io::InputKind::Text),
            InputFormat::Jsonl => Some(rinse::io::InputKind::Jsonl),
            InputFormat::Wet => Some(rinse::io::InputKind::Wet),
        }
    }
}

/// The inputs of a command, and how to run over them.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(value_name = "PATH", required_unless_present = "files_from")]
    pub paths: Vec<PathBuf>,
    /// Read more paths from FILE, one per line (`-`: standard input).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    #[command(flatten)]
    pub ext: Extensions,
    /// Pick up files inside directories whose relative path matches GLOB, instead of by
    /// extension (repeatable).
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Leave out files and directories whose relative path matches GLOB (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    pub excludes: Vec<String>,
    /// Also walk into hidden files and directories.
    #[arg(long)]
    pub hidden: bool,
    /// How to read inputs.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// The key of a JSON Lines record that holds its text.
    #[arg(long, value_name = "KEY", default_value = "text")]
    pub text_key: String,
    /// The key of a JSON Lines record that names it (used in messages and reports).
    #[arg(long, value_name = "KEY", default_value = "id")]
    pub id_key: String,
    /// Decode every input with this encoding (a WHATWG label: latin1, windows-1252, shift_jis,
    /// …) instead of detecting it.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Skip inputs (files or records) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_bytes: usize,
    /// Also use this boilerplate phrase list (repeatable, or several separated by commas): a
    /// file in the format of data/boilerplate/README.md, or the name of a list rinse ships but
    /// does not use unless asked: fr, es, it, pt, nl (French, Spanish, Italian, Portuguese,
    /// Dutch; `./fr` is a file named fr)
    #[arg(long = "phrases", value_name = "FILE|NAME", value_delimiter = ',')]
    pub phrases: Vec<String>,
    /// Judge lines with this line model (a file written by scripts/train/train.py, for example
    /// trained on your own pages) instead of the one rinse ships.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Judge lines by rules and position only, without the line classifier (faster; the same
    /// for every command, so that `diff` and `check` show what `clean --rules-only` does).
    #[arg(long, conflicts_with = "model")]
    pub rules_only: bool,
    /// Threads (default: one per core). Outputs are the same for any number.
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no summary line on standard error (errors still).
    #[arg(short, long)]
    pub quiet: bool,
}

impl InputArgs {
    /// The pipeline of `config`; a line model that cannot be used is named by its `--model`
    /// path.
    pub fn pipeline(&self, config: &rinse::Config) -> anyhow::Result<rinse::Pipeline> {
        rinse::Pipeline::new(config).map_err(|e| match (&e, &self.model) {
            (rinse::Error::Model(_), Some(path)) => {
                anyhow::Error::new(e).context(format!("--model {}", path.display()))
            }
            _ => e.into(),
        })
    }

    /// The pipeline settings these options ask for: the defaults, with the phrase lists of
    /// `--phrases` added and the line model of `--model`.
    pub fn config(&self) -> anyhow::Result<rinse::Config> {
        use anyhow::Context as _;
        let mut config = rinse::Config::default();
        for list in &self.phrases {
            // A shipped list's name is that list, even where a file of that name exists
            // (`./fr` names the file).
            let path = std::path::Path::new(list);
            let text = match rinse::phrases::optional(list) {
                Some(text) => text.to_string(),
                None => std::fs::read_to_string(path).with_context(|| {
                    format!(
                        "--phrases {list}: no such file, and not a list rinse ships ({})",
                        rinse::phrases::OPTIONAL.map(|(n, _)| n).join(", ")
                    )
                })?,
            };
            config.phrases.extra.push((list.clone(), text));
        }
        if let Some(path) = &self.model {
            // Parsed once, when the pipeline is built (see [`InputArgs::pipeline`]).
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("--model {}", path.display()))?;
            config.boilerplate.model = Some(text);
        }
        config.boilerplate.classifier = !self.rules_only;
        Ok(config)
    }
}

/// Output formats of `clean`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The article, removals and statistics as JSON (schema_version 1).
    Json,
    /// The clean text: title, headings and paragraphs, a blank line between blocks.
    Text,
    /// The article as Markdown.
    Markdown,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Text => "txt",
            Format::Markdown => "md",
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct CleanArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write one output per input under DIR, mirroring the input tree (a text input's article;
    /// a JSON Lines or WET input's records as a `.jsonl` file, compressed as the input was);
    /// or, when it ends in `.jsonl` (also `.gz`, `.zst`), one JSON record per document into
    /// that file, in input order; or, for one text file in, when it ends in the format's
    /// extension (`.json`, `.txt`, `.md`), its article into that file. Without it (or with
    /// `-o -`), one input prints its article, several (or JSON Lines or WET input) print JSON
    /// Lines.
    #[arg(short, long, value_name = "DIR|FILE.jsonl|FILE")]
    pub output: Option<PathBuf>,
    /// With -o DIR: leave out inputs whose output existed when the run started (resume a
    /// stopped run).
    #[arg(long)]
    pub skip_existing: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Also write a report: FILE.html (for reviewers) or FILE.json (JSON Lines; FILE.json.gz
    /// or FILE.json.zst compressed).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Leave out exact and near-duplicate articles (one per cluster is written; the others
    /// are listed on standard error and in the report). Needs -o.
    #[arg(long)]
    pub dedup: bool,
    /// With --dedup: which copy of a cluster is kept.
    #[arg(long, value_enum, default_value_t = KeepArg::First)]
    pub keep: KeepArg,
    /// Remove paragraphs that appeared in an earlier document of the dump (each removal names
    /// the document it first appeared in).
    #[arg(long)]
    pub dedup_paragraphs: bool,
    /// JSON Lines output holds each document's clean text and a short record (source,
    /// language, title, metadata, statistics), not its sections, removals and rewrites: about a
    /// seventh of the size. `--report` still says what was removed and why.
    #[arg(long)]
    pub slim: bool,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A git-compatible unified diff; each hunk header names its reasons.
    Unified,
    /// One JSON record per file with its removals, then a summary record.
    Jsonl,
    /// GitHub Actions annotations (`::warning file=…,line=…::reason`).
    Github,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = DiffFormat::Unified)]
    pub format: DiffFormat,
    /// Colour the diff.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per file that would change; the total on standard error.
    Text,
    /// GitHub Actions annotations, and a notice with the total.
    Github,
    /// One JSON record per file that would change, then a summary record.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also print the diff of each file that would change.
    #[arg(long)]
    pub diff: bool,
    /// Exit 0 even when files would change (report without failing).
    #[arg(long)]
    pub exit_zero: bool,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Colour the diffs.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// The report to write: FILE.html (for reviewers) or FILE.json (JSON Lines; FILE.json.gz
    /// or FILE.json.zst compressed).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

/// Which copy of a cluster is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeepArg {
    /// The first in input order.
    First,
    /// The longest article (ties: the first by path).
    Longest,
}

#[derive(Debug, clap::Args)]
pub struct DedupArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the clusters to FILE (JSON Lines) instead of standard output (`-o -`: standard
    /// output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Which copy of a cluster is kept.
    #[arg(long, value_enum, default_value_t = KeepArg::First)]
    pub keep: KeepArg,
    /// Do not clean: compare each document's normalized text without the dump's template
    /// lines (lines shorter than a paragraph found in 3 or more documents: menus, footers,
    /// share lines). About three times as fast as cleaning, for very large dumps.
    #[arg(long, conflicts_with_all = ["rules_only", "model"])]
    pub light: bool,
    /// LSH bands (the signature has bands × rows hashes).
    #[arg(long, default_value_t = rinse::dedup::DedupConfig::default().bands)]
    pub bands: usize,
    /// LSH rows per band.
    #[arg(long, default_value_t = rinse::dedup::DedupConfig::default().rows)]
    pub rows: usize,
    /// A candidate pair whose estimated Jaccard similarity reaches this is a duplicate.
    #[arg(long, default_value_t = rinse::dedup::DedupConfig::default().jaccard)]
    pub threshold: f32,
}

/// Parses the command line and runs the subcommand.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    on_interrupt();
    // `-o -` is standard output, as no `-o` is (not a directory named `-`).
    let stdout = |o: Option<PathBuf>| o.filter(|p| p.as_os_str() != "-");
    match cli.command {
        Command::Clean(mut args) => {
            args.output = stdout(args.output);
            clean::run(&args)
        }
        Command::Diff(args) => diff::diff(&args),
        Command::Check(args) => diff::check(&args),
        Command::Report(args) => report::run(&args),
        Command::Dedup(mut args) => {
            args.output = stdout(args.output);
            dedup::run(&args)
        }
        Command::Features(args) => features::run(&args),
    }
}

/// Set by the first Ctrl-C (SIGINT; or SIGTERM, SIGHUP): the run stops before its next chunk of
/// documents, returning [`Interrupted`], so that temporary files are removed on the way out.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A run stopped by Ctrl-C.
#[derive(Debug, thiserror::Error)]
#[error("interrupted: outputs written so far are whole files, temporary files are removed")]
pub struct Interrupted;

/// Whether Ctrl-C was pressed: `Err(Interrupted)` if so.
pub fn check_interrupt() -> Result<(), Interrupted> {
    match INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
        true => Err(Interrupted),
        false => Ok(()),
    }
}

/// The first Ctrl-C asks the run to stop at the next chunk; a second one quits at once.
fn on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            std::process::exit(130);
        }
        eprintln!("\nrinse: stopping (Ctrl-C again to quit at once, leaving temporary files)");
    });
}

/// An error and its causes, `: `-separated, each cause once: the library's errors already say
/// their cause (`d.jsonl: Is a directory`), which `{:#}` would print again.
pub fn describe(e: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

/// Whether an error is a closed standard output (`rinse … | head`): not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn an_error_says_each_cause_once() {
        let io = || std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        let e = anyhow::Error::new(rinse::Error::io("a.txt", io()));
        assert_eq!(describe(&e), "a.txt: gone");
        let e = anyhow::Error::new(io()).context("reading a.txt");
        assert_eq!(describe(&e), "reading a.txt: gone");
    }
}
