//! The JavaScript the zod target writes, as a small syntax tree, and how a
//! declaration is written: the lines that fit the print width directly
//! (prettier prints those flat), the others through `layout`, which builds
//! the document prettier would. Only the node kinds the schemas use exist;
//! member expressions appear only as callees (a standalone `a.b.c` could
//! break differently).

use super::layout::{assignment, breaks_array, expands_last, expr};
use crate::emit::ts::layout::doc;
use crate::emit::ts::layout::width;
use std::borrow::Cow;

/// An expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// An identifier, or any text prettier keeps as one unbreakable token
    /// (most are fixed: `z`, `email`).
    Ident(Cow<'static, str>),
    /// A string literal, already quoted.
    Str(String),
    /// A number literal, as prettier prints it.
    Num(String),
    /// `object.name`; `name` may carry type arguments (`custom<T.Empty>`).
    Member(Box<Expr>, Cow<'static, str>),
    Call(Box<Expr>, Vec<Expr>),
    /// `new Callee(args)`.
    New(String, Vec<Expr>),
    /// An object literal; `expanded` keeps it broken, as prettier keeps an
    /// object whose source has a line break after `{`.
    Object(Vec<Prop>, bool),
    Array(Vec<Expr>),
}

/// A property of an object literal.
#[derive(Clone, Debug)]
pub struct Prop {
    /// The key as written: bare, quoted, or computed (`["__proto__"]`).
    pub key: String,
    pub value: Expr,
}

impl Expr {
    /// `self.name(args)`.
    pub fn method(self, name: impl Into<Cow<'static, str>>, args: Vec<Expr>) -> Expr {
        Expr::Call(Box::new(Expr::Member(Box::new(self), name.into())), args)
    }
}

pub fn ident(name: impl Into<Cow<'static, str>>) -> Expr {
    Expr::Ident(name.into())
}

/// `name(args)`.
pub fn call(name: &'static str, args: Vec<Expr>) -> Expr {
    Expr::Call(Box::new(ident(name)), args)
}

/// `export const {name} = {value};`
///
/// Most lines fit the print width as they are, and then prettier prints
/// them flat: those are written directly, and documents are built only for
/// the lines that do not fit (a broken object's properties one by one).
pub fn export_const(name: &str, value: &Expr) -> String {
    let mut out = String::with_capacity(64 + name.len());
    out.extend(["export const ", name, " = "]);
    let head = out.len();
    if let Some((callee, props)) = expanded_object(value) {
        let callee_flat = callee.is_none_or(|c| flat(c, &mut out));
        out.push_str(if callee.is_some() { "({" } else { "{" });
        if callee_flat && fits(&out, 0) {
            for p in props {
                out.push('\n');
                property_line(&mut out, p);
            }
            out.push_str(if callee.is_some() { "\n});" } else { "\n};" });
            return out;
        }
    } else if flat(value, &mut out) && fits(&out, 1) {
        out.push(';');
        return out;
    } else if let Some(hugged) = hugged_array(&out[..head], value) {
        return hugged;
    }
    let declarator = assignment(doc::text(name), width(name), " =", value, false);
    let statement = doc::group(doc::concat(vec![doc::text("const "), declarator, doc::text(";")]));
    out.clear();
    doc::print(&mut out, doc::concat(vec![doc::text("export "), statement]), 0, 0);
    out
}

/// `callee({...})` or `{...}` with an object that stays broken: the callee
/// (if any) and the properties.
fn expanded_object(e: &Expr) -> Option<(Option<&Expr>, &[Prop])> {
    match e {
        Expr::Object(props, true) if !props.is_empty() => Some((None, props)),
        Expr::Call(callee, args) => match args.as_slice() {
            [Expr::Object(props, true)] if !props.is_empty() => Some((Some(callee), props)),
            _ => None,
        },
        _ => None,
    }
}

/// `{head}callee(a, [` then one item a line, when the call does not fit on
/// one line but that first line does: prettier hugs a last array argument.
fn hugged_array(head: &str, value: &Expr) -> Option<String> {
    let Expr::Call(callee, args) = value else { return None };
    let (Expr::Array(items), before) = args.split_last()? else { return None };
    if !expands_last(args) {
        return None;
    }
    let mut out = String::from(head);
    if !flat(callee, &mut out) {
        return None;
    }
    out.push('(');
    for a in before {
        if !flat(a, &mut out) {
            return None;
        }
        out.push_str(", ");
    }
    out.push('[');
    if !fits(&out, 0) {
        return None;
    }
    for item in items {
        out.push('\n');
        item_line(&mut out, item);
    }
    out.push_str("\n]);");
    Some(out)
}

/// Appends one item of a broken array at indent 1, with its comma: flat
/// when it fits, else laid out.
fn item_line(out: &mut String, e: &Expr) {
    let start = out.len();
    out.push_str("  ");
    if flat(e, out) && fits(&out[start..], 1) {
        out.push(',');
        return;
    }
    out.truncate(start + 2);
    doc::print(out, doc::concat(vec![doc::group(expr(e)), doc::text(",")]), 2, 2);
}

/// Whether `text` plus `extra` columns fits the print width.
fn fits(text: &str, extra: usize) -> bool {
    width(text) + extra <= 80
}

/// Appends one property of a broken object at indent 1, with its comma:
/// flat when it fits, else laid out.
fn property_line(out: &mut String, p: &Prop) {
    let start = out.len();
    out.push_str("  ");
    out.push_str(&p.key);
    out.push_str(": ");
    if flat(&p.value, out) && fits(&out[start..], 1) {
        out.push(',');
        return;
    }
    out.truncate(start + 2);
    let property = assignment(doc::text(p.key.as_str()), width(&p.key), ":", &p.value, true);
    doc::print(out, doc::concat(vec![property, doc::text(",")]), 2, 2);
}

/// Appends the one-line form of `e`; false when `e` cannot be one line (it
/// holds an object that stays broken).
fn flat(e: &Expr, out: &mut String) -> bool {
    match e {
        Expr::Ident(s) => out.push_str(s),
        Expr::Str(s) | Expr::Num(s) => out.push_str(s),
        Expr::Member(object, name) => {
            if !flat(object, out) {
                return false;
            }
            out.push('.');
            out.push_str(name);
        }
        Expr::Call(callee, args) => return flat(callee, out) && flat_list(args, out, "(", ")"),
        Expr::New(callee, args) => {
            out.push_str("new ");
            out.push_str(callee);
            return flat_list(args, out, "(", ")");
        }
        Expr::Array(items) => return !breaks_array(items) && flat_list(items, out, "[", "]"),
        Expr::Object(props, expanded) => {
            if props.is_empty() {
                out.push_str("{}");
                return true;
            }
            if *expanded {
                return false;
            }
            out.push_str("{ ");
            for (i, p) in props.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&p.key);
                out.push_str(": ");
                if !flat(&p.value, out) {
                    return false;
                }
            }
            out.push_str(" }");
        }
    }
    true
}

fn flat_list(items: &[Expr], out: &mut String, open: &str, close: &str) -> bool {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if !flat(item, out) {
            return false;
        }
    }
    out.push_str(close);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn z(method: &'static str, args: Vec<Expr>) -> Expr {
        ident("z").method(method, args)
    }

    #[test]
    fn short_declarations_stay_on_one_line() {
        let e = z("array", vec![ident("OrderSchema")]);
        assert_eq!(export_const("OrdersSchema", &e), "export const OrdersSchema = z.array(OrderSchema);");
    }

    #[test]
    fn a_long_chain_breaks_one_call_a_line() {
        let pattern = vec![Expr::Str("\"^[a-z][a-z0-9-]*[a-z0-9]$\"".into()), Expr::Str("\"u\"".into())];
        let e = z("string", vec![])
            .method("min", vec![Expr::Num("1".into())])
            .method("max", vec![Expr::Num("64".into())])
            .method("regex", vec![Expr::New("RegExp".into(), pattern)]);
        let object = Expr::Object(vec![Prop { key: "name".into(), value: e }], true);
        assert_eq!(
            export_const("LimitsSchema", &z("object", vec![object])),
            "export const LimitsSchema = z.object({\n  name: z\n    .string()\n    .min(1)\n    .max(64)\n    .regex(new RegExp(\"^[a-z][a-z0-9-]*[a-z0-9]$\", \"u\")),\n});"
        );
    }

    #[test]
    fn a_last_array_argument_is_hugged() {
        let items = (0..4).map(|i| Expr::Str(format!("\"value-number-{i}\""))).collect();
        let printed = export_const("LevelSchema", &z("enum", vec![Expr::Array(items)]));
        assert_eq!(
            printed,
            "export const LevelSchema = z.enum([\n  \"value-number-0\",\n  \"value-number-1\",\n  \"value-number-2\",\n  \"value-number-3\",\n]);"
        );
    }
}
