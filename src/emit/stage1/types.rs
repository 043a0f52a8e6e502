//! `types.ts`: every named type of the IR.

use super::{File, layout, render};
use crate::emit::ts::{self, Types};
use crate::model::{Api, EnumValue, Field, TypeDef, TypeDefKind, Variant};
use crate::names::ts as names;
use askama::Template;
use std::borrow::Cow;

/// One property of an interface (or of an args/params object).
pub(crate) struct Property<'a> {
    pub jsdoc: String,
    /// The key as written: bare or quoted.
    pub key: Cow<'a, str>,
    /// `?` for optional keys, else "".
    pub optional: &'static str,
    pub ty: Cow<'a, str>,
}

impl<'a> Property<'a> {
    /// `input`: the object is built by callers, so an optional key may also
    /// hold `undefined` (under `exactOptionalPropertyTypes`).
    pub fn from_field(types: &'a Types<'a>, f: &'a Field, input: bool) -> Property<'a> {
        // A default makes a key optional for whoever sends it; the server
        // fills it in, so readers of a response always find it.
        let optional = f.optional && (input || f.default.is_none());
        let mut ty = types.expr(&f.ty);
        if optional && input {
            ty.to_mut().push_str(" | undefined");
        }
        let tags = ts::constraint_tags(&f.constraints, f.default.as_ref());
        Property {
            jsdoc: ts::jsdoc(&f.docs, &tags, 1),
            key: ts::property(&f.name),
            optional: if optional { "?" } else { "" },
            ty,
        }
    }
}

pub(crate) enum Decl<'a> {
    Interface {
        jsdoc: String,
        name: Cow<'a, str>,
        props: Vec<Property<'a>>,
    },
    /// A type alias already laid out (`export type X = ...;`).
    Alias {
        jsdoc: String,
        text: String,
    },
}

#[derive(Template)]
#[template(path = "stage1/types.ts", escape = "none")]
struct TypesFile<'a> {
    decls: Vec<Decl<'a>>,
}

pub fn file<'a>(api: &'a Api, types: &'a Types<'a>) -> File {
    let decls = api.types.iter().map(|t| decl(types, t)).collect();
    File { path: "types.ts".to_owned(), contents: render(&TypesFile { decls }) }
}

fn decl<'a>(types: &'a Types<'a>, t: &'a TypeDef) -> Decl<'a> {
    let name = types.name(&t.name);
    let (jsdoc, text) = match &t.kind {
        TypeDefKind::Object { fields } => {
            let props = fields.iter().map(|f| Property::from_field(types, f, false)).collect();
            return Decl::Interface { jsdoc: ts::doc_comment(&t.docs, 0), name, props };
        }
        TypeDefKind::Enum { values } => {
            let members: Vec<String> = values.iter().map(|v| ts::str_lit(&v.value)).collect();
            (ts::jsdoc(&t.docs, &value_docs(values), 0), union_alias(&name, &members))
        }
        TypeDefKind::Union { tag, variants } => {
            let members: Vec<Cow<'_, str>> = variants.iter().map(|v| variant(types, tag, v, variants.len())).collect();
            (ts::doc_comment(&t.docs, 0), union_alias(&name, &members))
        }
        TypeDefKind::Alias { target } => {
            let mut text = format!("export type {name} = ");
            types.write(&mut text, target);
            text.push(';');
            (ts::doc_comment(&t.docs, 0), text)
        }
    };
    Decl::Alias { jsdoc, text }
}

/// `export type Name = A | B;`, laid out.
fn union_alias<S: AsRef<str>>(name: &str, members: &[S]) -> String {
    let head = format!("export type {name}");
    let mut text = String::with_capacity(head.len() + members.iter().map(|m| m.as_ref().len() + 6).sum::<usize>() + 4);
    layout::union_alias(&mut text, &head, members);
    text
}

/// Value docs go in the enum's JSDoc: a union member cannot carry one.
fn value_docs(values: &[EnumValue]) -> Vec<String> {
    let documented = values.iter().filter(|v| v.docs.doc.is_some() || v.docs.deprecated.is_some());
    documented
        .map(|v| {
            let mut line = format!("- `{}`", v.value);
            if let Some(d) = &v.docs.doc {
                line.push_str(": ");
                line.push_str(d);
            }
            if let Some(dep) = &v.docs.deprecated {
                line.push_str(" (deprecated");
                if let Some(r) = &dep.reason {
                    line.push_str(": ");
                    line.push_str(r);
                }
                line.push(')');
            }
            line
        })
        .collect()
}

/// A union member: the variant's type, intersected with its tag when the
/// union is discriminated.
fn variant<'a>(types: &'a Types<'a>, tag: &Option<String>, v: &Variant, count: usize) -> Cow<'a, str> {
    let ty = types.name(&v.ty);
    let (Some(tag), Some(value)) = (tag, &v.tag_value) else {
        return ty;
    };
    // In a union of several, each intersection needs its parentheses.
    let (open, close) = if count > 1 { ("(", ")") } else { ("", "") };
    Cow::Owned(format!("{open}{{ {}: {} }} & {ty}{close}", names::property(tag), ts::str_lit(value)))
}
