//! Names that differ on the wire but collide once a target renders them
//! (`user_profile` and `userProfile` are both `UserProfile`). Rendering is
//! `crate::names`, the same functions the emitters use; every target is
//! checked, since any of them may be enabled. Reserved words are not errors
//! here: `names` already suffixes, raws or quotes them per position, and
//! what remains are collisions (`Record` and `Record_` both giving `Record_`).

use super::Index;
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use crate::names::{self, python, rust, ts};
use std::collections::{BTreeMap, HashMap};

type Render = fn(&str) -> String;

/// A name and where it was written.
#[derive(Clone, Copy)]
struct Item<'a> {
    wire: &'a str,
    span: Span,
}

impl<'a> From<&'a Ident> for Item<'a> {
    fn from(i: &'a Ident) -> Self {
        Item { wire: &i.wire, span: i.span }
    }
}

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let doc = ix.doc;
    let types: Vec<Item> = doc.types.iter().map(|t| (&t.name).into()).collect();
    collide(
        &types,
        "type",
        &[("TypeScript", ts::type_name), ("Python", python::class_name), ("Rust", rust::type_name)],
        diags,
    );
    derived(ix, &types, diags);
    python_generated(ix, diags);
    let client: Vec<Item> =
        doc.functions.iter().filter(|f| f.view.is_none() && f.private.is_none()).map(|f| (&f.name).into()).collect();
    collide(
        &client,
        "function",
        &[("TypeScript", ts::stem), ("Python", python::method_name), ("Rust", rust::field_name)],
        diags,
    );
    let contexts: Vec<Item> = ix.contexts.values().filter_map(|m| m[0].context.as_ref()).map(Item::from).collect();
    collide(
        &contexts,
        "context",
        &[("TypeScript", ts::stem), ("Python", python::fetch_method), ("Rust", names::snake)],
        diags,
    );
    let channels: Vec<Item> = doc.channels.iter().map(|c| (&c.name).into()).collect();
    collide(&channels, "channel", &[("TypeScript", ts::stem), ("Python", names::snake), ("Rust", names::snake)], diags);
    let members: &[(&str, Render)] = &[("Python", python::attr_name), ("Rust", rust::field_name)];
    for t in &doc.types {
        match &t.kind {
            TypeKind::Object { fields } => {
                collide(&fields.iter().map(|f| (&f.name).into()).collect::<Vec<_>>(), "field", members, diags)
            }
            TypeKind::Enum { values } => {
                let values: Vec<Item> = values.iter().map(|v| (&v.value).into()).collect();
                collide(&values, "enum value", &[("Rust", rust::variant_name)], diags);
            }
            _ => {}
        }
    }
    for f in &doc.functions {
        collide(&f.params.iter().map(|p| (&p.name).into()).collect::<Vec<_>>(), "param", members, diags);
    }
    for c in &doc.channels {
        collide(&c.params.iter().map(|p| (&p.name).into()).collect::<Vec<_>>(), "param", members, diags);
    }
    for reads in ix.contexts.values() {
        provider_props(reads, diags);
        let mut params: Vec<Item> = Vec::new();
        for p in reads.iter().flat_map(|f| &f.params) {
            if !params.iter().any(|q| q.wire == p.name.wire) {
                params.push((&p.name).into());
            }
        }
        collide(&params, "context param", members, diags);
    }
}

/// Python classes and client methods generated for functions, contexts and
/// unions, against declared classes and each other: a call `fetch_user`
/// meets context `user`'s `fetch_user`; context `user`'s `UserBundle` meets
/// a type `UserBundle`; a tagged union's variant classes meet types.
fn python_generated(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let doc = ix.doc;
    let mut classes: Vec<(String, String, Span)> = doc
        .types
        .iter()
        .map(|t| (python::class_name(&t.name.wire), format!("type `{}`", t.name.wire), t.name.span))
        .collect();
    let mut methods: Vec<(String, String, Span)> = Vec::new();
    for (name, reads) in &ix.contexts {
        let span = reads[0].context.as_ref().map_or(reads[0].span, |c| c.span);
        classes.push((python::bundle_class(name), format!("context `{name}`"), span));
        methods.push((python::fetch_method(name), format!("context `{name}`"), span));
    }
    for t in &doc.types {
        if let TypeKind::Union { tag: Some(_), variants } = &t.kind {
            for v in variants {
                let desc = format!("variant `{}` of union `{}`", v.ty.wire, t.name.wire);
                classes.push((python::variant_class(&t.name.wire, &v.ty.wire), desc, v.span));
            }
        }
    }
    for f in doc.functions.iter().filter(|f| f.context.is_none() && f.view.is_none() && f.private.is_none()) {
        methods.push((python::method_name(&f.name.wire), format!("function `{}`", f.name.wire), f.name.span));
    }
    for entries in [classes, methods] {
        let mut taken: HashMap<&str, (&str, Span)> = HashMap::new();
        for (rendered, desc, span) in &entries {
            match taken.get(rendered.as_str()) {
                // Two declared types are the `collide` check's to report.
                Some((other, _)) if other.starts_with("type ") && desc.starts_with("type ") => {}
                Some((other, other_span)) if other != desc => {
                    let msg = format!("Python name `{rendered}`, generated for {desc}, collides with {other}");
                    let d = Diagnostic::error("mizan::name-collision", msg, *span)
                        .label(format!("generates `{rendered}`"))
                        .related(*other_span, format!("{other} is here"));
                    diags.push(d.help("rename the one or the other: the Python client needs both names"));
                }
                Some(_) => {}
                None => {
                    taken.insert(rendered, (desc, *span));
                }
            }
        }
    }
}

/// A context param becomes a prop of the context's React provider, where
/// React or the provider itself already owns some names.
fn provider_props(reads: &[&Function], diags: &mut Vec<Diagnostic>) {
    let mut seen: Vec<&str> = Vec::new();
    for p in reads.iter().flat_map(|f| &f.params) {
        let name = p.name.wire.as_str();
        if ts::REACT_PROVIDER_PROPS.contains(&name) && !seen.contains(&name) {
            seen.push(name);
            let msg = format!("context param `{name}` cannot be a prop of the context's React provider");
            diags.push(
                Diagnostic::error("mizan::reserved-name", msg, p.name.span)
                    .label("reserved by React or the provider")
                    .help(format!(
                        "React keeps `key` and `ref` for itself and the provider uses `children` and `overrides`; rename the param (e.g. `{name}_id`)"
                    )),
            );
        }
    }
}

/// Reports each pair of different wire names that render alike, once, with
/// every target where they do.
fn collide(items: &[Item], what: &str, renderers: &[(&str, Render)], diags: &mut Vec<Diagnostic>) {
    let mut pairs: BTreeMap<(usize, usize), Vec<(&str, String)>> = BTreeMap::new();
    for (target, render) in renderers {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let rendered = render(item.wire);
            match seen.get(&rendered) {
                Some(&j) if items[j].wire != item.wire => pairs.entry((j, i)).or_default().push((target, rendered)),
                Some(_) => {}
                None => {
                    seen.insert(rendered, i);
                }
            }
        }
    }
    for ((j, i), targets) in pairs {
        let (a, b) = (items[j], items[i]);
        let msg = format!("{what} names {:?} and {:?} collide in {}", a.wire, b.wire, list(&targets));
        let d = Diagnostic::error("mizan::name-collision", msg, b.span)
            .label(format!("renders as `{}`", targets[0].1))
            .related(a.span, format!("also renders as `{}`", targets[0].1));
        diags.push(d.help(format!(
            "the two {what}s would be indistinguishable in generated code; rename one of them in the backend"
        )));
    }
}

fn list(targets: &[(&str, String)]) -> String {
    let parts: Vec<String> = targets.iter().map(|(t, r)| format!("{t} (`{r}`)")).collect();
    match parts.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// TypeScript types generated for functions, contexts and channels
/// (`UpdateProfileArgs`, `UserParams`, ...) against declared types and each
/// other.
fn derived(ix: &Index, types: &[Item], diags: &mut Vec<Diagnostic>) {
    let mut spans: HashMap<&str, (Span, &str)> = HashMap::new();
    let fns: Vec<&str> = ix
        .doc
        .functions
        .iter()
        .filter(|f| f.view.is_none() && f.private.is_none())
        .map(|f| {
            spans.entry(&f.name.wire).or_insert((f.name.span, "function"));
            f.name.wire.as_str()
        })
        .collect();
    let ctxs: Vec<&str> = ix
        .contexts
        .iter()
        .map(|(name, reads)| {
            let span = reads[0].context.as_ref().map_or(reads[0].span, |c| c.span);
            spans.entry(name).or_insert((span, "context"));
            *name
        })
        .collect();
    let chans: Vec<&str> = ix
        .doc
        .channels
        .iter()
        .map(|c| {
            spans.entry(&c.name.wire).or_insert((c.name.span, "channel"));
            c.name.wire.as_str()
        })
        .collect();
    let mut forms: Vec<&str> = Vec::new();
    for f in &ix.doc.functions {
        if let Some(form) = &f.form {
            spans.entry(&form.name.wire).or_insert((form.name.span, "form"));
            if !forms.contains(&form.name.wire.as_str()) {
                forms.push(&form.name.wire);
            }
        }
    }
    let mut taken: HashMap<String, (String, Span)> =
        types.iter().map(|t| (ts::type_name(t.wire), (format!("type `{}`", t.wire), t.span))).collect();
    let generated = ts::derived_type_names(&fns, &ctxs, &chans)
        .into_iter()
        .chain(ts::react_names(&fns, &ctxs, &chans, &forms).into_iter().filter(|(_, wire)| !wire.is_empty()))
        .chain(ts::vue_svelte_value_names(&fns, &chans, &forms));
    // One report per pair of declarations, however many names they share.
    let mut reported: std::collections::HashSet<(String, String)> = std::collections::HashSet::new();
    for (rendered, wire) in generated {
        let Some(&(span, kind)) = spans.get(wire.as_str()) else { continue };
        let desc = format!("{kind} `{wire}`");
        match taken.get(&rendered) {
            Some((other, other_span)) if *other != desc && reported.insert((desc.clone(), other.clone())) => {
                let msg = format!("TypeScript name `{rendered}`, generated for {desc}, collides with {other}");
                let d = Diagnostic::error("mizan::name-collision", msg, span)
                    .label(format!("generates `{rendered}`"))
                    .related(*other_span, format!("{other} is here"));
                diags.push(d.help(format!("rename the {kind} or {other}: generated code needs both names")));
            }
            Some(_) => {}
            None => {
                taken.insert(rendered, (desc, span));
            }
        }
    }
}
