//! In which order the named types' schemas are declared, and which
//! references go through `z.lazy`.
//!
//! A `const` cannot be read before its declaration runs, so every schema
//! comes after the schemas it uses: the strongly connected components of the
//! reference graph, dependencies first (Tarjan's algorithm emits them in that
//! order). Inside a component with a cycle, references are lazy (resolved on
//! first parse) except a tagged union's use of its variants (`V.extend(...)`
//! needs the object now), so a component's objects come first.

use crate::graph::{self, Edges};
use crate::model::{Api, TypeDef, TypeDefKind};
use rustc_hash::FxHashMap;

pub struct Order<'a> {
    /// Every named type, in declaration order.
    pub decls: Vec<&'a TypeDef>,
    /// Per type: its component, and whether that component has a cycle.
    component: FxHashMap<&'a str, (usize, bool)>,
}

impl<'a> Order<'a> {
    pub fn new(api: &'a Api) -> Self {
        // By name: a binary search over thousands of names that share long
        // prefixes compares bytes at every step, in memory gone cold.
        let index: FxHashMap<&str, usize> = api.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect();
        let edges =
            Edges::collect(&api.types, |t, out| t.for_each_ref(&mut |name| out.extend(index.get(name).copied())));
        let components = graph::members(&edges.components());
        let mut component = FxHashMap::with_capacity_and_hasher(api.types.len(), Default::default());
        let mut decls = Vec::with_capacity(api.types.len());
        for (c, members) in components.iter().enumerate() {
            let cyclic = members.len() > 1 || edges.of(members[0]).contains(&members[0]);
            for &m in members {
                component.insert(api.types[m].name.as_str(), (c, cyclic));
            }
            let mut sorted: Vec<&TypeDef> = members.iter().map(|&m| &api.types[m]).collect();
            sorted.sort_by_key(|t| (!matches!(t.kind, TypeDefKind::Object { .. }), t.name.as_str()));
            decls.extend(sorted);
        }
        Order { decls, component }
    }

    /// Whether a reference from the declaration of `from` to `to` must be
    /// lazy: both are in one cycle.
    pub fn lazy(&self, from: Option<&str>, to: &str) -> bool {
        let (Some(&(a, cyclic)), Some(&(b, _))) = (from.and_then(|f| self.component.get(f)), self.component.get(to))
        else {
            return false;
        };
        cyclic && a == b
    }
}
