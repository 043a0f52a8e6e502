//! Names rendered once per API: a type's name is printed wherever the type
//! is used, and field names recur across structs (`id`, `name`, `user_id`),
//! so each distinct wire name goes through `names::rust` once.

use crate::model::{Api, TypeDefKind};
use crate::names::rust as names;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, for maps keyed by short names: SipHash's per-key setup costs
/// more than the lookup, and these keys come from the user's own IR.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map keyed by names.
pub type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The Rust name of every named type.
#[derive(Default)]
pub struct TypeNames<'a>(NameMap<&'a str, String>);

impl<'a> TypeNames<'a> {
    pub fn new(api: &'a Api) -> TypeNames<'a> {
        TypeNames(api.types.iter().map(|t| (t.name.as_str(), names::type_name(&t.name))).collect())
    }

    /// The Rust name of the type `wire` (rendered on the spot for a name the
    /// API does not declare, which a checked API never has).
    pub fn get(&self, wire: &str) -> Cow<'_, str> {
        self.0.get(wire).map_or_else(|| Cow::Owned(names::type_name(wire)), |n| Cow::Borrowed(n.as_str()))
    }
}

/// [`names::rust::field_name`] of every wire name that becomes a struct
/// field: fields of object types, params of calls and contexts, and the
/// members of contexts (their bundles' fields).
pub struct FieldNames<'a>(NameMap<&'a str, String>);

impl<'a> FieldNames<'a> {
    pub fn new(api: &'a Api) -> FieldNames<'a> {
        let mut map = NameMap::default();
        let mut add = |wire: &'a str| {
            map.entry(wire).or_insert_with(|| names::field_name(wire));
        };
        for t in &api.types {
            if let TypeDefKind::Object { fields } = &t.kind {
                fields.iter().for_each(|f| add(&f.name));
            }
        }
        for f in api.calls() {
            f.params.iter().for_each(|p| add(&p.name));
        }
        for c in &api.contexts {
            c.members.iter().for_each(|m| add(m));
            c.params.iter().for_each(|p| add(&p.name));
        }
        FieldNames(map)
    }

    /// The Rust field name of `wire`.
    pub fn get(&self, wire: &str) -> Cow<'_, str> {
        self.0.get(wire).map_or_else(|| Cow::Owned(names::field_name(wire)), |n| Cow::Borrowed(n.as_str()))
    }

    /// The names of one struct's fields, made distinct as
    /// [`names::rust::dedupe`] does.
    pub fn of<'w>(&self, wires: impl Iterator<Item = &'w str>) -> Vec<Cow<'_, str>> {
        unique(wires.map(|w| self.get(w)).collect())
    }
}

/// [`names::rust::dedupe`], skipped when the names are already distinct
/// (the usual case, where it would return them unchanged).
pub fn unique(rendered: Vec<Cow<'_, str>>) -> Vec<Cow<'_, str>> {
    let distinct = if rendered.len() <= 16 {
        rendered.iter().enumerate().all(|(i, name)| !rendered[..i].contains(name))
    } else {
        let mut seen = NameMap::with_capacity_and_hasher(rendered.len(), Default::default());
        rendered.iter().all(|name| seen.insert(name.as_ref(), ()).is_none())
    };
    if distinct {
        return rendered;
    }
    names::dedupe(rendered.into_iter().map(Cow::into_owned).collect()).into_iter().map(Cow::Owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_is_dedupe() {
        let cases: [&[&str]; 4] = [&["a", "b"], &["a", "a", "r#type", "r#type"], &[], &["x"; 20]];
        for case in cases {
            let owned: Vec<String> = case.iter().map(|s| (*s).to_owned()).collect();
            let borrowed: Vec<Cow<str>> = case.iter().map(|s| Cow::Borrowed(*s)).collect();
            assert_eq!(unique(borrowed), names::dedupe(owned));
        }
    }
}
