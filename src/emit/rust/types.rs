//! `src/types.rs`: every named type of the IR as a serde type.
//!
//! The declarations are written here, one after the other into the file's
//! buffer (at 10,000 functions, a view struct per field and per attribute
//! cost more than everything else in the target).

use super::File;
use super::docs::{NO_NOTES, constraint_notes, write_doc_comment};
use super::rendered::{FieldNames, unique};
use super::ty::{Inline, Printer, uses_map};
use crate::model::{Api, Deprecated, EnumValue, Type, TypeDef, TypeDefKind, Variant};
use crate::names::rust as names;
use std::borrow::Cow;

/// One field of a serde struct, as its declaration says it.
pub(crate) struct FieldDecl<'a> {
    /// The wire name.
    pub wire: &'a str,
    /// The (deduplicated) Rust name.
    pub name: &'a str,
    /// The key may be absent: the type is an `Option`, skipped when `None`.
    pub optional: bool,
    /// Not part of the JSON (an upload): `#[serde(skip)]`.
    pub skip: bool,
    pub doc: Option<&'a str>,
    /// Markdown paragraphs after the doc (default, constraints).
    pub notes: &'a [String],
    pub deprecated: Option<&'a Deprecated>,
    /// `None` is `()`.
    pub ty: Option<&'a Type>,
    /// A recursive field: `Box`ed.
    pub boxed: bool,
}

impl FieldDecl<'_> {
    /// Appends a newline, then the doc lines, attribute lines and the
    /// declaration of the field, at 4 spaces.
    pub fn push(&self, out: &mut String, printer: Printer) {
        out.push('\n');
        write_doc_comment(out, self.doc, self.notes, None, 4);
        if self.skip {
            out.push_str("    #[serde(skip)]\n");
        } else {
            // serde names a field after its Rust name without the `r#`.
            let renamed = match self.name.starts_with("r#") {
                true => names::serde_name(self.name) != self.wire,
                false => self.name != self.wire,
            };
            if renamed {
                push_rename(out, self.wire);
            }
            if self.optional {
                out.push_str("    #[serde(skip_serializing_if = \"Option::is_none\")]\n");
            }
        }
        push_deprecated(out, self.deprecated);
        out.extend(["    pub ", self.name, ": "]);
        printer.push(out, self.ty, self.optional, self.boxed);
        out.push(',');
    }
}

/// Appends a struct declaration after its doc lines: `derive`, and the
/// fields that `fields` appends.
pub(crate) fn push_struct(out: &mut String, derive: &str, name: &str, fields: impl FnOnce(&mut String)) {
    out.extend([derive, "\npub struct ", name, " {"]);
    let open = out.len();
    fields(out);
    out.push_str(if out.len() == open { "}" } else { "\n}" });
}

/// `#[serde(rename = "wire")]` at 4 spaces.
fn push_rename(out: &mut String, wire: &str) {
    out.extend(["    #[serde(rename = ", &names::string_literal(wire), ")]\n"]);
}

/// `#[deprecated]` at 4 spaces for a field, variant or method (types only
/// say it in their docs: other generated items refer to them).
pub(crate) fn push_deprecated(out: &mut String, deprecated: Option<&Deprecated>) {
    match deprecated.map(|d| &d.reason) {
        Some(Some(reason)) => out.extend(["    #[deprecated = ", &names::string_literal(reason), "]\n"]),
        Some(None) => out.push_str("    #[deprecated]\n"),
        None => {}
    }
}

/// The file's docs and attributes, before its imports.
const HEAD: &str = "\
//! Every named type of the API, as serde types that read and write the
//! exact JSON the backend speaks.
// Types refer to each other; a deprecated one must not warn inside this
// crate. Code using it still gets the warning.
#![allow(deprecated)]";

/// The file; `printer` names user types without a path.
pub fn file(api: &Api, printer: Printer, fields: &FieldNames) -> File {
    let mut out = String::with_capacity(HEAD.len() + 128 + 320 * api.types.len());
    out.push_str(HEAD);
    let serde = !api.types.is_empty();
    let map = api.types.iter().any(mentions_map);
    if serde || map {
        out.push('\n');
    }
    if serde {
        out.push_str("\nuse serde::{Deserialize, Serialize};");
    }
    if map {
        out.push_str("\nuse std::collections::BTreeMap;");
    }
    let inline = Inline::new(api, printer.names);
    for (i, t) in api.types.iter().enumerate() {
        item(&mut out, i, t, printer, fields, &inline);
    }
    File { path: "src/types.rs".to_owned(), contents: out }
}

fn mentions_map(t: &TypeDef) -> bool {
    match &t.kind {
        TypeDefKind::Object { fields } => fields.iter().any(|f| uses_map(&f.ty)),
        TypeDefKind::Alias { target } => uses_map(target),
        TypeDefKind::Enum { .. } | TypeDefKind::Union { .. } => false,
    }
}

/// Appends the declaration of the `index`-th type of the API.
fn item(out: &mut String, index: usize, t: &TypeDef, printer: Printer, field_names: &FieldNames, inline: &Inline) {
    let name = printer.names.by_index(index);
    out.push_str("\n\n");
    write_doc_comment(out, t.docs.doc.as_deref(), NO_NOTES, t.docs.deprecated.as_ref(), 0);
    match &t.kind {
        TypeDefKind::Object { fields } => {
            let rendered = field_names.of(fields.iter().map(|f| f.name.as_str()));
            push_struct(out, "#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]", name, |out| {
                for (f, r) in fields.iter().zip(&rendered) {
                    let notes = constraint_notes(&f.constraints, f.default.as_ref());
                    let decl = FieldDecl {
                        wire: &f.name,
                        name: r,
                        optional: f.optional,
                        skip: false,
                        doc: f.docs.doc.as_deref(),
                        notes: &notes,
                        deprecated: f.docs.deprecated.as_ref(),
                        ty: Some(&f.ty),
                        boxed: inline.needs_box(index, &f.ty),
                    };
                    decl.push(out, printer);
                }
            });
        }
        TypeDefKind::Enum { values } => {
            out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]");
            out.extend(["\npub enum ", name, " {"]);
            enum_values(out, values);
            out.push_str("\n}");
        }
        TypeDefKind::Union { tag, variants } => {
            out.push_str("#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]\n");
            match tag {
                Some(tag) => out.extend(["#[serde(tag = ", &names::string_literal(tag), ")]"]),
                None => out.push_str("#[serde(untagged)]"),
            }
            out.extend(["\npub enum ", name, " {"]);
            union_variants(out, index, variants, tag.is_some(), printer, inline);
            out.push_str(if variants.is_empty() { "}" } else { "\n}" });
        }
        TypeDefKind::Alias { target } => {
            out.extend(["pub type ", name, " = "]);
            printer.push(out, Some(target), false, false);
            out.push(';');
        }
    }
}

/// Appends each value of an enum after a newline.
fn enum_values(out: &mut String, values: &[EnumValue]) {
    let rendered = unique(values.iter().map(|v| Cow::Owned(names::variant_name(&v.value))).collect());
    for (v, name) in values.iter().zip(rendered.iter().map(|n| n.as_ref())) {
        out.push('\n');
        write_doc_comment(out, v.docs.doc.as_deref(), NO_NOTES, None, 4);
        if name != v.value {
            push_rename(out, &v.value);
        }
        push_deprecated(out, v.docs.deprecated.as_ref());
        out.extend(["    ", name, ","]);
    }
}

/// Appends each variant of the `owner`-th type, a union, after a newline.
fn union_variants(
    out: &mut String,
    owner: usize,
    variants: &[Variant],
    tagged: bool,
    printer: Printer,
    inline: &Inline,
) {
    let rendered = unique(variants.iter().map(|v| Cow::Owned(names::variant_name(&v.ty))).collect());
    for (v, name) in variants.iter().zip(rendered.iter().map(|n| n.as_ref())) {
        out.push('\n');
        // Untagged variants are matched by shape: their names never travel.
        let wire = if tagged { v.tag_value.as_deref().unwrap_or(&v.ty) } else { name };
        if wire != name {
            push_rename(out, wire);
        }
        let boxed = inline.holds(owner, &v.ty);
        out.extend(["    ", name, if boxed { "(Box<" } else { "(" }]);
        printer.push_ref(out, &v.ty);
        out.push_str(if boxed { ">)," } else { ")," });
    }
}
