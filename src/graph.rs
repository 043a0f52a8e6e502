//! Directed graphs over numbered nodes (the named types and their
//! references) and their strongly connected components: the zod target
//! orders its schemas by them, the Rust target finds its recursive fields
//! and cuts its part crates by them.

/// A directed graph over the nodes `0..n`, in compressed rows: the edges of
/// node `v` are `targets[starts[v]..starts[v + 1]]`.
pub struct Edges {
    starts: Vec<usize>,
    targets: Vec<usize>,
}

impl Edges {
    /// One node per item of `nodes`, whose edges `edges` appends.
    pub fn collect<T>(nodes: &[T], mut edges: impl FnMut(&T, &mut Vec<usize>)) -> Edges {
        let mut starts = Vec::with_capacity(nodes.len() + 1);
        let mut targets = Vec::new();
        starts.push(0);
        for node in nodes {
            edges(node, &mut targets);
            starts.push(targets.len());
        }
        Edges { starts, targets }
    }

    /// The nodes `v` has an edge to.
    pub fn of(&self, v: usize) -> &[usize] {
        &self.targets[self.starts[v]..self.starts[v + 1]]
    }

    /// The strongly connected component of each node (Tarjan's algorithm,
    /// iterative: a chain of thousands of types must not exhaust an emitter
    /// thread's stack). Components are numbered from 0, each after every
    /// component its nodes have edges to.
    pub fn components(&self) -> Vec<usize> {
        const NONE: usize = usize::MAX;
        let n = self.starts.len() - 1;
        let (mut index, mut low, mut comp) = (vec![NONE; n], vec![0; n], vec![NONE; n]);
        let (mut on_stack, mut stack, mut next, mut count) = (vec![false; n], Vec::new(), 0, 0);
        for root in 0..n {
            if index[root] != NONE {
                continue;
            }
            let mut calls = vec![(root, 0)];
            (index[root], low[root], on_stack[root]) = (next, next, true);
            next += 1;
            stack.push(root);
            while let Some(&mut (v, ref mut edge)) = calls.last_mut() {
                if let Some(&w) = self.of(v).get(*edge) {
                    *edge += 1;
                    if index[w] == NONE {
                        (index[w], low[w], on_stack[w]) = (next, next, true);
                        next += 1;
                        stack.push(w);
                        calls.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(u, _)) = calls.last() {
                    low[u] = low[u].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        (on_stack[w], comp[w]) = (false, count);
                        if w == v {
                            break;
                        }
                    }
                    count += 1;
                }
            }
        }
        comp
    }
}

/// The nodes of each component (`component` as `Edges::components` gives
/// it), in ascending order.
pub fn members(component: &[usize]) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); component.iter().max().map_or(0, |c| c + 1)];
    for (v, &c) in component.iter().enumerate() {
        members[c].push(v);
    }
    members
}

#[cfg(test)]
mod tests {
    use super::{Edges, members};

    #[test]
    fn components_come_after_what_they_reach() {
        // 0 → 1 ⇄ 2 → 3, and 4 alone with a self loop.
        let edges = [vec![1], vec![2], vec![1, 3], vec![], vec![4]];
        let graph = Edges::collect(&edges, |e, out| out.extend(e));
        assert_eq!(graph.of(2), [1, 3]);
        let component = graph.components();
        assert_eq!(component, [2, 1, 1, 0, 3]);
        assert_eq!(members(&component), [vec![3], vec![1, 2], vec![0], vec![4]]);
    }

    #[test]
    fn a_long_chain_does_not_exhaust_the_stack() {
        let n = 200_000;
        let graph = Edges::collect(&(0..n).collect::<Vec<usize>>(), |&v, out| out.extend((v + 1 < n).then_some(v + 1)));
        let component = graph.components();
        assert_eq!(component[0], n - 1);
        assert_eq!(component[n - 1], 0);
        assert_eq!(members(&[]), Vec::<Vec<usize>>::new());
    }
}
