//! Fields, params and enum values: uniqueness, constraints that fit the
//! type, defaults that fit the type.

use super::{Index, Shape, param_lists, repeats, suggest};
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use std::fmt::Display;

pub fn check(ix: &Index, diags: &mut Vec<Diagnostic>) {
    for t in &ix.doc.types {
        match &t.kind {
            TypeKind::Object { fields } => {
                unique(fields, |f| &f.name, "field", format_args!("type `{}`", t.name), diags);
                fields.iter().for_each(|f| field(ix, f, diags));
            }
            TypeKind::Enum { values } => {
                unique(values, |v| &v.value, "value", format_args!("enum `{}`", t.name), diags);
                if values.is_empty() {
                    let d =
                        Diagnostic::error("mizan::empty-enum", format!("enum `{}` has no values", t.name), t.name.span);
                    diags.push(d.label("empty enum").help("add at least one `value <string>`"));
                }
            }
            _ => {}
        }
    }
    for (owner, params) in param_lists(ix.doc) {
        unique(params, |p| &p.name, "param", owner, diags);
        params.iter().for_each(|p| field(ix, p, diags));
    }
}

fn unique<T>(items: &[T], name: impl Fn(&T) -> &Ident, what: &str, owner: impl Display, diags: &mut Vec<Diagnostic>) {
    repeats(
        items.len(),
        |i| &name(&items[i]).wire,
        |j, i| {
            let (first, name) = (name(&items[j]), name(&items[i]));
            diags.push(
                Diagnostic::error(
                    "mizan::duplicate-member",
                    format!("{what} {:?} appears twice in {owner}", name.wire),
                    name.span,
                )
                .label("repeated")
                .related(first.span, "first here")
                .help(format!("each {what} of {owner} must be unique")),
            );
        },
    );
}

fn field(ix: &Index, f: &Field, diags: &mut Vec<Diagnostic>) {
    let resolved = ix.resolve(&f.ty);
    if matches!(resolved.shape, Shape::Unknown) {
        return;
    }
    constraints(f, resolved.shape, diags);
    if let Some(default) = &f.default {
        default_fits(f, default, resolved.nullable, resolved.shape, diags);
    }
}

fn constraints(f: &Field, shape: Shape, diags: &mut Vec<Diagnostic>) {
    let c = &f.constraints;
    let is = |p: Prim| matches!(shape, Shape::Prim(q) if q == p);
    let numeric = is(Prim::Int) || is(Prim::Float) || is(Prim::Decimal);
    let sized = is(Prim::String) || matches!(shape, Shape::List(_));
    let checks: [(&str, Option<Span>, bool, &str); 6] = [
        ("min-length", c.min_length.as_ref().map(|s| s.span), sized, "a string or a list"),
        ("max-length", c.max_length.as_ref().map(|s| s.span), sized, "a string or a list"),
        ("min", c.min.as_ref().map(|s| s.span), numeric, "an `int`, `float` or `decimal`"),
        ("max", c.max.as_ref().map(|s| s.span), numeric, "an `int`, `float` or `decimal`"),
        ("pattern", c.pattern.as_ref().map(|s| s.span), is(Prim::String), "a `string`"),
        ("format", c.format.as_ref().map(|s| s.span), is(Prim::String), "a `string`"),
    ];
    for (key, span, fits, needs) in checks {
        let Some(span) = span.filter(|_| !fits) else { continue };
        let msg = format!("`{key}` does not apply to {}", type_desc(&f.ty, shape));
        let d = Diagnostic::error("mizan::constraint-type-mismatch", msg, span)
            .label(format!("`{key}` needs {needs}"))
            .related(f.ty.span, "declared type");
        diags.push(d.help(format!("remove `{key}=`, or change the type to {needs}")));
    }
    if let (Some(min), Some(max)) = (&c.min_length, &c.max_length) {
        range(min.value as f64 > max.value as f64, "min-length", "max-length", min.span, max.span, diags);
    }
    if let (Some(min), Some(max)) = (&c.min, &c.max) {
        range(as_f64(min.value) > as_f64(max.value), "min", "max", min.span, max.span, diags);
    }
}

/// `int`, or `Money` (an object type) for a named type.
fn type_desc(ty: &TypeExpr, shape: Shape) -> String {
    match (&ty.kind, shape) {
        (TypeExprKind::Named(n), Shape::Prim(p)) => format!("`{n}` (an alias of `{}`)", p.as_str()),
        (TypeExprKind::Named(n), shape) => format!("`{n}` ({})", shape.describe()),
        (_, shape) => shape.describe(),
    }
}

fn as_f64(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(x) => x,
    }
}

fn range(bad: bool, lo: &str, hi: &str, lo_span: Span, hi_span: Span, diags: &mut Vec<Diagnostic>) {
    if bad {
        let d = Diagnostic::error("mizan::constraint-range", format!("`{lo}` is greater than `{hi}`"), lo_span)
            .label("lower bound")
            .related(hi_span, "upper bound");
        diags.push(d.help("no value could satisfy both; swap them or fix the bound"));
    }
}

fn default_fits(f: &Field, default: &Spanned<Literal>, nullable: bool, shape: Shape, diags: &mut Vec<Diagnostic>) {
    use Prim::*;
    let fits = match (&default.value, shape) {
        (_, Shape::Prim(Json)) => true,
        (Literal::Null, _) => nullable,
        (Literal::String(_), Shape::Prim(String | Datetime | Date | Time | Uuid | Decimal)) => true,
        (Literal::String(s), Shape::Enum(values)) => {
            if !values.iter().any(|v| v.value.wire == *s) {
                enum_default(f, s, values, default.span, diags);
            }
            return;
        }
        (Literal::Int(_), Shape::Prim(Int | Float | Decimal)) => true,
        (Literal::Float(_), Shape::Prim(Float | Decimal)) => true,
        (Literal::Bool(_), Shape::Prim(Bool)) => true,
        _ => false,
    };
    if fits {
        return;
    }
    let written = match &default.value {
        Literal::String(s) => format!("{s:?} (a string)"),
        Literal::Int(i) => format!("{i} (an integer)"),
        Literal::Float(x) => format!("{x:?} (a number)"),
        Literal::Bool(b) => format!("#{b}"),
        Literal::Null => "#null".to_owned(),
    };
    let msg = format!("default {written} does not fit type {}", type_desc(&f.ty, shape));
    let d = Diagnostic::error("mizan::default-type-mismatch", msg, default.span)
        .label("wrong default")
        .related(f.ty.span, "declared type");
    let help = match (&default.value, shape) {
        (Literal::Null, _) => "`#null` needs a nullable type: write `T?`".to_owned(),
        (_, Shape::List(_) | Shape::Map(_) | Shape::Object(_) | Shape::Union) => {
            "KDL can only write scalar defaults; use `optional=#true` and let the server fill it in".to_owned()
        }
        (Literal::Float(x), Shape::Prim(Int)) if x.fract() == 0.0 => format!("write it as an integer: {}", *x as i64),
        (Literal::String(s), Shape::Prim(Int | Float | Decimal)) if s.parse::<f64>().is_ok() => {
            format!("write the number without quotes: default={s}")
        }
        _ => "write a default of the field's type, or remove it".to_owned(),
    };
    diags.push(d.help(help));
}

fn enum_default(f: &Field, s: &str, values: &[EnumValue], span: Span, diags: &mut Vec<Diagnostic>) {
    let msg = format!("default {s:?} is not a value of the enum");
    let d = Diagnostic::error("mizan::default-type-mismatch", msg, span)
        .label("not a value")
        .related(f.ty.span, "enum type");
    let names: Vec<&str> = values.iter().map(|v| v.value.wire.as_str()).collect();
    diags.push(match suggest::did_you_mean(s, names.iter().copied()) {
        Some(n) => d.help(format!("did you mean `{n}`?")),
        None => d.help(format!("the values are: {}", names.join(", "))),
    });
}
