//! What the command line prints: failures (on stderr, human or JSON), the
//! `--check` report and the run summary (on stdout).

use super::{Color, Format};
use crate::diag::{self, Diagnostic};
use crate::source::Ir;
use crate::write::{Difference, Summary};
use crate::{config, diag::Format as DiagFormat};
use serde_json::{Value, json};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Diffs shown in full by `--check`; later differences are only listed.
const SHOWN_DIFFS: usize = 5;

/// Why a run failed.
#[derive(Debug)]
pub enum Failure {
    /// Exit 2.
    Config(config::Error),
    Source(String),
    Ir {
        diags: Vec<Diagnostic>,
        ir: Ir,
    },
    Generate(Vec<String>),
    /// Existing files the run would overwrite that the tool did not write.
    Untracked(Vec<PathBuf>),
    Differences(Vec<Difference>),
}

/// A failure as diagnostics of one file plus messages with their codes.
struct Parts<'a> {
    diags: &'a [Diagnostic],
    file: Option<(&'a str, &'a str)>,
    messages: Vec<(&'static str, String)>,
}

impl Failure {
    fn parts(&self) -> Parts<'_> {
        let message = |code: &'static str, ms: &[String]| ms.iter().map(|m| (code, m.clone())).collect();
        match self {
            Failure::Config(e) => Parts {
                diags: &e.diags,
                file: e.file.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
                messages: message("mizan::usage", &e.messages),
            },
            Failure::Source(m) => Parts { diags: &[], file: None, messages: vec![("mizan::source-failed", m.clone())] },
            Failure::Ir { diags, ir } => Parts { diags, file: Some((&ir.name, &ir.text)), messages: Vec::new() },
            Failure::Generate(ms) => Parts { diags: &[], file: None, messages: message("mizan::generate-failed", ms) },
            Failure::Untracked(paths) => {
                let mut m = format!(
                    "{} not written by mizan-generate would be overwritten; nothing was written:",
                    if paths.len() == 1 {
                        "this existing file".to_owned()
                    } else {
                        format!("these {} existing files", paths.len())
                    }
                );
                for p in paths {
                    m.push_str(&format!("\n  {}", shown(p)));
                }
                m.push_str("\nmove them away, or pass --overwrite to replace them (mizan-generate then records them as its own)");
                Parts { diags: &[], file: None, messages: vec![("mizan::untracked-files", m)] }
            }
            Failure::Differences(d) => {
                let m = format!("{} out of date: run `mizan-generate` to regenerate", files(d.len()));
                Parts { diags: &[], file: None, messages: vec![("mizan::check-failed", m)] }
            }
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Config(_) => 2,
            _ => 1,
        }
    }
}

/// Printing settings from the command line.
pub struct Ui {
    quiet: bool,
    verbose: bool,
    color: bool,
    format: Format,
}

impl Ui {
    pub(super) fn new(quiet: bool, verbose: bool, color: Color, format: Format) -> Ui {
        let color = match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        Ui { quiet, verbose, color, format }
    }

    /// A line of progress on stdout, unless `--quiet`.
    pub fn info(&self, line: &str) {
        if !self.quiet {
            println!("{line}");
        }
    }

    /// Another run holds the lock of `dir`: said once, on stderr.
    pub fn waiting(&self, dir: &Path) {
        if !self.quiet {
            eprintln!("mizan-generate: waiting for another mizan-generate run to finish in {}", shown(dir));
        }
    }

    pub fn summary(&self, s: &Summary) {
        if self.verbose {
            s.written.iter().for_each(|p| println!("wrote   {}", shown(p)));
            s.deleted.iter().for_each(|p| println!("deleted {}", shown(p)));
            s.swept.iter().for_each(|p| println!("removed {} (left by an interrupted run)", shown(p)));
        }
        for k in &s.kept {
            eprintln!(
                "{} kept {}: no longer generated, but {}; it is yours now",
                self.paint("warning:", "1;33"),
                shown(&k.path),
                k.why
            );
        }
        self.info(&format!(
            "mizan-generate: {} written, {} unchanged, {} deleted",
            files(s.written.len()),
            s.unchanged,
            s.deleted.len()
        ));
    }

    pub fn failure(&self, failure: &Failure) {
        if let Failure::Differences(differences) = failure {
            print!("{}", self.check_report(differences));
        }
        eprint!("{}", self.failure_text(failure));
    }

    fn failure_text(&self, failure: &Failure) -> String {
        let Parts { diags, file, messages } = failure.parts();
        match self.format {
            Format::Human => {
                let mut out =
                    file.map_or(String::new(), |(n, t)| diag::render(diags, n, t, DiagFormat::Human, self.color));
                for (_, m) in &messages {
                    out.push_str(&format!("{} {}\n", self.paint("error:", "1;31"), diag::escape(m.trim_end())));
                }
                out
            }
            Format::Json => {
                let mut items: Vec<Value> = file
                    .and_then(|(n, t)| serde_json::from_str(&diag::render(diags, n, t, DiagFormat::Json, false)).ok())
                    .unwrap_or_default();
                items.extend(messages.into_iter().map(
                    |(code, m)| json!({ "code": code, "severity": "error", "message": diag::escape(m.trim_end()) }),
                ));
                serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
            }
        }
    }

    /// Lists every difference; shows the diff of the first few.
    fn check_report(&self, differences: &[Difference]) -> String {
        let mut out = String::new();
        for d in differences {
            let (what, path) = match d {
                Difference::Missing(p) => ("missing", p),
                Difference::Stale(p, _) => ("stale  ", p),
                Difference::Extra(p) => ("extra  ", p),
                Difference::Untracked(p) => ("foreign", p),
                Difference::Kept(k) => ("edited ", &k.path),
                Difference::Leftover(p) => ("leftover", p),
            };
            let note = match d {
                Difference::Untracked(_) => " (exists, not written by mizan-generate: a run refuses to overwrite it)",
                Difference::Kept(_) => " (no longer generated, but changed since written: a run keeps it)",
                Difference::Leftover(_) => " (a temporary file of an interrupted run)",
                _ => "",
            };
            out.push_str(&format!("{what} {}{note}\n", shown(path)));
        }
        let diffs: Vec<&String> = differences
            .iter()
            .filter_map(|d| if let Difference::Stale(_, diff) = d { Some(diff) } else { None })
            .collect();
        for diff in diffs.iter().take(SHOWN_DIFFS) {
            out.push('\n');
            for line in diff.lines() {
                let code = match line.as_bytes().first() {
                    Some(b'+') => "32",
                    Some(b'-') => "31",
                    Some(b'@') => "36",
                    _ => "",
                };
                out.push_str(&self.paint(&diag::escape(line), code));
                out.push('\n');
            }
        }
        if diffs.len() > SHOWN_DIFFS {
            out.push_str(&format!("\n({} more stale files not shown)\n", diffs.len() - SHOWN_DIFFS));
        }
        out
    }

    fn paint(&self, text: &str, code: &str) -> String {
        if self.color && !code.is_empty() { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// A path as printed: names found on disk may hold control characters.
fn shown(path: &Path) -> String {
    diag::escape(&config::display_path(path)).into_owned()
}

fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}
