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

use super::doc::{doc_text, py_doc};
use super::layout::{Expr, statement};
use super::types::{Uses, constraint_args, default_expr, type_expr};
use super::{File, render};
use crate::model::{Api, Context, Docs, EnumValue, Field, Type, TypeDef, TypeDefKind};
use crate::names::python as names;
use askama::Template;
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

impl Member {
    fn new(text: String, doc: &str) -> Member {
        Member { text: format!("{text}\n{doc}").trim_end().to_owned() }
    }
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
    let mut decls = Vec::new();
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
            let doc = doc_text(&t.docs, &[]);
            let doc = if doc.is_empty() { format!("The `{}` object.", t.name) } else { doc };
            decls.push(class(api, name, "MizanModel", &doc, fields, &mut uses));
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
        statement(0, "for _mizan_model in ", &Expr::tuple(items), ":") + "\n    _mizan_model.model_rebuild()"
    };
    let mut sections = vec!["from __future__ import annotations".to_owned()];
    for third in [false, true] {
        let lines = uses.import_lines(third);
        if !lines.is_empty() {
            sections.push(lines.join("\n"));
        }
    }
    let doc = py_doc(&super::package_doc(api, "Models"), 0);
    File {
        path: "models.py".to_owned(),
        contents: render(&ModelsFile { doc, imports: sections.join("\n\n"), decls, rebuild }),
    }
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
    Decl::Alias { text, doc: py_doc(&doc_text(&t.docs, &notes), 0).trim_end().to_owned() }
}

fn class(api: &Api, name: String, base: &str, doc: &str, fields: &[Field], uses: &mut Uses) -> Decl {
    let members = fields.iter().map(|f| member(api, f, uses)).collect();
    Decl::Class { name, base: base.to_owned(), doc: py_doc(doc, 1).trim_end().to_owned(), members }
}

/// One field: `attr: T`, with a default, `Field(...)` for constraints,
/// absent-key handling and the wire name when the attribute differs.
fn member(api: &Api, f: &Field, uses: &mut Uses) -> Member {
    let attr = names::attr_name(&f.name);
    let mut ty = type_expr(&f.ty, uses);
    let mut args = Vec::new();
    let mut default = None;
    match &f.default {
        Some(lit) => default = Some(default_expr(api, &f.ty, lit, uses)),
        None if f.optional => {
            if !f.ty.is_nullable() {
                ty.push_str(" | None");
                // An absent key is not `null` on the wire.
                args.push("exclude_if=_absent".to_owned());
            }
            default = Some("None".to_owned());
        }
        None => {}
    }
    args.extend(constraint_args(&f.constraints));
    if attr != f.name {
        let wire = names::string_literal(&f.name);
        args.push(format!("validation_alias={wire}"));
        args.push(format!("serialization_alias={wire}"));
    }
    let text = if args.is_empty() {
        let d = default.map_or_else(String::new, |d| format!(" = {d}"));
        format!("    {attr}: {ty}{d}")
    } else {
        uses.import("pydantic", "Field");
        let mut items: Vec<Expr> = default.iter().map(|d| Expr::atom(format!("default={d}"))).collect();
        items.extend(args.into_iter().map(Expr::atom));
        statement(1, &format!("{attr}: {ty} = "), &Expr::call("Field", items), "")
    };
    let notes: Vec<String> = f.constraints.format.iter().map(|f| format!("Format: {}.", f.as_str())).collect();
    Member::new(text, &py_doc(&doc_text(&f.docs, &notes), 1))
}

fn tag_class(union: &str, name: String, variant: &str, tag: &str, value: &str, uses: &mut Uses) -> Decl {
    uses.import("typing", "Literal");
    let field = bare(tag, &Docs::default());
    let attr = names::attr_name(tag);
    let lit = names::string_literal(value);
    let text = if attr == tag {
        format!("    {attr}: Literal[{lit}] = {lit}")
    } else {
        uses.import("pydantic", "Field");
        let wire = names::string_literal(&field.name);
        let items = vec![
            Expr::atom(format!("default={lit}")),
            Expr::atom(format!("validation_alias={wire}")),
            Expr::atom(format!("serialization_alias={wire}")),
        ];
        statement(1, &format!("{attr}: Literal[{lit}] = "), &Expr::call("Field", items), "")
    };
    let doc = format!("`{variant}` as the `{value}` variant of `{union}`, tagged by `{tag}`.");
    let base = names::class_name(variant);
    Decl::Class { name, base, doc: py_doc(&doc, 1).trim_end().to_owned(), members: vec![Member::new(text, "")] }
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
            TypeDefKind::Union { variants, .. } => refs.extend(variants.iter().map(|v| v.ty.clone())),
            _ => return,
        }
        for r in refs {
            if let Some(dep) = api.type_def(&r) {
                visit(api, dep, done, out);
            }
        }
        out.push(t);
    }
    fn collect(ty: &Type, out: &mut BTreeSet<String>) {
        match ty {
            Type::Prim(_) => {}
            Type::Ref(n) => {
                out.insert(n.clone());
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
        TypeDefKind::Alias { target } => Expr::atom(type_expr(target, uses)),
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
            let members: Vec<String> = variants.iter().map(|v| type_expr(&Type::Ref(v.ty.clone()), uses)).collect();
            Expr::atom(members.join(" | "))
        }
        _ => Expr::atom("None"),
    };
    Decl::Alias { text: statement(0, &head, &expr, ""), doc: py_doc(&doc_text(&t.docs, &[]), 0).trim_end().to_owned() }
}

fn bundle(api: &Api, ctx: &Context, name: String, uses: &mut Uses) -> Decl {
    let members = api
        .members(ctx)
        .map(|f| match &f.returns {
            Some(ty) => member(
                api,
                &Field {
                    name: f.name.clone(),
                    ty: ty.clone(),
                    optional: may_be_absent(ctx, f),
                    default: None,
                    docs: f.docs.clone(),
                    constraints: Default::default(),
                },
                uses,
            ),
            // A function without `returns` answers JSON `null`.
            None => {
                let m = member(api, &bare(&f.name, &f.docs), uses);
                Member { text: m.text.replacen(": str", ": None", 1) }
            }
        })
        .collect();
    let doc = format!("What one fetch of the `{}` context returns: each member function's result.", ctx.name);
    Decl::Class { name, base: "MizanModel".to_owned(), doc: py_doc(&doc, 1).trim_end().to_owned(), members }
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

/// A required string field: the shape of a tag or a result-less member.
fn bare(name: &str, docs: &Docs) -> Field {
    Field {
        name: name.to_owned(),
        ty: Type::Prim(crate::model::Prim::String),
        optional: false,
        default: None,
        docs: docs.clone(),
        constraints: Default::default(),
    }
}
