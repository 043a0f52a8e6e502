//! IR types as zod schemas, built as `js::Expr`s.
//!
//! Each schema's output type is exactly stage1's TypeScript type, which the
//! tests check both ways with `tsc`: scalars that travel as strings stay
//! strings (with their format checked), `json` is `unknown`, `T?` is
//! `z.nullable`. Optional keys follow stage1 (`emit::stage1::types`): in a
//! type read from responses, `optional=#true` without a default is an
//! optional key that holds no `undefined` (`z.exactOptional`), and a key
//! with a default is required (the server fills it in); in call args, built
//! by callers, both are `z.optional`. Constraints apply to the type behind
//! aliases, so a constrained field spells that type out.

use super::js::{Expr, Prop, call, ident};
use super::names;
use super::order::Order;
use crate::emit::ts::{self, Types};
use crate::model::{Api, Constraints, Context, Field, Format, Function, Number, Prim, Type, TypeDef, TypeDefKind};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

/// The helpers `schemas.ts` declares when a schema uses them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Used {
    pub datetime: bool,
    pub email: bool,
    pub slug: bool,
    pub decimal: bool,
    pub is_object: bool,
    /// stage1's types (`T`), for lazy getters and empty objects.
    pub stage1: bool,
}

/// Whether an object key may be absent, and how.
#[derive(Clone, Copy, PartialEq)]
enum Presence {
    Required,
    /// `z.optional`: absent or `undefined` (what callers build).
    Optional,
    /// `z.exactOptional`: absent, never `undefined` (what responses hold).
    Exact,
}

/// Builds schemas for one API, recording which helpers they use.
pub struct Schemas<'a> {
    api: &'a Api,
    types: &'a Types<'a>,
    order: &'a Order<'a>,
    used: Cell<Used>,
    /// The types reached through `z.lazy`, which need a getter.
    lazy: RefCell<BTreeSet<String>>,
}

impl<'a> Schemas<'a> {
    pub fn new(api: &'a Api, types: &'a Types<'a>, order: &'a Order<'a>) -> Self {
        Schemas { api, types, order, used: Cell::new(Used::default()), lazy: RefCell::new(BTreeSet::new()) }
    }

    pub fn used(&self) -> Used {
        self.used.get()
    }

    /// Whether `wire`'s schema is reached through `z.lazy`.
    pub fn is_lazy_target(&self, wire: &str) -> bool {
        self.lazy.borrow().contains(wire)
    }

    fn mark(&self, f: impl FnOnce(&mut Used)) {
        let mut used = self.used.get();
        f(&mut used);
        self.used.set(used);
    }

    /// The schema of the named type `t`.
    pub fn named(&self, t: &'a TypeDef) -> Expr {
        let from = Some(t.name.as_str());
        match &t.kind {
            TypeDefKind::Object { fields } if fields.is_empty() => self.empty_object(&t.name),
            TypeDefKind::Object { fields } => {
                let presence =
                    |f: &Field| if f.optional && f.default.is_none() { Presence::Exact } else { Presence::Required };
                self.object(fields.iter().map(|f| (f.name.as_str(), self.field(f, presence(f), from))))
            }
            TypeDefKind::Enum { values } => {
                z("enum", vec![Expr::Array(values.iter().map(|v| string(&v.value)).collect())])
            }
            TypeDefKind::Union { tag: Some(tag), variants } => {
                let options =
                    variants.iter().map(|v| self.tagged_variant(tag, v.tag_value.as_deref().unwrap_or(&v.ty), &v.ty));
                z("discriminatedUnion", vec![string(tag), Expr::Array(options.collect())])
            }
            TypeDefKind::Union { tag: None, variants } => {
                let options = variants.iter().map(|v| self.reference(&v.ty, from));
                z("union", vec![Expr::Array(options.collect())])
            }
            TypeDefKind::Alias { target } => self.ty(target, from),
        }
    }

    /// The args object of call `f` (which has params).
    pub fn args(&self, f: &Function) -> Expr {
        let presence = |p: &Field| if p.optional { Presence::Optional } else { Presence::Required };
        self.object(f.params.iter().map(|p| (p.name.as_str(), self.field(p, presence(p), None))))
    }

    /// What one fetch of `ctx` returns: each member's result under its name.
    pub fn bundle(&self, ctx: &Context, members: &[&Function]) -> Expr {
        self.object(members.iter().map(|f| {
            let result = self.result(f);
            (f.name.as_str(), if may_be_left_out(ctx, f) { z("exactOptional", vec![result]) } else { result })
        }))
    }

    /// What function `f` returns (`null` without `returns`).
    pub fn result(&self, f: &Function) -> Expr {
        f.returns.as_ref().map_or_else(|| z("null", vec![]), |t| self.ty(t, None))
    }

    /// The schema of a type expression, in the declaration of `from`.
    fn ty(&self, ty: &Type, from: Option<&str>) -> Expr {
        match ty {
            Type::Prim(p) => self.prim(*p),
            Type::Ref(name) => self.reference(name, from),
            Type::List(inner) => z("array", vec![self.ty(inner, from)]),
            Type::Map(inner) => z("record", vec![z("string", vec![]), self.ty(inner, from)]),
            Type::Nullable(inner) => z("nullable", vec![self.ty(inner, from)]),
        }
    }

    /// A named type's schema, through its lazy getter inside a cycle.
    fn reference(&self, name: &str, from: Option<&str>) -> Expr {
        let ts_name = self.types.name(name);
        if self.order.lazy(from, name) {
            self.lazy.borrow_mut().insert(name.to_owned());
            self.mark(|u| u.stage1 = true);
            return z("lazy", vec![ident(names::lazy_getter(&ts_name))]);
        }
        ident(names::schema(&ts_name))
    }

    fn prim(&self, p: Prim) -> Expr {
        match p {
            Prim::String => z("string", vec![]),
            Prim::Int => z("int", vec![]),
            Prim::Float => z("number", vec![]),
            Prim::Bool => z("boolean", vec![]),
            Prim::Datetime => {
                self.mark(|u| u.datetime = true);
                ident("datetime")
            }
            Prim::Date => iso("date"),
            Prim::Time => iso("time"),
            Prim::Uuid => z("guid", vec![]),
            Prim::Decimal => self.decimal(&Constraints::default()),
            Prim::Json => z("unknown", vec![]),
            Prim::Upload => z("instanceof", vec![ident("Blob")]),
        }
    }

    /// A field's or param's schema, with its constraints and presence.
    fn field(&self, f: &Field, presence: Presence, from: Option<&str>) -> Expr {
        let schema =
            if f.constraints.is_empty() { self.ty(&f.ty, from) } else { self.constrained(&f.ty, &f.constraints, from) };
        match presence {
            Presence::Required => schema,
            Presence::Optional => z("optional", vec![schema]),
            Presence::Exact => z("exactOptional", vec![schema]),
        }
    }

    /// `ty` with constraints: aliases followed to the string, number or list
    /// they apply to (`ir::check` allows nothing else).
    fn constrained(&self, ty: &Type, c: &Constraints, from: Option<&str>) -> Expr {
        match ty {
            Type::Nullable(inner) => z("nullable", vec![self.constrained(inner, c, from)]),
            Type::Ref(name) => match self.api.type_def(name).map(|t| &t.kind) {
                Some(TypeDefKind::Alias { target }) => self.constrained(target, c, from),
                _ => self.ty(ty, from),
            },
            Type::Prim(Prim::String) => {
                let base = self.string_format(c.format);
                let checked = lengths(base, c);
                match &c.pattern {
                    Some(p) => checked.method("regex", vec![Expr::New("RegExp".into(), vec![string(p), string("u")])]),
                    None => checked,
                }
            }
            Type::Prim(Prim::Int) => bounds(z("int", vec![]), c),
            Type::Prim(Prim::Float) => bounds(z("number", vec![]), c),
            Type::Prim(Prim::Decimal) => self.decimal(c),
            Type::List(inner) => lengths(z("array", vec![self.ty(inner, from)]), c),
            other => self.ty(other, from),
        }
    }

    fn string_format(&self, format: Option<Format>) -> Expr {
        match format {
            None => z("string", vec![]),
            Some(Format::Email) => {
                self.mark(|u| u.email = true);
                ident("email")
            }
            Some(Format::Url) => z("url", vec![]),
            Some(Format::Uuid) => z("guid", vec![]),
            Some(Format::Slug) => {
                self.mark(|u| u.slug = true);
                ident("slug")
            }
            Some(Format::Ipv4) => z("ipv4", vec![]),
            Some(Format::Ipv6) => z("ipv6", vec![]),
        }
    }

    /// `decimal()`, or `decimal({ min, max })` with the bounds it has.
    fn decimal(&self, c: &Constraints) -> Expr {
        self.mark(|u| u.decimal = true);
        let bounds: Vec<Prop> = [("min", c.min), ("max", c.max)]
            .into_iter()
            .filter_map(|(key, n)| n.map(|n| Prop { key: key.to_owned(), value: number(n) }))
            .collect();
        call("decimal", if bounds.is_empty() { vec![] } else { vec![Expr::Object(bounds, false)] })
    }

    /// `z.object({...})` of `(wire name, schema)` entries, one a line.
    fn object<'b>(&self, entries: impl Iterator<Item = (&'b str, Expr)>) -> Expr {
        let props = entries.map(|(name, value)| Prop { key: key(name), value }).collect();
        z("object", vec![Expr::Object(props, true)])
    }

    /// An object type without fields. Its stage1 interface (`{}`) is not
    /// the record type `z.object({})` infers, so it is checked as any JSON
    /// object, typed by stage1.
    fn empty_object(&self, name: &str) -> Expr {
        self.mark(|u| {
            u.is_object = true;
            u.stage1 = true;
        });
        let custom = format!("custom<{}.{}>", names::STAGE1, self.types.name(name));
        ident("z").method(custom, vec![ident("isObject")])
    }

    /// One option of a discriminated union: the variant's object with its
    /// tag. A variant without fields is just the tag.
    fn tagged_variant(&self, tag: &str, value: &str, variant: &str) -> Expr {
        let tag_prop = Prop { key: key(tag), value: z("literal", vec![string(value)]) };
        let empty = matches!(self.api.type_def(variant).map(|t| &t.kind), Some(TypeDefKind::Object { fields }) if fields.is_empty());
        if empty {
            return z("object", vec![Expr::Object(vec![tag_prop], false)]);
        }
        ident(names::schema(&self.types.name(variant))).method("extend", vec![Expr::Object(vec![tag_prop], false)])
    }
}

/// A member of a context that needs a param its callers may omit is left
/// out of the bundle when it is omitted (as stage1's bundle types say:
/// `emit::stage1::contexts`).
fn may_be_left_out(ctx: &Context, f: &Function) -> bool {
    f.params.iter().any(|p| !p.optional && ctx.params.iter().any(|cp| cp.name == p.name && !cp.required))
}

/// `z.{method}(args)`.
fn z(method: &'static str, args: Vec<Expr>) -> Expr {
    ident("z").method(method, args)
}

/// `z.iso.{method}()`.
fn iso(method: &'static str) -> Expr {
    Expr::Member(Box::new(ident("z")), "iso".into()).method(method, vec![])
}

fn string(s: &str) -> Expr {
    Expr::Str(ts::str_lit(s))
}

fn number(n: Number) -> Expr {
    Expr::Num(n.to_string())
}

/// An object literal key: bare, quoted, or computed for `__proto__`, which
/// as a plain key would set the object's prototype instead.
pub(super) fn key(wire: &str) -> String {
    if wire == "__proto__" { format!("[{}]", ts::str_lit(wire)) } else { ts::property(wire).into_owned() }
}

/// `.min(n)` / `.max(n)` for `min-length` / `max-length`.
fn lengths(base: Expr, c: &Constraints) -> Expr {
    let base = match c.min_length {
        Some(n) => base.method("min", vec![Expr::Num(n.to_string())]),
        None => base,
    };
    match c.max_length {
        Some(n) => base.method("max", vec![Expr::Num(n.to_string())]),
        None => base,
    }
}

/// `.min(n)` / `.max(n)` for `min` / `max`.
fn bounds(base: Expr, c: &Constraints) -> Expr {
    let base = match c.min {
        Some(n) => base.method("min", vec![number(n)]),
        None => base,
    };
    match c.max {
        Some(n) => base.method("max", vec![number(n)]),
        None => base,
    }
}
