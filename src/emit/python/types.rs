//! How IR types print as Python annotations, which imports they need, and
//! how `default=` literals and constraints become Python expressions.

use super::layout::Expr;
use super::uses::{Import, Uses};
use crate::ir::ast::Literal;
use crate::model::{Api, Constraints, Number, Prim, Type, TypeDefKind};
use crate::names::python as names;
use std::fmt::Write;

/// The annotation of an IR type as an expression the layout may split
/// (`list[...]`, `dict[str, ...]`, `... | None`).
pub fn type_expr(ty: &Type, uses: &mut Uses) -> Expr<'static> {
    match ty {
        Type::Prim(p) => Expr::atom(prim(*p, uses)),
        Type::Ref(name) => {
            let mut out = String::new();
            uses.push_class(&mut out, name);
            Expr::atom(out)
        }
        Type::List(inner) => Expr::subscript("list", vec![type_expr(inner, uses)]),
        Type::Map(inner) => Expr::subscript("dict", vec![Expr::atom("str"), type_expr(inner, uses)]),
        Type::Nullable(inner) => Expr::union(vec![type_expr(inner, uses), Expr::atom("None")]),
    }
}

fn prim(p: Prim, uses: &mut Uses) -> &'static str {
    match p {
        Prim::String => "str",
        Prim::Int => "int",
        Prim::Float => "float",
        Prim::Bool => "bool",
        Prim::Datetime | Prim::Date | Prim::Time => {
            let (name, import) = match p {
                Prim::Datetime => ("datetime", Import::Datetime),
                Prim::Date => ("date", Import::Date),
                _ => ("time", Import::Time),
            };
            uses.import(import);
            name
        }
        Prim::Uuid => {
            uses.import(Import::Uuid);
            "UUID"
        }
        Prim::Decimal => {
            uses.import(Import::Decimal);
            "Decimal"
        }
        Prim::Json => {
            uses.import(Import::JsonValue);
            "JsonValue"
        }
        Prim::Upload => {
            uses.upload = true;
            "Upload"
        }
    }
}

/// Follows aliases and nullability to the primitive (or named non-alias
/// type) that decides how a literal is written.
fn resolve<'a>(api: &'a Api, ty: &'a Type) -> &'a Type {
    match ty {
        Type::Ref(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::Alias { target }) => resolve(api, target),
            _ => ty,
        },
        Type::Nullable(inner) => resolve(api, inner),
        _ => ty,
    }
}

/// A `default=` literal as a Python expression of the field's type.
pub fn default_expr(api: &Api, ty: &Type, lit: &Literal, uses: &mut Uses) -> String {
    let text = match lit {
        Literal::Null => return "None".to_owned(),
        Literal::Bool(b) => return if *b { "True" } else { "False" }.to_owned(),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f:?}"),
        Literal::String(s) => names::string_literal(s),
    };
    let quoted = || if matches!(lit, Literal::String(_)) { text.clone() } else { names::string_literal(&text) };
    match resolve(api, ty) {
        Type::Prim(Prim::Decimal) => {
            uses.import(Import::Decimal);
            format!("Decimal({})", quoted())
        }
        Type::Prim(Prim::Uuid) => {
            uses.import(Import::Uuid);
            format!("UUID({})", quoted())
        }
        Type::Prim(p @ (Prim::Datetime | Prim::Date | Prim::Time)) => {
            let name = prim(*p, uses);
            format!("{name}.fromisoformat({})", quoted())
        }
        _ => text,
    }
}

/// The `Field(...)` keyword arguments for the constraints pydantic
/// enforces; `format` is documented instead (no email-validator needed).
pub fn constraint_args(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = c.min_length {
        out.push(format!("min_length={n}"));
    }
    if let Some(n) = c.max_length {
        out.push(format!("max_length={n}"));
    }
    if let Some(n) = c.min {
        out.push(format!("ge={}", number(n)));
    }
    if let Some(n) = c.max {
        out.push(format!("le={}", number(n)));
    }
    if let Some(p) = &c.pattern {
        out.push(format!("pattern={}", names::string_literal(p)));
    }
    out
}

fn number(n: Number) -> String {
    match n {
        Number::Int(i) => i.to_string(),
        Number::Float(f) => format!("{f:?}"),
    }
}

/// Appends the constraints in words to a docstring paragraph, as further
/// sentences (parameters are not validated client-side; the server answers
/// `VALIDATION_ERROR`).
pub fn push_constraint_notes(text: &mut String, c: &Constraints) {
    if let Some(f) = c.format {
        sentence(text, format_args!("Format: {}.", f.as_str()));
    }
    match (c.min_length, c.max_length) {
        (Some(a), Some(b)) if a == b => sentence(text, format_args!("Length: exactly {a}.")),
        (a, b) => {
            if let Some(a) = a {
                sentence(text, format_args!("Length: at least {a}."));
            }
            if let Some(b) = b {
                sentence(text, format_args!("Length: at most {b}."));
            }
        }
    }
    if let Some(n) = c.min {
        sentence(text, format_args!("Minimum: {n}."));
    }
    if let Some(n) = c.max {
        sentence(text, format_args!("Maximum: {n}."));
    }
    if let Some(p) = &c.pattern {
        sentence(text, format_args!("Pattern: `{p}`."));
    }
}

/// Appends a sentence to a paragraph, after a space unless it is the first.
pub fn sentence(text: &mut String, s: std::fmt::Arguments) {
    if !text.is_empty() {
        text.push(' ');
    }
    let _ = text.write_fmt(s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::python::classes::Classes;

    fn flat(ty: &Type, uses: &mut Uses) -> String {
        let mut out = String::new();
        type_expr(ty, uses).write_flat(&mut out);
        out
    }

    #[test]
    fn annotations() {
        let api = crate::compile("mizan-ir 1 project=p\ntype order_line {\n    field id int\n}\n")
            .unwrap_or_else(|_| panic!());
        let classes = Classes::new(&api);
        let mut uses = Uses::new(&classes);
        let t = Type::Map(Box::new(Type::List(Box::new(Type::Nullable(Box::new(Type::Prim(Prim::Datetime)))))));
        assert_eq!(flat(&t, &mut uses), "dict[str, list[datetime | None]]");
        assert_eq!(flat(&Type::Ref("order_line".into()), &mut uses), "OrderLine");
        assert_eq!(uses.import_lines(false), vec!["from datetime import datetime"]);
        assert_eq!(uses.models(), ["OrderLine"]);
    }
}
