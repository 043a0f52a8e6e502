//! The invalidation graph: `affects` names a context or a context read;
//! `merge` finds exactly one slot of the same type.

use super::contexts::unknown_context;
use super::{Index, is_read, suggest};
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use crate::lower;

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    for f in ix.doc.functions.iter().filter(|f| !is_read(f)) {
        for a in &f.affects {
            match a.kind {
                AffectKind::Context => affects_context(ix, a, diags),
                AffectKind::Function => affects_function(ix, a, diags),
            }
        }
        for m in &f.merges {
            merge(ix, f, m, diags);
        }
    }
}

fn affects_context(ix: &Index, a: &Affect, diags: &mut Vec<Diagnostic>) {
    if ix.contexts.contains_key(a.target.wire.as_str()) {
        return;
    }
    let d = unknown_context(
        ix,
        &a.target,
        "`affects` names a context; to invalidate one function's slot, write `affects <fn> kind=function`",
    );
    let d = match ix.functions.get(a.target.wire.as_str()) {
        Some(_) => d.help(format!("`{}` is a function: write `affects {} kind=function`", a.target, a.target)),
        None => d,
    };
    diags.push(d);
}

fn affects_function(ix: &Index, a: &Affect, diags: &mut Vec<Diagnostic>) {
    match ix.functions.get(a.target.wire.as_str()) {
        Some(g) if is_read(g) => {}
        Some(g) => {
            let msg = format!("`{}` is not a context read, so it has no slot to invalidate", a.target);
            let d = Diagnostic::error("mizan::affects-non-read", msg, a.target.span)
                .label("not a context read")
                .related(g.name.span, "declared here without `context=`");
            diags.push(d.help("`affects <fn> kind=function` names a function with `context=`"));
        }
        None => {
            let reads = ix.doc.functions.iter().filter(|g| is_read(g)).map(|g| g.name.wire.as_str());
            let msg = format!("unknown function `{}`", a.target);
            let d = Diagnostic::error("mizan::unknown-function", msg, a.target.span).label("no such function");
            let d = match suggest::did_you_mean(&a.target.wire, reads) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None if ix.contexts.contains_key(a.target.wire.as_str()) => {
                    d.help(format!("`{}` is a context: drop `kind=function`", a.target))
                }
                None => d.help("`affects <fn> kind=function` names a context read function"),
            };
            diags.push(d);
        }
    }
}

fn merge(ix: &Index, f: &Function, ctx: &Ident, diags: &mut Vec<Diagnostic>) {
    let Some(members) = ix.contexts.get(ctx.wire.as_str()) else {
        diags.push(unknown_context(ix, ctx, "`merge` names a context whose slot receives this function's result"));
        return;
    };
    let Some(returns) = &f.returns else {
        let msg = format!("`{}` returns nothing, so there is nothing to merge into `{ctx}`", f.name);
        let d = Diagnostic::error("mizan::merge-no-slot", msg, ctx.span).label("nothing to merge");
        diags.push(d.help("add `returns <T>` with the type of the slot to update, or remove `merge`"));
        return;
    };
    if ix.is_unknown(returns) {
        return;
    }
    let slots: Vec<&&Function> =
        members.iter().filter(|g| g.returns.as_ref().is_some_and(|r| r.same_type(returns))).collect();
    match slots.as_slice() {
        [_] => {}
        [] => {
            let msg =
                format!("`{}` returns `{}`, but no function of context `{ctx}` does", f.name, type_text(ix, returns));
            let mut d = Diagnostic::error("mizan::merge-no-slot", msg, ctx.span)
                .label("no slot of this type")
                .related(returns.span, "merged type");
            for g in members.iter().take(3) {
                let returns = g.returns.as_ref().map_or("nothing".to_owned(), |r| format!("`{}`", type_text(ix, r)));
                d = d.related(g.name.span, format!("returns {returns}"));
            }
            diags.push(d.help("the server would drop this merge silently; merge into a context with a function of the same return type, or remove `merge`"));
        }
        many => {
            let msg = format!(
                "{} functions of context `{ctx}` return `{}`: the merge slot is ambiguous",
                many.len(),
                type_text(ix, returns)
            );
            let mut d = Diagnostic::error("mizan::merge-ambiguous-slot", msg, ctx.span).label("which slot?");
            for g in many {
                d = d.related(g.name.span, "candidate slot");
            }
            diags.push(d.help(
                "exactly one function of the context may return the merged type; use `affects` to refetch instead",
            ));
        }
    }
}

/// The source text of a type expression, for messages.
fn type_text(_ix: &Index, e: &TypeExpr) -> String {
    render(&lower::ty(e))
}

fn render(t: &crate::model::Type) -> String {
    use crate::model::Type;
    match t {
        Type::Prim(p) => p.as_str().to_owned(),
        Type::Ref(n) => n.clone(),
        Type::List(t) => format!("list<{}>", render(t)),
        Type::Map(t) => format!("map<{}>", render(t)),
        Type::Nullable(t) => format!("{}?", render(t)),
    }
}
