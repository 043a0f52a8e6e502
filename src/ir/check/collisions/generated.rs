//! Names the targets generate for functions, contexts, channels, forms and
//! unions, against the declared types' names and each other.

use super::Item;
use crate::diag::Diagnostic;
use crate::hash::{NameMap, NameSet};
use crate::ir::ast::*;
use crate::ir::check::{Generated, Index};
use crate::names::{python, ts};

use std::fmt;

/// A declaration a TypeScript name belongs to: `function `update``.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Owner<'a> {
    kind: &'static str,
    wire: &'a str,
}

impl fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} `{}`", self.kind, self.wire)
    }
}

/// TypeScript types and values generated for functions, contexts, channels
/// and forms (`UpdateProfileArgs`, `UserParams`, `useChatChannel`, ...)
/// against declared types (`type_ts`: `types` rendered) and each other.
pub(super) fn typescript(ix: &Index, on: Generated, types: &[Item], type_ts: &[String], diags: &mut Vec<Diagnostic>) {
    let doc = ix.doc;
    // The first declaration of each wire name, in this order of kinds.
    let mut owners: NameMap<&str, (Span, &str)> =
        crate::hash::map_with_capacity(doc.functions.len() + ix.contexts.len() + doc.channels.len());
    let client = doc.functions.iter().filter(|f| f.view.is_none() && f.private.is_none());
    let fns: Vec<&str> = client.map(|f| add(&mut owners, &f.name.wire, f.name.span, "function")).collect();
    let ctxs: Vec<&str> = (ix.contexts.iter())
        .map(|(name, reads)| {
            add(&mut owners, name, reads[0].context.as_ref().map_or(reads[0].span, |c| c.span), "context")
        })
        .collect();
    let chans: Vec<&str> =
        doc.channels.iter().map(|c| add(&mut owners, &c.name.wire, c.name.span, "channel")).collect();
    let (mut forms, mut seen): (Vec<&str>, NameSet<&str>) = (Vec::new(), NameSet::default());
    for form in doc.functions.iter().filter_map(|f| f.form.as_ref()) {
        add(&mut owners, &form.name.wire, form.name.span, "form");
        if seen.insert(&form.name.wire) {
            forms.push(&form.name.wire);
        }
    }
    let mut taken: NameMap<&str, (Owner, Span)> = crate::hash::map_with_capacity(types.len() + 8 * fns.len());
    for (t, rendered) in types.iter().zip(type_ts) {
        taken.insert(rendered, (Owner { kind: "type", wire: t.wire }, t.span));
    }
    let derived = ts::derived_type_names(&fns, &ctxs, &chans);
    let react = if on.react { ts::react_names(&fns, &ctxs, &chans, &forms) } else { Vec::new() };
    let values = if on.vue_svelte { ts::vue_svelte_value_names(&fns, &chans, &forms) } else { Vec::new() };
    let generated = derived.iter().chain(react.iter().filter(|(_, wire)| !wire.is_empty())).chain(&values);
    // One report per pair of declarations, however many names they share.
    let mut reported: NameSet<(Owner, Owner)> = NameSet::default();
    for (rendered, wire) in generated {
        let Some(&(span, kind)) = owners.get(wire) else { continue };
        let owner = Owner { kind, wire };
        match taken.get(rendered.as_str()) {
            Some(&(other, other_span)) if other != owner && reported.insert((owner, other)) => {
                let msg = format!("TypeScript name `{rendered}`, generated for {owner}, collides with {other}");
                let d = Diagnostic::error("mizan::name-collision", msg, span)
                    .label(format!("generates `{rendered}`"))
                    .related(other_span, format!("{other} is here"));
                diags.push(d.help(format!("rename the {kind} or {other}: generated code needs both names")));
            }
            Some(_) => {}
            None => {
                taken.insert(rendered, (owner, span));
            }
        }
    }
}

/// Records the first owner of `wire`; returns `wire`.
fn add<'a>(
    owners: &mut NameMap<&'a str, (Span, &'static str)>,
    wire: &'a str,
    span: Span,
    kind: &'static str,
) -> &'a str {
    owners.entry(wire).or_insert((span, kind));
    wire
}

/// What a Python name was generated for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source<'a> {
    Type(&'a str),
    Context(&'a str),
    /// A tagged union's variant: (variant, union).
    Variant(&'a str, &'a str),
    Function(&'a str),
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Type(t) => write!(f, "type `{t}`"),
            Source::Context(c) => write!(f, "context `{c}`"),
            Source::Variant(v, u) => write!(f, "variant `{v}` of union `{u}`"),
            Source::Function(n) => write!(f, "function `{n}`"),
        }
    }
}

/// Python classes and client methods generated for functions, contexts and
/// unions, against declared classes and each other: a call `fetch_user`
/// meets context `user`'s `fetch_user`; context `user`'s `UserBundle` meets
/// a type `UserBundle`; a tagged union's variant classes meet types.
/// `type_py`, `ctx_py` and `fn_py` are the types' classes, the contexts'
/// fetch methods and the `client` functions' methods.
pub(super) fn python(
    ix: &Index,
    type_py: &[String],
    ctx_py: &[String],
    client: &[&Function],
    fn_py: &[String],
    diags: &mut Vec<Diagnostic>,
) {
    let doc = ix.doc;
    let bundles: Vec<String> = ix.contexts.keys().map(|name| python::bundle_class(name)).collect();
    let mut variants: Vec<(String, Source, Span)> = Vec::new();
    for t in &doc.types {
        if let TypeKind::Union { tag: Some(_), variants: vs } = &t.kind {
            for v in vs {
                let class = python::variant_class(&t.name.wire, &v.ty.wire);
                variants.push((class, Source::Variant(&v.ty.wire, &t.name.wire), v.span));
            }
        }
    }
    let types = doc.types.iter().zip(type_py).map(|(t, c)| (c.as_str(), Source::Type(&t.name.wire), t.name.span));
    let contexts =
        || ix.contexts.iter().map(|(name, reads)| (*name, reads[0].context.as_ref().map_or(reads[0].span, |c| c.span)));
    let classes = types
        .chain(contexts().zip(&bundles).map(|((name, span), class)| (class.as_str(), Source::Context(name), span)))
        .chain(variants.iter().map(|(class, source, span)| (class.as_str(), *source, *span)));
    distinct(classes, diags);
    let calls = client.iter().zip(fn_py).filter(|(f, _)| f.context.is_none());
    let methods = contexts()
        .zip(ctx_py)
        .map(|((name, span), method)| (method.as_str(), Source::Context(name), span))
        .chain(calls.map(|(f, method)| (method.as_str(), Source::Function(&f.name.wire), f.name.span)));
    distinct(methods, diags);
}

/// Reports each name generated for two different sources (two declared
/// types are `collide`'s to report).
fn distinct<'a>(names: impl Iterator<Item = (&'a str, Source<'a>, Span)>, diags: &mut Vec<Diagnostic>) {
    let mut taken: NameMap<&str, (Source, Span)> = NameMap::default();
    for (rendered, source, span) in names {
        match taken.get(rendered) {
            Some((Source::Type(_), _)) if matches!(source, Source::Type(_)) => {}
            Some(&(other, other_span)) if other != source => {
                let msg = format!("Python name `{rendered}`, generated for {source}, collides with {other}");
                let d = Diagnostic::error("mizan::name-collision", msg, span)
                    .label(format!("generates `{rendered}`"))
                    .related(other_span, format!("{other} is here"));
                diags.push(d.help("rename the one or the other: the Python client needs both names"));
            }
            Some(_) => {}
            None => {
                taken.insert(rendered, (source, span));
            }
        }
    }
}
