//! Merging the command line into the file's settings: the source, the
//! target list, each target's folder and options.

use super::{Config, Error, FileConfig, Request, TargetSpec, TargetTable, normalize, relative};
use crate::diag::Diagnostic;
use crate::emit::{Options, Target};
use crate::ir::ast::Span;
use std::path::PathBuf;

/// The Python package (and folder) name when nothing else decides it.
const DEFAULT_PYTHON_PACKAGE: &str = "mizan_client";

pub(super) fn resolve(
    file: FileConfig,
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
    let targets = enabled(&file, request, &mut error);
    let root = request.out.as_deref().map(normalize).or_else(|| file.output.as_ref().map(|o| o.get_ref().clone()));
    let mut specs: Vec<TargetSpec> = Vec::new();
    for target in targets {
        let table = file.tables.get(&target).cloned().unwrap_or_default();
        if let Some(spec) = place(target, &table, root.as_ref(), request.out.is_some(), &mut error) {
            specs.push(spec);
        }
    }
    link_stage1(&mut specs, &file);
    crate::diag::sort(&mut error.diags);
    match source {
        Some(source) if error.diags.is_empty() && error.messages.is_empty() => {
            Ok(Config { root, project, targets: specs, base_url: file.base_url, source })
        }
        _ => Err(error),
    }
}

/// The enabled targets, sorted, each checked for an emitter and for the
/// target it requires.
fn enabled(file: &FileConfig, request: &Request, error: &mut Error) -> Vec<Target> {
    let listed: Vec<(Target, Option<Span>)> = if request.targets.is_empty() {
        file.targets.iter().flatten().map(|(t, s)| (*t, Some(*s))).collect()
    } else {
        request.targets.iter().map(|t| (*t, None)).collect()
    };
    if listed.is_empty() {
        error.messages.push(format!(
            "no targets: list them in the config (`targets = [\"stage1\", \"react\"]`) or pass --target NAME; the targets are: {}",
            Target::ALL.map(|t| t.name()).join(", ")
        ));
    }
    let names: Vec<Target> = listed.iter().map(|(t, _)| *t).collect();
    for (target, at) in &listed {
        if let Some(needed) = target.requires().filter(|n| !names.contains(n)) {
            let message = format!("target `{target}` needs target `{needed}`: its code imports {needed}'s output");
            report(error, *at, "mizan::config-missing-target", message, format!("enable `{needed}` as well"));
        }
    }
    let mut out: Vec<Target> = names;
    out.sort();
    out.dedup();
    out
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
/// `<out>/<name>` whatever the file says.
fn place(
    target: Target,
    table: &TargetTable,
    root: Option<&PathBuf>,
    out: bool,
    error: &mut Error,
) -> Option<TargetSpec> {
    let own = table.output.as_ref().filter(|_| !out);
    let mut options = Options { rust_chrono: table.chrono, rust_uuid: table.uuid, ..Options::default() };
    if let Some(kernel) = &table.kernel {
        options.kernel = crate::emit::Kernel::from_config(kernel);
    }
    if let Some(flavor) = table.flavor {
        options.svelte = flavor;
    }
    let folder_name = own.and_then(|o| o.get_ref().file_name()).map(|n| n.to_string_lossy().into_owned());
    if target == Target::Python {
        options.python_package = match (&table.package, &folder_name) {
            (Some(p), _) => p.get_ref().clone(),
            (None, Some(name)) if crate::names::is_ascii_ident(name) => name.clone(),
            (None, Some(name)) => {
                let at = own.map_or(Span::new(0, 0), |o| super::reader::span(o.span()));
                let message = format!(
                    "the python output folder `{name}` is not a Python identifier, so it cannot be the package name"
                );
                let help = "set `package = \"...\"` in [target.python], or name the folder like a Python package";
                error.diags.push(Diagnostic::error("mizan::config-value", message, at).label("this folder").help(help));
                return None;
            }
            (None, None) => DEFAULT_PYTHON_PACKAGE.to_owned(),
        };
    }
    let default_name = if target == Target::Python { options.python_package.clone() } else { target.name().to_owned() };
    let dir = match (own, root) {
        (Some(own), _) => own.get_ref().clone(),
        (None, Some(root)) => root.join(default_name),
        (None, None) => {
            error.messages.push(format!(
                "no output folder for target `{target}`: set `output` at the top of the config or in [target.{target}], or pass --out DIR"
            ));
            return None;
        }
    };
    Some(TargetSpec { target, dir, options })
}

/// Points each framework target at stage1's folder, and at stage1's kernel
/// unless its own table names one.
fn link_stage1(specs: &mut [TargetSpec], file: &FileConfig) {
    let Some((stage1, kernel)) =
        specs.iter().find(|s| s.target == Target::Stage1).map(|s| (s.dir.clone(), s.options.kernel.clone()))
    else {
        return;
    };
    for spec in specs.iter_mut().filter(|s| s.target.requires() == Some(Target::Stage1)) {
        spec.options.stage1_import = relative(&spec.dir, &stage1);
        if file.tables.get(&spec.target).is_none_or(|t| t.kernel.is_none()) {
            spec.options.kernel = kernel.clone();
        }
    }
}
