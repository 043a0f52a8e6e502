//! Contexts (spec §5–§6): reads have no effects and query-safe params;
//! `global` takes none; one transport and one type per param per context;
//! every `context` node and view names a context that exists.

use super::{Index, Shape, is_read, suggest};
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use rustc_hash::FxHashMap;
use std::fmt::Display;

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    for f in ix.doc.functions.iter().filter(|f| is_read(f)) {
        read(ix, f, diags);
    }
    for c in &ix.doc.channels {
        for p in &c.params {
            let why = "channel params travel in the WebSocket URL's query string";
            query_safe(ix, p, format_args!("channel `{}`", c.name), why, diags);
        }
    }
    for (name, members) in &ix.contexts {
        transports(name, members, diags);
        param_types(name, members, diags);
    }
    for decl in &ix.doc.contexts {
        if !ix.contexts.contains_key(decl.name.wire.as_str()) {
            diags.push(unused(ix, decl));
        }
    }
    for f in ix.doc.functions.iter().filter(|f| f.view.is_some() && f.private.is_none()) {
        if let Some(c) = f.context.as_ref().filter(|c| !ix.contexts.contains_key(c.wire.as_str())) {
            diags.push(unknown_context(ix, c, "a view joins an existing context, one that read functions name"));
        }
    }
}

/// An unknown context name, with a "did you mean".
pub fn unknown_context(ix: &Index, name: &Ident, help: &str) -> Diagnostic {
    let msg = format!("unknown context `{name}`");
    let d = Diagnostic::error("mizan::unknown-context", msg, name.span).label("no read function has `context=` this");
    match suggest::did_you_mean(&name.wire, ix.contexts.keys().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(help.to_owned()),
    }
}

fn read(ix: &Index, f: &Function, diags: &mut Vec<Diagnostic>) {
    let ctx = f.context.as_ref().map_or("", |c| c.wire.as_str());
    let effects = f.affects.iter().map(|a| (a.span, "affects")).chain(f.merges.iter().map(|m| (m.span, "merge")));
    for (span, what) in effects {
        let msg = format!("context read `{}` cannot have `{what}`", f.name);
        let d = Diagnostic::error("mizan::read-with-effects", msg, span)
            .label(format!("`{what}` on a read"))
            .related(f.context.as_ref().map_or(f.span, |c| c.span), "a read because of this");
        diags.push(d.help(
            "reads are bundled into the context's cached GET and change nothing; move the effect to a call function",
        ));
    }
    if ctx == GLOBAL_CONTEXT {
        for p in &f.params {
            let msg = format!("`{}` is in the `global` context and cannot take params", f.name);
            let d = Diagnostic::error("mizan::global-params", msg, p.name.span).label("param of a global read");
            diags.push(
                d.help("`global` is fetched once at the root with no arguments; move this function to another context"),
            );
        }
        return;
    }
    for p in &f.params {
        let help = "context params travel in the GET's query string";
        query_safe(ix, p, format_args!("context read `{}`", f.name), help, diags);
    }
}

fn query_safe(ix: &Index, p: &Param, owner: impl Display, why: &str, diags: &mut Vec<Diagnostic>) {
    let shape = ix.resolve(&p.ty).shape;
    let safe = match shape {
        Shape::Prim(Prim::Json) => false,
        // `upload` in a read is reported as `mizan::upload-position`.
        Shape::Prim(_) | Shape::Enum(_) | Shape::Unknown => true,
        _ => false,
    };
    if !safe {
        let msg = format!("param `{}` of {owner} is {}, which a query string cannot carry", p.name, shape.describe());
        let d = Diagnostic::error("mizan::query-unsafe-param", msg, p.ty.span).label("not query-string safe");
        diags.push(d.help(format!("{why}: use a primitive (not `json`), an enum, or their `?` forms")));
    }
}

fn transports(name: &str, members: &[&Function], diags: &mut Vec<Diagnostic>) {
    let Some(first) = members.first() else { return };
    for f in members.iter().filter(|f| f.transport.value != first.transport.value) {
        let msg = format!(
            "context `{name}` mixes transports: `{}` uses {}, `{}` uses {}",
            first.name,
            first.transport.value.as_str(),
            f.name,
            f.transport.value.as_str()
        );
        let d = Diagnostic::error("mizan::mixed-transport", msg, f.transport.span)
            .label(f.transport.value.as_str())
            .related(first.transport.span, format!("`{}` uses {}", first.name, first.transport.value.as_str()));
        diags.push(d.help("a context is fetched in one request, so all its functions use one transport"));
    }
}

fn param_types(name: &str, members: &[&Function], diags: &mut Vec<Diagnostic>) {
    let mut first: FxHashMap<&str, (&Function, &Param)> = FxHashMap::default();
    for f in members {
        for p in &f.params {
            let Some((g, q)) = first.get(p.name.wire.as_str()) else {
                first.insert(&p.name.wire, (f, p));
                continue;
            };
            if !p.ty.same_type(&q.ty) {
                let msg = format!("param `{}` has different types in context `{name}`", p.name);
                let d = Diagnostic::error("mizan::context-param-mismatch", msg, p.ty.span)
                    .label(format!("`{}` here", f.name))
                    .related(q.ty.span, format!("`{}` here", g.name));
                diags.push(d.help("a context param is one prop of the context's provider, shared by every function that takes it: give it one type"));
            }
        }
    }
}

fn unused(ix: &Index, decl: &ContextDecl) -> Diagnostic {
    let msg = format!("context `{}` is declared but no read function names it", decl.name);
    let d = Diagnostic::error("mizan::unused-context", msg, decl.name.span).label("unused context");
    match suggest::did_you_mean(&decl.name.wire, ix.contexts.keys().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => {
            d.help("a context exists through its functions (`function f context=<name>`); remove this node or add them")
        }
    }
}
