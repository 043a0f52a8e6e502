//! Declarations: duplicates, unknown type names, where `upload` may stand,
//! and alias cycles.

use super::{Index, is_read, suggest, walk};
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use rustc_hash::{FxHashMap, FxHashSet};

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
///
/// A type expression names at most one type, so each alias leads to at most
/// one other: the aliases form chains that end at another type or run into
/// a cycle. Which aliases lie on a cycle is found in one pass over the
/// chains, and each cycle is then followed once to report it (linear: an IR
/// of a few thousand chained aliases took minutes to check when each alias
/// followed its chain with the path searched at every step, and a long
/// enough chain overflowed the stack).
fn alias_cycles(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let aliases: Vec<&NamedType> = ix.doc.types.iter().filter(|t| matches!(t.kind, TypeKind::Alias { .. })).collect();
    let cyclic = on_cycles(ix);
    let mut reported: FxHashSet<&str> = FxHashSet::default();
    for &start in &aliases {
        if reported.contains(start.name.wire.as_str()) {
            continue;
        }
        // A repeated name is reported as such; names lead to their first
        // declarations, so cycles are looked for among those.
        let first = ix.types.get(start.name.wire.as_str()).is_some_and(|t| std::ptr::eq(*t, start));
        if !first || !cyclic.contains(start.name.wire.as_str()) {
            continue;
        }
        if let Some(path) = cycle_from(ix, start) {
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

/// The declaration an alias's target names (through `list<>`, `map<>` and
/// `?`), if it names a declared type.
fn next<'a>(ix: &Index<'a>, t: &'a NamedType) -> Option<&'a NamedType> {
    let TypeKind::Alias { target } = &t.kind else { return None };
    let mut named = None;
    walk(target, &mut |e| {
        if let TypeExprKind::Named(n) = &e.kind {
            named = named.or(Some(n.as_str()));
        }
    });
    ix.types.get(named?).copied()
}

/// The names of the (first-declared) aliases that lie on a cycle of
/// aliases: each chain is followed once, until it ends, meets a chain
/// already followed, or meets itself (then from that alias on, it is a
/// cycle).
fn on_cycles<'a>(ix: &Index<'a>) -> FxHashSet<&'a str> {
    // The walk that first reached each name.
    let mut reached: FxHashMap<&str, usize> = FxHashMap::default();
    let mut cyclic = FxHashSet::default();
    for (walk_id, &root) in ix.types.values().enumerate() {
        let mut chain: Vec<&str> = Vec::new();
        let mut t = Some(root);
        while let Some(current) = t {
            let name = current.name.wire.as_str();
            match reached.get(name) {
                Some(&w) if w == walk_id => {
                    let at = chain.iter().position(|&n| n == name).unwrap_or(chain.len());
                    cyclic.extend(&chain[at..]);
                    break;
                }
                Some(_) => break,
                None => {}
            }
            reached.insert(name, walk_id);
            chain.push(name);
            t = next(ix, current);
        }
    }
    cyclic
}

/// The path of aliases from `start`, which lies on a cycle, back to it.
fn cycle_from<'a>(ix: &Index<'a>, start: &'a NamedType) -> Option<Vec<&'a NamedType>> {
    let mut path = vec![start];
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    seen.insert(start.name.wire.as_str());
    let mut t = start;
    loop {
        let next = next(ix, t)?;
        if next.name.wire == start.name.wire {
            path.push(next);
            return Some(path);
        }
        if !seen.insert(next.name.wire.as_str()) || !matches!(next.kind, TypeKind::Alias { .. }) {
            return None;
        }
        path.push(next);
        t = next;
    }
}
