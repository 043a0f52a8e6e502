//! Declarations: duplicates, unknown type names, where `upload` may stand,
//! and alias cycles.

use super::{Index, is_read, suggest, walk};
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use rustc_hash::FxHashMap;

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let doc = ix.doc;
    let types = doc.types.iter().map(|t| (&t.name, t.kind.keyword()));
    duplicates(types, "type", "types, enums, unions and aliases share one namespace", diags);
    let fns = doc.functions.iter().map(|f| (&f.name, "function"));
    duplicates(fns, "function", "function names are sent on the wire and must be unique", diags);
    let chans = doc.channels.iter().map(|c| (&c.name, "channel"));
    duplicates(chans, "channel", "channel names are sent on the wire and must be unique", diags);
    let ctxs = doc.contexts.iter().map(|c| (&c.name, "context"));
    duplicates(ctxs, "context", "merge the two `context` nodes into one", diags);
    for t in &doc.types {
        reserved_type_name(&t.name, diags);
    }
    for (e, site) in type_sites(doc) {
        walk(e, &mut |e| unknown_type(ix, e, diags));
        upload_placement(e, site, diags);
    }
    alias_cycles(ix, diags);
}

/// Reports every declaration whose name was already declared; each comes
/// with the keyword that declares it.
fn duplicates<'a>(
    decls: impl ExactSizeIterator<Item = (&'a Ident, &'static str)>,
    what: &str,
    help: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen: FxHashMap<&str, (&Ident, &str)> = FxHashMap::default();
    for (name, keyword) in decls {
        match seen.get(name.wire.as_str()) {
            Some((first, first_keyword)) => diags.push(
                Diagnostic::error(
                    "mizan::duplicate-declaration",
                    format!("{what} `{name}` is declared twice"),
                    name.span,
                )
                .label(format!("{keyword} `{name}` declared again"))
                .related(first.span, format!("{first_keyword} `{}` first declared here", first.wire))
                .help(help.to_owned()),
            ),
            None => {
                seen.insert(&name.wire, (name, keyword));
            }
        }
    }
}

fn reserved_type_name(name: &Ident, diags: &mut Vec<Diagnostic>) {
    if Prim::from_name(&name.wire).is_some() || name.wire == "list" || name.wire == "map" {
        let msg = format!("`{name}` is a built-in type name");
        let d = Diagnostic::error("mizan::reserved-name", msg, name.span).label("cannot be declared");
        diags.push(d.help("a declared type cannot shadow a primitive or `list`/`map`: rename it"));
    }
}

fn unknown_type(ix: &Index, e: &TypeExpr, diags: &mut Vec<Diagnostic>) {
    let TypeExprKind::Named(name) = &e.kind else { return };
    if ix.types.contains_key(name.as_str()) {
        return;
    }
    let known = ix.types.keys().copied().chain(Prim::ALL.iter().map(|(n, _)| *n));
    let d = Diagnostic::error("mizan::unknown-type", format!("unknown type `{name}`"), e.span).label("not declared");
    diags.push(match suggest::did_you_mean(name, known) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!("declare it (`type {name} {{ ... }}`), or use a primitive: string, int, float, bool, datetime, date, time, uuid, decimal, json")),
    });
}

/// Where a type expression stands, for the `upload` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// A param of a function that is not a context read.
    CallParam,
    /// Anywhere else; the string says where, for the message.
    Other(&'static str),
}

/// Every type expression of the document with its site.
pub fn type_sites(doc: &Document) -> Vec<(&TypeExpr, Site)> {
    let mut out = Vec::new();
    for t in &doc.types {
        match &t.kind {
            TypeKind::Object { fields } => out.extend(fields.iter().map(|f| (&f.ty, Site::Other("a field")))),
            TypeKind::Alias { target } => out.push((target, Site::Other("an alias"))),
            _ => {}
        }
    }
    for f in &doc.functions {
        let site = if is_read(f) { Site::Other("a context read's param") } else { Site::CallParam };
        out.extend(f.params.iter().map(|p| (&p.ty, site)));
        out.extend(f.returns.iter().map(|r| (r, Site::Other("a return type"))));
    }
    for c in &doc.channels {
        out.extend(c.params.iter().map(|p| (&p.ty, Site::Other("a channel param"))));
        out.extend(c.client_message.iter().chain(&c.server_message).map(|m| (m, Site::Other("a channel message"))));
    }
    out
}

/// `upload`, `upload?`, `list<upload>`, `list<upload>?`: the only shapes
/// a multipart body can carry.
fn upload_shape_ok(e: &TypeExpr) -> bool {
    let e = match &e.kind {
        TypeExprKind::Nullable(inner) => inner,
        _ => e,
    };
    match &e.kind {
        TypeExprKind::Prim(Prim::Upload) => true,
        TypeExprKind::List(inner) => inner.kind == TypeExprKind::Prim(Prim::Upload),
        _ => false,
    }
}

fn upload_placement(e: &TypeExpr, site: Site, diags: &mut Vec<Diagnostic>) {
    let mut first = None;
    walk(e, &mut |sub| {
        if first.is_none() && sub.kind == TypeExprKind::Prim(Prim::Upload) {
            first = Some(sub.span);
        }
    });
    let Some(span) = first else { return };
    let (msg, help) = match site {
        Site::CallParam if upload_shape_ok(e) => return,
        Site::CallParam => (
            "`upload` cannot be nested here".to_owned(),
            "a multipart body carries `upload`, `upload?`, `list<upload>` or `list<upload>?`",
        ),
        Site::Other(place) => (
            format!("`upload` cannot be the type of {place}"),
            "files travel only as params of a call function (no `context=`), which is then sent as multipart",
        ),
    };
    diags.push(Diagnostic::error("mizan::upload-position", msg, span).label("upload not allowed here").help(help));
}

/// Aliases that reach themselves through other aliases only.
fn alias_cycles(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let aliases: Vec<&NamedType> = ix.doc.types.iter().filter(|t| matches!(t.kind, TypeKind::Alias { .. })).collect();
    let mut reported: Vec<&str> = Vec::new();
    for start in &aliases {
        if reported.contains(&start.name.wire.as_str()) {
            continue;
        }
        if let Some(path) = cycle_from(ix, start, &mut Vec::new()) {
            reported.extend(path.iter().map(|t| t.name.wire.as_str()));
            let names: Vec<String> = path.iter().map(|t| format!("`{}`", t.name)).collect();
            let msg = format!("alias `{}` refers to itself through {}", start.name, names.join(" → "));
            let mut d = Diagnostic::error("mizan::alias-cycle", msg, start.name.span)
                .label("this alias never reaches a concrete type");
            for t in path.iter().skip(1).filter(|t| t.name.wire != start.name.wire) {
                d = d.related(t.name.span, format!("`{}` is part of the cycle", t.name));
            }
            diags.push(
                d.help("break the cycle with an object type: `type Node { field children \"list<Node>\" }` is fine"),
            );
        }
    }
}

/// A path of aliases from `t` back to `path[0]`, through alias targets.
fn cycle_from<'a>(ix: &Index<'a>, t: &'a NamedType, path: &mut Vec<&'a NamedType>) -> Option<Vec<&'a NamedType>> {
    if path.first().is_some_and(|s| s.name.wire == t.name.wire) {
        let mut p = path.clone();
        p.push(t);
        return Some(p);
    }
    if path.iter().any(|p| p.name.wire == t.name.wire) {
        return None;
    }
    let TypeKind::Alias { target } = &t.kind else { return None };
    path.push(t);
    let mut found = None;
    walk(target, &mut |e| {
        if let (None, TypeExprKind::Named(n)) = (&found, &e.kind)
            && let Some(next) = ix.types.get(n.as_str())
        {
            found = cycle_from(ix, next, path);
        }
    });
    path.pop();
    found
}
