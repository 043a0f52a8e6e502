//! `types.ts`: every named type of the IR, one declaration after another;
//! for a large API, modules of `types/` that `types.ts` re-exports.
//!
//! Types whose declarations weigh at most [`BOUND`] stay in `types.ts`
//! (every fixture; a GitHub-like API of up to about 95 functions); above
//! it, they are declared in `types/<group>.ts`, grouped by name as the
//! Python `models` package is (`emit::groups`: `types/repo.ts`,
//! `types/issue-comment.ts`), each importing the other modules' types it
//! names (`import type`: cycles between modules are fine for types), and
//! `types.ts` re-exports every module, so every other file, and the
//! users' code, imports from `types.js` either way. A file of 97,000 lines
//! (the large fixture at 1,000 functions) was one that editors' language
//! servers and reviewers' diffs struggle with; its modules stay under
//! about 10,000.

use super::File;
use crate::emit::groups::{self, Weighed};
use crate::emit::ts::layout::syntax::{self, Member, Object, Ty};
use crate::emit::ts::{self, Types, jsdoc, layout};
use crate::model::{Api, EnumValue, Field, TypeDef, TypeDefKind, Variant};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The most one module of `types/` may weigh: a declaration weighs 1, plus
/// 1 per field, enum value or union variant (about its lines without
/// docs). The Python models' bound, which holds a resource area of the
/// large fixture in one module.
pub const BOUND: usize = 4_000;

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

/// `types.ts`, and the modules of `types/` when the types outweigh
/// [`BOUND`].
pub fn files<'a>(api: &'a Api, types: &'a Types<'a>) -> Vec<File> {
    let weighed: Vec<Weighed> =
        api.types.iter().map(|t| Weighed::new(groups::weight(&t.kind), &types.name(&t.name))).collect();
    let Some(group) = groups::by_name(&weighed.iter().collect::<Vec<_>>(), BOUND) else {
        return vec![file(api, types)];
    };
    // Each type's group, by wire name; each group's types, in the API's
    // order.
    let of: FxHashMap<&str, &str> = api.types.iter().zip(&group).map(|(t, g)| (t.name.as_str(), g.as_str())).collect();
    let mut members: BTreeMap<&str, Vec<&TypeDef>> = BTreeMap::new();
    for (t, g) in api.types.iter().zip(&group) {
        members.entry(g.as_str()).or_default().push(t);
    }
    let stems: FxHashMap<&str, String> = members.keys().map(|&key| (key, stem(key))).collect();
    let mut files = Vec::with_capacity(members.len() + 1);
    let mut index = String::with_capacity(40 * members.len());
    for (key, decls) in &members {
        layout::push_parts(&mut index, &["export * from \"./types/", &stems[key], ".js\";\n"]);
        files.push(module(types, key, decls, &of, &stems));
    }
    files.push(File { path: "types.ts".to_owned(), contents: index });
    files
}

/// `types/<stem>.ts`: the group `key`'s declarations, after the imports of
/// the other groups' types they name; `stems` is each group's file stem.
fn module(
    types: &Types<'_>,
    key: &str,
    decls: &[&TypeDef],
    of: &FxHashMap<&str, &str>,
    stems: &FxHashMap<&str, String>,
) -> File {
    let mut imports: BTreeMap<&str, Vec<Cow<'_, str>>> = BTreeMap::new();
    for t in decls {
        t.for_each_ref(&mut |name| {
            if let Some(&other) = of.get(name).filter(|&&g| g != key) {
                imports.entry(other).or_default().push(types.name(name));
            }
        });
    }
    let mut out = String::with_capacity(160 * decls.len());
    for (other, names) in imports {
        layout::import::<&str, _>(&mut out, &[], &ts::sorted(names), &format!("./{}.js", stems[other]));
        out.push('\n');
    }
    for (i, t) in decls.iter().enumerate() {
        if i > 0 || !out.is_empty() {
            out.push_str(if i > 0 { "\n\n" } else { "\n" });
        }
        decl(&mut out, types, t);
    }
    File { path: format!("types/{}.ts", stems[key]), contents: out }
}

/// A group's file stem: its words joined by `-`, with a `_` after the names
/// Windows reserves for devices (`con`, `nul`, `com1`, ...), which no file
/// may take there whatever its extension.
fn stem(key: &str) -> String {
    const DEVICES: &[&str] = &["aux", "con", "nul", "prn"];
    let mut stem = key.replace('_', "-");
    let numbered =
        |prefix: &str| stem.strip_prefix(prefix).is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit());
    if DEVICES.contains(&stem.as_str()) || numbered("com") || numbered("lpt") {
        stem.push('_');
    }
    stem
}

/// `types.ts` with every declaration.
fn file<'a>(api: &'a Api, types: &'a Types<'a>) -> File {
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
