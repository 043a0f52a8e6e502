//! The schema of `mizan.toml`: TOML text → `FileConfig`, with every
//! problem reported at once.

use super::reader::{Reader, span};
use super::{FileConfig, SourcePath, Table, TargetTable, did_you_mean};
use crate::diag::Diagnostic;
use crate::source::{Exporter, Source};
use crate::target::{self, Backend};
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::DeTable;

const TOP_KEYS: &[&str] = &["output", "targets", "base_url", "target", "source"];
const SOURCE_KINDS: &[&str] = &["ir", "command", "django", "fastapi", "rust"];

/// Parses and validates the file; paths resolve against `base`.
pub fn read(text: &str, base: &Path) -> Result<FileConfig, Vec<Diagnostic>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        let mut diags: Vec<Diagnostic> = errors.iter().map(|e| syntax(e, text)).collect();
        // The TOML parser can report one fault twice (a table header that
        // extends a value: once for the header, once for its keys).
        crate::diag::sort(&mut diags);
        return Err(diags);
    }
    let top = doc.get_ref();
    let mut r = Reader { base, diags: Vec::new() };
    r.known_keys(top, TOP_KEYS, "the top level");
    let mut source_paths = Vec::new();
    let mut watch = Vec::new();
    let config = FileConfig {
        output: r.path(top, "output"),
        targets: targets(&mut r, top),
        base_url: base_url(&mut r, top),
        tables: target_tables(&mut r, top),
        source: source(&mut r, top, &mut source_paths, &mut watch),
        source_paths,
        watch,
    };
    if r.diags.is_empty() {
        Ok(config)
    } else {
        crate::diag::sort(&mut r.diags);
        Err(r.diags)
    }
}

fn syntax(e: &toml::de::Error, text: &str) -> Diagnostic {
    let at = e.span().map_or(crate::ir::ast::Span::new(0, 0), span);
    let diag = Diagnostic::error("mizan::config-syntax", e.message().trim().to_owned(), at).label("here");
    // `[targets.react]`: `targets` is the list; the tables are `[target.*]`.
    let rest = e.span().filter(|r| text.get(r.clone()) == Some("targets")).and_then(|r| text.get(r.end..));
    let name = rest.and_then(|t| t.strip_prefix('.')).and_then(|t| t.split(']').next()).map(str::trim);
    match name {
        Some(name) => diag
            .help(format!("`targets` is the list of targets; a target's options go in `[target.{name}]` (singular)")),
        None => diag,
    }
}

fn targets(r: &mut Reader, top: &DeTable) -> Option<Vec<(&'static dyn Backend, crate::ir::ast::Span)>> {
    let names = r.strings(top, "targets", true)?;
    let all = target::names();
    let mut out: Vec<(&'static dyn Backend, _)> = Vec::new();
    for name in names {
        match target::by_name(name.get_ref()) {
            Some(t) if out.iter().any(|(seen, _)| seen.name() == t.name()) => {}
            Some(t) => out.push((t, span(name.span()))),
            None => {
                let help = did_you_mean(name.get_ref(), &all)
                    .map_or_else(|| format!("the targets are: {}", all.join(", ")), |c| format!("did you mean `{c}`?"));
                r.diags.push(
                    Diagnostic::error(
                        "mizan::config-unknown-target",
                        format!("unknown target `{}`", name.get_ref()),
                        span(name.span()),
                    )
                    .label("unknown target")
                    .help(help),
                );
            }
        }
    }
    Some(out)
}

fn base_url(r: &mut Reader, top: &DeTable) -> Option<String> {
    let url = r.text(top, "base_url")?;
    let ok = ["/", "http://", "https://"].iter().any(|p| url.get_ref().starts_with(p))
        && !url.get_ref().chars().any(|c| c.is_whitespace() || c.is_control());
    if !ok {
        let help = Some("for example `base_url = \"/api/mizan\"` or `\"https://api.example.com/mizan\"`".to_owned());
        r.value_error(span(url.span()), "`base_url` must be a path starting with `/` or an http(s) URL", help);
        return None;
    }
    Some(url.into_inner())
}

/// Each `[target.<name>]` table, read by its target.
fn target_tables(r: &mut Reader, top: &DeTable) -> BTreeMap<&'static str, TargetTable> {
    let mut out = BTreeMap::new();
    let Some((tables, _)) = r.table(top, "target") else { return out };
    r.known_keys(tables, &target::names(), "[target]");
    for backend in target::ALL {
        let Some((table, _)) = r.table(tables, backend.name()) else { continue };
        let keys: Vec<&str> = std::iter::once("output").chain(backend.keys().iter().copied()).collect();
        r.known_keys(table, &keys, &format!("[target.{}]", backend.name()));
        let output = r.path(table, "output");
        let options = backend.configure(&mut Table::new(r, table));
        out.insert(backend.name(), TargetTable { output, options });
    }
    out
}

/// A target's options when the file has no table for it.
pub(super) fn default_table(backend: &'static dyn Backend, base: &Path) -> TargetTable {
    let mut r = Reader { base, diags: Vec::new() };
    let empty = DeTable::new();
    let options = backend.configure(&mut Table::new(&mut r, &empty));
    debug_assert!(r.diags.is_empty(), "an empty table is valid");
    TargetTable { output: None, options }
}

fn source(
    r: &mut Reader,
    top: &DeTable,
    paths: &mut Vec<SourcePath>,
    watch: &mut Vec<std::path::PathBuf>,
) -> Option<Source> {
    let (table, at) = r.table(top, "source")?;
    r.known_keys(table, SOURCE_KINDS, "[source]");
    let mut kinds: Vec<_> = table.iter().filter(|(k, _)| SOURCE_KINDS.contains(&k.get_ref().as_ref())).collect();
    kinds.sort_by_key(|(k, _)| k.span().start);
    match kinds.as_slice() {
        [] => {
            let help =
                "add exactly one of [source.ir], [source.command], [source.django], [source.fastapi], [source.rust]";
            r.diags.push(Diagnostic::error("mizan::config-source", "[source] names no source", at).help(help));
            None
        }
        [(kind, _)] => {
            let kind = kind.get_ref().to_string();
            let (t, at) = r.table(table, &kind)?;
            source_kind(r, &kind, t, at, paths, watch)
        }
        [(first, _), rest @ ..] => {
            for (other, _) in rest {
                r.diags.push(
                    Diagnostic::error("mizan::config-source", "a config takes exactly one source", span(other.span()))
                        .label("second source")
                        .related(span(first.span()), "first source")
                        .help("keep one [source.*] table; `--ir FILE` overrides it for one run"),
                );
            }
            None
        }
    }
}

fn source_kind(
    r: &mut Reader,
    kind: &str,
    t: &DeTable,
    at: crate::ir::ast::Span,
    paths: &mut Vec<SourcePath>,
    watch: &mut Vec<std::path::PathBuf>,
) -> Option<Source> {
    let place = format!("[source.{kind}]");
    // `watch`: what `--watch` watches (files or folders).
    for item in r.strings(t, "watch", false).into_iter().flatten() {
        let path = super::normalize(&r.base.join(item.get_ref()));
        paths.push(SourcePath {
            path: path.clone(),
            span: span(item.span()),
            key: format!("{place} watch"),
            folder: path.is_dir(),
        });
        watch.push(path);
    }
    let mut named = |p: &toml::Spanned<std::path::PathBuf>, key: &str, folder: bool| {
        let key = format!("{place} {key}");
        paths.push(SourcePath { path: p.get_ref().clone(), span: span(p.span()), key, folder });
    };
    let keys: &[&str] = match kind {
        "ir" => &["path"],
        "command" => &["argv", "cwd", "env", "timeout", "watch"],
        "django" => &["manage_path", "command", "python", "env", "timeout", "watch"],
        "fastapi" => &["module", "cwd", "command", "env", "timeout", "watch"],
        _ => &["manifest_path", "bin", "env", "timeout", "watch"],
    };
    r.known_keys(t, keys, &place);
    if kind == "ir" {
        let path = r.path(t, "path");
        if let Some(p) = &path {
            named(p, "path", false);
        }
        if path.is_none() && !t.contains_key("path") {
            r.missing(at, "path", &place, "\"schema.kdl\"");
        }
        return path.map(|p| Source::File(p.into_inner()));
    }
    let mut exporter =
        Exporter { argv: Vec::new(), cwd: r.base.to_path_buf(), env: r.env(t, "env"), timeout: r.timeout(t) };
    let required = |r: &mut Reader, key: &str, example: &str| {
        if !t.contains_key(key) {
            r.missing(at, key, &place, example);
        }
    };
    match kind {
        "command" => {
            required(r, "argv", "[\"python\", \"export_ir.py\"]");
            exporter.argv = r.strings(t, "argv", true)?.into_iter().map(|a| a.into_inner()).collect();
            // A relative program path names a file beside the config, not on PATH.
            if exporter.argv[0].contains('/') {
                exporter.argv[0] = super::normalize(&r.base.join(&exporter.argv[0])).to_string_lossy().into_owned();
            }
            if let Some(c) = r.path(t, "cwd") {
                named(&c, "cwd", true);
                exporter.cwd = c.into_inner();
            }
        }
        "django" => {
            required(r, "manage_path", "\"../backend/manage.py\"");
            let manage = r.path(t, "manage_path")?;
            named(&manage, "manage_path", false);
            let manage = manage.into_inner();
            let python = r.text(t, "python").map_or("python3".to_owned(), |p| p.into_inner());
            let command = r.text(t, "command").map_or("export_mizan_ir".to_owned(), |c| c.into_inner());
            exporter.cwd = manage.parent().map_or(exporter.cwd, Path::to_path_buf);
            exporter.argv = vec![python, manage.to_string_lossy().into_owned(), command];
        }
        "fastapi" => {
            required(r, "module", "\"app.main:app\"");
            let module = r.text(t, "module")?.into_inner();
            let prefix = r.strings(t, "command", true).map(|c| c.into_iter().map(|a| a.into_inner()).collect());
            exporter.argv = prefix.unwrap_or_else(|| ["python", "-m", "mizan_fastapi.ir"].map(String::from).into());
            exporter.argv.push(module);
            if let Some(c) = r.path(t, "cwd") {
                named(&c, "cwd", true);
                exporter.cwd = c.into_inner();
            }
        }
        _ => {
            required(r, "manifest_path", "\"../backend/Cargo.toml\"");
            let manifest = r.path(t, "manifest_path")?;
            named(&manifest, "manifest_path", false);
            let manifest = manifest.into_inner();
            exporter.argv = ["cargo", "run", "--quiet", "--manifest-path"].map(String::from).into();
            exporter.argv.push(manifest.to_string_lossy().into_owned());
            if let Some(bin) = r.text(t, "bin") {
                exporter.argv.extend(["--bin".to_owned(), bin.into_inner()]);
            }
        }
    }
    Some(Source::Command(exporter))
}
