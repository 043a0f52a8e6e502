//! How IR types print as Python annotations, which imports they need, and
//! how `default=` literals and constraints become Python expressions.

use crate::ir::ast::Literal;
use crate::model::{Api, Constraints, Number, Prim, Type, TypeDefKind};
use crate::names::python as names;
use std::collections::BTreeSet;

/// The names a module uses, collected while its annotations are rendered,
/// so it imports exactly those (ruff rejects unused imports).
#[derive(Default)]
pub struct Uses {
    /// `(module, name)` pairs from the standard library and pydantic.
    pub imports: BTreeSet<(&'static str, &'static str)>,
    /// Model classes (rendered), imported from `.models` by the clients.
    pub models: BTreeSet<String>,
    /// `Upload` from `._transport`.
    pub upload: bool,
}

impl Uses {
    pub fn import(&mut self, module: &'static str, name: &'static str) {
        self.imports.insert((module, name));
    }

    /// `from module import a, b` lines for one section (stdlib or
    /// third-party), in isort order.
    pub fn import_lines(&self, third_party: bool) -> Vec<String> {
        let mut modules: Vec<&str> =
            self.imports.iter().map(|(m, _)| *m).filter(|m| is_third_party(m) == third_party).collect();
        modules.dedup();
        modules
            .into_iter()
            .map(|m| {
                let mut names: Vec<String> =
                    self.imports.iter().filter(|(mm, _)| *mm == m).map(|(_, n)| (*n).to_owned()).collect();
                names.sort_by_key(|n| isort_key(n));
                super::layout::import_from(m, &names)
            })
            .collect()
    }
}

fn is_third_party(module: &str) -> bool {
    matches!(module, "pydantic" | "httpx")
}

/// isort's `order-by-type`: CONSTANTS, then Classes, then the rest, each
/// case-sensitively.
pub fn isort_key(name: &str) -> (u8, String) {
    let kind = if name.len() > 1 && name.chars().all(|c| !c.is_ascii_lowercase()) {
        0
    } else if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        1
    } else {
        2
    };
    (kind, name.to_owned())
}

/// The annotation of an IR type.
pub fn type_expr(ty: &Type, uses: &mut Uses) -> String {
    match ty {
        Type::Prim(p) => prim(*p, uses).to_owned(),
        Type::Ref(name) => {
            let class = names::class_name(name);
            uses.models.insert(class.clone());
            class
        }
        Type::List(inner) => format!("list[{}]", type_expr(inner, uses)),
        Type::Map(inner) => format!("dict[str, {}]", type_expr(inner, uses)),
        Type::Nullable(inner) => format!("{} | None", type_expr(inner, uses)),
    }
}

fn prim(p: Prim, uses: &mut Uses) -> &'static str {
    match p {
        Prim::String => "str",
        Prim::Int => "int",
        Prim::Float => "float",
        Prim::Bool => "bool",
        Prim::Datetime | Prim::Date | Prim::Time => {
            let name = match p {
                Prim::Datetime => "datetime",
                Prim::Date => "date",
                _ => "time",
            };
            uses.import("datetime", name);
            name
        }
        Prim::Uuid => {
            uses.import("uuid", "UUID");
            "UUID"
        }
        Prim::Decimal => {
            uses.import("decimal", "Decimal");
            "Decimal"
        }
        Prim::Json => {
            uses.import("pydantic", "JsonValue");
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
            uses.import("decimal", "Decimal");
            format!("Decimal({})", quoted())
        }
        Type::Prim(Prim::Uuid) => {
            uses.import("uuid", "UUID");
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

/// Constraints in words, for docstrings (parameters are not validated
/// client-side; the server answers `VALIDATION_ERROR`).
pub fn constraint_notes(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(f) = c.format {
        out.push(format!("Format: {}.", f.as_str()));
    }
    match (c.min_length, c.max_length) {
        (Some(a), Some(b)) if a == b => out.push(format!("Length: exactly {a}.")),
        (a, b) => {
            if let Some(a) = a {
                out.push(format!("Length: at least {a}."));
            }
            if let Some(b) = b {
                out.push(format!("Length: at most {b}."));
            }
        }
    }
    if let Some(n) = c.min {
        out.push(format!("Minimum: {n}."));
    }
    if let Some(n) = c.max {
        out.push(format!("Maximum: {n}."));
    }
    if let Some(p) = &c.pattern {
        out.push(format!("Pattern: `{p}`."));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations() {
        let mut uses = Uses::default();
        let t = Type::Map(Box::new(Type::List(Box::new(Type::Nullable(Box::new(Type::Prim(Prim::Datetime)))))));
        assert_eq!(type_expr(&t, &mut uses), "dict[str, list[datetime | None]]");
        assert_eq!(type_expr(&Type::Ref("order_line".into()), &mut uses), "OrderLine");
        assert_eq!(uses.import_lines(false), vec!["from datetime import datetime"]);
        assert!(uses.models.contains("OrderLine"));
    }

    #[test]
    fn isort_order() {
        let mut names = vec!["Field", "JsonValue", "BaseModel", "TYPE_CHECKING", "field_validator"];
        names.sort_by_key(|n| isort_key(n));
        assert_eq!(names, ["TYPE_CHECKING", "BaseModel", "Field", "JsonValue", "field_validator"]);
    }
}
