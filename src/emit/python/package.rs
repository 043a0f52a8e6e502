//! The `models` package, once the models outgrow one module (`split`):
//! `models/__init__.py`, re-exporting every model and building them all at
//! import, and `models/_base.py` (`MizanModel`). Its other modules are
//! written by `models`, one per module of the split.

use super::File;
use super::classes::Classes;
use super::doc::write_doc;
use super::layout::{Expr, write_import_from, write_statement};
use super::models::{BASE, collect, write_rebuild};
use super::split::{Split, Unit};
use super::uses;
use crate::model::{Api, TypeDefKind};
use crate::names::python as names;
use std::collections::BTreeSet;

/// `models/_base.py` and `models/__init__.py`.
pub fn files(api: &Api, classes: &Classes, split: &Split) -> [File; 2] {
    let exports: Vec<(&str, Vec<&str>)> =
        split.modules.iter().map(|m| (m.stem.as_str(), declared(classes, &m.units))).collect();
    [base(), init(api, &exports, &rebuild_order(api, classes))]
}

/// The classes a module declares for its units.
fn declared<'c>(classes: &'c Classes, units: &[Unit]) -> Vec<&'c str> {
    let mut names = Vec::new();
    for unit in units {
        match *unit {
            Unit::Type(i) => {
                names.push(classes.name(i));
                names.extend(classes.variants(i).iter().map(String::as_str));
                names.extend(classes.unknown(i));
            }
            Unit::Bundle(i) => names.push(classes.bundle(i)),
        }
    }
    names
}

/// `models/_base.py`: `MizanModel`, which every module's models derive from.
fn base() -> File {
    let mut out = String::from(
        "\"\"\"The base class of the models (`MizanModel`), imported by each module of the\n`models` package.\"\"\"\n\n",
    );
    out.push_str("from __future__ import annotations\n\nfrom pydantic import BaseModel, ConfigDict");
    out.push_str(BASE);
    File { path: "models/_base.py".to_owned(), contents: out }
}

/// `models/__init__.py`: every model re-exported from its module, and
/// every forward reference resolved at import, in the namespace that has
/// them all (a module refers to the others' classes only for type
/// checkers).
fn init(api: &Api, exports: &[(&str, Vec<&str>)], rebuilt: &[&str]) -> File {
    let count: usize = exports.iter().map(|(_, names)| names.len()).sum();
    let mut out = String::with_capacity(4096 + 96 * count);
    let doc = format!(
        "{}\n\nThe models are declared in this package's modules, grouped by name, and\nre-exported here: import them from here.",
        super::package_doc(api, "Models")
    );
    write_doc(&mut out, &doc, 0);
    out.push_str("\n\nfrom __future__ import annotations\n\nimport sys\n\n");
    let mut modules: Vec<(&str, Vec<&str>)> = exports.to_vec();
    modules.push(("_base", vec!["MizanModel"]));
    modules.sort_by(|a, b| natord::compare(a.0, b.0));
    let mut all: Vec<&str> = Vec::with_capacity(count + 1);
    for (i, (stem, names)) in modules.iter_mut().enumerate() {
        uses::isort(names);
        if i > 0 {
            out.push('\n');
        }
        write_import_from(&mut out, &format!(".{stem}"), names);
        all.extend(names.iter().copied());
    }
    uses::sort_all(&mut all);
    let items = all.iter().map(|n| Expr::atom(names::string_literal(n))).collect();
    out.push_str("\n\n");
    write_statement(&mut out, 0, "__all__ = ", &Expr::list(items), "");
    out.push_str(RECURSION);
    write_rebuild(&mut out, rebuilt);
    out.push_str("\n\nsys.setrecursionlimit(_mizan_limit)");
    File { path: "models/__init__.py".to_owned(), contents: out }
}

/// Before the package's rebuild loops: a recursion limit for them that
/// cycles of references a few hundred models long fit in.
const RECURSION: &str = "

# pydantic builds a model through every model it reaches that is not built yet,
# recursively: about 25 frames a model, deeper than Python's default limit
# through the cycles of references a large API has.
_mizan_limit = sys.getrecursionlimit()
sys.setrecursionlimit(max(_mizan_limit, 10_000))";

/// The classes `model_rebuild()` resolves in the package (every model's,
/// each tag subclass's, the bundles'), each after the classes it refers to
/// but through a cycle. None is built when its module is imported (its
/// annotations name other modules' classes), and pydantic builds a model
/// through every model it reaches that is not built yet, recursively: in
/// declaration order that nests as deep as the longest chain of references
/// (past Python's recursion limit at 250 functions of the large fixture),
/// in this order no deeper than a cycle.
fn rebuild_order<'c>(api: &Api, classes: &'c Classes) -> Vec<&'c str> {
    let refs = |i: usize| -> Vec<usize> {
        let mut wires = BTreeSet::new();
        match &api.types[i].kind {
            TypeDefKind::Object { fields } => fields.iter().for_each(|f| collect(&f.ty, &mut wires)),
            TypeDefKind::Union { variants, .. } => wires.extend(variants.iter().map(|v| v.ty.as_str())),
            TypeDefKind::Alias { target } => collect(target, &mut wires),
            TypeDefKind::Enum { .. } => {}
        }
        // Popped from the end: visited in name order.
        wires.iter().rev().filter_map(|w| classes.index(w)).collect()
    };
    let mut out = Vec::with_capacity(api.types.len() + api.contexts.len());
    // Depth first, without recursion (a chain may be thousands long).
    let mut seen = vec![false; api.types.len()];
    for root in 0..api.types.len() {
        if std::mem::replace(&mut seen[root], true) {
            continue;
        }
        let mut stack = vec![(root, refs(root))];
        while let Some((node, deps)) = stack.last_mut() {
            if let Some(next) = deps.pop() {
                if !std::mem::replace(&mut seen[next], true) {
                    stack.push((next, refs(next)));
                }
                continue;
            }
            let node = *node;
            stack.pop();
            if let TypeDefKind::Object { .. } = api.types[node].kind {
                out.push(classes.name(node));
            }
            out.extend(classes.variants(node).iter().map(String::as_str));
        }
    }
    out.extend((0..api.contexts.len()).map(|i| classes.bundle(i)));
    out
}
