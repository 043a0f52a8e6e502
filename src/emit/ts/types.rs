//! How IR types print as TypeScript (spec §3: scalars that travel as
//! strings stay `string`; `json` is `unknown`; an upload is a `Blob`, which
//! `File` extends), with each named type's rendered name computed at most
//! once per emission: a large API refers to the same few types thousands of
//! times.

use super::layout::syntax::Ty;
use crate::model::{Api, Prim, Type};
use crate::names::ts as names;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::OnceCell;

/// The TypeScript names of an API's named types, rendered on first use.
/// One per emission: it borrows the API it renders.
pub struct Types<'a> {
    /// Each type's wire name and rendered name. Hashed, not searched: a
    /// binary search over thousands of types misses the cache at every step.
    names: FxHashMap<&'a str, OnceCell<String>>,
}

impl<'a> Types<'a> {
    pub fn new(api: &'a Api) -> Self {
        Types { names: api.types.iter().map(|t| (t.name.as_str(), OnceCell::new())).collect() }
    }

    /// The rendered name of the named type `wire`.
    pub fn name(&self, wire: &str) -> Cow<'_, str> {
        match self.names.get(wire) {
            Some(name) => Cow::Borrowed(name.get_or_init(|| names::type_name(wire))),
            // Lowering resolves every reference; a hand-built model may not.
            None => Cow::Owned(names::type_name(wire)),
        }
    }

    /// The TypeScript type of `ty` as a tree, for layouts that may break it.
    pub fn ty(&self, ty: &Type) -> Ty<'_> {
        match ty {
            Type::Prim(Prim::Upload) => Ty::name(prim(Prim::Upload)),
            Type::Prim(p) => Ty::Keyword(prim(*p)),
            Type::Ref(name) => Ty::Name(self.name(name)),
            Type::List(inner) => Ty::Array(Box::new(self.ty(inner))),
            Type::Map(inner) => Ty::Generic(Cow::Borrowed("Record"), vec![Ty::Keyword("string"), self.ty(inner)]),
            Type::Nullable(inner) => self.ty(inner).or_null(),
        }
    }

    /// [`Types::ty`] of an optional type, or `null` (a function without a
    /// result).
    pub fn result_ty(&self, ty: Option<&Type>) -> Ty<'_> {
        ty.map_or(Ty::Keyword("null"), |t| self.ty(t))
    }

    /// Adds the rendered name of every named type `ty` refers to to `out`.
    pub fn refs<'s>(&'s self, ty: &Type, out: &mut Vec<Cow<'s, str>>) {
        match ty {
            Type::Prim(_) => {}
            Type::Ref(name) => out.push(self.name(name)),
            Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => self.refs(inner, out),
        }
    }
}

fn prim(p: Prim) -> &'static str {
    match p {
        Prim::String | Prim::Datetime | Prim::Date | Prim::Time | Prim::Uuid | Prim::Decimal => "string",
        Prim::Int | Prim::Float => "number",
        Prim::Bool => "boolean",
        Prim::Json => "unknown",
        Prim::Upload => "Blob",
    }
}

/// Sorts names and drops duplicates: an import list.
pub fn sorted<T: Ord>(mut names: Vec<T>) -> Vec<T> {
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Api {
        Api {
            project: "p".into(),
            base_url: "/".into(),
            types: Vec::new(),
            functions: Vec::new(),
            contexts: Vec::new(),
            channels: Vec::new(),
            forms: Vec::new(),
        }
    }

    #[test]
    fn types_print() {
        let api = api();
        let types = Types::new(&api);
        let t = Type::List(Box::new(Type::Nullable(Box::new(Type::Prim(Prim::Int)))));
        assert_eq!(types.ty(&t).flat(), "(number | null)[]");
        let m = Type::Map(Box::new(Type::List(Box::new(Type::Ref("order_line".into())))));
        assert_eq!(types.ty(&m).flat(), "Record<string, OrderLine[]>");
        let mut refs = Vec::new();
        types.refs(&m, &mut refs);
        assert_eq!(refs, ["OrderLine"]);
        assert_eq!(types.result_ty(None).flat(), "null");
    }

    #[test]
    fn trees_print_flat() {
        let api = api();
        let types = Types::new(&api);
        let int = || Box::new(Type::Prim(Prim::Int));
        let cases = [
            (Type::List(Box::new(Type::Nullable(int()))), "(number | null)[]"),
            (Type::Nullable(Box::new(Type::List(int()))), "number[] | null"),
            (
                Type::Map(Box::new(Type::Nullable(Box::new(Type::Map(Box::new(Type::Ref("a_b".into()))))))),
                "Record<string, Record<string, AB> | null>",
            ),
            (Type::Nullable(Box::new(Type::Prim(Prim::Upload))), "Blob | null"),
        ];
        for (t, expected) in cases {
            assert_eq!(types.ty(&t).flat(), expected, "{t:?}");
        }
    }
}
