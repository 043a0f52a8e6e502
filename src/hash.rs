//! The map and set names `ir::check::collisions` uses, as aliases of
//! rustc-hash's (the hasher every other module names directly).

pub type NameMap<K, V> = rustc_hash::FxHashMap<K, V>;
pub type NameSet<K> = rustc_hash::FxHashSet<K>;

/// An empty `NameMap` with room for `n` entries.
pub fn map_with_capacity<K, V>(n: usize) -> NameMap<K, V> {
    NameMap::with_capacity_and_hasher(n, Default::default())
}
