//! `types.ts`: every named type of the IR, one declaration after another.

use super::File;
use crate::emit::ts::layout::syntax::{self, Member, Object, Ty};
use crate::emit::ts::{self, Types, jsdoc};
use crate::model::{Api, EnumValue, Field, TypeDef, TypeDefKind, Variant};
use std::borrow::Cow;

/// Appends one property of an interface (or of an args/params object):
/// its JSDoc, then `  key?: T;`. `input`: the object is built by callers,
/// so an optional key may also hold `undefined` (under
/// `exactOptionalPropertyTypes`).
pub(crate) fn write_property(out: &mut String, types: &Types<'_>, f: &Field, input: bool) {
    // A default makes a key optional for whoever sends it; the server
    // fills it in, so readers of a response always find it.
    let optional = f.optional && (input || f.default.is_none());
    let tags = ts::constraint_tags(&f.constraints, f.default.as_ref());
    jsdoc::write(out, &f.docs, &tags, 1);
    let ty = types.ty(&f.ty);
    let ty = if optional && input { ty.or_undefined() } else { ty };
    let member = Member { comment: Vec::new(), readonly: false, key: ts::property(&f.name), optional, ty };
    syntax::member(out, 2, &member);
}

/// Appends `export interface {name} {` and the properties of `fields`.
pub(crate) fn write_interface(out: &mut String, types: &Types<'_>, name: &str, fields: &[Field], input: bool) {
    out.reserve(24 + name.len() + 32 * fields.len());
    out.push_str("export interface ");
    out.push_str(name);
    out.push_str(" {");
    if fields.is_empty() {
        out.push('}');
        return;
    }
    for f in fields {
        out.push('\n');
        write_property(out, types, f, input);
    }
    out.push_str("\n}");
}

pub fn file<'a>(api: &'a Api, types: &'a Types<'a>) -> File {
    let mut out = String::with_capacity(160 * api.types.len());
    for (i, t) in api.types.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        decl(&mut out, types, t);
    }
    if api.types.is_empty() {
        // Still a module: `index.ts` re-exports it (TS2306 otherwise).
        out.push_str("export {};");
    }
    File { path: "types.ts".to_owned(), contents: out }
}

/// Appends the declaration of `t`, with its JSDoc.
fn decl(out: &mut String, types: &Types<'_>, t: &TypeDef) {
    let name = types.name(&t.name);
    match &t.kind {
        TypeDefKind::Object { fields } => {
            jsdoc::write::<&str>(out, &t.docs, &[], 0);
            write_interface(out, types, &name, fields, false);
        }
        TypeDefKind::Enum { values } => {
            jsdoc::write(out, &t.docs, &value_docs(values), 0);
            let members = values.iter().map(|v| Ty::Literal(Cow::Owned(ts::str_lit(&v.value))));
            syntax::type_alias(out, &name, &Ty::union(members));
        }
        TypeDefKind::Union { tag, variants } => {
            jsdoc::write::<&str>(out, &t.docs, &[], 0);
            let members = variants.iter().map(|v| variant(types, tag, v));
            syntax::type_alias(out, &name, &Ty::union(members));
        }
        TypeDefKind::Alias { target } => {
            jsdoc::write::<&str>(out, &t.docs, &[], 0);
            syntax::type_alias(out, &name, &types.ty(target));
        }
    }
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
/// union is discriminated (`{ kind: "a" } & A`; parenthesized in a union).
fn variant<'a>(types: &'a Types<'a>, tag: &'a Option<String>, v: &Variant) -> Ty<'a> {
    let ty = Ty::Name(types.name(&v.ty));
    let (Some(tag), Some(value)) = (tag, &v.tag_value) else {
        return ty;
    };
    let tag = Member {
        comment: Vec::new(),
        readonly: false,
        key: ts::property(tag),
        optional: false,
        ty: Ty::Literal(Cow::Owned(ts::str_lit(value))),
    };
    Ty::Intersection(vec![Ty::Object(Object { members: vec![tag], broken: false }), ty])
}
