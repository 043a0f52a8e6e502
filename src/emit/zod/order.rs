//! In which order the named types' schemas are declared, and which
//! references go through `z.lazy`.
//!
//! A `const` cannot be read before its declaration runs, so every schema
//! comes after the schemas it uses: the strongly connected components of the
//! reference graph, dependencies first (Tarjan's algorithm emits them in that
//! order). Inside a component with a cycle, references are lazy (resolved on
//! first parse) except a tagged union's use of its variants (`V.extend(...)`
//! needs the object now), so a component's objects come first.

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
        let edges: Vec<Vec<usize>> = api.types.iter().map(|t| refs(&index, t)).collect();
        let components = tarjan(&edges);
        let mut component = FxHashMap::with_capacity_and_hasher(api.types.len(), Default::default());
        let mut decls = Vec::with_capacity(api.types.len());
        for (c, members) in components.iter().enumerate() {
            let cyclic = members.len() > 1 || edges[members[0]].contains(&members[0]);
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

/// The types `t`'s schema refers to, as indexes into `api.types` (`index`
/// maps each name to its own).
fn refs(index: &FxHashMap<&str, usize>, t: &TypeDef) -> Vec<usize> {
    let mut out = Vec::new();
    t.for_each_ref(&mut |name| out.extend(index.get(name).copied()));
    out
}

/// The strongly connected components of the graph, each component after
/// every component it reaches. Iterative: a long chain of references must
/// not exhaust the stack of an emitter thread.
fn tarjan(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low, mut on_stack) = (vec![UNSEEN; n], vec![0; n], vec![false; n]);
    let (mut stack, mut components, mut next) = (Vec::new(), Vec::new(), 0);
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut calls: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
            if let Some(&w) = edges[v].get(*edge) {
                *edge += 1;
                if index[w] == UNSEEN {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            calls.pop();
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
            if let Some(&(u, _)) = calls.last() {
                low[u] = low[u].min(low[v]);
            }
        }
    }
    components
}

#[cfg(test)]
mod tests {
    use super::tarjan;

    #[test]
    fn components_come_after_what_they_reach() {
        // 0 → 1 ⇄ 2 → 3, and 4 alone with a self loop.
        let edges = vec![vec![1], vec![2], vec![1, 3], vec![], vec![4]];
        let mut components = tarjan(&edges);
        for c in &mut components {
            c.sort();
        }
        assert_eq!(components, vec![vec![3], vec![1, 2], vec![0], vec![4]]);
    }
}
