//! How IR types print as Rust, and where recursion needs a `Box`.

use crate::model::{Api, Field, Prim, Type, TypeDefKind};
use crate::names::rust as names;
use std::collections::{BTreeMap, HashMap};

/// How a type prints: the scalar mapping chosen in `mizan.toml` and the
/// path user types are reached by (`""` in `types.rs`, `"types::"` in
/// `client.rs`).
#[derive(Clone, Copy, Debug)]
pub struct Printer<'a> {
    pub chrono: bool,
    pub uuid: bool,
    pub path: &'a str,
}

impl Printer<'_> {
    /// The Rust type of an IR type (spec §3: scalars that travel as strings
    /// stay `String` unless chrono/uuid are opted into; `json` is
    /// `serde_json::Value`; maps are `BTreeMap`s so output is ordered).
    pub fn ty(&self, ty: &Type) -> String {
        match ty {
            Type::Prim(p) => self.prim(*p).to_owned(),
            Type::Ref(name) => format!("{}{}", self.path, names::type_name(name)),
            Type::List(inner) => format!("Vec<{}>", self.ty(inner)),
            Type::Map(inner) => format!("BTreeMap<String, {}>", self.ty(inner)),
            Type::Nullable(inner) => format!("Option<{}>", self.ty(inner)),
        }
    }

    /// The type of a struct field: optional keys and nullable values are
    /// both `Option` (one level: absent and `null` read the same); `boxed`
    /// adds the indirection a recursive field needs, inside the `Option`.
    pub fn field(&self, field: &Field, boxed: bool) -> String {
        let (option, inner) = match &field.ty {
            Type::Nullable(inner) => (true, &**inner),
            other => (field.optional, other),
        };
        let inner = if boxed { format!("Box<{}>", self.ty(inner)) } else { self.ty(inner) };
        if option { format!("Option<{inner}>") } else { inner }
    }

    fn prim(&self, p: Prim) -> &'static str {
        match p {
            Prim::String | Prim::Decimal => "String",
            Prim::Datetime if self.chrono => "chrono::DateTime<chrono::Utc>",
            Prim::Date if self.chrono => "chrono::NaiveDate",
            Prim::Time if self.chrono => "chrono::NaiveTime",
            Prim::Uuid if self.uuid => "uuid::Uuid",
            Prim::Datetime | Prim::Date | Prim::Time | Prim::Uuid => "String",
            Prim::Int => "i64",
            Prim::Float => "f64",
            Prim::Bool => "bool",
            Prim::Json => "serde_json::Value",
            Prim::Upload => "Upload",
        }
    }
}

/// Whether `ty` mentions a `map<T>` (the file then imports `BTreeMap`).
pub fn uses_map(ty: &Type) -> bool {
    match ty {
        Type::Map(_) => true,
        Type::List(inner) | Type::Nullable(inner) => uses_map(inner),
        Type::Prim(_) | Type::Ref(_) => false,
    }
}

/// The named types a value of `ty` contains without indirection: through
/// `T?`, not through lists or maps (a `Vec` is already a pointer).
fn direct_refs<'a>(ty: &'a Type, out: &mut Vec<&'a str>) {
    match ty {
        Type::Ref(name) => out.push(name),
        Type::Nullable(inner) => direct_refs(inner, out),
        Type::Prim(_) | Type::List(_) | Type::Map(_) => {}
    }
}

/// For each named type, its strongly connected component in the graph of
/// "contains inline" (through struct fields, union variants and aliases). A
/// struct field or variant needs a `Box` when a type it holds inline
/// contains the struct or union itself again.
pub struct Inline(HashMap<String, usize>);

impl Inline {
    pub fn new(api: &Api) -> Inline {
        let edges: BTreeMap<&str, Vec<&str>> = api
            .types
            .iter()
            .map(|t| {
                let mut out = Vec::new();
                match &t.kind {
                    TypeDefKind::Object { fields } => fields.iter().for_each(|f| direct_refs(&f.ty, &mut out)),
                    TypeDefKind::Union { variants, .. } => out.extend(variants.iter().map(|v| v.ty.as_str())),
                    TypeDefKind::Alias { target } => direct_refs(target, &mut out),
                    TypeDefKind::Enum { .. } => {}
                }
                (t.name.as_str(), out)
            })
            .collect();
        Inline(components(&edges))
    }

    /// Whether a field (or variant) of type `ty` inside `owner` must be
    /// boxed: a type it holds directly leads back to `owner`. As `owner`
    /// holds that type, this is "both are in one strongly connected
    /// component" (linear to compute; a transitive closure per type is
    /// quadratic on long chains of `T?` references).
    pub fn needs_box(&self, owner: &str, ty: &Type) -> bool {
        let mut refs = Vec::new();
        direct_refs(ty, &mut refs);
        let component = self.0.get(owner);
        refs.iter().any(|r| *r == owner || (component.is_some() && self.0.get(*r) == component))
    }
}

/// The strongly connected component of each type (Tarjan's algorithm,
/// iterative: a chain of thousands of types must not exhaust the stack).
fn components(edges: &BTreeMap<&str, Vec<&str>>) -> HashMap<String, usize> {
    const NONE: usize = usize::MAX;
    let names: Vec<&str> = edges.keys().copied().collect();
    let id: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let adj: Vec<Vec<usize>> =
        names.iter().map(|n| edges[n].iter().filter_map(|m| id.get(m).copied()).collect()).collect();
    let (mut index, mut low, mut comp) = (vec![NONE; names.len()], vec![0; names.len()], vec![NONE; names.len()]);
    let (mut on_stack, mut stack, mut next, mut count) = (vec![false; names.len()], Vec::new(), 0, 0);
    for root in 0..names.len() {
        if index[root] != NONE {
            continue;
        }
        let mut calls = vec![(root, 0)];
        (index[root], low[root], on_stack[root]) = (next, next, true);
        next += 1;
        stack.push(root);
        while let Some((v, i)) = calls.last().copied() {
            if let Some(&w) = adj[v].get(i) {
                if let Some(c) = calls.last_mut() {
                    c.1 += 1;
                }
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
    names.iter().zip(comp).map(|(n, c)| ((*n).to_owned(), c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, TypeDef, Variant};

    fn field(name: &str, ty: Type, optional: bool) -> Field {
        Field { name: name.into(), ty, optional, default: None, docs: Docs::default(), constraints: Default::default() }
    }
    fn r(n: &str) -> Type {
        Type::Ref(n.into())
    }
    fn null(t: Type) -> Type {
        Type::Nullable(Box::new(t))
    }
    fn object(name: &str, fields: Vec<Field>) -> TypeDef {
        TypeDef { name: name.into(), docs: Docs::default(), kind: TypeDefKind::Object { fields } }
    }

    #[test]
    fn prints_types() {
        let p = Printer { chrono: false, uuid: false, path: "types::" };
        let t = Type::Map(Box::new(Type::List(Box::new(null(r("order_line"))))));
        assert_eq!(p.ty(&t), "BTreeMap<String, Vec<Option<types::OrderLine>>>");
        assert_eq!(p.ty(&Type::Prim(Prim::Datetime)), "String");
        let c = Printer { chrono: true, uuid: true, path: "" };
        assert_eq!(c.ty(&Type::Prim(Prim::Datetime)), "chrono::DateTime<chrono::Utc>");
        assert_eq!(c.ty(&Type::Prim(Prim::Uuid)), "uuid::Uuid");
        assert_eq!(c.ty(&Type::Prim(Prim::Decimal)), "String");
        assert_eq!(p.field(&field("a", null(Type::Prim(Prim::Int)), true), false), "Option<i64>");
        assert_eq!(p.field(&field("a", null(r("Tree")), false), true), "Option<Box<types::Tree>>");
        assert_eq!(p.field(&field("a", r("Tree"), true), true), "Option<Box<types::Tree>>");
    }

    #[test]
    fn boxes_exactly_the_cycles() {
        let list = |t: Type| Type::List(Box::new(t));
        let api = Api {
            project: "p".into(),
            base_url: "/api".into(),
            types: vec![
                object("A", vec![field("b", r("B"), false)]),
                object("B", vec![field("a", null(r("A")), false), field("c", r("C"), false)]),
                object("C", vec![field("cs", list(r("C")), false)]),
                TypeDef {
                    name: "U".into(),
                    docs: Docs::default(),
                    kind: TypeDefKind::Union { tag: None, variants: vec![Variant { ty: "W".into(), tag_value: None }] },
                },
                object("W", vec![field("u", r("U"), true)]),
            ],
            functions: vec![],
            contexts: vec![],
            channels: vec![],
            forms: vec![],
        };
        let inline = Inline::new(&api);
        assert!(inline.needs_box("A", &r("B")));
        assert!(inline.needs_box("B", &null(r("A"))));
        assert!(!inline.needs_box("B", &r("C")));
        assert!(!inline.needs_box("C", &list(r("C"))));
        assert!(inline.needs_box("W", &r("U")));
        assert!(inline.needs_box("U", &r("W")));
    }
}
