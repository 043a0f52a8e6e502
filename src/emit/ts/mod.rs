//! What every TypeScript target shares: how IR types print as TypeScript,
//! how docs become JSDoc that cannot break out of its comment, and
//! prettier-compatible layout (`layout`).

pub mod binding_plan;
pub mod bindings;
pub mod layout;
pub mod wrappers;

use crate::ir::ast::Literal;
use crate::model::{Constraints, Docs, Prim, Type};
use crate::names::ts as names;
use std::collections::BTreeSet;

/// A double-quoted string literal.
pub fn str_lit(s: &str) -> String {
    names::string_literal(s)
}

/// The TypeScript type of an IR type (spec §3: scalars that travel as
/// strings stay `string`; `json` is `unknown`; an upload is a `Blob`,
/// which `File` extends).
pub fn type_expr(ty: &Type) -> String {
    match ty {
        Type::Prim(p) => prim(*p).to_owned(),
        Type::Ref(name) => names::type_name(name),
        Type::List(inner) => match **inner {
            Type::Nullable(_) => format!("({})[]", type_expr(inner)),
            _ => format!("{}[]", type_expr(inner)),
        },
        Type::Map(inner) => format!("Record<string, {}>", type_expr(inner)),
        Type::Nullable(inner) => format!("{} | null", type_expr(inner)),
    }
}

fn prim(p: Prim) -> &'static str {
    match p {
        Prim::String | Prim::Datetime | Prim::Date | Prim::Time | Prim::Uuid | Prim::Decimal => "string",
        Prim::Int | Prim::Float => "number",
        Prim::Bool => "boolean",
        Prim::Json => "unknown",
        Prim::Upload => "Blob",
    }
}

/// Adds every named type `ty` refers to (rendered) to `out`.
pub fn collect_refs(ty: &Type, out: &mut BTreeSet<String>) {
    match ty {
        Type::Prim(_) => {}
        Type::Ref(name) => {
            out.insert(names::type_name(name));
        }
        Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => collect_refs(inner, out),
    }
}

/// A literal as TypeScript source.
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => str_lit(s),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f}"),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
    }
}

/// The lines of a doc string, split on every line terminator JavaScript
/// knows, with trailing whitespace removed.
fn doc_lines(doc: &str) -> Vec<String> {
    doc.replace("\r\n", "\n")
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(|l| l.trim_end().replace("*/", "*\\/"))
        .collect()
}

/// JSDoc tags for constraints and defaults, so every target documents them.
pub fn constraint_tags(c: &Constraints, default: Option<&Literal>) -> Vec<String> {
    let mut tags = Vec::new();
    if let Some(d) = default {
        tags.push(format!("@default {}", literal(d)));
    }
    if let Some(f) = c.format {
        tags.push(format!("@format {}", f.as_str()));
    }
    if let Some(n) = c.min_length {
        tags.push(format!("@minLength {n}"));
    }
    if let Some(n) = c.max_length {
        tags.push(format!("@maxLength {n}"));
    }
    if let Some(n) = c.min {
        tags.push(format!("@minimum {n}"));
    }
    if let Some(n) = c.max {
        tags.push(format!("@maximum {n}"));
    }
    if let Some(p) = &c.pattern {
        tags.push(format!("@pattern {}", p.replace("*/", "*\\/")));
    }
    tags
}

/// A JSDoc block at `indent` (ending in a newline), or "" when there is
/// nothing to say. One short line stays on one line, as people write it.
pub fn jsdoc(docs: &Docs, extra_tags: &[String], indent: usize) -> String {
    let mut lines: Vec<String> = docs.doc.as_deref().map(doc_lines).unwrap_or_default();
    lines.extend(extra_tags.iter().flat_map(|t| doc_lines(t)));
    if let Some(dep) = &docs.deprecated {
        match &dep.reason {
            Some(r) => lines.extend(doc_lines(&format!("@deprecated {r}"))),
            None => lines.push("@deprecated".to_owned()),
        }
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        return String::new();
    }
    let pad = "  ".repeat(indent);
    if let [only] = lines.as_slice() {
        let one = format!("{pad}/** {only} */");
        if one.chars().count() <= layout::WIDTH {
            return one + "\n";
        }
    }
    let mut out = format!("{pad}/**\n");
    for l in lines {
        if l.is_empty() {
            out.push_str(&format!("{pad} *\n"));
        } else {
            out.push_str(&format!("{pad} * {l}\n"));
        }
    }
    out.push_str(&format!("{pad} */\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deprecated;

    #[test]
    fn types_print() {
        let t = Type::List(Box::new(Type::Nullable(Box::new(Type::Prim(Prim::Int)))));
        assert_eq!(type_expr(&t), "(number | null)[]");
        let m = Type::Map(Box::new(Type::List(Box::new(Type::Ref("order_line".into())))));
        assert_eq!(type_expr(&m), "Record<string, OrderLine[]>");
    }

    #[test]
    fn jsdoc_cannot_break_out() {
        let docs = Docs {
            doc: Some("ends */ here\nnext\u{2028}line ${x} `tick`".into()),
            deprecated: Some(Deprecated { reason: Some("no */".into()) }),
        };
        let out = jsdoc(&docs, &[], 1);
        assert_eq!(out.matches("*/").count(), 1, "{out}");
        assert!(out.ends_with("   */\n"));
        assert!(out.contains("   * @deprecated no *\\/\n"));
        assert_eq!(jsdoc(&Docs { doc: Some("Short".into()), deprecated: None }, &[], 0), "/** Short */\n");
        assert_eq!(jsdoc(&Docs::default(), &[], 0), "");
    }
}
