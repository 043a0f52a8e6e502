//! Which module of the `models` package declares each model, once the
//! models outgrow one module.
//!
//! pyright gives up on a module scope of about 30,000 code-flow nodes
//! ("too complex to analyze", `maxCodeComplexity`): the single `models.py`
//! of an API of about 500 functions. Models whose declarations weigh at
//! most [`BOUND`] stay in that one `models.py` (every fixture; a GitHub-like
//! API of up to about 120 functions); above it, `models` is a package of
//! modules of at most [`BOUND`] each (but a type heavier than that, which
//! keeps a module of its own).
//!
//! The grouping is by name (`emit::groups`, which stage1's `types/`
//! shares): the models whose names share a first word (`Repo`, `Issue`,
//! `CodeScanning...` → `code`) form one module, and a group heavier than
//! the bound is split by the next word (`issue_comment`, `issue_event`).
//!
//! A type is one unit with the classes generated for it (a tagged union's
//! tag subclasses and unknown-variant class), and a context's bundle is a
//! unit of its own. Annotations are lazy (`from __future__ import
//! annotations`), so a module refers to the others' classes through
//! imports under `TYPE_CHECKING`, without importing them at run time; only
//! a tag subclass's base class and the value of an alias or union are
//! needed at import. To keep those run-time imports free of cycles, a unit
//! that needs another module's declaration at import goes to a deeper
//! *layer* of its group (`_issue__1.py`, `_issue__2.py`): a module imports
//! at run time only from modules of lower layers.

use super::classes::Classes;
use crate::emit::groups::{self, Weighed};
use crate::model::{Api, Type, TypeDefKind};
use std::collections::BTreeMap;

/// The most a module may weigh: declarations (classes, aliases) plus
/// fields. pyright's limit is near 15,500 (the large fixture's models
/// weigh about 14,800 at 450 functions, which it analyses, and 16,500 at
/// 500, which it does not); a quarter of that keeps each module quick to
/// check and holds a resource area of the large fixture at 1,000 functions
/// (about 2,300) in one module.
pub const BOUND: usize = 4_000;

/// What a module declares: an IR type with its generated classes, or a
/// context's bundle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
    /// By index in `Api::types`.
    Type(usize),
    /// By index in `Api::contexts`.
    Bundle(usize),
}

/// A module of the `models` package.
#[derive(Debug)]
pub struct Module {
    /// The file stem: `_repo`, `_issue_comment`, `_issue__1`.
    pub stem: String,
    /// Its group's words, `_`-separated (`issue_comment`), and its layer.
    pub group: String,
    pub layer: usize,
    /// Its units, types (in `Api::types` order) then bundles.
    pub units: Vec<Unit>,
}

/// The split of `models`: no module when everything fits in one
/// `models.py`, else the package's modules in isort order of their stems,
/// and for each type and bundle the index of its module.
pub struct Split {
    pub modules: Vec<Module>,
    types: Vec<usize>,
    bundles: Vec<usize>,
}

impl Split {
    /// The module declaring a unit.
    pub fn module_of(&self, unit: Unit) -> usize {
        match unit {
            Unit::Type(i) => self.types[i],
            Unit::Bundle(i) => self.bundles[i],
        }
    }
}

/// Module stems the package's fixed modules take, which a group named the
/// same gets a `_` after (a group's stem never ends with one).
const FIXED: &[&str] = &["base"];

pub fn split(api: &Api, classes: &Classes) -> Split {
    let mut units: Vec<(Unit, Weighed)> = Vec::with_capacity(api.types.len() + api.contexts.len());
    for (i, t) in api.types.iter().enumerate() {
        units.push((Unit::Type(i), Weighed::new(weight(&t.kind), classes.name(i))));
    }
    for (i, c) in api.contexts.iter().enumerate() {
        units.push((Unit::Bundle(i), Weighed::new(1 + c.members.len(), classes.bundle(i))));
    }
    let Some(group) = groups::by_name(&units.iter().map(|(_, w)| w).collect::<Vec<_>>(), BOUND) else {
        return Split { modules: Vec::new(), types: Vec::new(), bundles: Vec::new() };
    };
    let layers = layers(api, classes, &group);
    // Stem → units, sorted by stem.
    let mut modules: BTreeMap<(String, usize), Vec<Unit>> = BTreeMap::new();
    for (u, (unit, _)) in units.iter().enumerate() {
        let layer = match unit {
            Unit::Type(i) => layers[*i],
            Unit::Bundle(_) => 0,
        };
        modules.entry((group[u].clone(), layer)).or_default().push(*unit);
    }
    let mut modules: Vec<Module> = modules
        .into_iter()
        .map(|((key, layer), units)| {
            let mut stem = format!("_{key}");
            if FIXED.contains(&key.as_str()) {
                stem.push('_');
            }
            if layer > 0 {
                stem.push_str(&format!("__{layer}"));
            }
            Module { stem, group: key, layer, units }
        })
        .collect();
    modules.sort_by(|a, b| natord::compare(&a.stem, &b.stem));
    let mut split =
        Split { types: vec![0; api.types.len()], bundles: vec![0; api.contexts.len()], modules: Vec::new() };
    for (m, module) in modules.iter().enumerate() {
        for unit in &module.units {
            match *unit {
                Unit::Type(i) => split.types[i] = m,
                Unit::Bundle(i) => split.bundles[i] = m,
            }
        }
    }
    split.modules = modules;
    split
}

/// What a type's declarations weigh: a line per class or alias and per
/// field.
fn weight(kind: &TypeDefKind) -> usize {
    match kind {
        TypeDefKind::Object { fields } => 1 + fields.len(),
        // The alias, a class and its tag field per variant, the unknown
        // variant's class and its tag.
        TypeDefKind::Union { tag: Some(_), variants } => 3 + 2 * variants.len(),
        TypeDefKind::Union { tag: None, .. } | TypeDefKind::Enum { .. } | TypeDefKind::Alias { .. } => 1,
    }
}

/// Each type's layer: 0 when its declarations need no other module's at
/// import, else one more than the deepest layer of another group it needs
/// (and at least that of its own group's types it needs).
fn layers(api: &Api, classes: &Classes, group: &[String]) -> Vec<usize> {
    let deps: Vec<Vec<usize>> =
        (0..api.types.len()).map(|i| runtime_deps(api, i).iter().filter_map(|w| classes.index(w)).collect()).collect();
    // Depth first, with a stack of its own (a chain of thousands of aliases
    // must not exhaust an emitter thread's): each frame is a type, its next
    // dependency and its layer so far. A type is marked 0 when first
    // reached, so that a cycle through unions (which no import order could
    // declare) ends there rather than looping.
    let mut layers: Vec<Option<usize>> = vec![None; api.types.len()];
    let above = |dep: usize, i: usize, below: usize| if group[dep] == group[i] { below } else { below + 1 };
    for root in 0..api.types.len() {
        if layers[root].is_some() {
            continue;
        }
        layers[root] = Some(0);
        let mut stack = vec![(root, 0, 0)];
        while let Some(&mut (i, ref mut next, ref mut layer)) = stack.last_mut() {
            if let Some(&dep) = deps[i].get(*next) {
                *next += 1;
                match layers[dep] {
                    Some(below) => *layer = (*layer).max(above(dep, i, below)),
                    None => {
                        layers[dep] = Some(0);
                        stack.push((dep, 0, 0));
                    }
                }
                continue;
            }
            let (done, _, layer) = stack.pop().unwrap_or((i, 0, 0));
            layers[done] = Some(layer);
            if let Some(&mut (parent, _, ref mut acc)) = stack.last_mut() {
                *acc = (*acc).max(above(done, parent, layer));
            }
        }
    }
    layers.into_iter().map(Option::unwrap_or_default).collect()
}

/// The types a type's declarations name at import: a tagged union's
/// variants (its tag subclasses' bases), an untagged union's members, an
/// alias's target.
pub fn runtime_deps(api: &Api, i: usize) -> Vec<&str> {
    fn collect<'a>(ty: &'a Type, out: &mut Vec<&'a str>) {
        match ty {
            Type::Prim(_) => {}
            Type::Ref(n) => out.push(n),
            Type::List(i) | Type::Map(i) | Type::Nullable(i) => collect(i, out),
        }
    }
    let mut out = Vec::new();
    match &api.types[i].kind {
        TypeDefKind::Union { variants, .. } => out.extend(variants.iter().map(|v| v.ty.as_str())),
        TypeDefKind::Alias { target } => collect(target, &mut out),
        TypeDefKind::Object { .. } | TypeDefKind::Enum { .. } => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Types of 21 lines (a class, 20 fields) that two thirds of the bound
    /// holds.
    const MANY: usize = BOUND / 21 * 2 / 3;

    /// An IR of `groups` × `per_group` object types of 20 fields each
    /// (`Alpha0`, `AlphaPart0`, ...), with a tagged union and an alias per
    /// group over another group's types, plus `extra`.
    fn ir(groups: &[&str], per_group: usize, extra: &str) -> String {
        let mut ir = String::from("mizan-ir 1 project=many\n");
        for (g, group) in groups.iter().enumerate() {
            let other = groups[(g + 1) % groups.len()];
            for i in 0..per_group {
                ir.push_str(&format!("type {group}Part{i} {{\n"));
                for f in 0..20 {
                    ir.push_str(&format!("    field f{f} \"{other}Part{i}?\"\n"));
                }
                ir.push_str("}\n");
            }
            ir.push_str(&format!(
                "union {group}Event tag=kind {{\n    variant {other}Part0\n    variant {group}Part1\n}}\n"
            ));
            ir.push_str(&format!("alias {group}List \"list<{other}Event>\"\n"));
        }
        ir.push_str(extra);
        ir
    }

    /// Each type's module stem, by wire name.
    fn stems(ir: &str) -> BTreeMap<String, String> {
        let api = crate::compile(ir).unwrap_or_else(|d| panic!("{d:#?}"));
        let classes = Classes::new(&api);
        let split = split(&api, &classes);
        let mut out = BTreeMap::new();
        for (i, t) in api.types.iter().enumerate() {
            let module = split.modules.get(split.module_of(Unit::Type(i))).map_or("models", |m| m.stem.as_str());
            out.insert(t.name.clone(), module.to_owned());
        }
        out
    }

    #[test]
    fn one_module_under_the_bound() {
        let api = crate::compile(&ir(&["Alpha", "Beta"], MANY / 2, "")).unwrap();
        assert!(split(&api, &Classes::new(&api)).modules.is_empty());
    }

    #[test]
    fn groups_by_first_word_and_layers_what_is_needed_at_import() {
        let stems = stems(&ir(&["Alpha", "Beta", "Gamma"], MANY, ""));
        assert_eq!(stems["AlphaPart3"], "_alpha");
        assert_eq!(stems["BetaPart0"], "_beta");
        // Its tag subclasses derive from `BetaPart0`, in another module.
        assert_eq!(stems["AlphaEvent"], "_alpha__1");
        // Over `GammaEvent`, itself in layer 1.
        assert_eq!(stems["BetaList"], "_beta__2");
    }

    #[test]
    fn a_heavy_group_is_split_by_the_next_word() {
        // `AlphaPart*` and `AlphaItem*` outweigh the bound together, not
        // apart.
        let mut items = String::new();
        for i in 0..MANY {
            items.push_str(&format!("type AlphaItem{i} {{\n"));
            for f in 0..20 {
                items.push_str(&format!("    field f{f} int\n"));
            }
            items.push_str("}\n");
        }
        let stems = stems(&ir(&["Alpha", "Beta"], MANY, &items));
        assert_eq!(stems["AlphaPart3"], "_alpha_part");
        assert_eq!(stems["AlphaItem0"], "_alpha_item");
        assert_eq!(stems["AlphaEvent"], "_alpha_event__1");
        assert_eq!(stems["BetaPart3"], "_beta");
    }

    /// Adding a type moves no other type, unless its group crosses the
    /// bound; removing one, likewise.
    #[test]
    fn adding_or_removing_a_type_moves_no_other() {
        let base = ir(&["Alpha", "Beta", "Gamma"], MANY, "");
        let before = stems(&base);
        for extra in ["type AlphaNew {\n    field x int\n}\n", "type Zeta {\n    field x \"AlphaPart1\"\n}\n"] {
            let mut after = stems(&format!("{base}{extra}"));
            let added: Vec<String> = after.keys().filter(|k| !before.contains_key(*k)).cloned().collect();
            assert_eq!(added.len(), 1);
            after.remove(&added[0]);
            assert_eq!(after, before, "adding {extra}");
        }
    }

    #[test]
    fn a_group_named_like_a_fixed_module_is_renamed() {
        let stems = stems(&ir(&["Base", "Beta"], MANY, ""));
        assert_eq!(stems["BasePart0"], "_base_");
        assert_eq!(stems["BaseEvent"], "_base___1");
    }
}
