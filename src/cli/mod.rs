//! Command-line flags and subcommands; each subcommand in its own module.
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod clean;
mod features;

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
    /// Print the line classifier's features of each live line as JSON Lines (for training).
    #[command(hide = true)]
    Features(FeaturesArgs),
}

#[derive(Debug, clap::Args)]
pub struct FeaturesArgs {
    /// Files or directories (one dump).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// File extensions to pick up inside directories.
    #[arg(
        long = "ext",
        value_name = "EXT",
        default_value = "txt",
        value_delimiter = ','
    )]
    pub extensions: Vec<String>,
    /// Print the feature names first, as one JSON array.
    #[arg(long)]
    pub names: bool,
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
    /// Files or directories (walked recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write one output per input under DIR, mirroring the input tree.
    /// Without it, one input prints its article, several print JSON Lines.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// File extensions to pick up inside directories.
    #[arg(
        long = "ext",
        value_name = "EXT",
        default_value = "txt",
        value_delimiter = ','
    )]
    pub extensions: Vec<String>,
    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Judge lines by rules and position only, without the line classifier.
    #[arg(long)]
    pub rules_only: bool,
}

/// Parses the command line and runs the subcommand.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Clean(args) => clean::run(&args),
        Command::Features(args) => features::run(&args),
    }
}

/// Whether an error is a closed standard output (`rinse … | head`): not a failure.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
