//! `types.ts`: every named type of the IR.

use super::{File, layout, render};
use crate::emit::ts;
use crate::model::{Api, Field, TypeDef, TypeDefKind};
use crate::names::ts as names;
use askama::Template;

/// One property of an interface (or of an args/params object).
pub(crate) struct Property {
    pub jsdoc: String,
    /// The key as written: bare or quoted.
    pub key: String,
    /// `?` for optional keys, else "".
    pub optional: &'static str,
    pub ty: String,
}

impl Property {
    /// `input`: the object is built by callers, so an optional key may also
    /// hold `undefined` (under `exactOptionalPropertyTypes`).
    pub fn from_field(f: &Field, input: bool) -> Property {
        // A default makes a key optional for whoever sends it; the server
        // fills it in, so readers of a response always find it.
        let optional = f.optional && (input || f.default.is_none());
        let mut ty = ts::type_expr(&f.ty);
        if optional && input {
            ty.push_str(" | undefined");
        }
        let tags = ts::constraint_tags(&f.constraints, f.default.as_ref());
        Property {
            jsdoc: ts::jsdoc(&f.docs, &tags, 1),
            key: names::property(&f.name),
            optional: if optional { "?" } else { "" },
            ty,
        }
    }
}

pub(crate) enum Decl {
    Interface {
        jsdoc: String,
        name: String,
        props: Vec<Property>,
    },
    /// A type alias already laid out (`export type X = ...;`).
    Alias {
        jsdoc: String,
        text: String,
    },
}

#[derive(Template)]
#[template(path = "stage1/types.ts", escape = "none")]
struct TypesFile {
    decls: Vec<Decl>,
}

pub fn file(api: &Api) -> File {
    let decls = api.types.iter().map(decl).collect();
    File { path: "types.ts".to_owned(), contents: render(&TypesFile { decls }) }
}

fn decl(t: &TypeDef) -> Decl {
    let name = names::type_name(&t.name);
    let head = format!("export type {name}");
    match &t.kind {
        TypeDefKind::Object { fields } => Decl::Interface {
            jsdoc: ts::jsdoc(&t.docs, &[], 0),
            name,
            props: fields.iter().map(|f| Property::from_field(f, false)).collect(),
        },
        TypeDefKind::Enum { values } => {
            let members: Vec<String> = values.iter().map(|v| ts::str_lit(&v.value)).collect();
            // Value docs go in the enum's JSDoc: a union member cannot carry one.
            let mut tags = Vec::new();
            for v in values.iter().filter(|v| v.docs.doc.is_some() || v.docs.deprecated.is_some()) {
                let mut line = format!("- `{}`", v.value);
                if let Some(d) = &v.docs.doc {
                    line.push_str(&format!(": {d}"));
                }
                if let Some(dep) = &v.docs.deprecated {
                    line.push_str(&format!(
                        " (deprecated{})",
                        dep.reason.as_ref().map_or(String::new(), |r| format!(": {r}"))
                    ));
                }
                tags.push(line);
            }
            Decl::Alias { jsdoc: ts::jsdoc(&t.docs, &tags, 0), text: layout::union_alias(&head, &members) }
        }
        TypeDefKind::Union { tag, variants } => {
            let members: Vec<String> = variants
                .iter()
                .map(|v| {
                    let ty = names::type_name(&v.ty);
                    match (tag, &v.tag_value) {
                        (Some(tag), Some(value)) => {
                            let member = format!("{{ {}: {} }} & {ty}", names::property(tag), ts::str_lit(value));
                            // In a union of several, each intersection needs its parentheses.
                            if variants.len() > 1 { format!("({member})") } else { member }
                        }
                        _ => ty,
                    }
                })
                .collect();
            Decl::Alias { jsdoc: ts::jsdoc(&t.docs, &[], 0), text: layout::union_alias(&head, &members) }
        }
        TypeDefKind::Alias { target } => {
            Decl::Alias { jsdoc: ts::jsdoc(&t.docs, &[], 0), text: format!("{head} = {};", ts::type_expr(target)) }
        }
    }
}
