//! Line layout the way `ruff format` prints Python (line length 88, 4-space
//! indent, magic trailing commas): a statement is one line when it fits;
//! otherwise its last bracket is split, its contents go on one indented
//! line when they fit there, else one item a line with a trailing comma,
//! recursively. An assignment whose head alone is too long gets its value
//! parenthesised. The test suite runs `ruff format --check` on every
//! fixture's output to keep this in step with ruff.

pub const WIDTH: usize = 88;

/// An expression the layout may split: plain text, or a bracketed group.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Atom(String),
    /// `head` + `open` + items + `close`: a call, subscript, collection
    /// literal or a `def` signature (whose `close` carries the return
    /// annotation). `explode`: a collection literal, which ruff splits one
    /// item a line, never onto a single indented line.
    Group {
        head: String,
        open: &'static str,
        items: Vec<Expr>,
        close: String,
        explode: bool,
    },
}

impl Expr {
    pub fn atom(s: impl Into<String>) -> Expr {
        Expr::Atom(s.into())
    }

    pub fn call(head: impl Into<String>, items: Vec<Expr>) -> Expr {
        Expr::Group { head: head.into(), open: "(", items, close: ")".to_owned(), explode: false }
    }

    /// A `def` head: `close` is `) -> R`.
    pub fn def(head: impl Into<String>, items: Vec<Expr>, close: String) -> Expr {
        Expr::Group { head: head.into(), open: "(", items, close, explode: false }
    }

    pub fn subscript(head: impl Into<String>, items: Vec<Expr>) -> Expr {
        Expr::Group { head: head.into(), open: "[", items, close: "]".to_owned(), explode: false }
    }

    /// A dict literal, after `head` (e.g. `files=`).
    pub fn dict(head: impl Into<String>, entries: Vec<Expr>) -> Expr {
        Expr::Group { head: head.into(), open: "{", items: entries, close: "}".to_owned(), explode: true }
    }

    pub fn tuple(items: Vec<Expr>) -> Expr {
        Expr::Group { head: String::new(), open: "(", items, close: ")".to_owned(), explode: true }
    }

    pub fn list(items: Vec<Expr>) -> Expr {
        Expr::Group { head: String::new(), open: "[", items, close: "]".to_owned(), explode: true }
    }

    /// The one-line form.
    pub fn flat(&self) -> String {
        match self {
            Expr::Atom(s) => s.clone(),
            Expr::Group { head, open, items, close, .. } => {
                let inner: Vec<String> = items.iter().map(Expr::flat).collect();
                // A one-item tuple needs its comma.
                let comma = if *open == "(" && head.is_empty() && items.len() == 1 { "," } else { "" };
                format!("{head}{open}{}{comma}{close}", inner.join(", "))
            }
        }
    }
}

fn width(s: &str) -> usize {
    s.chars().count()
}

pub fn pad(indent: usize) -> String {
    "    ".repeat(indent)
}

/// `{prefix}{expr}{suffix}` at `indent`, laid out as ruff would, without a
/// final newline.
pub fn statement(indent: usize, prefix: &str, expr: &Expr, suffix: &str) -> String {
    let p = pad(indent);
    let line = format!("{p}{prefix}{}{suffix}", expr.flat());
    let Expr::Group { head, open, items, close, explode } = expr else { return line };
    if width(&line) <= WIDTH || items.is_empty() {
        return line;
    }
    let head_line = format!("{p}{prefix}{head}{open}");
    if width(&head_line) > WIDTH && prefix.ends_with("= ") {
        return format!("{p}{prefix}(\n{}\n{p}){suffix}", statement(indent + 1, "", expr, ""));
    }
    let inner = pad(indent + 1);
    let body = items.iter().map(Expr::flat).collect::<Vec<_>>().join(", ");
    let tuple_comma = if *open == "(" && head.is_empty() && items.len() == 1 { "," } else { "" };
    if !explode && width(&format!("{inner}{body}{tuple_comma}")) <= WIDTH {
        return format!("{head_line}\n{inner}{body}{tuple_comma}\n{p}{close}{suffix}");
    }
    let mut out = head_line;
    // One item that is split itself gets no comma (it would change a
    // subscript's meaning, and ruff adds none); a tuple keeps its comma.
    let comma = if items.len() == 1 && !explode { "" } else { "," };
    for item in items {
        out.push('\n');
        out.push_str(&statement(indent + 1, "", item, comma));
    }
    out.push_str(&format!("\n{p}{close}{suffix}"));
    out
}

/// `from module import a, b`, or one name a line in parentheses.
pub fn import_from(module: &str, names: &[String]) -> String {
    let line = format!("from {module} import {}", names.join(", "));
    if width(&line) <= WIDTH {
        return line;
    }
    let mut out = format!("from {module} import (\n");
    for n in names {
        out.push_str(&format!("    {n},\n"));
    }
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atoms(items: &[&str]) -> Vec<Expr> {
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
        assert_eq!(import_from(".models", &["A".into(), "B".into()]), "from .models import A, B");
        let many: Vec<String> = (0..12).map(|i| format!("TypeNumber{i}")).collect();
        assert!(import_from(".models", &many).starts_with("from .models import (\n    TypeNumber0,\n"));
    }

    #[test]
    fn one_item_tuples_keep_their_comma() {
        assert_eq!(Expr::tuple(atoms(&["A"])).flat(), "(A,)");
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
