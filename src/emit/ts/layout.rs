//! Line layout the way prettier prints TypeScript (print width 80, 2-space
//! indent, trailing commas everywhere): each helper appends the one-line form
//! when it fits and prettier's broken form otherwise, so the generated code
//! is already formatted. Widths are summed from the parts, so every form is
//! written once, straight into its output. The test suite runs
//! `prettier --check` on every fixture's output to keep these in step with
//! prettier.

pub const WIDTH: usize = 80;

/// The printed width of `s`: prettier counts characters.
pub fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.chars().count() }
}

/// Whether a line `width` characters wide fits the print width.
fn fits(width: usize) -> bool {
    width <= WIDTH
}

/// Appends `indent` levels of indentation.
pub fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

/// The width of `items` joined with `sep`, each item preceded by `prefix`:
/// exact up to the print width, and some width past it beyond (all a
/// layout needs to know, and a long import list stops being measured).
fn joined_width<S: AsRef<str>>(items: &[S], prefix: &str, sep: &str) -> usize {
    let each = prefix.len() + sep.len();
    let mut total = 0;
    for i in items {
        total += width(i.as_ref()) + each;
        if total > WIDTH + sep.len() {
            break;
        }
    }
    total.saturating_sub(sep.len())
}

fn push_joined<S: AsRef<str>>(out: &mut String, items: &[S], prefix: &str, sep: &str) {
    for (n, i) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        out.push_str(prefix);
        out.push_str(i.as_ref());
    }
}

fn parts_width(parts: &[&str]) -> usize {
    parts.iter().map(|p| width(p)).sum()
}

/// Appends the parts, one after the other.
pub fn push_parts(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

/// `import { a, b } from "m";`, or `import type { A, B }` when there are
/// no values, broken one name a line when too long.
pub fn import<V: AsRef<str>, T: AsRef<str>>(out: &mut String, values: &[V], types: &[T], module: &str) {
    if values.is_empty() {
        named::<&str, T>(out, "import type", &[], types, "", module);
    } else {
        named(out, "import", values, types, "type ", module);
    }
}

/// `{keyword} { a, b, type C } from "m";` (types take `type_prefix`),
/// broken one name a line when too long.
pub fn named<V: AsRef<str>, T: AsRef<str>>(
    out: &mut String,
    keyword: &str,
    values: &[V],
    types: &[T],
    type_prefix: &str,
    module: &str,
) {
    let module = super::str_lit(module);
    let names = joined_width(values, "", ", ") + joined_width(types, type_prefix, ", ");
    let both = !values.is_empty() && !types.is_empty();
    out.push_str(keyword);
    if fits(keyword.len() + 3 + names + 2 * usize::from(both) + 8 + width(&module) + 1) {
        out.push_str(" { ");
        push_joined(out, values, "", ", ");
        if both {
            out.push_str(", ");
        }
        push_joined(out, types, type_prefix, ", ");
        out.push_str(" } from ");
    } else {
        let names = values.iter().map(|v| v.as_ref().len()).sum::<usize>()
            + types.iter().map(|t| t.as_ref().len()).sum::<usize>();
        out.reserve(names + (4 + type_prefix.len()) * types.len() + 4 * values.len() + module.len() + 16);
        out.push_str(" {\n");
        for v in values {
            push_parts(out, &["  ", v.as_ref(), ",\n"]);
        }
        for t in types {
            push_parts(out, &["  ", type_prefix, t.as_ref(), ",\n"]);
        }
        out.push_str("} from ");
    }
    out.push_str(&module);
    out.push(';');
}

/// `export type Name = A | B;`, or prettier's leading-bar form.
pub fn union_alias<S: AsRef<str>>(out: &mut String, head: &str, members: &[S]) {
    let line = joined_width(members, "", " | ");
    out.push_str(head);
    if fits(width(head) + 3 + line + 1) || members.len() < 2 {
        out.push_str(" = ");
        push_joined(out, members, "", " | ");
    } else if fits(2 + line + 1) {
        out.push_str(" =\n  ");
        push_joined(out, members, "", " | ");
    } else {
        out.push_str(" =");
        push_joined(out, members, "\n  | ", "");
    }
    out.push(';');
}

/// A type written `outer<args>`, or `outer` when there are no args.
#[derive(Clone, Copy)]
pub struct Generic<'a> {
    pub outer: &'a str,
    pub args: &'a [&'a str],
}

impl<'a> Generic<'a> {
    /// A type without type args.
    pub fn plain(ty: &'a str) -> Self {
        Generic { outer: ty, args: &[] }
    }

    fn width(&self) -> usize {
        width(self.outer) + if self.args.is_empty() { 0 } else { 2 + joined_width(self.args, "", ", ") }
    }

    fn push(&self, out: &mut String) {
        out.push_str(self.outer);
        if !self.args.is_empty() {
            out.push('<');
            push_joined(out, self.args, "", ", ");
            out.push('>');
        }
    }
}

/// A function head `export function name(a: A, b?: B): R {`, with params
/// one a line when it does not fit.
pub fn function_head<S: AsRef<str>>(out: &mut String, name: &str, params: &[S], ret: &Generic<'_>) {
    let line = 16 + width(name) + 1 + joined_width(params, "", ", ") + 3 + ret.width() + 2;
    out.push_str("export function ");
    out.push_str(name);
    if fits(line) || params.is_empty() {
        out.push('(');
        push_joined(out, params, "", ", ");
    } else {
        out.push_str("(\n");
        for p in params {
            push_parts(out, &["  ", p.as_ref(), ",\n"]);
        }
    }
    out.push_str("): ");
    ret.push(out);
    out.push_str(" {");
}

/// The head of a function without params: when it does not fit, prettier
/// breaks the return type's args one a line (`Name<\n  A,\n  B\n>`).
pub fn paramless_head(out: &mut String, name: &str, ret: &Generic<'_>) {
    push_parts(out, &["export function ", name, "(): "]);
    if fits(16 + width(name) + 4 + ret.width() + 2) || ret.args.is_empty() {
        ret.push(out);
    } else {
        push_parts(out, &[ret.outer, "<"]);
        push_joined(out, ret.args, "\n  ", ",");
        out.push_str("\n>");
    }
    out.push_str(" {");
}

/// A statement that ends in a call: `{lead}{callee}(a, b, c);` at `indent`,
/// `callee` given in parts (`__mizanQuery<`, `B`, `>`).
/// Too long: the last argument is hugged when it is an object literal
/// (given as its entries) or an arrow function, else every argument goes on
/// its own line.
pub fn call_statement<A: AsRef<str>, E: AsRef<str>>(
    out: &mut String,
    indent: usize,
    lead: &str,
    callee: &[&str],
    args: &[A],
    last_object: Option<&[E]>,
) {
    let head = 2 * indent + width(lead) + parts_width(callee) + 1;
    let object = last_object.map(|e| 4 + joined_width(e, "", ", "));
    let args_width = joined_width(args, "", ", ");
    let all = match object {
        Some(o) if args.is_empty() => o,
        Some(o) => args_width + 2 + o,
        None => args_width,
    };
    pad(out, indent);
    out.push_str(lead);
    push_parts(out, callee);
    out.push('(');
    if fits(head + all + 2) {
        push_joined(out, args, "", ", ");
        if let Some(entries) = last_object {
            out.push_str(if args.is_empty() { "" } else { ", " });
            flat_object(out, entries);
        }
        out.push_str(");");
        return;
    }
    // A last argument `(x) => body` is hugged: `callee(a, (x) =>\n  body,\n);`.
    if last_object.is_none()
        && let Some((last, before)) = args.split_last()
        && let Some(arrow) = last.as_ref().find(") => ").filter(|_| last.as_ref().starts_with('('))
        && fits(head + joined_width(before, "", ", ") + 2 * usize::from(!before.is_empty()) + arrow + 4)
    {
        for a in before {
            push_parts(out, &[a.as_ref(), ", "]);
        }
        let (params, body) = last.as_ref().split_at(arrow + 4);
        push_parts(out, &[params, "\n"]);
        pad(out, indent + 1);
        push_parts(out, &[body.trim_start(), ",\n"]);
        pad(out, indent);
        out.push_str(");");
        return;
    }
    if let Some(entries) = last_object
        && fits(head + joined_width(args, "", ", ") + 2 * usize::from(!args.is_empty()) + 1)
    {
        for a in args {
            push_parts(out, &[a.as_ref(), ", "]);
        }
        out.push_str("{\n");
        for e in entries {
            pad(out, indent + 1);
            push_parts(out, &[e.as_ref(), ",\n"]);
        }
        pad(out, indent);
        out.push_str("});");
        return;
    }
    out.push('\n');
    for a in args {
        pad(out, indent + 1);
        push_parts(out, &[a.as_ref(), ",\n"]);
    }
    if let Some(entries) = last_object {
        pad(out, indent + 1);
        flat_object(out, entries);
        out.push_str(",\n");
    }
    pad(out, indent);
    out.push_str(");");
}

fn flat_object<E: AsRef<str>>(out: &mut String, entries: &[E]) {
    out.push_str("{ ");
    push_joined(out, entries, "", ", ");
    out.push_str(" }");
}

/// An array literal of already-rendered items at `column`, followed by
/// `trailing` characters on its line: inline when it fits, else one item a
/// line at `indent + 1`.
pub fn array<S: AsRef<str>>(out: &mut String, items: &[S], indent: usize, column: usize, trailing: usize) {
    out.push('[');
    if items.is_empty() || fits(column + joined_width(items, "", ", ") + 2 + trailing) {
        push_joined(out, items, "", ", ");
    } else {
        out.push('\n');
        for i in items {
            pad(out, indent + 1);
            push_parts(out, &[i.as_ref(), ",\n"]);
        }
        pad(out, indent);
    }
    out.push(']');
}

/// [`array`] as a new string.
pub fn array_string<S: AsRef<str>>(items: &[S], indent: usize, column: usize, trailing: usize) -> String {
    let mut out = String::with_capacity(2 + items.iter().map(|i| i.as_ref().len() + 2 * indent + 4).sum::<usize>());
    array(&mut out, items, indent, column, trailing);
    out
}

#[cfg(test)]
mod tests;
