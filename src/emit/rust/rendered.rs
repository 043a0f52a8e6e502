//! Names rendered once per API: a type's name is printed wherever the type
//! is used, and field names recur across structs (`id`, `name`, `user_id`),
//! so each distinct wire name goes through `names::rust` once.

use crate::model::{Api, TypeDefKind};
use crate::names::rust as names;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Every named type: its index in `Api::types`, and its Rust name.
#[derive(Default)]
pub struct TypeNames<'a> {
    index: FxHashMap<&'a str, usize>,
    /// The Rust names, by index.
    names: Vec<String>,
}

impl<'a> TypeNames<'a> {
    pub fn new(api: &'a Api) -> TypeNames<'a> {
        TypeNames {
            index: api.types.iter().enumerate().map(|(i, t)| (t.name.as_str(), i)).collect(),
            names: api.types.iter().map(|t| names::type_name(&t.name)).collect(),
        }
    }

    /// The index in `Api::types` of the type `wire`.
    pub fn index(&self, wire: &str) -> Option<usize> {
        self.index.get(wire).copied()
    }

    /// The Rust name of the `index`-th type.
    pub fn by_index(&self, index: usize) -> &str {
        &self.names[index]
    }

    /// The Rust name of the type `wire` (rendered on the spot for a name the
    /// API does not declare, which a checked API never has).
    pub fn get(&self, wire: &str) -> Cow<'_, str> {
        match self.index(wire) {
            Some(i) => Cow::Borrowed(self.by_index(i)),
            None => Cow::Owned(names::type_name(wire)),
        }
    }
}

/// [`names::rust::field_name`] of every wire name that becomes a struct
/// field: fields of object types, params of calls and contexts, and the
/// members of contexts (their bundles' fields).
pub struct FieldNames<'a> {
    names: FxHashMap<&'a str, String>,
}

impl<'a> FieldNames<'a> {
    pub fn new(api: &'a Api) -> FieldNames<'a> {
        let mut rendered = FxHashMap::default();
        let mut add = |wire: &'a str| {
            rendered.entry(wire).or_insert_with(|| names::field_name(wire));
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
        FieldNames { names: rendered }
    }

    /// The Rust field name of `wire`.
    pub fn get(&self, wire: &str) -> Cow<'_, str> {
        match self.names.get(wire) {
            Some(name) => Cow::Borrowed(name),
            None => Cow::Owned(names::field_name(wire)),
        }
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
        let mut seen = rustc_hash::FxHashSet::default();
        rendered.iter().all(|name| seen.insert(name.as_ref()))
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
