//! `mizan-generate diff OLD NEW` and `diff --against <rev>`: which changes
//! between two IRs break existing callers of the generated clients.
//!
//! Both documents go through the same front end as `validate`; errors in
//! either are reported with that file's name (exit 1). The comparison is
//! `crate::breaking`; this module reads the inputs and prints the report.

use super::report::{Failure, Ui, annotation};
use super::{Format, ir_source};
use crate::breaking::{self, Change, Severity, Side};
use crate::config;
use crate::diag::{self, Lines};
use crate::ir;
use crate::ir::scan::MAX_SIZE;
use crate::source::{self, Ir, Source};
use crate::target::Backend;
use clap::Args;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `diff`'s arguments.
#[derive(Args, Debug)]
pub(super) struct DiffArgs {
    /// The old IR file (- for stdin)
    #[arg(value_name = "OLD|-", required_unless_present = "against")]
    old: Option<PathBuf>,
    /// The new IR file (- for stdin)
    #[arg(value_name = "NEW|-", required_unless_present = "against")]
    new: Option<PathBuf>,
    /// Compare the IR at this git revision with the current one: the config's `[source.ir] path`,
    /// read with `git show <REV>:<path>`
    #[arg(long, value_name = "REV", conflicts_with_all = ["old", "new"])]
    against: Option<String>,
    /// The config file naming the IR for --against [default: ./mizan.toml]
    #[arg(long, value_name = "PATH", requires = "against")]
    config: Option<PathBuf>,
    /// Exit 0 even when a change breaks existing callers
    #[arg(long)]
    allow_breaking: bool,
}

/// Runs `diff` and prints its outcome; the exit status.
pub(super) fn main(args: &DiffArgs, ui: &Ui) -> ExitCode {
    let result = inputs(args).and_then(|(old, new, targets)| {
        let load = |ir: &Ir| ir::load_for(&ir.text, &targets).map_err(|diags| (diags, ir.clone()));
        // The two documents are independent: checked side by side.
        let mut docs = crate::par::map(&[&old, &new], |ir| ir.text.len(), |ir| load(ir)).into_iter();
        match (docs.next(), docs.next()) {
            (Some(Ok(o)), Some(Ok(n))) => {
                let changes = breaking::compare(&o, &n);
                // The process exits next: freeing the ASTs node by node would
                // only add time (as `generate::run` does).
                std::mem::forget((o, n));
                Ok((changes, old, new))
            }
            (o, n) => Err(Failure::Irs([o, n].into_iter().flatten().filter_map(Result::err).collect())),
        }
    });
    match result {
        Ok((changes, old, new)) => {
            let breaks = changes.iter().any(|c| c.severity() == Severity::Breaking);
            report(&changes, &old, &new, args.allow_breaking, ui);
            if breaks && !args.allow_breaking { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(failure) => {
            ui.failure(&failure);
            ExitCode::from(failure.exit_code())
        }
    }
}

/// The old and the new IR text, and the targets whose names are checked:
/// the config's with `--against`, else all (like `validate`).
fn inputs(args: &DiffArgs) -> Result<(Ir, Ir, Vec<&'static dyn Backend>), Failure> {
    if let Some(rev) = &args.against {
        return against(rev, args.config.as_deref());
    }
    let (Some(old), Some(new)) = (&args.old, &args.new) else {
        return Err(usage("diff needs two IR files (OLD NEW), or --against REV".to_owned()));
    };
    if old.as_os_str() == "-" && new.as_os_str() == "-" {
        return Err(usage("diff reads at most one of OLD and NEW from stdin (-)".to_owned()));
    }
    let read = |p: &Path| source::read(&ir_source(p)).map_err(Failure::Source);
    Ok((read(old)?, read(new)?, crate::target::ALL.to_vec()))
}

/// `--against REV`: the config's IR file at `rev` (through git) and now.
fn against(rev: &str, config: Option<&Path>) -> Result<(Ir, Ir, Vec<&'static dyn Backend>), Failure> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(usage(format!("--against takes a git revision, not `{}`", diag::escape(rev))));
    }
    let request = config::Request { config: config.map(Path::to_path_buf), ..config::Request::default() };
    let config = config::load(&request).map_err(Failure::Config)?;
    let Source::File(path) = &config.source else {
        return Err(usage(
            "diff --against reads the IR file named by the config's [source.ir] path; this config's IR source is \
             a command, so export the two IRs and pass both files: mizan-generate diff OLD NEW"
                .to_owned(),
        ));
    };
    let new = source::read(&config.source).map_err(Failure::Source)?;
    let old = git_show(rev, path)?;
    Ok((old, new, config.targets.iter().map(|spec| spec.target.backend()).collect()))
}

/// The file at `path` as of `rev`: `git show <rev>:./<name>`, run in the
/// file's folder (so the path is relative to wherever the repository is).
fn git_show(rev: &str, path: &Path) -> Result<Ir, Failure> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = config::display_path(path);
    let fail = |why: String| Failure::Source(format!("cannot read {shown} at revision {rev}: {why}"));
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["show", &format!("{rev}:./{name}")])
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| fail(format!("cannot run git: {e}")))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(fail(diag::escape(stderr.trim()).into_owned()));
    }
    if out.stdout.len() > MAX_SIZE {
        return Err(fail(format!("it is larger than {MAX_SIZE} bytes, the largest IR accepted")));
    }
    let text = String::from_utf8(out.stdout)
        .map_err(|e| fail(format!("it is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())))?;
    Ok(Ir { name: format!("{rev}:{shown}"), text })
}

fn usage(message: String) -> Failure {
    Failure::Config(config::Error { messages: vec![message], ..config::Error::default() })
}

/// A change with its place: the file, 1-based line and column, and end.
struct Placed<'a> {
    change: &'a Change,
    file: &'a str,
    start: (usize, usize),
    end: (usize, usize),
}

fn place<'a>(change: &'a Change, old: &'a Ir, new: &'a Ir, lines: &(Lines, Lines)) -> Placed<'a> {
    let (ir, lines) = match change.side {
        Side::Old => (old, &lines.0),
        Side::New => (new, &lines.1),
    };
    let span = change.span;
    Placed { change, file: &ir.name, start: lines.line_col(span.offset), end: lines.line_col(span.offset + span.len) }
}

/// Prints the changes: grouped human text (stdout, or stderr with a
/// machine format; with `--quiet` only a failing verdict and the breaking
/// changes), then the JSON document or the annotations (GitHub's on the
/// current file: a removal at what enclosed it there).
fn report(changes: &[Change], old: &Ir, new: &Ir, allowed: bool, ui: &Ui) {
    let lines = (Lines::new(&old.text), Lines::new(&new.text));
    let placed: Vec<Placed> = changes.iter().map(|c| place(c, old, new, &lines)).collect();
    let of = |s: Severity| placed.iter().filter(move |p| p.change.severity() == s);
    let count = |s: Severity| of(s).count();
    let (b, d, s) = (count(Severity::Breaking), count(Severity::Dangerous), count(Severity::Safe));
    // `--quiet` keeps what fails the run: the breaking changes and the verdict.
    let failing = b > 0 && !allowed;
    let mut text = String::new();
    for (severity, heading, color) in [
        (Severity::Breaking, "breaking", "1;31"),
        (Severity::Dangerous, "dangerous", "1;33"),
        (Severity::Safe, "safe", "1;32"),
    ] {
        if count(severity) == 0 || (ui.quiet() && !(failing && severity == Severity::Breaking)) {
            continue;
        }
        text.push_str(&format!("{}\n", ui.paint(&format!("{heading} ({}):", count(severity)), color)));
        for p in of(severity) {
            let (line, col) = p.start;
            let message = diag::escape(&p.change.message);
            text.push_str(&format!("  {}:{line}:{col}: {}: {message}\n", diag::escape(p.file), p.change.code));
        }
    }
    let verdict = match (b, d + s) {
        (0, 0) => "no changes".to_owned(),
        (0, _) => format!("{}; no breaking change", counts(b, d, s)),
        (_, _) if allowed => format!("{}: breaks existing callers (allowed by --allow-breaking)", counts(b, d, s)),
        (_, _) => format!("{}: breaks existing callers", counts(b, d, s)),
    };
    text.push_str(&format!("mizan-generate diff: {verdict}"));
    if !ui.quiet() || failing {
        ui.error_text(&text);
    }
    match ui.format() {
        Format::Human => {}
        Format::Json => {
            let items = |sev: Severity| -> Vec<Value> { of(sev).map(item).collect() };
            let doc = json!({
                "ok": b == 0 || allowed,
                "diagnostics": [],
                "breaking": items(Severity::Breaking),
                "dangerous": items(Severity::Dangerous),
                "safe": items(Severity::Safe),
            });
            println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
        }
        Format::Github => {
            let out: String = placed
                .iter()
                .map(|c| {
                    // On the current file: a removal at what encloses it there.
                    let p = Placed {
                        change: c.change,
                        file: &new.name,
                        start: lines.1.line_col(c.change.anchor.offset),
                        end: lines.1.line_col(c.change.anchor.offset + c.change.anchor.len),
                    };
                    let level = match p.change.severity() {
                        Severity::Breaking => "error",
                        Severity::Dangerous => "warning",
                        Severity::Safe => "notice",
                    };
                    let (line, col) = p.start;
                    let (end_line, end_col) = p.end;
                    let place = if (end_line, end_col) != (line, col) {
                        format!("line={line},col={col},endLine={end_line},endColumn={end_col}")
                    } else {
                        format!("line={line},col={col}")
                    };
                    let message = diag::escape(&p.change.message);
                    annotation(level, Some(&diag::escape(p.file)), Some(&place), p.change.code, &message)
                })
                .collect();
            print!("{out}");
        }
    }
}

/// One change as JSON.
fn item(p: &Placed) -> Value {
    json!({
        "code": p.change.code,
        "severity": p.change.severity().as_str(),
        "message": diag::escape(&p.change.message),
        "file": diag::escape(p.file),
        "line": p.start.0,
        "column": p.start.1,
        "end_line": p.end.0,
        "end_column": p.end.1,
        "side": match p.change.side { Side::Old => "old", Side::New => "new" },
    })
}

fn counts(b: usize, d: usize, s: usize) -> String {
    let n = b + d + s;
    format!("{n} change{} ({b} breaking, {d} dangerous, {s} safe)", if n == 1 { "" } else { "s" })
}
