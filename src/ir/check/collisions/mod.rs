//! Names that differ on the wire but collide once a target renders them
//! (`user_profile` and `userProfile` are both `UserProfile`). Rendering is
//! `crate::names`, the same functions the emitters use; every target is
//! checked, since any of them may be enabled. Reserved words are not errors
//! here: `names` already suffixes, raws or quotes them per position, and
//! what remains are collisions (`Record` and `Record_` both giving `Record_`).
//!
//! Each declared name is rendered once per target and shared by every check
//! that needs it (`generated.rs` compares the names generated for
//! functions, contexts and unions with the declared ones); member names
//! (fields, params, enum values) repeat across declarations and are rendered
//! once per distinct wire name (`Memo`).

mod generated;

use super::{Index, repeats};
use crate::diag::Diagnostic;
use crate::hash::{NameMap, NameSet};
use crate::ir::ast::*;
use crate::names::{self, python, rust, ts};
use std::collections::BTreeMap;

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

/// `items`' names rendered by `render`, in order.
fn render_all(items: &[Item], render: Render) -> Vec<String> {
    items.iter().map(|i| render(i.wire)).collect()
}

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let doc = ix.doc;
    let types: Vec<Item> = doc.types.iter().map(|t| (&t.name).into()).collect();
    let type_ts = render_all(&types, ts::type_name);
    let type_py = render_all(&types, python::class_name);
    let type_rs = render_all(&types, rust::type_name);
    collide_all(&types, "type", &[("TypeScript", &type_ts), ("Python", &type_py), ("Rust", &type_rs)], diags);
    generated::typescript(ix, &types, &type_ts, diags);
    let client: Vec<&Function> = doc.functions.iter().filter(|f| f.view.is_none() && f.private.is_none()).collect();
    let fns: Vec<Item> = client.iter().map(|f| (&f.name).into()).collect();
    let fn_py = render_all(&fns, python::method_name);
    let contexts: Vec<Item> = ix.contexts.values().filter_map(|m| m[0].context.as_ref()).map(Item::from).collect();
    let ctx_py = render_all(&contexts, python::fetch_method);
    generated::python(ix, &type_py, &ctx_py, &client, &fn_py, diags);
    let fn_ts = render_all(&fns, ts::stem);
    let fn_rs = render_all(&fns, rust::field_name);
    collide_all(&fns, "function", &[("TypeScript", &fn_ts), ("Python", &fn_py), ("Rust", &fn_rs)], diags);
    let ctx_ts = render_all(&contexts, ts::stem);
    let ctx_rs = render_all(&contexts, names::snake);
    collide_all(&contexts, "context", &[("TypeScript", &ctx_ts), ("Python", &ctx_py), ("Rust", &ctx_rs)], diags);
    let channels: Vec<Item> = doc.channels.iter().map(|c| (&c.name).into()).collect();
    let (chan_ts, chan_snake) = (render_all(&channels, ts::stem), render_all(&channels, names::snake));
    collide_all(
        &channels,
        "channel",
        &[("TypeScript", &chan_ts), ("Python", &chan_snake), ("Rust", &chan_snake)],
        diags,
    );
    members(ix, diags);
}

/// Fields, enum values and params, declaration by declaration.
fn members(ix: &Index, diags: &mut Vec<Diagnostic>) {
    let mut attrs = Memo::new(&[("Python", python::attr_name), ("Rust", rust::field_name)]);
    let mut variants = Memo::new(&[("Rust", rust::variant_name)]);
    for t in &ix.doc.types {
        match &t.kind {
            TypeKind::Object { fields } => attrs.collide(fields.iter().map(|f| &f.name), "field", diags),
            TypeKind::Enum { values } => variants.collide(values.iter().map(|v| &v.value), "enum value", diags),
            _ => {}
        }
    }
    for f in &ix.doc.functions {
        attrs.collide(f.params.iter().map(|p| &p.name), "param", diags);
    }
    for c in &ix.doc.channels {
        attrs.collide(c.params.iter().map(|p| &p.name), "param", diags);
    }
    let mut seen: NameSet<&str> = NameSet::default();
    for reads in ix.contexts.values() {
        provider_props(reads, diags);
        seen.clear();
        let params = reads.iter().flat_map(|f| &f.params).filter(|p| seen.insert(&p.name.wire));
        attrs.collide(params.map(|p| &p.name), "context param", diags);
    }
}

/// Member names rendered once per distinct wire name, for every list of
/// members that is checked.
struct Memo<'a> {
    targets: &'static [(&'static str, Render)],
    names: Vec<&'static str>,
    /// Wire name → its index in `rendered` (times the number of targets).
    ids: NameMap<&'a str, usize>,
    rendered: Vec<String>,
    /// The list being checked (reused).
    items: Vec<Item<'a>>,
    at: Vec<usize>,
}

impl<'a> Memo<'a> {
    fn new(targets: &'static [(&'static str, Render)]) -> Memo<'a> {
        let names = targets.iter().map(|(t, _)| *t).collect();
        Memo { targets, names, ids: NameMap::default(), rendered: Vec::new(), items: Vec::new(), at: Vec::new() }
    }

    fn collide(&mut self, names: impl Iterator<Item = &'a Ident>, what: &str, diags: &mut Vec<Diagnostic>) {
        self.items.clear();
        self.items.extend(names.map(Item::from));
        if self.items.len() < 2 {
            return;
        }
        self.at.clear();
        for item in &self.items {
            let next = self.rendered.len();
            let at = *self.ids.entry(item.wire).or_insert(next);
            if at == next {
                self.rendered.extend(self.targets.iter().map(|(_, render)| render(item.wire)));
            }
            self.at.push(at);
        }
        collide(&self.items, what, &self.names, |t, i| &self.rendered[self.at[i] + t], diags);
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

/// `collide` over names rendered beforehand: `targets` holds each
/// target's rendering of every item, in order.
fn collide_all(items: &[Item], what: &str, targets: &[(&'static str, &[String])], diags: &mut Vec<Diagnostic>) {
    let names: Vec<&'static str> = targets.iter().map(|(t, _)| *t).collect();
    collide(items, what, &names, |t, i| &targets[t].1[i], diags);
}

/// Reports each pair of different wire names that render alike, once, with
/// every target where they do; `name(t, i)` is item `i` rendered for
/// `targets[t]`.
fn collide<'r>(
    items: &[Item],
    what: &str,
    targets: &[&'static str],
    name: impl Fn(usize, usize) -> &'r str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut pairs: BTreeMap<(usize, usize), Vec<(&str, &str)>> = BTreeMap::new();
    for (t, target) in targets.iter().enumerate() {
        repeats(
            items.len(),
            |i| name(t, i),
            |j, i| {
                if items[j].wire != items[i].wire {
                    pairs.entry((j, i)).or_default().push((target, name(t, i)));
                }
            },
        );
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

fn list(targets: &[(&str, &str)]) -> String {
    let parts: Vec<String> = targets.iter().map(|(t, r)| format!("{t} (`{r}`)")).collect();
    match parts.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}
