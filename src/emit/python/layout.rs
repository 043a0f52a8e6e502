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
    /// `before` + inner + `after`, split as the inner expression: a
    /// parameter `name: T = default`.
    Framed {
        before: Cow<'a, str>,
        inner: Box<Expr<'a>>,
        after: Cow<'a, str>,
    },
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

    /// `a | b`, nested unions flattened.
    pub fn union(mut items: Vec<Expr<'a>>) -> Expr<'a> {
        if items.len() == 1 {
            return items.pop().unwrap_or(Expr::Atom("".into()));
        }
        let mut flat = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Expr::Union(inner) => flat.extend(inner),
                other => flat.push(other),
            }
        }
        Expr::Union(flat)
    }

    pub fn framed(before: impl Into<Cow<'a, str>>, inner: Expr<'a>, after: impl Into<Cow<'a, str>>) -> Expr<'a> {
        Expr::Framed { before: before.into(), inner: Box::new(inner), after: after.into() }
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
            Expr::Framed { before, inner, after } => {
                out.push_str(before);
                inner.write_flat(out);
                out.push_str(after);
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
            Expr::Framed { before, inner, after } => inner.fit(room.checked_sub(width(before) + width(after))?),
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

/// Where an expression is laid out, which decides what ruff does with one
/// that does not fit.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// The last expression of a statement (`x = ...`, `x: ...`,
    /// `return ...`): a union is parenthesised, a name or literal after `=`
    /// or `:` too when that makes it fit (ruff's "best fit").
    Statement,
    /// The same, but never parenthesising a name or literal (the last
    /// variant of ruff's best fit, when the others did not fit).
    Bare,
    /// An item inside brackets: a union breaks before each `|`, at the same
    /// indentation.
    Item,
}

/// Appends `{prefix}{expr}{suffix}` at `indent`, laid out as ruff lays out
/// the last expression of a statement, without a final newline.
pub fn write_statement(out: &mut String, indent: usize, prefix: &str, expr: &Expr, suffix: &str) {
    push_pad(out, indent);
    out.push_str(prefix);
    write_expr(out, indent, 4 * indent + width(prefix), expr, suffix, Context::Statement);
}

/// Appends `{prefix}{expr}{suffix}` at `indent` as an item inside brackets.
fn write_item(out: &mut String, indent: usize, prefix: &str, expr: &Expr, suffix: &str) {
    push_pad(out, indent);
    out.push_str(prefix);
    write_expr(out, indent, 4 * indent + width(prefix), expr, suffix, Context::Item);
}

fn room(used: usize) -> Option<usize> {
    WIDTH.checked_sub(used)
}

/// Whether `expr` and `suffix` fit after `lead` columns.
fn fits(lead: usize, expr: &Expr, suffix: &str) -> bool {
    room(lead + width(suffix)).and_then(|r| expr.fit(r)).is_some()
}

/// Appends `expr` then `suffix` to a line whose first `lead` columns (at
/// `indent`) are written, laid out as ruff would in `context`.
fn write_expr(out: &mut String, indent: usize, lead: usize, expr: &Expr, suffix: &str, context: Context) {
    if fits(lead, expr, suffix) {
        expr.write_flat(out);
        out.push_str(suffix);
        return;
    }
    match expr {
        Expr::Atom(_) | Expr::Keyword { .. } => {
            let after_operator = out.ends_with("= ") || out.ends_with(": ");
            if context == Context::Statement && after_operator && lead < WIDTH && fits(4 * (indent + 1), expr, "") {
                parenthesized(out, indent, expr);
            } else {
                expr.write_flat(out);
            }
            out.push_str(suffix);
        }
        Expr::Union(operands) if context == Context::Item => {
            for (i, operand) in operands.iter().enumerate() {
                let last = i + 1 == operands.len();
                if i == 0 {
                    write_expr(out, indent, lead, operand, if last { suffix } else { "" }, Context::Item);
                } else {
                    out.push('\n');
                    write_item(out, indent, "| ", operand, if last { suffix } else { "" });
                }
            }
        }
        Expr::Union(_) => {
            parenthesized(out, indent, expr);
            out.push_str(suffix);
        }
        Expr::Framed { before, inner, after } => {
            out.push_str(before);
            let suffix = [after.as_ref(), suffix].concat();
            write_expr(out, indent, lead + width(before), inner, &suffix, context);
        }
        // An assignment's value (or a bare annotation) is parenthesised when
        // its bracket does not fit on the line and that makes it fit.
        Expr::Group { head, open, .. }
            if context == Context::Statement
                && (out.ends_with(" = ") || out.ends_with(": "))
                && lead + width(head) + open.len() > WIDTH
                && lead < WIDTH
                && fits(4 * (indent + 1), expr, "") =>
        {
            parenthesized(out, indent, expr);
            out.push_str(suffix);
        }
        Expr::Group { .. } => write_split(out, indent, expr, suffix),
    }
}

/// `(`, `expr` on the lines below one level deeper (a union one operand a
/// line when it does not fit on one), then `)`.
pub fn parenthesized(out: &mut String, indent: usize, expr: &Expr) {
    out.push_str("(\n");
    write_item(out, indent + 1, "", expr, "");
    out.push('\n');
    push_pad(out, indent);
    out.push(')');
}

/// A group split at its brackets: its items on one indented line when they
/// fit there, else one item a line with a trailing comma, each laid out as
/// an item; then its close and `suffix`.
fn write_split(out: &mut String, indent: usize, expr: &Expr, suffix: &str) {
    let Expr::Group { head, open, items, close, explode } = expr else {
        expr.write_flat(out);
        out.push_str(suffix);
        return;
    };
    out.push_str(head);
    out.push_str(open);
    if !items.is_empty() {
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
                write_item(out, indent + 1, "", item, comma);
            }
        }
        out.push('\n');
        push_pad(out, indent);
    }
    out.push_str(close);
    out.push_str(suffix);
}

/// Appends `{target}: {ann}` or `{target}: {ann} = {value}` at `indent`, as
/// ruff lays out an annotated assignment: an annotation that can split (a
/// subscript or a union) is split only when neither the value split at its
/// own brackets nor the value parenthesised makes the statement fit.
pub fn write_annotated(out: &mut String, indent: usize, target: &str, ann: &Expr, value: Option<&Expr>) {
    let Some(value) = value else {
        write_statement(out, indent, &[target, ": "].concat(), ann, "");
        return;
    };
    let splittable = matches!(ann, Expr::Group { .. } | Expr::Union(_));
    let mut head = String::with_capacity(target.len() + 64);
    head.push_str(target);
    head.push_str(": ");
    ann.write_flat(&mut head);
    head.push_str(" = ");
    let lead = 4 * indent + width(&head);
    if fits(lead, value, "") {
        push_pad(out, indent);
        out.push_str(&head);
        value.write_flat(out);
        return;
    }
    // ruff's best fit, measuring each variant's first line only: a call or
    // subscript split at its brackets, else the value parenthesised, else
    // the annotation split (or, when it cannot split, the value split).
    match value {
        Expr::Group { head: callee, open, .. } => {
            if lead + width(callee) + open.len() <= WIDTH || (lead >= WIDTH && !splittable) {
                push_pad(out, indent);
                out.push_str(&head);
                return write_split(out, indent, value, "");
            }
            if lead < WIDTH {
                push_pad(out, indent);
                out.push_str(&head);
                return parenthesized(out, indent, value);
            }
        }
        Expr::Atom(_) | Expr::Keyword { .. } if splittable => {
            if lead < WIDTH {
                push_pad(out, indent);
                out.push_str(&head);
                return parenthesized(out, indent, value);
            }
        }
        _ => return write_statement(out, indent, &head, value, ""),
    }
    // The annotation split, the value after it.
    push_pad(out, indent);
    out.push_str(target);
    out.push_str(": ");
    match ann {
        Expr::Union(_) => parenthesized(out, indent, ann),
        _ => write_split(out, indent, ann, ""),
    }
    out.push_str(" = ");
    let lead = out.len() - out.rfind('\n').map_or(0, |i| i + 1);
    let lead = if out[out.len() - lead..].is_ascii() { lead } else { width(&out[out.len() - lead..]) };
    write_expr(out, indent, lead, value, "", Context::Bare);
}

/// Appends a `def` statement's head at `indent`: `{def}{name}(...) -> {ret}:`,
/// the parameters on one indented line when they fit there, else one a
/// line; a return annotation that does not fit after them is
/// parenthesised when it is a union.
pub fn write_def(out: &mut String, indent: usize, def: &str, name: &str, params: &[Expr], ret: &Expr) {
    let group =
        Expr::Group { head: name.into(), open: "(", items: params.to_vec(), close: ") -> ".into(), explode: false };
    push_pad(out, indent);
    out.push_str(def);
    let lead = 4 * indent + width(def);
    if room(lead + 1).and_then(|r| group.fit(r)).and_then(|r| ret.fit(r)).is_some() {
        group.write_flat(out);
        ret.write_flat(out);
        out.push(':');
        return;
    }
    if let [only] = params {
        // A def's lone parameter gets a trailing comma when split (black's
        // and ruff's rule for a parameter list without commas).
        out.extend([name, "(\n"]);
        push_pad(out, indent + 1);
        only.write_flat(out);
        out.push_str(",\n");
        push_pad(out, indent);
        out.push_str(") -> ");
    } else {
        write_split(out, indent, &group, "");
    }
    // `) -> ` starts the line.
    write_expr(out, indent, 4 * indent + 5, ret, ":", Context::Bare);
}

/// `from module import a, b`, or one name a line in parentheses.
pub fn import_from(module: &str, names: &[impl AsRef<str>]) -> String {
    let mut out = String::new();
    write_import_from(&mut out, module, names);
    out
}

/// Appends [`import_from`]`(module, names)` to `out`.
pub fn write_import_from(out: &mut String, module: &str, names: &[impl AsRef<str>]) {
    write_import_from_at(out, 0, module, names);
}

/// Appends [`import_from`]`(module, names)` to `out`, indented by `indent`
/// levels (in an `if TYPE_CHECKING:` block).
pub fn write_import_from_at(out: &mut String, indent: usize, module: &str, names: &[impl AsRef<str>]) {
    let pad = "    ".repeat(indent);
    let line = pad.len() + "from  import ".len() + width(module) + items_width_str(names);
    out.push_str(&pad);
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
        out.extend([pad.as_str(), "    ", n.as_ref(), ",\n"]);
    }
    out.push_str(&pad);
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

    fn annotated(target: &str, ann: &Expr, value: Option<&Expr>) -> String {
        let mut out = String::new();
        write_annotated(&mut out, 1, target, ann, value);
        out
    }

    /// As `ruff format` 0.17 printed them.
    #[test]
    fn annotated_assignments() {
        let long = "T3OrderLineV2SomethingLongT3OrderLineV2SomethingLongT3OrderLineV2SomethingLong";
        let list = Expr::subscript("list", atoms(&[long]));
        let dict = Expr::subscript("dict", vec![Expr::atom("str"), list.clone()]);
        let ann = Expr::union(vec![dict.clone(), Expr::atom("None")]);
        assert_eq!(
            annotated("f_something", &ann, Some(&Expr::atom("None"))),
            format!(
                "    f_something: (\n        dict[\n            str,\n            list[\n                {long}\n            ],\n        ]\n        | None\n    ) = None"
            )
        );
        assert_eq!(
            annotated("f_something", &dict, None),
            format!("    f_something: dict[\n        str,\n        list[\n            {long}\n        ],\n    ]")
        );
        let short = Expr::subscript("list", atoms(&["T3OrderLineV2SomethingLongT3OrderLineV2SomethingLongT3Order"]));
        assert_eq!(
            annotated("f_something", &short, Some(&Expr::call("Field", atoms(&["default_factory=list"])))),
            "    f_something: list[T3OrderLineV2SomethingLongT3OrderLineV2SomethingLongT3Order] = (\n        Field(default_factory=list)\n    )"
        );
        let value = "\"t1_amount_v2_updated_value_filter_http2_identifier_region\"";
        let kind =
            Expr::subscript("Literal", atoms(&["\"t1_amount_v2_updated_value_filter_http2_identifier_region_xx\""]));
        assert_eq!(
            annotated("kind", &kind, Some(&Expr::atom(value))),
            format!(
                "    kind: Literal[\"t1_amount_v2_updated_value_filter_http2_identifier_region_xx\"] = (\n        {value}\n    )"
            )
        );
        let name = "a_very_long_field_name_for_testing_purposes_here_and_there_more_and_more_yes";
        assert_eq!(
            annotated(name, &Expr::atom("str"), Some(&Expr::call("Field", atoms(&["default=None", "max_length=3"])))),
            format!("    {name}: str = Field(\n        default=None, max_length=3\n    )")
        );
        assert_eq!(
            annotated(&[name, "_xx"].concat(), &Expr::atom("T9VeryLongTypeNameHere"), None),
            format!("    {name}_xx: (\n        T9VeryLongTypeNameHere\n    )")
        );
    }

    #[test]
    fn parameters_and_return_annotations() {
        let long = "T3OrderLineV2SomethingLongT3OrderLineV2SomethingLongT3OrderLineV2";
        let dict = || Expr::subscript("dict", vec![Expr::atom("str"), Expr::subscript("list", atoms(&[long]))]);
        let params = vec![
            Expr::atom("self"),
            Expr::atom("*"),
            Expr::atom("a: int"),
            Expr::framed("b: ", Expr::union(vec![dict(), dict(), Expr::atom("None")]), " = None"),
        ];
        let mut out = String::new();
        write_def(&mut out, 0, "def ", "g", &params, &Expr::subscript("list", atoms(&["int"])));
        assert_eq!(
            out,
            format!(
                "def g(\n    self,\n    *,\n    a: int,\n    b: dict[\n        str, list[{long}]\n    ]\n    | dict[str, list[{long}]]\n    | None = None,\n) -> list[int]:"
            )
        );
        let mut out = String::new();
        let ret = Expr::union(vec![dict(), Expr::atom("None")]);
        write_def(&mut out, 0, "def ", "g", &atoms(&["self", "*", "a: int"]), &ret);
        assert_eq!(out, format!("def g(\n    self, *, a: int\n) -> (\n    dict[str, list[{long}]]\n    | None\n):"));
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
