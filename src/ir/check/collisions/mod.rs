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

use super::{Generated, Index, repeats};
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

pub fn check(ix: &Index, on: Generated, diags: &mut Vec<Diagnostic>) {
    let doc = ix.doc;
    // Only the enabled targets' names are rendered.
    let render = |items: &[Item], enabled: bool, render: Render| {
        if enabled { render_all(items, render) } else { Vec::new() }
    };
    let types: Vec<Item> = doc.types.iter().map(|t| (&t.name).into()).collect();
    let type_ts = render(&types, on.typescript, ts::type_name);
    let type_py = render(&types, on.python, python::class_name);
    let type_rs = render(&types, on.rust, rust::type_name);
    collide_all(&types, "type", &by_language(on, &type_ts, &type_py, &type_rs), diags);
    if on.typescript {
        generated::typescript(ix, on, &types, &type_ts, diags);
    }
    let client: Vec<&Function> = doc.functions.iter().filter(|f| f.view.is_none() && f.private.is_none()).collect();
    let fns: Vec<Item> = client.iter().map(|f| (&f.name).into()).collect();
    let fn_py = render(&fns, on.python, python::method_name);
    let contexts: Vec<Item> = ix.contexts.values().filter_map(|m| m[0].context.as_ref()).map(Item::from).collect();
    let ctx_py = render(&contexts, on.python, python::fetch_method);
    if on.python {
        generated::python(ix, &type_py, &ctx_py, &client, &fn_py, diags);
    }
    let fn_ts = render(&fns, on.typescript, ts::stem);
    let fn_rs = render(&fns, on.rust, rust::field_name);
    collide_all(&fns, "function", &by_language(on, &fn_ts, &fn_py, &fn_rs), diags);
    let ctx_ts = render(&contexts, on.typescript, ts::stem);
    let ctx_rs = render(&contexts, on.rust, names::snake);
    collide_all(&contexts, "context", &by_language(on, &ctx_ts, &ctx_py, &ctx_rs), diags);
    let channels: Vec<Item> = doc.channels.iter().map(|c| (&c.name).into()).collect();
    let chan_ts = render(&channels, on.typescript, ts::stem);
    let chan_snake = render(&channels, on.python || on.rust, names::snake);
    collide_all(&channels, "channel", &by_language(on, &chan_ts, &chan_snake, &chan_snake), diags);
    members(ix, on, diags);
}

/// The name lists of the languages the config enables.
fn by_language<'n>(
    on: Generated,
    ts: &'n [String],
    py: &'n [String],
    rs: &'n [String],
) -> Vec<(&'static str, &'n [String])> {
    enabled([(on.typescript, ("TypeScript", ts)), (on.python, ("Python", py)), (on.rust, ("Rust", rs))])
}

/// The items whose flag is set.
fn enabled<T>(items: impl IntoIterator<Item = (bool, T)>) -> Vec<T> {
    items.into_iter().filter_map(|(on, item)| on.then_some(item)).collect()
}

/// Fields, enum values and params, declaration by declaration.
fn members(ix: &Index, on: Generated, diags: &mut Vec<Diagnostic>) {
    let mut attrs = Memo::new(enabled([
        (on.python, ("Python", python::attr_name as Render)),
        (on.rust, ("Rust", rust::field_name)),
    ]));
    let mut variants = Memo::new(enabled([(on.rust, ("Rust", rust::variant_name as Render))]));
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
        if on.react {
            provider_props(reads, diags);
        }
        seen.clear();
        let params = reads.iter().flat_map(|f| &f.params).filter(|p| seen.insert(&p.name.wire));
        attrs.collide(params.map(|p| &p.name), "context param", diags);
    }
}

/// Member names rendered once per distinct wire name, for every list of
/// members that is checked.
struct Memo<'a> {
    targets: Vec<(&'static str, Render)>,
    names: Vec<&'static str>,
    /// Wire name → its index in `rendered` (times the number of targets).
    ids: NameMap<&'a str, usize>,
    rendered: Vec<String>,
    /// The list being checked (reused).
    items: Vec<Item<'a>>,
    at: Vec<usize>,
}

impl<'a> Memo<'a> {
    fn new(targets: Vec<(&'static str, Render)>) -> Memo<'a> {
        let names = targets.iter().map(|(t, _)| *t).collect();
        Memo { targets, names, ids: NameMap::default(), rendered: Vec::new(), items: Vec::new(), at: Vec::new() }
    }

    fn collide(&mut self, names: impl Iterator<Item = &'a Ident>, what: &str, diags: &mut Vec<Diagnostic>) {
        if self.targets.is_empty() {
            return;
        }
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
