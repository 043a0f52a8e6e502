//! What the command line prints. Human format: failures on stderr, the
//! `--check` report and the run summary on stdout. `--format json`: one
//! JSON document on stdout (validate: the array of diagnostics, `[]` when
//! valid; generate and `--check`: an object with `ok`, `diagnostics` and the
//! files written or the differences found), human text on stderr.
//! `--format github`: GitHub Actions annotations on stdout (diagnostics,
//! stale and missing files), human text on stderr.

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
    /// `diff`: the diagnostics of each document that has some.
    Irs(Vec<(Vec<Diagnostic>, Ir)>),
    Generate(Vec<String>),
    /// Existing files the run would overwrite that the tool did not write.
    Untracked(Vec<PathBuf>),
    Differences(Vec<Difference>),
}

/// A failure as diagnostics of files (each with its name and text) plus
/// messages with their codes.
struct Parts<'a> {
    files: Vec<(&'a [Diagnostic], &'a str, &'a str)>,
    messages: Vec<(&'static str, String)>,
}

impl Failure {
    fn parts(&self) -> Parts<'_> {
        let message = |code: &'static str, ms: &[String]| ms.iter().map(|m| (code, m.clone())).collect();
        match self {
            Failure::Config(e) => Parts {
                files: e.file.iter().map(|(n, t)| (&e.diags[..], n.as_str(), t.as_str())).collect(),
                messages: message("mizan::usage", &e.messages),
            },
            Failure::Source(m) => Parts { files: Vec::new(), messages: vec![("mizan::source-failed", m.clone())] },
            Failure::Ir { diags, ir } => Parts { files: vec![(diags, &ir.name, &ir.text)], messages: Vec::new() },
            Failure::Irs(irs) => Parts {
                files: irs.iter().map(|(diags, ir)| (&diags[..], ir.name.as_str(), ir.text.as_str())).collect(),
                messages: Vec::new(),
            },
            Failure::Generate(ms) => Parts { files: Vec::new(), messages: message("mizan::generate-failed", ms) },
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
                Parts { files: Vec::new(), messages: vec![("mizan::untracked-files", m)] }
            }
            Failure::Differences(d) => {
                let m = format!("{} out of date: run `mizan-generate` to regenerate", files(d.len()));
                Parts { files: Vec::new(), messages: vec![("mizan::check-failed", m)] }
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

/// The command being run: it decides the shape of the JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Validate,
    Generate,
    Check,
    Diff,
}

/// Printing settings from the command line.
pub struct Ui {
    quiet: bool,
    verbose: bool,
    color: bool,
    format: Format,
    kind: Kind,
}

impl Ui {
    pub(super) fn new(quiet: bool, verbose: bool, color: Color, format: Format, kind: Kind) -> Ui {
        let color = match color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        };
        Ui { quiet, verbose, color, format, kind }
    }

    /// A line of human text, unless `--quiet`: on stdout in human format,
    /// else on stderr (stdout is the machine's).
    pub fn info(&self, line: &str) {
        if self.quiet {
            return;
        }
        if self.format == Format::Human { println!("{line}") } else { eprintln!("{line}") }
    }

    /// A line about the session (`--watch`), on stderr, unless `--quiet`.
    pub fn note(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }

    /// A warning, on stderr.
    pub fn warn(&self, line: &str) {
        eprintln!("{} {}", self.paint("warning:", "1;33"), diag::escape(line));
    }

    pub(super) fn format(&self) -> Format {
        self.format
    }

    pub(super) fn quiet(&self) -> bool {
        self.quiet
    }

    /// `info`, even with `--quiet`: for what counts as an error.
    pub(super) fn error_text(&self, text: &str) {
        if self.format == Format::Human { println!("{text}") } else { eprintln!("{text}") }
    }

    /// Prints the machine-readable document of the run, if any.
    fn machine(&self, json: impl FnOnce() -> Value, github: impl FnOnce() -> String) {
        match self.format {
            Format::Human => {}
            Format::Json => println!("{}", serde_json::to_string_pretty(&json()).unwrap_or_default()),
            Format::Github => print!("{}", github()),
        }
    }

    /// `validate` found no error.
    pub fn valid(&self, name: &str) {
        self.info(&format!("{name}: valid Mizan IR"));
        self.machine(|| json!([]), String::new);
    }

    /// `--check` found every file up to date.
    pub fn up_to_date(&self) {
        self.info("mizan-generate: every generated file is up to date");
        self.machine(|| json!({ "ok": true, "diagnostics": [], "differences": [] }), String::new);
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
        let kept_line = |k: &crate::write::Kept| {
            format!("kept {}: no longer generated, but {}; it is yours now", shown(&k.path), k.why)
        };
        for k in &s.kept {
            eprintln!("{} {}", self.paint("warning:", "1;33"), kept_line(k));
        }
        self.info(&format!(
            "mizan-generate: {} written, {} unchanged, {} deleted",
            files(s.written.len()),
            s.unchanged,
            s.deleted.len()
        ));
        let paths = |ps: &[PathBuf]| ps.iter().map(|p| shown(p)).collect::<Vec<_>>();
        self.machine(
            || {
                let kept: Vec<Value> = s.kept.iter().map(|k| json!({ "path": shown(&k.path), "why": k.why })).collect();
                json!({
                    "ok": true,
                    "diagnostics": [],
                    "written": paths(&s.written),
                    "unchanged": s.unchanged,
                    "deleted": paths(&s.deleted),
                    "removed": paths(&s.swept),
                    "kept": kept,
                })
            },
            || {
                s.kept
                    .iter()
                    .map(|k| annotation("warning", Some(&shown(&k.path)), None, "mizan::kept", &kept_line(k)))
                    .collect()
            },
        );
    }

    pub fn failure(&self, failure: &Failure) {
        if let Failure::Differences(differences) = failure {
            let report = self.check_report(differences);
            if self.format == Format::Human { print!("{report}") } else { eprint!("{report}") }
        }
        eprint!("{}", self.failure_text(failure));
        self.machine(
            || {
                let diagnostics = Value::Array(failure_items(failure));
                if self.kind == Kind::Validate {
                    return diagnostics;
                }
                if self.kind == Kind::Diff {
                    return json!({ "ok": false, "diagnostics": diagnostics, "breaking": [], "dangerous": [], "safe": [] });
                }
                let differences: Vec<Value> = match failure {
                    Failure::Differences(d) => d.iter().map(difference_json).collect(),
                    _ => Vec::new(),
                };
                json!({ "ok": false, "diagnostics": diagnostics, "differences": differences })
            },
            || {
                let mut out: String = failure_items(failure).iter().map(item_annotation).collect();
                if let Failure::Differences(d) = failure {
                    out.extend(d.iter().map(|d| {
                        let (kind, path) = difference_kind(d);
                        let message = format!("{}: {kind}; run `mizan-generate` to regenerate", path);
                        annotation("error", Some(&path), None, "mizan::check-failed", &message)
                    }));
                }
                out
            },
        );
    }

    /// The failure as human text (stderr in every format).
    fn failure_text(&self, failure: &Failure) -> String {
        let Parts { files, messages } = failure.parts();
        let mut out: String =
            files.iter().map(|(diags, n, t)| diag::render(diags, n, t, DiagFormat::Human, self.color)).collect();
        for (_, m) in &messages {
            out.push_str(&format!("{} {}\n", self.paint("error:", "1;31"), diag::escape(m.trim_end())));
        }
        out
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

    pub(super) fn paint(&self, text: &str, code: &str) -> String {
        if self.color && !code.is_empty() { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// The failure's diagnostics as JSON items: those of its file, then its
/// messages (no file).
fn failure_items(failure: &Failure) -> Vec<Value> {
    let Parts { files, messages } = failure.parts();
    let mut items: Vec<Value> = files.iter().flat_map(|(diags, n, t)| diag::json(diags, n, t)).collect();
    items.extend(
        messages
            .into_iter()
            .map(|(code, m)| json!({ "code": code, "severity": "error", "message": diag::escape(m.trim_end()) })),
    );
    items
}

/// What a `--check` difference is, in words, and its path.
fn difference_kind(d: &Difference) -> (&'static str, String) {
    match d {
        Difference::Missing(p) => ("missing", shown(p)),
        Difference::Stale(p, _) => ("stale", shown(p)),
        Difference::Extra(p) => ("extra", shown(p)),
        Difference::Untracked(p) => ("foreign", shown(p)),
        Difference::Kept(k) => ("edited", shown(&k.path)),
        Difference::Leftover(p) => ("leftover", shown(p)),
    }
}

/// A `--check` difference as JSON: its kind, path, and for a stale file the
/// unified diff.
fn difference_json(d: &Difference) -> Value {
    let (kind, path) = difference_kind(d);
    match d {
        Difference::Stale(_, diff) => json!({ "kind": kind, "path": path, "diff": diff }),
        _ => json!({ "kind": kind, "path": path }),
    }
}

/// A JSON diagnostic as a GitHub Actions annotation.
fn item_annotation(item: &Value) -> String {
    let text = |key: &str| item.get(key).and_then(Value::as_str);
    let number = |key: &str| item.get(key).and_then(Value::as_u64);
    let mut message = text("message").unwrap_or_default().to_owned();
    if let Some(help) = text("help") {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let place = match (number("line"), number("column")) {
        (Some(line), Some(col)) => {
            let end = match (number("end_line"), number("end_column")) {
                (Some(l), Some(c)) if (l, c) != (line, col) => format!(",endLine={l},endColumn={c}"),
                _ => String::new(),
            };
            Some(format!("line={line},col={col}{end}"))
        }
        _ => None,
    };
    let severity = if text("severity") == Some("warning") { "warning" } else { "error" };
    annotation(severity, text("file"), place.as_deref(), text("code").unwrap_or("mizan::error"), &message)
}

/// `::{severity} file=…,{place},title=…::{message}`, escaped as GitHub's
/// workflow commands require (`%`, CR and LF everywhere; `:` and `,` in
/// properties).
pub(super) fn annotation(
    severity: &str,
    file: Option<&str>,
    place: Option<&str>,
    title: &str,
    message: &str,
) -> String {
    let data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut props = Vec::new();
    if let Some(f) = file {
        props.push(format!("file={}", property(f)));
    }
    if let Some(p) = place {
        props.push(p.to_owned());
    }
    props.push(format!("title={}", property(title)));
    format!("::{severity} {}::{}\n", props.join(","), data(message))
}

/// A path as printed: names found on disk may hold control characters.
fn shown(path: &Path) -> String {
    diag::escape(&config::display_path(path)).into_owned()
}

fn files(n: usize) -> String {
    format!("{n} file{}", if n == 1 { "" } else { "s" })
}
