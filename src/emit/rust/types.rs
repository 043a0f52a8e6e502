//! `src/types.rs`: every named type of the IR as a serde type.

use super::docs::{constraint_notes, doc_comment};
use super::ty::{Inline, Printer, uses_map};
use super::{File, render};
use crate::model::{Api, Docs, EnumValue, Field, TypeDef, TypeDefKind, Variant};
use crate::names::rust as names;
use askama::Template;

/// One field of a struct: doc lines, attribute lines and the declaration,
/// each already indented.
pub(crate) struct FieldView {
    pub docs: String,
    pub attrs: Vec<String>,
    pub name: String,
    pub ty: String,
}

impl FieldView {
    /// A field of a serde struct. `rendered` is the (deduplicated) Rust
    /// name; `ty` its Rust type; `skip` replaces the serde attributes (an
    /// upload is not part of the JSON).
    pub fn new(f: &Field, rendered: String, ty: String, skip: bool) -> FieldView {
        let mut attrs = Vec::new();
        if skip {
            attrs.push("#[serde(skip)]".to_owned());
        } else {
            if names::serde_name(&rendered) != f.name {
                attrs.push(format!("#[serde(rename = {})]", names::string_literal(&f.name)));
            }
            if f.optional {
                attrs.push("#[serde(skip_serializing_if = \"Option::is_none\")]".to_owned());
            }
        }
        attrs.extend(deprecated_attr(&f.docs));
        let notes = constraint_notes(&f.constraints, f.default.as_ref());
        FieldView { docs: doc_comment(&without_deprecation(&f.docs), &notes, 4), attrs, name: rendered, ty }
    }
}

/// `#[deprecated]` for a field, variant or method (types only say it in
/// their docs: other generated items refer to them).
pub(crate) fn deprecated_attr(docs: &Docs) -> Option<String> {
    docs.deprecated.as_ref().map(|d| match &d.reason {
        Some(r) => format!("#[deprecated = {}]", names::string_literal(r)),
        None => "#[deprecated]".to_owned(),
    })
}

/// Docs whose deprecation is carried by a `#[deprecated]` attribute.
pub(crate) fn without_deprecation(docs: &Docs) -> Docs {
    Docs { doc: docs.doc.clone(), deprecated: None }
}

pub(crate) struct ValueView {
    pub docs: String,
    pub attrs: Vec<String>,
    pub name: String,
}

pub(crate) enum Item {
    Struct {
        docs: String,
        name: String,
        fields: Vec<FieldView>,
    },
    Enum {
        docs: String,
        name: String,
        values: Vec<ValueView>,
    },
    /// `attr` is `#[serde(tag = "...")]` or `#[serde(untagged)]`; each
    /// value's `name` is `Variant(Type)`.
    Union {
        docs: String,
        name: String,
        attr: String,
        variants: Vec<ValueView>,
    },
    Alias {
        docs: String,
        name: String,
        target: String,
    },
}

#[derive(Template)]
#[template(path = "rust/types.rs", escape = "none")]
struct TypesFile {
    imports: Vec<&'static str>,
    items: Vec<Item>,
}

pub fn file(api: &Api, chrono: bool, uuid: bool) -> File {
    let printer = Printer { chrono, uuid, path: "" };
    let inline = Inline::new(api);
    let items: Vec<Item> = api.types.iter().map(|t| item(t, printer, &inline)).collect();
    let mut imports = Vec::new();
    if !api.types.is_empty() {
        imports.push("use serde::{Deserialize, Serialize};");
    }
    if api.types.iter().any(mentions_map) {
        imports.push("use std::collections::BTreeMap;");
    }
    File { path: "src/types.rs".to_owned(), contents: render(&TypesFile { imports, items }) }
}

fn mentions_map(t: &TypeDef) -> bool {
    match &t.kind {
        TypeDefKind::Object { fields } => fields.iter().any(|f| uses_map(&f.ty)),
        TypeDefKind::Alias { target } => uses_map(target),
        TypeDefKind::Enum { .. } | TypeDefKind::Union { .. } => false,
    }
}

fn item(t: &TypeDef, printer: Printer, inline: &Inline) -> Item {
    let docs = doc_comment(&t.docs, &[], 0);
    let name = names::type_name(&t.name);
    match &t.kind {
        TypeDefKind::Object { fields } => {
            let rendered = names::dedupe(fields.iter().map(|f| names::field_name(&f.name)).collect());
            let fields = fields
                .iter()
                .zip(rendered)
                .map(|(f, r)| FieldView::new(f, r, printer.field(f, inline.needs_box(&t.name, &f.ty)), false))
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
            variants: union_variants(&t.name, variants, tag.is_some(), printer, inline),
            name,
        },
        TypeDefKind::Alias { target } => Item::Alias { docs, name, target: printer.ty(target) },
    }
}

fn enum_values(values: &[EnumValue]) -> Vec<ValueView> {
    let rendered = names::dedupe(values.iter().map(|v| names::variant_name(&v.value)).collect());
    values
        .iter()
        .zip(rendered)
        .map(|(v, name)| {
            let mut attrs = Vec::new();
            if name != v.value {
                attrs.push(format!("#[serde(rename = {})]", names::string_literal(&v.value)));
            }
            attrs.extend(deprecated_attr(&v.docs));
            ValueView { docs: doc_comment(&without_deprecation(&v.docs), &[], 4), attrs, name }
        })
        .collect()
}

fn union_variants(
    owner: &str,
    variants: &[Variant],
    tagged: bool,
    printer: Printer,
    inline: &Inline,
) -> Vec<ValueView> {
    let rendered = names::dedupe(variants.iter().map(|v| names::variant_name(&v.ty)).collect());
    variants
        .iter()
        .zip(rendered)
        .map(|(v, name)| {
            let reference = crate::model::Type::Ref(v.ty.clone());
            let mut ty = printer.ty(&reference);
            if inline.needs_box(owner, &reference) {
                ty = format!("Box<{ty}>");
            }
            let mut attrs = Vec::new();
            // Untagged variants are matched by shape: their names never travel.
            let wire = if tagged { v.tag_value.as_deref().unwrap_or(&v.ty) } else { name.as_str() };
            if wire != name {
                attrs.push(format!("#[serde(rename = {})]", names::string_literal(wire)));
            }
            ValueView { docs: String::new(), attrs, name: format!("{name}({ty})") }
        })
        .collect()
}
