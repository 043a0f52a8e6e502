//! The command line: `mizan-generate [--config PATH] [--check] ...` and
//! `mizan-generate validate FILE`, `mizan-generate diff OLD NEW`.
//!
//! Exit status: 0 ok; 1 invalid IR, a failing source, a failed write, or
//! `--check` finding differences; 2 usage and config errors. `main` never
//! panics on user input: every failure is a `Failure` that `report` prints.

mod diff;
mod generate;
mod init;
mod report;
mod timings;
mod watch;

use crate::config;
use crate::source::Source;
use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use report::Ui;
use std::path::PathBuf;
use std::process::ExitCode;

/// Generates typed Mizan clients from a backend's KDL IR.
///
/// Reads mizan.toml, runs the configured IR source (a file, or the
/// backend's exporter command), and writes each enabled target's files into
/// its output folder. Unchanged files are left alone; files an earlier run
/// generated that are no longer produced are deleted (only those: each
/// output folder records what mizan-generate wrote in .mizan-generated.json).
#[derive(Parser, Debug)]
#[command(name = "mizan-generate", version, args_conflicts_with_subcommands = true, max_term_width = 100)]
#[command(
    after_help = "Exit status: 0 ok, 1 invalid IR / --check found differences / generation failed / diff found a breaking change, 2 usage or config error."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    generate: GenerateArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and check an IR document; generate nothing
    ///
    /// Prints every error of the document and exits 1 when there is one.
    Validate {
        /// The IR file, or - to read stdin
        #[arg(value_name = "FILE|-")]
        file: PathBuf,
    },
    /// Write a starter mizan.toml in the current folder
    ///
    /// Looks nearby (this folder, its parent, and their subfolders) for the backend: a Django
    /// manage.py, a FastAPI app module, a Cargo project depending on a Mizan crate, or an IR file,
    /// and configures it as the IR source (else [source.ir] with mizan-ir.kdl). The targets follow
    /// package.json (react, vue, svelte, zod). Never overwrites an existing mizan.toml.
    Init,
    /// Classify the changes between two IRs: breaking, dangerous, safe for existing callers
    ///
    /// Exits 1 when a change breaks existing callers (unless --allow-breaking).
    Diff(diff::DiffArgs),
}

/// The main command's options.
#[derive(Args, Debug)]
struct GenerateArgs {
    /// The config file [default: ./mizan.toml]
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Generate in memory and compare with disk: exit 1 listing stale, missing and extra files
    #[arg(long)]
    check: bool,
    /// Overwrite existing files at generated paths that mizan-generate did not write (taking them over)
    #[arg(long)]
    overwrite: bool,
    /// Read the IR from FILE (- for stdin) instead of the config's source
    #[arg(long, value_name = "FILE|-")]
    ir: Option<PathBuf>,
    /// Write each target to DIR/<target>, overriding the config's output folders
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Generate this target (repeatable), instead of the config's `targets`
    #[arg(long = "target", value_name = "NAME", value_parser = PossibleValuesParser::new(crate::target::names()))]
    targets: Vec<String>,
    /// Generate, then again whenever the config, the IR file or the source's `watch` paths change
    /// (until Ctrl-C)
    #[arg(long, conflicts_with = "check")]
    watch: bool,
    /// Also list every file written or deleted
    #[arg(short, long, conflicts_with = "quiet")]
    verbose: bool,
    /// Print each phase's time and the peak memory on stderr (for benches/pipeline.rs)
    #[arg(long, hide = true)]
    timings: bool,
}

/// How messages are printed; accepted before or after the subcommand.
#[derive(Args, Debug)]
struct OutputArgs {
    /// Print only errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to color messages
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    color: Color,
    /// What to print on stdout: human text; one JSON document (diagnostics, the files written or the
    /// differences found); or GitHub Actions annotations. Human text goes to stderr with json and github
    #[arg(long, global = true, value_name = "FORMAT", default_value = "human")]
    format: Format,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

impl GenerateArgs {
    fn request(&self) -> config::Request {
        config::Request {
            config: self.config.clone(),
            ir: self.ir.as_deref().map(ir_source),
            out: self.out.clone(),
            targets: self.targets.clone(),
        }
    }
}

fn ir_source(path: &std::path::Path) -> Source {
    if path.as_os_str() == "-" { Source::Stdin } else { Source::File(config::normalize(path)) }
}

/// Parses the command line, runs it, prints the outcome; the exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let kind = match &cli.command {
        Some(Command::Validate { .. } | Command::Init) => report::Kind::Validate,
        Some(Command::Diff(_)) => report::Kind::Diff,
        None if cli.generate.check => report::Kind::Check,
        None => report::Kind::Generate,
    };
    let ui = Ui::new(cli.output.quiet, cli.generate.verbose, cli.output.color, cli.output.format, kind);
    let result = match &cli.command {
        Some(Command::Validate { file }) => generate::validate(&ir_source(file), &ui),
        Some(Command::Init) => init::run(&ui),
        Some(Command::Diff(args)) => return diff::main(args, &ui),
        None if cli.generate.watch => watch::run(&cli.generate, &ui),
        None => generate::run(&cli.generate, &ui),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            ui.failure(&failure);
            ExitCode::from(failure.exit_code())
        }
    }
}
