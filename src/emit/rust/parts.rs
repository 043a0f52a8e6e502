//! Which crate declares each type, once the types outgrow one crate.
//!
//! rustc holds a whole crate in memory while it checks it: modules do not
//! lower its peak, only crates do. The types of an API of GitHub's size
//! (1,000 functions, 4,000 types) took one rustc about 5 GB in one crate
//! (`cargo check`). Types weighing at most [`BOUND`] stay in the crate's
//! `src/types.rs` (every fixture; an API of up to about 125 functions of
//! GitHub's shapes); above it, they are spread over *part* crates of at
//! most [`BOUND`] each (`types/1/`, `types/2/`, ...: packages
//! `<package>-types-1`, ...), which `src/types.rs` re-exports, so code
//! names every type by the same path either way.
//!
//! Crates cannot depend on each other in a cycle, so types that refer to
//! each other, directly or not (a strongly connected component of the
//! graph of references), share a part; a component heavier than the bound
//! is a part of its own. The components are taken in an order where every
//! component comes after the ones it refers to (Tarjan's algorithm gives
//! them in that order), and cut into parts as they come: a part refers only
//! to the parts before it.

use super::rendered::TypeNames;
use super::ty::components;
use crate::model::{Api, Type, TypeDef, TypeDefKind};

/// The most one part may weigh: a type weighs 1, plus 1 per field, enum
/// value or union variant. About 125 functions' worth of GitHub's shapes,
/// which `cargo check` builds in about 0.7 GB (the measures are in the
/// README's benchmark section).
pub const BOUND: usize = 5_000;

/// One crate of types.
#[derive(Debug, PartialEq)]
pub struct Part {
    /// The types it declares, by index in `Api::types`, ascending.
    pub types: Vec<usize>,
    /// The parts it refers to, by index, ascending (all before it).
    pub deps: Vec<usize>,
}

/// The parts the types of `api` are spread over, or nothing when they stay
/// in one crate.
pub fn split(api: &Api, names: &TypeNames, bound: usize) -> Vec<Part> {
    if api.types.iter().map(weight).sum::<usize>() <= bound {
        return Vec::new();
    }
    // The references of type `v` are `targets[starts[v]..starts[v + 1]]`.
    let (mut starts, mut targets) = (Vec::with_capacity(api.types.len() + 1), Vec::new());
    starts.push(0);
    for t in &api.types {
        for_each_ref(t, &mut |name| targets.extend(names.index(name)));
        starts.push(targets.len());
    }
    let component = components(&starts, &targets);
    // The members of each component, which are numbered so that a
    // component comes after every one it refers to.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); component.iter().max().map_or(0, |c| c + 1)];
    for (i, &c) in component.iter().enumerate() {
        members[c].push(i);
    }
    let mut part_of = vec![0; api.types.len()];
    let mut parts: Vec<Part> = Vec::new();
    let mut load = 0;
    for types in members {
        let w: usize = types.iter().map(|&i| weight(&api.types[i])).sum();
        if parts.is_empty() || (load > 0 && load + w > bound) {
            parts.push(Part { types: Vec::new(), deps: Vec::new() });
            load = 0;
        }
        load += w;
        let (index, part) = (parts.len() - 1, parts.last_mut().expect("pushed above"));
        for &i in &types {
            part_of[i] = index;
        }
        part.types.extend(types);
    }
    for (index, part) in parts.iter_mut().enumerate() {
        part.types.sort_unstable();
        for &i in &part.types {
            part.deps.extend(targets[starts[i]..starts[i + 1]].iter().map(|&t| part_of[t]).filter(|&p| p != index));
        }
        part.deps.sort_unstable();
        part.deps.dedup();
    }
    parts
}

/// What a type adds to its crate.
fn weight(t: &TypeDef) -> usize {
    1 + match &t.kind {
        TypeDefKind::Object { fields } => fields.len(),
        TypeDefKind::Enum { values } => values.len(),
        TypeDefKind::Union { variants, .. } => variants.len(),
        TypeDefKind::Alias { .. } => 0,
    }
}

/// Calls `f` with the name of every type `t` refers to, at any depth.
fn for_each_ref<'a>(t: &'a TypeDef, f: &mut impl FnMut(&'a str)) {
    fn walk<'a>(ty: &'a Type, f: &mut impl FnMut(&'a str)) {
        match ty {
            Type::Ref(name) => f(name),
            Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => walk(inner, f),
            Type::Prim(_) => {}
        }
    }
    match &t.kind {
        TypeDefKind::Object { fields } => fields.iter().for_each(|x| walk(&x.ty, f)),
        TypeDefKind::Alias { target } => walk(target, f),
        TypeDefKind::Union { variants, .. } => variants.iter().for_each(|v| f(&v.ty)),
        TypeDefKind::Enum { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, EnumValue, Field};

    fn object(name: &str, refs: &[&str]) -> TypeDef {
        let fields = refs
            .iter()
            .map(|r| Field {
                name: format!("f_{}", r.to_lowercase()),
                ty: Type::List(Box::new(Type::Ref((*r).into()))),
                optional: false,
                default: None,
                docs: Docs::default(),
                constraints: Default::default(),
            })
            .collect();
        TypeDef { name: name.into(), docs: Docs::default(), kind: TypeDefKind::Object { fields } }
    }

    fn enumeration(name: &str, values: usize) -> TypeDef {
        let values = (0..values).map(|i| EnumValue { value: format!("v{i}"), docs: Docs::default() }).collect();
        TypeDef { name: name.into(), docs: Docs::default(), kind: TypeDefKind::Enum { values } }
    }

    fn api(types: Vec<TypeDef>) -> Api {
        Api {
            project: "p".into(),
            base_url: "/api".into(),
            types,
            functions: vec![],
            contexts: vec![],
            channels: vec![],
            forms: vec![],
        }
    }

    fn split_at(api: &Api, bound: usize) -> Vec<(Vec<&str>, Vec<usize>)> {
        let names = TypeNames::new(api);
        let parts = split(api, &names, bound);
        parts.into_iter().map(|p| (p.types.iter().map(|&i| api.types[i].name.as_str()).collect(), p.deps)).collect()
    }

    #[test]
    fn types_within_the_bound_stay_in_one_crate() {
        // A (1 + 1) refers to E (1 + 3): 6 in all.
        let api = api(vec![object("A", &["E"]), enumeration("E", 3)]);
        assert!(split_at(&api, 6).is_empty());
        assert_eq!(split_at(&api, 5), [(vec!["E"], vec![]), (vec!["A"], vec![0])]);
    }

    #[test]
    fn a_cycle_shares_a_part_and_parts_refer_only_backwards() {
        // B and C refer to each other (through a list, at any depth); A
        // refers to B; D to A and E; E to nothing.
        let api = api(vec![
            object("A", &["B"]),
            object("B", &["C"]),
            object("C", &["B", "E"]),
            object("D", &["A", "E"]),
            enumeration("E", 2),
        ]);
        let parts = split_at(&api, 3);
        assert_eq!(
            parts,
            [(vec!["E"], vec![]), (vec!["B", "C"], vec![0]), (vec!["A"], vec![1]), (vec!["D"], vec![0, 2]),]
        );
        // A bigger bound packs components in order (E 3, B+C 5, A 2, D 3);
        // a cycle is never cut.
        assert_eq!(split_at(&api, 7), [(vec!["E"], vec![]), (vec!["A", "B", "C"], vec![0]), (vec!["D"], vec![0, 1])]);
        for bound in 1..12 {
            let parts = split_at(&api, bound);
            let part = |t: &str| parts.iter().position(|p| p.0.contains(&t));
            assert_eq!(part("B"), part("C"), "bound {bound}");
            for (i, p) in parts.iter().enumerate() {
                assert!(p.1.iter().all(|&d| d < i), "bound {bound}: {parts:?}");
            }
        }
    }
}
