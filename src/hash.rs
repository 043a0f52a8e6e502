//! The hasher of every map and set keyed by names (wire names, rendered
//! names, paths). The compiler hashes millions of short keys per large IR;
//! std's SipHash, built to resist keys chosen by an attacker, costs more per
//! key than the lookups it serves, and these keys come from the user's own
//! IR. Iteration order never reaches the output: maps are only looked up.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for maps keyed by names: 8 bytes a step, then a final mix
/// (MurmurHash3's) so every input bit reaches the low bits a table indexes
/// by.
#[derive(Clone, Copy, Default)]
pub struct NameHasher(u64);

impl NameHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A hash map keyed by names.
pub type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// A hash set of names.
pub type NameSet<K> = HashSet<K, BuildHasherDefault<NameHasher>>;

/// An empty `NameMap` with room for `n` entries.
pub fn map_with_capacity<K, V>(n: usize) -> NameMap<K, V> {
    NameMap::with_capacity_and_hasher(n, Default::default())
}

/// An empty `NameSet` with room for `n` entries.
pub fn set_with_capacity<K>(n: usize) -> NameSet<K> {
    NameSet::with_capacity_and_hasher(n, Default::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn hash(s: &str) -> u64 {
        BuildHasherDefault::<NameHasher>::default().hash_one(s)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_apart() {
        assert_eq!(hash("user_profile"), hash("user_profile"));
        let names = ["a", "b", "ab", "ba", "user_profile", "user_profilf", "item1", "item2", "item10", "item01"];
        let hashes: NameSet<u64> = names.iter().map(|n| hash(n)).collect();
        assert_eq!(hashes.len(), names.len());
    }

    #[test]
    fn low_bits_vary() {
        // A table indexes by the low bits: 1,000 similar names must spread.
        let buckets: NameSet<u64> = (0..1000).map(|i| hash(&format!("item{i}")) & 1023).collect();
        assert!(buckets.len() > 500, "{} buckets", buckets.len());
    }
}
