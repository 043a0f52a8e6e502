//! Line layout the way `ruff format` prints Python (line length 88, 4-space
//! indent, magic trailing commas): a statement is one line when it fits;
//! otherwise its last bracket is split, its contents go on one indented
//! line when they fit there, else one item a line with a trailing comma,
//! recursively. An assignment whose head alone is too long gets its value
//! parenthesised. The test suite runs `ruff format --check` on every
//! fixture's output to keep this in step with ruff.

use std::borrow::Cow;

pub const WIDTH: usize = 88;

/// An expression the layout may split: plain text, or a bracketed group.
/// Text is borrowed wherever the caller already holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr<'a> {
    Atom(Cow<'a, str>),
    /// `key=value`: a keyword argument.
    Keyword {
        key: &'static str,
        value: Cow<'a, str>,
    },
    /// `head` + `open` + items + `close`: a call, subscript, collection
    /// literal or a `def` signature (whose `close` carries the return
    /// annotation). `explode`: a collection literal, which ruff splits one
    /// item a line, never onto a single indented line.
    Group {
        head: Cow<'a, str>,
        open: &'static str,
        items: Vec<Expr<'a>>,
        close: Cow<'a, str>,
        explode: bool,
    },
    /// `a | b | c`: a value that does not fit is parenthesised, on one
    /// indented line if it fits there, else one operand a line, each after
    /// `| ` but the first.
    Union(Vec<Expr<'a>>),
}

impl<'a> Expr<'a> {
    pub fn atom(s: impl Into<Cow<'a, str>>) -> Expr<'a> {
        Expr::Atom(s.into())
    }

    pub fn keyword(key: &'static str, value: impl Into<Cow<'a, str>>) -> Expr<'a> {
        Expr::Keyword { key, value: value.into() }
    }

    pub fn call(head: impl Into<Cow<'a, str>>, items: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::group(head, "(", items, ")", false)
    }

    /// A `def` head: `close` is `) -> R`.
    pub fn def(head: impl Into<Cow<'a, str>>, items: Vec<Expr<'a>>, close: impl Into<Cow<'a, str>>) -> Expr<'a> {
        Expr::group(head, "(", items, close, false)
    }

    pub fn subscript(head: impl Into<Cow<'a, str>>, items: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::group(head, "[", items, "]", false)
    }

    /// A dict literal, after `head` (e.g. `files=`).
    pub fn dict(head: impl Into<Cow<'a, str>>, entries: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::group(head, "{", entries, "}", true)
    }

    pub fn tuple(items: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::group("", "(", items, ")", true)
    }

    pub fn list(items: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::group("", "[", items, "]", true)
    }

    pub fn union(items: Vec<Expr<'a>>) -> Expr<'a> {
        Expr::Union(items)
    }

    fn group(
        head: impl Into<Cow<'a, str>>,
        open: &'static str,
        items: Vec<Expr<'a>>,
        close: impl Into<Cow<'a, str>>,
        explode: bool,
    ) -> Expr<'a> {
        Expr::Group { head: head.into(), open, items, close: close.into(), explode }
    }

    /// Appends the one-line form to `out`.
    pub fn write_flat(&self, out: &mut String) {
        match self {
            Expr::Atom(s) => out.push_str(s),
            Expr::Keyword { key, value } => {
                out.push_str(key);
                out.push_str(value);
            }
            Expr::Group { head, open, items, close, .. } => {
                out.push_str(head);
                out.push_str(open);
                write_items(out, items);
                out.push_str(tuple_comma(self));
                out.push_str(close);
            }
            Expr::Union(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" | ");
                    }
                    item.write_flat(out);
                }
            }
        }
    }

    /// The room left of `room` characters after the one-line form; None
    /// when it does not fit (measuring stops there).
    fn fit(&self, room: usize) -> Option<usize> {
        match self {
            Expr::Atom(s) => room.checked_sub(width(s)),
            Expr::Keyword { key, value } => room.checked_sub(width(key) + width(value)),
            Expr::Group { head, open, items, close, .. } => {
                let room = room.checked_sub(width(head) + open.len() + tuple_comma(self).len() + width(close))?;
                fit_items(items, room)
            }
            Expr::Union(items) => {
                let mut room = room;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        room = room.checked_sub(3)?;
                    }
                    room = item.fit(room)?;
                }
                Some(room)
            }
        }
    }
}

/// The room left after `a, b, c` (see [`Expr::fit`]).
fn fit_items(items: &[Expr], mut room: usize) -> Option<usize> {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            room = room.checked_sub(2)?;
        }
        room = item.fit(room)?;
    }
    Some(room)
}

/// A one-item tuple needs its comma.
fn tuple_comma(expr: &Expr) -> &'static str {
    match expr {
        Expr::Group { head, open: "(", items, .. } if head.is_empty() && items.len() == 1 => ",",
        _ => "",
    }
}

/// `a, b, c`.
fn write_items(out: &mut String, items: &[Expr]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.write_flat(out);
    }
}

/// The columns ruff gives `s` (most text is ASCII: one per byte): two
/// for East Asian wide characters, none for combining marks.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum()
}

fn push_pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("    ");
    }
}

/// [`write_statement`] into a new string.
#[cfg(test)]
pub fn statement(indent: usize, prefix: &str, expr: &Expr, suffix: &str) -> String {
    let mut out = String::new();
    write_statement(&mut out, indent, prefix, expr, suffix);
    out
}

/// Appends `{prefix}{expr}{suffix}` at `indent`, laid out as ruff would,
/// without a final newline.
pub fn write_statement(out: &mut String, indent: usize, prefix: &str, expr: &Expr, suffix: &str) {
    let lead = 4 * indent + width(prefix);
    push_pad(out, indent);
    out.push_str(prefix);
    let room = |used: usize| WIDTH.checked_sub(used);
    if let Expr::Union(operands) = expr {
        if room(lead + width(suffix)).and_then(|r| expr.fit(r)).is_some() {
            expr.write_flat(out);
        } else {
            out.push_str("(\n");
            if room(4 * (indent + 1)).and_then(|r| expr.fit(r)).is_some() {
                push_pad(out, indent + 1);
                expr.write_flat(out);
            } else {
                for (i, operand) in operands.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    write_statement(out, indent + 1, if i == 0 { "" } else { "| " }, operand, "");
                }
            }
            out.push('\n');
            push_pad(out, indent);
            out.push(')');
        }
        out.push_str(suffix);
        return;
    }
    let Expr::Group { head, open, items, close, explode } = expr else {
        expr.write_flat(out);
        out.push_str(suffix);
        return;
    };
    if items.is_empty() || room(lead + width(suffix)).and_then(|r| expr.fit(r)).is_some() {
        expr.write_flat(out);
        out.push_str(suffix);
        return;
    }
    if lead + width(head) + open.len() > WIDTH && prefix.ends_with("= ") {
        out.push_str("(\n");
        write_statement(out, indent + 1, "", expr, "");
        out.push('\n');
        push_pad(out, indent);
        out.push(')');
        out.push_str(suffix);
        return;
    }
    out.push_str(head);
    out.push_str(open);
    let tuple_comma = tuple_comma(expr);
    if !explode && room(4 * (indent + 1) + tuple_comma.len()).and_then(|r| fit_items(items, r)).is_some() {
        out.push('\n');
        push_pad(out, indent + 1);
        write_items(out, items);
        out.push_str(tuple_comma);
    } else {
        // One item that is split itself gets no comma (it would change a
        // subscript's meaning, and ruff adds none); a tuple keeps its comma.
        let comma = if items.len() == 1 && !explode { "" } else { "," };
        for item in items {
            out.push('\n');
            write_statement(out, indent + 1, "", item, comma);
        }
    }
    out.push('\n');
    push_pad(out, indent);
    out.push_str(close);
    out.push_str(suffix);
}

/// `from module import a, b`, or one name a line in parentheses.
pub fn import_from(module: &str, names: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    write_import_from(&mut out, module, names);
    out
}

/// Appends [`import_from`]`(module, names)` to `out`.
pub fn write_import_from(out: &mut String, module: &str, names: &[impl AsRef<str>]) {
    let line = "from  import ".len() + width(module) + items_width_str(names);
    out.push_str("from ");
    out.push_str(module);
    out.push_str(" import ");
    if line <= WIDTH {
        for (i, n) in names.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(n.as_ref());
        }
        return;
    }
    out.push_str("(\n");
    for n in names {
        out.push_str("    ");
        out.push_str(n.as_ref());
        out.push_str(",\n");
    }
    out.push(')');
}

fn items_width_str(names: &[impl AsRef<str>]) -> usize {
    names.iter().map(|n| width(n.as_ref())).sum::<usize>() + 2 * names.len().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atoms<'a>(items: &[&'a str]) -> Vec<Expr<'a>> {
        items.iter().map(|s| Expr::atom(*s)).collect()
    }

    #[test]
    fn fits_on_one_line() {
        let e = Expr::call("Field", atoms(&["default=None", "max_length=3"]));
        assert_eq!(
            statement(1, "name: str | None = ", &e, ""),
            "    name: str | None = Field(default=None, max_length=3)"
        );
    }

    #[test]
    fn body_on_its_own_line_then_one_per_line() {
        let e = Expr::call(
            "self._call",
            vec![
                Expr::atom("\"update_profile\""),
                Expr::dict("", atoms(&["\"user_id\": user_id", "\"name\": name"])),
                Expr::atom("_results.UPDATE_PROFILE"),
            ],
        );
        // As ruff printed it.
        assert_eq!(
            statement(1, "return ", &e, ""),
            "    return self._call(\n        \"update_profile\", {\"user_id\": user_id, \"name\": name}, _results.UPDATE_PROFILE\n    )"
        );
        assert!(
            statement(2, "return ", &e, "")
                .starts_with("        return self._call(\n            \"update_profile\",\n")
        );
        let long = Expr::call(
            "Field",
            atoms(&["default=None", "validation_alias=\"support-email\"", "serialization_alias=\"support-email\""]),
        );
        assert_eq!(
            statement(1, "avatar: str | None = ", &long, ""),
            "    avatar: str | None = Field(\n        default=None,\n        validation_alias=\"support-email\",\n        serialization_alias=\"support-email\",\n    )"
        );
    }

    #[test]
    fn long_heads_parenthesise_the_value() {
        let e = Expr::call("Field", atoms(&["default=None"]));
        let out =
            statement(1, &format!("{}: dict[str, list[VeryLongTypeNameNumberOne]] | None = ", "x".repeat(30)), &e, "");
        assert!(out.ends_with("= (\n        Field(default=None)\n    )"), "{out}");
    }

    #[test]
    fn imports() {
        assert_eq!(import_from(".models", &["A", "B"]), "from .models import A, B");
        let many: Vec<String> = (0..12).map(|i| format!("TypeNumber{i}")).collect();
        assert!(import_from(".models", &many).starts_with("from .models import (\n    TypeNumber0,\n"));
    }

    #[test]
    fn one_item_tuples_keep_their_comma() {
        let mut flat = String::new();
        Expr::tuple(atoms(&["A"])).write_flat(&mut flat);
        assert_eq!(flat, "(A,)");
    }

    #[test]
    fn collections_split_one_item_a_line() {
        let names: Vec<String> = (0..8).map(|i| format!("ModelNumber{i}")).collect();
        let items = names.iter().map(|n| Expr::atom(n.as_str())).collect();
        let out = statement(0, "for _m in ", &Expr::tuple(items), ":");
        assert!(out.starts_with("for _m in (\n    ModelNumber0,\n    ModelNumber1,\n"), "{out}");
        assert!(out.ends_with("    ModelNumber7,\n):"), "{out}");
    }
}
