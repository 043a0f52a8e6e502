//! `models.py`: a pydantic model per object type, `Literal` aliases for
//! enums, aliases and unions (tagged ones through a per-variant subclass
//! carrying the tag), and a bundle model per context.
//!
//! Declaration order is what the runtime needs, not name order alone: enums
//! (no references), then classes by name (their annotations are lazy under
//! `from __future__ import annotations`), then the tag subclasses (their
//! bases must exist), then aliases and unions in dependency order (their
//! values are evaluated at import), then the bundles; a final
//! `model_rebuild()` resolves every forward reference at import time.

use super::doc::{doc_text, push_doc_text, write_doc};
use super::layout::{Expr, statement, write_statement};
use super::types::{Uses, constraint_args, default_expr, push_type_expr};
use super::{File, render};
use crate::ir::ast::Literal;
use crate::model::{Api, Constraints, Context, Docs, EnumValue, Field, Prim, Type, TypeDef, TypeDefKind};
use crate::names::python as names;
use askama::Template;
use std::borrow::Cow;
use std::collections::BTreeSet;

pub(crate) enum Decl {
    /// `class Name(Base):` with its docstring (no final newline) and
    /// members, laid out.
    Class { name: String, base: String, doc: String, members: Vec<Member> },
    /// A laid-out `Name: TypeAlias = ...` statement and its docstring
    /// (none: "").
    Alias { text: String, doc: String },
}

/// A field statement, laid out, followed by its docstring lines if any.
pub(crate) struct Member {
    pub text: String,
}

#[derive(Template)]
#[template(path = "python/models.py", escape = "none")]
struct ModelsFile {
    doc: String,
    imports: String,
    decls: Vec<Decl>,
    rebuild: String,
}

pub fn file(api: &Api) -> File {
    let mut uses = Uses::default();
    uses.import("pydantic", "BaseModel");
    uses.import("pydantic", "ConfigDict");
    let mut decls = Vec::with_capacity(api.types.len() + api.contexts.len());
    let mut classes = Vec::new();
    for t in &api.types {
        if let TypeDefKind::Enum { values } = &t.kind {
            uses.import("typing", "Literal");
            uses.import("typing", "TypeAlias");
            decls.push(enum_decl(t, values));
        }
    }
    for t in &api.types {
        if let TypeDefKind::Object { fields } = &t.kind {
            let name = names::class_name(&t.name);
            classes.push(name.clone());
            let mut doc = String::new();
            push_doc_text(&mut doc, &t.docs, &[] as &[&str]);
            if doc.is_empty() {
                doc = format!("The `{}` object.", t.name);
            }
            let members = fields.iter().map(|f| member(api, FieldRef::from(f), &mut uses)).collect();
            decls.push(Decl::Class { name, base: "MizanModel".to_owned(), doc: class_doc(&doc), members });
        }
    }
    for t in &api.types {
        if let TypeDefKind::Union { tag: Some(tag), variants } = &t.kind {
            for v in variants {
                let name = names::variant_class(&t.name, &v.ty);
                classes.push(name.clone());
                decls.push(tag_class(&t.name, name, &v.ty, tag, v.tag_value.as_deref().unwrap_or(&v.ty), &mut uses));
            }
        }
    }
    for t in alias_order(api) {
        decls.push(alias_decl(t, &mut uses));
    }
    for ctx in &api.contexts {
        let name = names::bundle_class(&ctx.name);
        classes.push(name.clone());
        decls.push(bundle(api, ctx, name, &mut uses));
    }
    let rebuild = if classes.is_empty() {
        String::new()
    } else {
        let items = classes.iter().map(|c| Expr::atom(c.as_str())).collect();
        let mut out = String::with_capacity(classes.iter().map(|c| c.len() + 6).sum::<usize>() + 64);
        write_statement(&mut out, 0, "for _mizan_model in ", &Expr::tuple(items), ":");
        out.push_str("\n    _mizan_model.model_rebuild()");
        out
    };
    let mut imports = String::from("from __future__ import annotations");
    for third in [false, true] {
        let lines = uses.import_lines(third);
        if !lines.is_empty() {
            imports.push_str("\n\n");
            imports.push_str(&lines.join("\n"));
        }
    }
    let doc = super::py_doc(&super::package_doc(api, "Models"), 0);
    File { path: "models.py".to_owned(), contents: render(&ModelsFile { doc, imports, decls, rebuild }) }
}

/// A class docstring: laid out at class indentation, no final newline.
fn class_doc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    write_doc(&mut out, text, 1);
    out
}

/// A module-level docstring, no final newline ("" for no docs).
fn alias_doc(docs: &Docs, extra: &[String]) -> String {
    let mut text = String::new();
    push_doc_text(&mut text, docs, extra);
    let mut out = String::new();
    write_doc(&mut out, &text, 0);
    out
}

fn enum_decl(t: &TypeDef, values: &[EnumValue]) -> Decl {
    let head = format!("{}: TypeAlias = ", names::class_name(&t.name));
    let members = values.iter().map(|v| Expr::atom(names::string_literal(&v.value))).collect();
    let text = statement(0, &head, &Expr::subscript("Literal", members), "");
    let mut notes = Vec::new();
    for v in values.iter().filter(|v| v.docs.doc.is_some() || v.docs.deprecated.is_some()) {
        notes.push(format!("- `{}`: {}", v.value, doc_text(&v.docs, &[]).replace("\n\n", " ")));
    }
    let notes = if notes.is_empty() { Vec::new() } else { vec![notes.join("\n")] };
    Decl::Alias { text, doc: alias_doc(&t.docs, &notes) }
}

/// A model field, borrowed from an object type's field or made up for a
/// context member.
struct FieldRef<'f> {
    name: &'f str,
    ty: &'f Type,
    optional: bool,
    default: Option<&'f Literal>,
    docs: &'f Docs,
    constraints: Option<&'f Constraints>,
}

impl<'f> From<&'f Field> for FieldRef<'f> {
    fn from(f: &'f Field) -> Self {
        FieldRef {
            name: &f.name,
            ty: &f.ty,
            optional: f.optional,
            default: f.default.as_ref(),
            docs: &f.docs,
            constraints: Some(&f.constraints),
        }
    }
}

/// One field: `attr: T`, with a default, `Field(...)` for constraints,
/// absent-key handling and the wire name when the attribute differs.
fn member(api: &Api, f: FieldRef, uses: &mut Uses) -> Member {
    let attr = names::attr_name(f.name);
    let mut ty = String::with_capacity(32);
    push_type_expr(&mut ty, f.ty, uses);
    let mut args: Vec<Expr> = Vec::new();
    let mut default: Option<Cow<str>> = None;
    match f.default {
        Some(lit) => default = Some(default_expr(api, f.ty, lit, uses).into()),
        None if f.optional => {
            if !f.ty.is_nullable() {
                ty.push_str(" | None");
                // An absent key is not `null` on the wire.
                args.push(Expr::atom("exclude_if=_absent"));
            }
            default = Some("None".into());
        }
        None => {}
    }
    if let Some(c) = f.constraints {
        args.extend(constraint_args(c).into_iter().map(Expr::atom));
    }
    if attr != f.name {
        let wire = names::string_literal(f.name);
        args.push(Expr::atom(format!("validation_alias={wire}")));
        args.push(Expr::atom(format!("serialization_alias={wire}")));
    }
    let mut text = String::with_capacity(attr.len() + ty.len() + 32);
    if args.is_empty() {
        text.push_str("    ");
        text.push_str(&attr);
        text.push_str(": ");
        text.push_str(&ty);
        if let Some(d) = default {
            text.push_str(" = ");
            text.push_str(&d);
        }
    } else {
        uses.import("pydantic", "Field");
        let mut items: Vec<Expr> = Vec::with_capacity(args.len() + 1);
        items.extend(default.map(|d| Expr::atom(format!("default={d}"))));
        items.extend(args);
        write_statement(&mut text, 1, &format!("{attr}: {ty} = "), &Expr::call("Field", items), "");
    }
    let format = f.constraints.and_then(|c| c.format);
    let notes: Vec<String> = format.iter().map(|f| format!("Format: {}.", f.as_str())).collect();
    let mut doc = String::new();
    push_doc_text(&mut doc, f.docs, &notes);
    text.push('\n');
    write_doc(&mut text, &doc, 1);
    text.truncate(text.trim_end().len());
    Member { text }
}

fn tag_class(union: &str, name: String, variant: &str, tag: &str, value: &str, uses: &mut Uses) -> Decl {
    uses.import("typing", "Literal");
    let attr = names::attr_name(tag);
    let lit = names::string_literal(value);
    let text = if attr == tag {
        format!("    {attr}: Literal[{lit}] = {lit}")
    } else {
        uses.import("pydantic", "Field");
        let wire = names::string_literal(tag);
        let items = vec![
            Expr::atom(format!("default={lit}")),
            Expr::atom(format!("validation_alias={wire}")),
            Expr::atom(format!("serialization_alias={wire}")),
        ];
        statement(1, &format!("{attr}: Literal[{lit}] = "), &Expr::call("Field", items), "")
    };
    let doc = format!("`{variant}` as the `{value}` variant of `{union}`, tagged by `{tag}`.");
    let base = names::class_name(variant);
    Decl::Class { name, base, doc: class_doc(&doc), members: vec![Member { text }] }
}

/// Aliases and unions, each after the aliases and unions it refers to.
fn alias_order(api: &Api) -> Vec<&TypeDef> {
    fn visit<'a>(api: &'a Api, t: &'a TypeDef, done: &mut BTreeSet<&'a str>, out: &mut Vec<&'a TypeDef>) {
        if !done.insert(&t.name) {
            return;
        }
        let mut refs = BTreeSet::new();
        match &t.kind {
            TypeDefKind::Alias { target } => collect(target, &mut refs),
            TypeDefKind::Union { variants, .. } => refs.extend(variants.iter().map(|v| v.ty.as_str())),
            _ => return,
        }
        for r in refs {
            if let Some(dep) = api.type_def(r) {
                visit(api, dep, done, out);
            }
        }
        out.push(t);
    }
    fn collect<'a>(ty: &'a Type, out: &mut BTreeSet<&'a str>) {
        match ty {
            Type::Prim(_) => {}
            Type::Ref(n) => {
                out.insert(n);
            }
            Type::List(i) | Type::Map(i) | Type::Nullable(i) => collect(i, out),
        }
    }
    let mut done = BTreeSet::new();
    let mut out = Vec::new();
    for t in &api.types {
        visit(api, t, &mut done, &mut out);
    }
    out
}

fn alias_decl(t: &TypeDef, uses: &mut Uses) -> Decl {
    uses.import("typing", "TypeAlias");
    let head = format!("{}: TypeAlias = ", names::class_name(&t.name));
    let expr = match &t.kind {
        TypeDefKind::Alias { target } => {
            let mut ty = String::new();
            push_type_expr(&mut ty, target, uses);
            Expr::atom(ty)
        }
        TypeDefKind::Union { tag: Some(tag), variants } => {
            let classes: Vec<String> = variants.iter().map(|v| names::variant_class(&t.name, &v.ty)).collect();
            if classes.len() == 1 {
                Expr::atom(classes[0].clone())
            } else {
                uses.import("typing", "Annotated");
                uses.import("pydantic", "Field");
                let discriminator = format!("Field(discriminator={})", names::string_literal(&names::attr_name(tag)));
                Expr::subscript("Annotated", vec![Expr::atom(classes.join(" | ")), Expr::atom(discriminator)])
            }
        }
        TypeDefKind::Union { tag: None, variants } => {
            let mut members = String::new();
            for (i, v) in variants.iter().enumerate() {
                if i > 0 {
                    members.push_str(" | ");
                }
                let start = members.len();
                names::push_class_name(&mut members, &v.ty);
                uses.model(&members[start..]);
            }
            Expr::atom(members)
        }
        _ => Expr::atom("None"),
    };
    Decl::Alias { text: statement(0, &head, &expr, ""), doc: alias_doc(&t.docs, &[]) }
}

fn bundle(api: &Api, ctx: &Context, name: String, uses: &mut Uses) -> Decl {
    let string = Type::Prim(Prim::String);
    let members = api
        .members(ctx)
        .map(|f| {
            let field = FieldRef {
                name: &f.name,
                ty: f.returns.as_ref().unwrap_or(&string),
                optional: f.returns.is_some() && may_be_absent(ctx, f),
                default: None,
                docs: &f.docs,
                constraints: None,
            };
            let m = member(api, field, uses);
            match f.returns {
                Some(_) => m,
                // A function without `returns` answers JSON `null`.
                None => Member { text: m.text.replacen(": str", ": None", 1) },
            }
        })
        .collect();
    let doc = format!("What one fetch of the `{}` context returns: each member function's result.", ctx.name);
    Decl::Class { name, base: "MizanModel".to_owned(), doc: class_doc(&doc), members }
}

/// A member that needs an argument the fetch may leave out is left out of
/// the bundle when that argument is (`catalog` without `slug` has no
/// `product_detail`).
pub(crate) fn may_be_absent(ctx: &Context, f: &crate::model::Function) -> bool {
    f.params.iter().filter(|p| !p.optional).any(|p| !fetch_requires(ctx, &p.name))
}

/// Whether `fetch_<context>` requires the argument: every member takes it
/// and at least one needs it (spec §5, param elevation).
pub(crate) fn fetch_requires(ctx: &Context, param: &str) -> bool {
    ctx.params.iter().any(|p| p.name == param && p.required)
}
