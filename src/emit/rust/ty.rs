//! How IR types print as Rust, and where recursion needs a `Box`.

use super::rendered::TypeNames;
use crate::graph::Edges;
use crate::model::{Api, Prim, Type, TypeDefKind};

/// How a type prints: the scalar mapping chosen in `mizan.toml` and the
/// path user types are reached by (`""` in `types.rs`, `"types::"` in
/// `client.rs`).
#[derive(Clone, Copy)]
pub struct Printer<'a> {
    pub chrono: bool,
    pub uuid: bool,
    pub path: &'a str,
    pub names: &'a TypeNames<'a>,
}

impl Printer<'_> {
    /// Appends the Rust type of a struct field or slot (spec §3: scalars
    /// that travel as strings stay `String` unless chrono/uuid are opted
    /// into; `json` is `serde_json::Value`; maps are `BTreeMap`s so output
    /// is ordered). `Option` when `option` or when the type is nullable (one
    /// level: absent and `null` read the same); `boxed` adds the indirection
    /// a recursive field needs, inside the `Option`. `ty: None` is `()`.
    pub fn push(&self, out: &mut String, ty: Option<&Type>, option: bool, boxed: bool) {
        let (option, ty) = match ty {
            Some(Type::Nullable(inner)) => (true, Some(&**inner)),
            ty => (option, ty),
        };
        if option {
            out.push_str("Option<");
        }
        if boxed {
            out.push_str("Box<");
        }
        match ty {
            Some(ty) => self.push_type(out, ty),
            None => out.push_str("()"),
        }
        if boxed {
            out.push('>');
        }
        if option {
            out.push('>');
        }
    }

    /// Appends the path and name of a named type.
    pub fn push_ref(&self, out: &mut String, wire: &str) {
        out.push_str(self.path);
        out.push_str(&self.names.get(wire));
    }

    fn push_type(&self, out: &mut String, ty: &Type) {
        let (open, inner) = match ty {
            Type::Prim(p) => return out.push_str(self.prim(*p)),
            Type::Ref(name) => return self.push_ref(out, name),
            Type::List(inner) => ("Vec<", inner),
            Type::Map(inner) => ("BTreeMap<String, ", inner),
            Type::Nullable(inner) => ("Option<", inner),
        };
        out.push_str(open);
        self.push_type(out, inner);
        out.push('>');
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

/// The named type a value of `ty` contains without indirection: through
/// `T?`, not through lists or maps (a `Vec` is already a pointer).
fn direct_ref(ty: &Type) -> Option<&str> {
    match ty {
        Type::Ref(name) => Some(name),
        Type::Nullable(inner) => direct_ref(inner),
        Type::Prim(_) | Type::List(_) | Type::Map(_) => None,
    }
}

/// For each named type, its strongly connected component in the graph of
/// "contains inline" (through struct fields, union variants and aliases). A
/// struct field or variant needs a `Box` when a type it holds inline
/// contains the struct or union itself again.
pub struct Inline<'t> {
    types: &'t TypeNames<'t>,
    /// Each type's component, by index in `Api::types`.
    component: Vec<usize>,
}

impl<'t> Inline<'t> {
    pub fn new(api: &Api, types: &'t TypeNames<'t>) -> Inline<'t> {
        let edges = Edges::collect(&api.types, |t, out| {
            let mut hold = |name: &str| out.extend(types.index(name));
            match &t.kind {
                TypeDefKind::Object { fields } => fields.iter().filter_map(|f| direct_ref(&f.ty)).for_each(hold),
                TypeDefKind::Union { variants, .. } => variants.iter().for_each(|v| hold(&v.ty)),
                TypeDefKind::Alias { target } => direct_ref(target).into_iter().for_each(hold),
                TypeDefKind::Enum { .. } => {}
            }
        });
        Inline { types, component: edges.components() }
    }

    /// Whether a field of type `ty` inside the `owner`-th type must be
    /// boxed: a type it holds directly leads back to `owner`. As `owner`
    /// holds that type, this is "both are in one strongly connected
    /// component" (linear to compute; a transitive closure per type is
    /// quadratic on long chains of `T?` references).
    pub fn needs_box(&self, owner: usize, ty: &Type) -> bool {
        direct_ref(ty).is_some_and(|held| self.holds(owner, held))
    }

    /// Whether the `owner`-th type holding the type `held` inline (a union
    /// variant) is recursive.
    pub fn holds(&self, owner: usize, held: &str) -> bool {
        self.types.index(held).is_some_and(|h| self.component.get(h) == self.component.get(owner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Docs, Field, TypeDef, Variant};

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
        let names = TypeNames::default();
        let p = Printer { chrono: false, uuid: false, path: "types::", names: &names };
        let t = Type::Map(Box::new(Type::List(Box::new(null(r("order_line"))))));
        let field = |p: &Printer, t: Option<&Type>, option: bool, boxed: bool| {
            let mut out = String::new();
            p.push(&mut out, t, option, boxed);
            out
        };
        let ty = |p: &Printer, t: &Type| field(p, Some(t), false, false);
        assert_eq!(ty(&p, &t), "BTreeMap<String, Vec<Option<types::OrderLine>>>");
        assert_eq!(ty(&p, &Type::Prim(Prim::Datetime)), "String");
        let c = Printer { chrono: true, uuid: true, path: "", names: &names };
        assert_eq!(ty(&c, &Type::Prim(Prim::Datetime)), "chrono::DateTime<chrono::Utc>");
        assert_eq!(ty(&c, &Type::Prim(Prim::Uuid)), "uuid::Uuid");
        assert_eq!(ty(&c, &Type::Prim(Prim::Decimal)), "String");
        let (int, tree) = (null(Type::Prim(Prim::Int)), null(r("Tree")));
        assert_eq!(field(&p, Some(&int), true, false), "Option<i64>");
        assert_eq!(field(&p, Some(&tree), false, true), "Option<Box<types::Tree>>");
        assert_eq!(field(&p, Some(&r("Tree")), true, true), "Option<Box<types::Tree>>");
        assert_eq!(field(&p, Some(&null(tree)), false, false), "Option<Option<types::Tree>>");
        assert_eq!(field(&p, None, true, false), "Option<()>");
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
        let types = TypeNames::new(&api);
        let inline = Inline::new(&api, &types);
        let [a, b, c, u, w] = [0, 1, 2, 3, 4];
        assert!(inline.needs_box(a, &r("B")));
        assert!(inline.needs_box(b, &null(r("A"))));
        assert!(!inline.needs_box(b, &r("C")));
        assert!(!inline.needs_box(c, &list(r("C"))));
        assert!(inline.needs_box(w, &r("U")));
        assert!(inline.holds(u, "W"));
        assert!(!inline.holds(a, "C"));
    }
}
