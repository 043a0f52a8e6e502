//! The schema of `mizan.toml`: TOML text → `FileConfig`, with every
//! problem reported at once.

use super::reader::{Reader, span};
use super::{FileConfig, TargetTable, did_you_mean};
use crate::diag::Diagnostic;
use crate::emit::{SvelteFlavor, Target};
use crate::source::{Exporter, Source};
use std::path::Path;
use toml::de::DeTable;

const TOP_KEYS: &[&str] = &["output", "targets", "base_url", "target", "source"];
const SOURCE_KINDS: &[&str] = &["ir", "command", "django", "fastapi", "rust"];

/// Parses and validates the file; paths resolve against `base`.
pub fn read(text: &str, base: &Path) -> Result<FileConfig, Vec<Diagnostic>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors.iter().map(syntax).collect());
    }
    let top = doc.get_ref();
    let mut r = Reader { base, diags: Vec::new() };
    r.known_keys(top, TOP_KEYS, "the top level");
    let config = FileConfig {
        output: r.path(top, "output"),
        targets: targets(&mut r, top),
        base_url: base_url(&mut r, top),
        tables: target_tables(&mut r, top),
        source: source(&mut r, top),
    };
    if r.diags.is_empty() {
        Ok(config)
    } else {
        crate::diag::sort(&mut r.diags);
        Err(r.diags)
    }
}

fn syntax(e: &toml::de::Error) -> Diagnostic {
    let at = e.span().map_or(crate::ir::ast::Span::new(0, 0), span);
    Diagnostic::error("mizan::config-syntax", e.message().trim().to_owned(), at).label("here")
}

fn targets(r: &mut Reader, top: &DeTable) -> Option<Vec<(Target, crate::ir::ast::Span)>> {
    let names = r.strings(top, "targets", true)?;
    let all: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
    let mut out = Vec::new();
    for name in names {
        match Target::from_name(name.get_ref()) {
            Some(t) if out.iter().any(|(seen, _)| *seen == t) => {}
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

fn target_tables(r: &mut Reader, top: &DeTable) -> std::collections::BTreeMap<Target, TargetTable> {
    let mut out = std::collections::BTreeMap::new();
    let Some((tables, _)) = r.table(top, "target") else { return out };
    let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
    r.known_keys(tables, &names, "[target]");
    for target in Target::ALL {
        let Some((table, _)) = r.table(tables, target.name()) else { continue };
        let place = format!("[target.{target}]");
        r.known_keys(table, option_keys(target), &place);
        let mut t = TargetTable { output: r.path(table, "output"), ..TargetTable::default() };
        let kernel = r.text(table, "kernel");
        if let Some(k) = &kernel
            && k.get_ref().trim().is_empty()
        {
            let help = "`kernel = \"bundled\"` (the default) or a module name such as `\"@mizan/base\"`";
            r.value_error(span(k.span()), "`kernel` is empty", Some(help.to_owned()));
        }
        t.kernel = kernel.map(|k| k.into_inner());
        t.flavor = flavor(r, table);
        t.package = r.text(table, "package");
        if let Some(p) = &t.package
            && !crate::names::is_ascii_ident(p.get_ref())
        {
            r.value_error(
                span(p.span()),
                "`package` must be a Python identifier",
                Some("for example `package = \"shop_client\"`".to_owned()),
            );
        }
        t.chrono = r.boolean(table, "chrono").unwrap_or(false);
        t.uuid = r.boolean(table, "uuid").unwrap_or(false);
        out.insert(target, t);
    }
    out
}

/// The keys `[target.<name>]` accepts.
fn option_keys(target: Target) -> &'static [&'static str] {
    match target {
        Target::Stage1 | Target::React | Target::Vue => &["output", "kernel"],
        Target::Svelte => &["output", "kernel", "flavor"],
        Target::Python => &["output", "package"],
        Target::Rust => &["output", "chrono", "uuid"],
        Target::Zod | Target::Manifest => &["output"],
    }
}

fn flavor(r: &mut Reader, table: &DeTable) -> Option<SvelteFlavor> {
    let s = r.string(table, "flavor")?;
    match s.get_ref().as_str() {
        "stores" => Some(SvelteFlavor::Stores),
        "runes" => Some(SvelteFlavor::Runes),
        other => {
            let help = did_you_mean(other, &["stores", "runes"]).map(|c| format!("did you mean `{c}`?"));
            r.value_error(span(s.span()), "`flavor` must be \"stores\" or \"runes\"", help);
            None
        }
    }
}

fn source(r: &mut Reader, top: &DeTable) -> Option<Source> {
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
            source_kind(r, &kind, t, at)
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

fn source_kind(r: &mut Reader, kind: &str, t: &DeTable, at: crate::ir::ast::Span) -> Option<Source> {
    let place = format!("[source.{kind}]");
    let keys: &[&str] = match kind {
        "ir" => &["path"],
        "command" => &["argv", "cwd", "env", "timeout"],
        "django" => &["manage_path", "command", "python", "env", "timeout"],
        "fastapi" => &["module", "cwd", "command", "env", "timeout"],
        _ => &["manifest_path", "bin", "env", "timeout"],
    };
    r.known_keys(t, keys, &place);
    if kind == "ir" {
        let path = r.path(t, "path");
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
            exporter.cwd = r.path(t, "cwd").map_or(exporter.cwd, |c| c.into_inner());
        }
        "django" => {
            required(r, "manage_path", "\"../backend/manage.py\"");
            let manage = r.path(t, "manage_path")?.into_inner();
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
            exporter.cwd = r.path(t, "cwd").map_or(exporter.cwd, |c| c.into_inner());
        }
        _ => {
            required(r, "manifest_path", "\"../backend/Cargo.toml\"");
            let manifest = r.path(t, "manifest_path")?.into_inner();
            exporter.argv = ["cargo", "run", "--quiet", "--manifest-path"].map(String::from).into();
            exporter.argv.push(manifest.to_string_lossy().into_owned());
            if let Some(bin) = r.text(t, "bin") {
                exporter.argv.extend(["--bin".to_owned(), bin.into_inner()]);
            }
        }
    }
    Some(Source::Command(exporter))
}
