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
//!
//! Where the cuts fall depends on the components' names, not only on their
//! weights (content-defined chunking): of the places where a part would
//! weigh between half the bound and the bound, it ends before the component
//! whose first type's name has the smallest hash. Cutting only by weight,
//! one field added to an early type would move the cut after it, then every
//! cut after that: every part of the crate would change. Chosen by name,
//! the cuts fall again where they were a part or two past the change.

use super::rendered::TypeNames;
use crate::emit::groups::{fnv1a, weight};
use crate::graph::{self, Edges};
use crate::model::Api;

/// The most one part may weigh: a type weighs 1, plus 1 per field, enum
/// value or union variant. About 125 functions' worth of GitHub's shapes,
/// which `cargo check` builds in under 0.8 GB (the measures are in the
/// README, "The large fixture").
pub const BOUND: usize = 5_000;

/// One crate of types.
#[derive(Debug, PartialEq)]
pub struct Part {
    /// The types it declares, by index in `Api::types`, ascending.
    pub types: Vec<usize>,
    /// The parts it refers to, by index, ascending (all before it).
    pub deps: Vec<usize>,
}

/// The types' graph of references and its strongly connected components.
pub struct Graph {
    edges: Edges,
    /// Each type's component.
    component: Vec<usize>,
    /// The types of each component, numbered so that a component comes
    /// after every one it refers to.
    members: Vec<Vec<usize>>,
}

impl Graph {
    pub fn new(api: &Api, names: &TypeNames) -> Graph {
        let edges = Edges::collect(&api.types, |t, out| t.for_each_ref(&mut |name| out.extend(names.index(name))));
        let component = edges.components();
        let members = graph::members(&component);
        Graph { edges, component, members }
    }

    /// The `#![recursion_limit]` a crate of these types needs, when more
    /// than rustc's default of 128. rustdoc proves each type's auto traits
    /// (`Send`, `RefUnwindSafe`, ...) through its fields, a few levels of
    /// proof per wrapper (`Option`, `Vec`, `BTreeMap`'s nodes) at each type
    /// on the way: the longest chain of references (counting every type of
    /// a cycle it passes through), times 8, to a power of two. (The large
    /// fixture: a chain of 433 at 250 functions needs more than 256, less
    /// than 512; this gives 4,096.)
    pub fn recursion_limit(&self) -> Option<usize> {
        let mut longest = vec![0; self.members.len()];
        for (c, types) in self.members.iter().enumerate() {
            let deeper = types.iter().flat_map(|&t| self.edges.of(t)).map(|&r| self.component[r]).filter(|&d| d != c);
            longest[c] = types.len() + deeper.map(|d| longest[d]).max().unwrap_or(0);
        }
        let limit = (8 * longest.into_iter().max().unwrap_or(0)).next_power_of_two();
        (limit > 128).then_some(limit)
    }
}

/// The parts the types of `api` (their `graph`) are spread over, or nothing
/// when they stay in one crate.
pub fn split(api: &Api, graph: &Graph, bound: usize) -> Vec<Part> {
    if api.types.iter().map(|t| weight(&t.kind)).sum::<usize>() <= bound {
        return Vec::new();
    }
    let members = &graph.members;
    let weights: Vec<usize> = members.iter().map(|m| m.iter().map(|&i| weight(&api.types[i].kind)).sum()).collect();
    let hashes: Vec<u64> = members.iter().map(|m| fnv1a(api.types[m[0]].name.as_bytes())).collect();
    let mut part_of = vec![0; api.types.len()];
    let mut parts: Vec<Part> = Vec::new();
    let mut first = 0;
    while first < members.len() {
        let end = cut(&weights[first..], &hashes[first..], bound) + first;
        let types = members[first..end].concat();
        for &i in &types {
            part_of[i] = parts.len();
        }
        parts.push(Part { types, deps: Vec::new() });
        first = end;
    }
    for (index, part) in parts.iter_mut().enumerate() {
        part.types.sort_unstable();
        for &i in &part.types {
            part.deps.extend(graph.edges.of(i).iter().map(|&t| part_of[t]).filter(|&p| p != index));
        }
        part.deps.sort_unstable();
        part.deps.dedup();
    }
    parts
}

/// How many of the components (their `weights` and name `hashes`, in
/// order) the next part takes: all of them when they fit in `bound`; else
/// it ends before the component of the smallest hash among those where
/// the part would weigh between half the bound and the bound (the first
/// such), or, when there is none (a heavy component), before the one that
/// would take it past the bound. Always at least one.
fn cut(weights: &[usize], hashes: &[u64], bound: usize) -> usize {
    let (mut load, mut best): (usize, Option<(u64, usize)>) = (0, None);
    for (c, (&w, &h)) in weights.iter().zip(hashes).enumerate() {
        if c > 0 && 2 * load >= bound && best.is_none_or(|(b, _)| h < b) {
            best = Some((h, c));
        }
        if c > 0 && load + w > bound {
            return best.map_or(c, |(_, at)| at);
        }
        load += w;
    }
    weights.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, EnumValue, Field, Type, TypeDef, TypeDefKind};

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
        let parts = split(api, &Graph::new(api, &names), bound);
        parts.into_iter().map(|p| (p.types.iter().map(|&i| api.types[i].name.as_str()).collect(), p.deps)).collect()
    }

    /// A chain of `n` objects (each refers to the one before) with 0 to 4
    /// fields besides, and `extra` more fields on the `at`-th.
    fn chain(n: usize, at: usize, extra: usize) -> Api {
        let types = (0..n)
            .map(|i| {
                let mut refs: Vec<String> =
                    (0..(i * 7) % 5 + if i == at { extra } else { 0 }).map(|_| "E".into()).collect();
                if i > 0 {
                    refs.push(format!("T{}", i - 1));
                }
                object(&format!("T{i}"), &refs.iter().map(String::as_str).collect::<Vec<_>>())
            })
            .chain([enumeration("E", 1)])
            .collect();
        api(types)
    }

    #[test]
    fn a_change_moves_the_cuts_only_up_to_the_next_anchor() {
        let api_before = chain(2_000, 100, 0);
        let before = split_at(&api_before, 400);
        assert!(before.len() >= 10, "{} parts", before.len());
        for extra in [1, 7, 40] {
            let api_after = chain(2_000, 100, extra);
            let after = split_at(&api_after, 400);
            let changed = after.iter().filter(|p| !before.iter().any(|b| b.0 == p.0)).count();
            assert!(changed <= 3, "{extra} fields more on T100 changed {changed} of {} parts", after.len());
        }
        let names = TypeNames::new(&api_before);
        for part in split(&api_before, &Graph::new(&api_before, &names), 400) {
            assert!(part.types.iter().map(|&i| weight(&api_before.types[i].kind)).sum::<usize>() <= 400);
        }
    }

    #[test]
    fn the_recursion_limit_follows_the_longest_chain() {
        let limit = |api: &Api| Graph::new(api, &TypeNames::new(api)).recursion_limit();
        // 16 types in a chain: 16 x 8 = 128, rustc's default; 17: 136.
        assert_eq!(limit(&chain(16, 0, 0)), None);
        assert_eq!(limit(&chain(17, 0, 0)), Some(256));
        assert_eq!(limit(&chain(100, 0, 0)), Some(1024));
        // A cycle counts every type in it: a ring of 17.
        let ring = |n: usize| api((0..n).map(|i| object(&format!("R{i}"), &[&format!("R{}", (i + 1) % n)])).collect());
        assert_eq!(limit(&ring(16)), None);
        assert_eq!(limit(&ring(17)), Some(256));
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
        // A bigger bound packs components in order (E 3, B+C 5, A 2, D 3):
        // E and B+C pass the bound; after B+C, the part may end before A
        // (weighing 5) or D (7), and D's name has the smaller hash. A cycle
        // is never cut.
        assert!(fnv1a(b"D") < fnv1a(b"A"));
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
