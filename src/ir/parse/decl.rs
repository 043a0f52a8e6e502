//! `type`, `enum`, `union`, `alias` and the `field`/`param` nodes (spec §4).

use super::node::{self, NameRule, Node};
use super::tree::{Entry, Value};
use super::unknown_node;
use crate::diag::Diagnostic;
use crate::ir::ast::*;

/// Properties of `field` and `param`.
pub const FIELD_PROPS: &[&str] =
    &["optional", "default", "doc", "deprecated", "min-length", "max-length", "min", "max", "pattern", "format"];

/// A named type declaration; `None` when its name is unusable.
pub fn named_type(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<NamedType> {
    let name = node.arg(0, "a type name", diags).and_then(|e| node.ident(e, "type", NameRule::Ident, diags));
    let docs = node.docs(diags);
    let kind = match node.name {
        "type" => {
            node.finish(1, &["doc", "deprecated"], true, diags);
            TypeKind::Object {
                fields: children(node, "field", diags).iter().filter_map(|c| field(c, false, diags)).collect(),
            }
        }
        "enum" => {
            node.finish(1, &["doc", "deprecated"], true, diags);
            TypeKind::Enum {
                values: children(node, "value", diags).iter().filter_map(|c| enum_value(c, diags)).collect(),
            }
        }
        "union" => {
            let tag = node.string_prop("tag", diags);
            node.finish(1, &["tag", "doc", "deprecated"], true, diags);
            TypeKind::Union {
                tag,
                variants: children(node, "variant", diags).iter().filter_map(|c| variant(c, diags)).collect(),
            }
        }
        _ => {
            let target = node.arg(1, "a target type", diags).and_then(|e| node.type_expr(e, diags));
            node.finish(2, &["doc", "deprecated"], false, diags);
            TypeKind::Alias { target: target? }
        }
    };
    Some(NamedType { name: name?, docs, kind, span: node.span })
}

/// The children of `node` named `want`; any other child is reported.
pub fn children<'a>(node: &Node<'a>, want: &'static str, diags: &mut Vec<Diagnostic>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    for id in node.children() {
        let child = node.child(id, diags);
        if child.name == want {
            out.push(child);
        } else {
            let place = format!("inside `{}`", node.name);
            diags.push(
                unknown_node(&child, child.name, &[want], &place)
                    .help(format!("`{}` contains `{want}` nodes", node.name)),
            );
        }
    }
    out
}

/// `field <name> <T>` (or `param`, whose name must be an identifier).
pub fn field(node: &Node, param: bool, diags: &mut Vec<Diagnostic>) -> Option<Field> {
    let rule = if param { NameRule::Ident } else { NameRule::NonEmpty };
    let name =
        node.arg(0, format_args!("a {} name", node.name), diags).and_then(|e| node.ident(e, node.name, rule, diags));
    let ty = node.arg(1, "a type", diags).and_then(|e| node.type_expr(e, diags));
    let optional = node.flag("optional", diags).is_some();
    let default = node.prop("default").and_then(|e| match e.value {
        Value::Float(x) if !x.is_finite() => {
            diags.push(non_finite(e, "default"));
            None
        }
        _ => Some(Spanned::new(literal(&e.value), e.value_span)),
    });
    let docs = node.docs(diags);
    let constraints = constraints(node, diags);
    node.finish(2, FIELD_PROPS, false, diags);
    Some(Field { name: name?, ty: ty?, optional, default, docs, constraints, span: node.span })
}

fn literal(v: &Value) -> Literal {
    match v {
        Value::String(s) => Literal::String(s.to_string()),
        Value::Integer(i) => Literal::Int(*i),
        Value::Float(x) => Literal::Float(*x),
        Value::Bool(b) => Literal::Bool(*b),
        Value::Null => Literal::Null,
    }
}

/// A float the targets cannot write (every target reads numbers as f64):
/// `1e999` overflows to infinity, `#inf` is infinite and `#nan` no number.
/// Bounds and defaults alike.
fn non_finite(e: &Entry, key: &str) -> Diagnostic {
    let msg = format!("`{key}={}` is not a finite number", e.written());
    Diagnostic::error("mizan::non-finite-number", msg, e.value_span)
        .label("not finite")
        .help("numbers must be finite and within ±1.7976931348623157e308 (a 64-bit float), as every target reads them")
}

fn constraints(node: &Node, diags: &mut Vec<Diagnostic>) -> Constraints {
    let number = |key: &'static str, diags: &mut Vec<Diagnostic>| {
        let e = node.prop(key)?;
        match &e.value {
            Value::Integer(i) => match i64::try_from(*i) {
                Ok(i) => Some(Spanned::new(Number::Int(i), e.value_span)),
                Err(_) => Some(Spanned::new(Number::Float(*i as f64), e.value_span)),
            },
            Value::Float(x) if x.is_finite() => Some(Spanned::new(Number::Float(*x), e.value_span)),
            Value::Float(_) => {
                diags.push(non_finite(e, key));
                None
            }
            v => {
                diags.push(node::wrong_type(e, format_args!("`{key}` to be a finite number"), v));
                None
            }
        }
    };
    let format = node.string_prop("format", diags).and_then(|s| {
        let found = Format::ALL.iter().find(|(n, _)| *n == s.value).map(|(_, f)| *f);
        if found.is_none() {
            diags.push(unknown_format(&s));
        }
        found.map(|f| Spanned::new(f, s.span))
    });
    Constraints {
        min_length: node.uint("min-length", u64::MAX >> 1, diags),
        max_length: node.uint("max-length", u64::MAX >> 1, diags),
        min: number("min", diags),
        max: number("max", diags),
        pattern: node.string_prop("pattern", diags),
        format,
    }
}

fn unknown_format(s: &Spanned<String>) -> Diagnostic {
    let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
    let d = Diagnostic::error("mizan::unknown-format", format!("unknown format {:?}", s.value), s.span)
        .label("unknown format");
    match crate::ir::check::suggest::did_you_mean(&s.value, names.iter().copied()) {
        Some(n) => d.help(format!("did you mean `{n}`?")),
        None => d.help(format!("the formats are: {}; use `pattern=` for anything else", names.join(", "))),
    }
}

fn enum_value(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<EnumValue> {
    let value = node.arg(0, "a value", diags).and_then(|e| node.ident(e, "enum value", NameRule::NonEmpty, diags));
    let docs = node.docs(diags);
    node.finish(1, &["doc", "deprecated"], false, diags);
    Some(EnumValue { value: value?, docs, span: node.span })
}

fn variant(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Variant> {
    let ty = node.arg(0, "a type name", diags).and_then(|e| node.ident(e, "variant type", NameRule::Ident, diags));
    let tag_value = node.string_prop("tag-value", diags);
    node.finish(1, &["tag-value"], false, diags);
    Some(Variant { ty: ty?, tag_value, span: node.span })
}
