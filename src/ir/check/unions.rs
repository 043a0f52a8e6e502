//! Unions: variants exist; a tagged union's variants are object types with
//! unique tag values, and a variant that declares the tag field itself (an
//! OpenAPI discriminator) declares one that can hold its tag value.

use super::{Index, suggest};
use crate::diag::Diagnostic;
use crate::ir::ast::*;

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    for t in &ix.doc.types {
        if let TypeKind::Union { tag, variants } = &t.kind {
            union(ix, t, tag.as_ref(), variants, diags);
        }
    }
}

fn union(ix: &Index, t: &NamedType, tag: Option<&Spanned<String>>, variants: &[Variant], diags: &mut Vec<Diagnostic>) {
    if variants.is_empty() {
        let d = Diagnostic::error("mizan::empty-union", format!("union `{}` has no variants", t.name), t.name.span);
        diags.push(d.label("empty union").help("add at least one `variant <TypeName>`"));
    }
    if let Some(tag) = tag.filter(|t| t.value.is_empty()) {
        let d = Diagnostic::error("mizan::invalid-name", "the tag field name is empty", tag.span).label("empty tag");
        diags.push(d.help("name the discriminating field: `tag=kind`"));
    }
    let mut seen: Vec<&Variant> = Vec::new();
    let mut tag_values: Vec<(&str, Span)> = Vec::new();
    for v in variants {
        if let Some(first) = seen.iter().find(|s| s.ty.wire == v.ty.wire) {
            let msg = format!("variant `{}` appears twice in union `{}`", v.ty, t.name);
            let d = Diagnostic::error("mizan::duplicate-member", msg, v.ty.span)
                .label("repeated")
                .related(first.ty.span, "first here");
            diags.push(d.help("each type is a variant once"));
            continue;
        }
        seen.push(v);
        let Some(decl) = ix.types.get(v.ty.wire.as_str()) else {
            unknown_variant(ix, v, diags);
            continue;
        };
        match tag {
            Some(tag) => tagged_variant(ix, t, tag, v, decl, &mut tag_values, diags),
            None => {
                if let Some(tv) = &v.tag_value {
                    let msg = "`tag-value` on a variant of an untagged union";
                    let d = Diagnostic::error("mizan::tag-value-without-tag", msg, tv.span).label("no tag to hold it");
                    diags.push(
                        d.related(t.name.span, "union has no `tag=`")
                            .help("add `tag=<field>` to the union, or remove `tag-value`"),
                    );
                }
            }
        }
    }
}

fn unknown_variant(ix: &Index, v: &Variant, diags: &mut Vec<Diagnostic>) {
    let d =
        Diagnostic::error("mizan::unknown-type", format!("unknown type `{}`", v.ty), v.ty.span).label("not declared");
    diags.push(match suggest::did_you_mean(&v.ty.wire, ix.types.keys().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("a variant names a declared type"),
    });
}

fn tagged_variant<'a>(
    ix: &Index,
    union: &NamedType,
    tag: &Spanned<String>,
    v: &'a Variant,
    decl: &NamedType,
    tag_values: &mut Vec<(&'a str, Span)>,
    diags: &mut Vec<Diagnostic>,
) {
    let TypeKind::Object { fields } = &decl.kind else {
        let msg = format!(
            "variant `{}` of tagged union `{}` is {} `{}`, not an object type",
            v.ty,
            union.name,
            article(decl.kind.keyword()),
            decl.kind.keyword()
        );
        let d = Diagnostic::error("mizan::tagged-variant-not-object", msg, v.ty.span)
            .label("not an object")
            .related(decl.name.span, "declared here");
        diags.push(d.help(format!("a tag field is added to an object's keys; wrap the value in a `type` with a field, or drop `tag={}` to make the union untagged", tag.value)));
        return;
    };
    let (value, span) = match &v.tag_value {
        Some(tv) => (tv.value.as_str(), tv.span),
        None => (v.ty.wire.as_str(), v.ty.span),
    };
    if let Some(f) = fields.iter().find(|f| f.name.wire == tag.value) {
        own_tag_field(ix, tag, v, f, value, diags);
    }
    if let Some((_, first)) = tag_values.iter().find(|(s, _)| *s == value) {
        let msg = format!("tag value {value:?} is used by two variants of `{}`", union.name);
        let d = Diagnostic::error("mizan::duplicate-tag-value", msg, span)
            .label("repeated tag value")
            .related(*first, "first used here");
        diags.push(d.help("a reader tells the variants apart by this value: make each unique"));
    } else {
        tag_values.push((value, span));
    }
}

/// A variant's own field named like the union's tag: accepted when it can
/// hold the variant's tag value, a `string` or an enum with that value
/// (through aliases; optional, nullable, default and constraints apply to
/// the type on its own, the union always writes its tag value there).
fn own_tag_field(ix: &Index, tag: &Spanned<String>, v: &Variant, f: &Field, value: &str, diags: &mut Vec<Diagnostic>) {
    let held = match holder(ix, &f.ty) {
        Holder::String => return,
        Holder::Enum(_, values) if values.iter().any(|x| x.value.wire == value) => return,
        Holder::Enum(e, _) => format!("enum `{}` has no value {value:?}", e.wire),
        Holder::Other(what) => format!("it is {what}, not a string"),
    };
    let msg =
        format!("variant `{}` declares the tag field `{}`, which cannot hold its tag value {value:?}", v.ty, tag.value);
    let d =
        Diagnostic::error("mizan::tag-field-conflict", msg, f.ty.span).label(held).related(tag.span, "the union's tag");
    diags.push(d.help(format!(
        "declare `{}` as a `string` (or an enum with value {value:?}), or remove it from `{}`: the union writes it",
        tag.value, v.ty
    )));
}

/// What a field's type can hold, for a tag value.
enum Holder<'a> {
    String,
    Enum(&'a Ident, &'a [EnumValue]),
    /// Anything else, described for a message.
    Other(String),
}

/// Follows aliases (and `?`) from `ty` to what holds the value.
fn holder<'a>(ix: &Index<'a>, ty: &'a TypeExpr) -> Holder<'a> {
    let mut ty = ty;
    // Alias cycles are reported elsewhere; the bound stops at one.
    for _ in 0..=ix.types.len() {
        match &ty.kind {
            TypeExprKind::Prim(Prim::String) => return Holder::String,
            TypeExprKind::Prim(p) => return Holder::Other(format!("`{}`", p.as_str())),
            TypeExprKind::Nullable(inner) => ty = inner,
            TypeExprKind::List(_) => return Holder::Other("a list".to_owned()),
            TypeExprKind::Map(_) => return Holder::Other("a map".to_owned()),
            TypeExprKind::Named(name) => match ix.types.get(name.as_str()).map(|t| (t, &t.kind)) {
                Some((_, TypeKind::Alias { target })) => ty = target,
                Some((t, TypeKind::Enum { values })) => return Holder::Enum(&t.name, values),
                Some((t, kind)) => return Holder::Other(format!("the {} `{}`", kind.keyword(), t.name)),
                // An unknown name is reported by the field checks.
                None => return Holder::String,
            },
        }
    }
    Holder::String
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
