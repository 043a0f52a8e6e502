//! Merging the command line into the file's settings: the source, the
//! target list, each target's folder and options.

use super::{Config, Error, FileConfig, Request, TargetSpec, TargetTable, normalize, relative};
use crate::diag::Diagnostic;
use crate::ir::ast::Span;
use crate::target::{self, Backend, Place};
use std::path::PathBuf;

pub(super) fn resolve(
    mut file: FileConfig,
    request: &Request,
    text: Option<(String, String)>,
    project: PathBuf,
) -> Result<Config, Error> {
    let mut error = Error { file: text, ..Error::default() };
    let source = request.ir.clone().or_else(|| file.source.clone());
    if source.is_none() {
        error.messages.push(
            "no IR source: add a [source.*] table to the config, or pass --ir FILE (or --ir - for stdin)".to_owned(),
        );
    }
    if request.ir.is_none() {
        missing_paths(&file.source_paths, &mut error);
    }
    let targets = enabled(&file, request, &mut error);
    let root = request.out.as_deref().map(normalize).or_else(|| file.output.as_ref().map(|o| o.get_ref().clone()));
    let mut specs: Vec<TargetSpec> = Vec::new();
    for backend in targets {
        let table = file.tables.remove(backend.name()).unwrap_or_else(|| super::file::default_table(backend, &project));
        if let Some(spec) = place(backend, table, root.as_ref(), request.out.is_some(), &specs, &mut error) {
            specs.push(spec);
        }
    }
    crate::diag::sort(&mut error.diags);
    match source {
        Some(source) if error.diags.is_empty() && error.messages.is_empty() => {
            let watch = if request.ir.is_some() { Vec::new() } else { file.watch };
            Ok(Config { root, project, targets: specs, base_url: file.base_url, source, watch })
        }
        _ => Err(error),
    }
}

/// The enabled targets in registry order, each checked for the target it
/// requires.
fn enabled(file: &FileConfig, request: &Request, error: &mut Error) -> Vec<&'static dyn Backend> {
    let listed: Vec<(&'static dyn Backend, Option<Span>)> = if request.targets.is_empty() {
        file.targets.iter().flatten().map(|(t, s)| (*t, Some(*s))).collect()
    } else {
        request.targets.iter().filter_map(|name| target::by_name(name)).map(|t| (t, None)).collect()
    };
    if listed.is_empty() {
        error.messages.push(format!(
            "no targets: list them in the config (`targets = [\"stage1\", \"react\"]`) or pass --target NAME; the targets are: {}",
            target::names().join(", ")
        ));
    }
    let on = |name: &str| listed.iter().any(|(t, _)| t.name() == name);
    for (target, at) in &listed {
        if let Some(needed) = target.requires().filter(|n| !on(n)) {
            let name = target.name();
            let message = format!("target `{name}` needs target `{needed}`: its code imports {needed}'s output");
            report(error, *at, "mizan::config-missing-target", message, format!("enable `{needed}` as well"));
        }
    }
    target::ALL.iter().copied().filter(|t| on(t.name())).collect()
}
/// A problem with the target list: a diagnostic when it came from the file,
/// a message when it came from `--target`.
fn report(error: &mut Error, at: Option<Span>, code: &'static str, message: String, help: String) {
    match at {
        Some(at) => error.diags.push(Diagnostic::error(code, message, at).label("enabled here").help(help)),
        None => error.messages.push(format!("{message} ({help})")),
    }
}

/// A target's folder and options. With `--out`, every target goes to
/// `<out>/<folder>` whatever the file says.
fn place(
    backend: &'static dyn Backend,
    table: TargetTable,
    root: Option<&PathBuf>,
    out: bool,
    placed: &[TargetSpec],
    error: &mut Error,
) -> Option<TargetSpec> {
    let TargetTable { output, mut options } = table;
    let own = output.filter(|_| !out);
    let name = backend.name();
    let dir = match (&own, root) {
        (Some(own), _) => own.get_ref().clone(),
        (None, Some(root)) => root.join(backend.folder(&options)),
        (None, None) => {
            error.messages.push(format!(
                "no output folder for target `{name}`: set `output` at the top of the config or in [target.{name}], or pass --out DIR"
            ));
            return None;
        }
    };
    let required = backend
        .requires()
        .and_then(|needed| placed.iter().find(|s| s.target.name() == needed))
        .map(|s| (relative(&dir, &s.dir), s.target.options()));
    let place = Place { dir: &dir, own: own.as_ref().map(super::table::at), required };
    if let Err(diag) = backend.place(&mut options, &place) {
        error.diags.push(*diag);
        return None;
    }
    Some(TargetSpec { target: options, dir })
}

/// A path the source names that is not there: reported at the key naming
/// it, before the source runs (`--ir` replaces the source, so not then).
fn missing_paths(paths: &[super::SourcePath], error: &mut Error) {
    for p in paths {
        let found = std::fs::metadata(&p.path);
        let what = if p.folder { "folder" } else { "file" };
        let problem = match &found {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => format!("no such {what}"),
            Err(e) => e.to_string(),
            Ok(m) if p.folder && !m.is_dir() => "not a folder".to_owned(),
            Ok(m) if !p.folder && m.is_dir() => "a folder, not a file".to_owned(),
            Ok(_) => continue,
        };
        let shown = super::display_path(&p.path);
        let help = if p.key == "[source.ir] path" {
            "export the IR from the backend into that file first, or fix the path (relative paths start at the \
             config's folder); `--ir FILE` replaces the source for one run"
        } else {
            "fix the path: relative paths start at the config's folder"
        };
        error.diags.push(
            crate::diag::Diagnostic::error(
                "mizan::config-missing-path",
                format!("{} `{shown}`: {problem}", p.key),
                p.span,
            )
            .label(format!("{problem}: {shown}"))
            .help(help),
        );
    }
}
