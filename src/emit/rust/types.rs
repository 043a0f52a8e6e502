//! `src/types.rs`: every named type of the IR as a serde type.

use super::docs::{NO_NOTES, constraint_notes, doc_comment, write_doc_comment};
use super::ty::{Inline, Printer, TypeExpr, uses_map};
use super::{File, render};
use crate::model::{Api, Deprecated, EnumValue, Field, TypeDef, TypeDefKind, Variant};
use crate::names::rust as names;
use askama::Template;
use std::borrow::Cow;
use std::collections::HashSet;

/// One field of a struct: doc lines and attribute lines (each indented and
/// ending in a newline), the name and the type.
pub(crate) struct FieldView<'a> {
    pub docs: String,
    pub attrs: String,
    pub name: String,
    pub ty: TypeExpr<'a>,
}

impl<'a> FieldView<'a> {
    /// A field of a serde struct, not yet documented. `rendered` is the
    /// (deduplicated) Rust name of the wire name `wire`; `skip` replaces the
    /// serde attributes (an upload is not part of the JSON).
    pub fn new(wire: &str, rendered: String, optional: bool, ty: TypeExpr<'a>, skip: bool) -> FieldView<'a> {
        let mut attrs = String::new();
        if skip {
            attrs.push_str("    #[serde(skip)]\n");
        } else {
            if names::serde_name(&rendered) != wire {
                push_rename(&mut attrs, wire);
            }
            if optional {
                attrs.push_str("    #[serde(skip_serializing_if = \"Option::is_none\")]\n");
            }
        }
        FieldView { docs: String::new(), attrs, name: rendered, ty }
    }

    /// A field of the model (of an object type, or a param), documented.
    pub fn of(f: &Field, rendered: String, ty: TypeExpr<'a>, skip: bool) -> FieldView<'a> {
        let mut view = FieldView::new(&f.name, rendered, f.optional, ty, skip);
        let notes = constraint_notes(&f.constraints, f.default.as_ref());
        view.document(f.docs.doc.as_deref(), &notes, f.docs.deprecated.as_ref());
        view
    }

    /// Adds the doc comment, and `#[deprecated]` when deprecated.
    pub fn document(&mut self, doc: Option<&str>, notes: &[impl AsRef<str>], deprecated: Option<&Deprecated>) {
        write_doc_comment(&mut self.docs, doc, notes, None, 4);
        push_deprecated(&mut self.attrs, deprecated);
    }
}

/// `#[serde(rename = "wire")]` at 4 spaces.
fn push_rename(attrs: &mut String, wire: &str) {
    attrs.push_str("    #[serde(rename = ");
    attrs.push_str(&names::string_literal(wire));
    attrs.push_str(")]\n");
}

/// `#[deprecated]` at 4 spaces for a field, variant or method (types only
/// say it in their docs: other generated items refer to them).
pub(crate) fn push_deprecated(attrs: &mut String, deprecated: Option<&Deprecated>) {
    match deprecated.map(|d| &d.reason) {
        Some(Some(reason)) => {
            attrs.push_str("    #[deprecated = ");
            attrs.push_str(&names::string_literal(reason));
            attrs.push_str("]\n");
        }
        Some(None) => attrs.push_str("    #[deprecated]\n"),
        None => {}
    }
}

/// [`names::dedupe`], skipped when the names are already distinct (the
/// usual case, where it would return them unchanged).
pub(crate) fn unique(rendered: Vec<String>) -> Vec<String> {
    let distinct = if rendered.len() <= 16 {
        rendered.iter().enumerate().all(|(i, name)| !rendered[..i].contains(name))
    } else {
        let mut seen = HashSet::with_capacity(rendered.len());
        rendered.iter().all(|name| seen.insert(name.as_str()))
    };
    if distinct { rendered } else { names::dedupe(rendered) }
}

/// An enum value or union variant: its declaration is `name`.
pub(crate) struct ValueView {
    pub docs: String,
    pub attrs: String,
    pub name: String,
}

pub(crate) enum Item<'a> {
    Struct {
        docs: String,
        name: Cow<'a, str>,
        fields: Vec<FieldView<'a>>,
    },
    Enum {
        docs: String,
        name: Cow<'a, str>,
        values: Vec<ValueView>,
    },
    /// `attr` is `#[serde(tag = "...")]` or `#[serde(untagged)]`; each
    /// value's `name` is `Variant(Type)`.
    Union {
        docs: String,
        name: Cow<'a, str>,
        attr: String,
        variants: Vec<ValueView>,
    },
    Alias {
        docs: String,
        name: Cow<'a, str>,
        target: TypeExpr<'a>,
    },
}

#[derive(Template)]
#[template(path = "rust/types.rs", escape = "none")]
struct TypesFile<'a> {
    imports: Vec<&'static str>,
    items: Vec<Item<'a>>,
}

/// The file; `printer` names user types without a path.
pub fn file<'a>(api: &'a Api, printer: Printer<'a>) -> File {
    let inline = Inline::new(api);
    let items: Vec<Item> = api.types.iter().enumerate().map(|(i, t)| item(i, t, printer, &inline)).collect();
    let mut imports = Vec::new();
    if !api.types.is_empty() {
        imports.push("use serde::{Deserialize, Serialize};");
    }
    if api.types.iter().any(mentions_map) {
        imports.push("use std::collections::BTreeMap;");
    }
    let capacity = 320 * api.types.len();
    File { path: "src/types.rs".to_owned(), contents: render(&TypesFile { imports, items }, capacity) }
}

fn mentions_map(t: &TypeDef) -> bool {
    match &t.kind {
        TypeDefKind::Object { fields } => fields.iter().any(|f| uses_map(&f.ty)),
        TypeDefKind::Alias { target } => uses_map(target),
        TypeDefKind::Enum { .. } | TypeDefKind::Union { .. } => false,
    }
}

/// The `index`-th type of the API.
fn item<'a>(index: usize, t: &'a TypeDef, printer: Printer<'a>, inline: &Inline) -> Item<'a> {
    let docs = doc_comment(&t.docs, &[], 0);
    let name = printer.names.get(&t.name);
    match &t.kind {
        TypeDefKind::Object { fields } => {
            let rendered = unique(fields.iter().map(|f| names::field_name(&f.name)).collect());
            let fields = fields
                .iter()
                .zip(rendered)
                .map(|(f, r)| FieldView::of(f, r, printer.expr(Some(&f.ty), f.optional, inline.needs_box(index, &f.ty)), false))
                .collect();
            Item::Struct { docs, name, fields }
        }
        TypeDefKind::Enum { values } => Item::Enum { docs, name, values: enum_values(values) },
        TypeDefKind::Union { tag, variants } => Item::Union {
            docs,
            attr: match tag {
                Some(tag) => format!("#[serde(tag = {})]", names::string_literal(tag)),
                None => "#[serde(untagged)]".to_owned(),
            },
            variants: union_variants(index, variants, tag.is_some(), printer, inline),
            name,
        },
        TypeDefKind::Alias { target } => Item::Alias { docs, name, target: printer.expr(Some(target), false, false) },
    }
}

fn enum_values(values: &[EnumValue]) -> Vec<ValueView> {
    let rendered = unique(values.iter().map(|v| names::variant_name(&v.value)).collect());
    values
        .iter()
        .zip(rendered)
        .map(|(v, name)| {
            let mut attrs = String::new();
            if name != v.value {
                push_rename(&mut attrs, &v.value);
            }
            push_deprecated(&mut attrs, v.docs.deprecated.as_ref());
            let mut docs = String::new();
            write_doc_comment(&mut docs, v.docs.doc.as_deref(), NO_NOTES, None, 4);
            ValueView { docs, attrs, name }
        })
        .collect()
}

/// The variants of the `owner`-th type, a union.
fn union_variants(owner: usize, variants: &[Variant], tagged: bool, printer: Printer, inline: &Inline) -> Vec<ValueView> {
    let rendered = unique(variants.iter().map(|v| names::variant_name(&v.ty)).collect());
    variants
        .iter()
        .zip(rendered)
        .map(|(v, name)| {
            let mut attrs = String::new();
            // Untagged variants are matched by shape: their names never travel.
            let wire = if tagged { v.tag_value.as_deref().unwrap_or(&v.ty) } else { name.as_str() };
            if wire != name {
                push_rename(&mut attrs, wire);
            }
            let boxed = inline.holds(owner, &v.ty);
            let mut decl = name;
            decl.push_str(if boxed { "(Box<" } else { "(" });
            // Writing to a String cannot fail.
            let _ = printer.write_ref(&mut decl, &v.ty);
            decl.push_str(if boxed { ">)" } else { ")" });
            ValueView { docs: String::new(), attrs, name: decl }
        })
        .collect()
}
