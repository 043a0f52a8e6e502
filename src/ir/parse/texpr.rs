//! Type expressions (spec §3): `T := prim | Name | list<T> | map<T> | T?`.
//!
//! The expression is the text of one KDL string; `TextMap` maps a byte
//! position inside that text back to the source, so an error (and every
//! sub-expression's span) points at the character, not the whole string.

use crate::diag::Diagnostic;
use crate::ir::ast::{Prim, Span, TypeExpr, TypeExprKind};

/// The code of a malformed type expression.
pub const BAD_TYPE: &str = "mizan::bad-type-expr";

/// Deepest `list<`/`map<` nesting accepted; the parser recurses per level.
pub const MAX_NESTING: usize = 32;

/// Where the characters of a string value sit in the source.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextMap {
    base: usize,
    /// False for escaped, raw or multi-line strings, whose text does not
    /// map byte-for-byte: every position then falls back to the whole value.
    exact: bool,
    whole: Span,
}

impl TextMap {
    /// `value_span` is the value as written (quotes included), `repr` its
    /// source text and `text` the decoded string.
    pub fn new(value_span: Span, repr: &str, text: &str) -> TextMap {
        let quoted = repr.len() == text.len() + 2
            && repr.starts_with('"')
            && !repr.starts_with("\"\"\"")
            && repr.get(1..repr.len() - 1) == Some(text);
        if repr == text {
            TextMap { base: value_span.offset, exact: true, whole: value_span }
        } else if quoted {
            TextMap { base: value_span.offset + 1, exact: true, whole: value_span }
        } else {
            TextMap { base: value_span.offset, exact: false, whole: value_span }
        }
    }

    /// A map for text that is its own source (tests).
    #[cfg(test)]
    pub fn identity(len: usize) -> TextMap {
        TextMap { base: 0, exact: true, whole: Span::new(0, len) }
    }

    /// The source span of bytes `start..start + len` of the text.
    pub fn span(&self, start: usize, len: usize) -> Span {
        if self.exact { Span::new(self.base + start, len) } else { self.whole }
    }
}

/// Parses a whole type expression.
pub fn parse(text: &str, map: TextMap) -> Result<TypeExpr, Box<Diagnostic>> {
    let mut p = Parser { text, pos: 0, map, depth: 0 };
    p.ws();
    if p.pos == text.len() {
        return Err(Box::new(
            Diagnostic::error(BAD_TYPE, "empty type expression", map.span(0, text.len()))
                .label("expected a type")
                .help("write a type such as `string`, `list<int>` or `User?`"),
        ));
    }
    let expr = p.expr()?;
    p.ws();
    match p.peek() {
        None => Ok(expr),
        Some('<') => Err(Box::new(
            p.err("only `list` and `map` take a type argument", "unexpected `<`")
                .help(format!("did you mean `list<...>`? a named type such as `{}` takes no argument", p.slice(&expr))),
        )),
        Some(c) => Err(Box::new(p.err(format!("unexpected `{c}` after the type"), "the type ended before this"))),
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    map: TextMap,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn ws(&mut self) {
        while let Some(c) = self.peek().filter(|c| c.is_whitespace()) {
            self.pos += c.len_utf8();
        }
    }

    fn here(&self) -> Span {
        self.map.span(self.pos, self.peek().map_or(0, char::len_utf8))
    }

    fn err(&self, message: impl Into<String>, label: &str) -> Diagnostic {
        Diagnostic::error(BAD_TYPE, message, self.here()).label(label)
    }

    fn slice(&self, e: &TypeExpr) -> &str {
        let start = e.span.offset.saturating_sub(self.map.base);
        self.text.get(start..start + e.span.len).unwrap_or(self.text)
    }

    fn node(&self, kind: TypeExprKind, start: usize) -> TypeExpr {
        TypeExpr { kind, span: self.map.span(start, self.pos - start) }
    }

    fn ident(&mut self) -> Option<&'a str> {
        let start = self.pos;
        let text: &'a str = self.text;
        let rest = &text[start..];
        let first = rest.chars().next().filter(|c| c.is_ascii_alphabetic() || *c == '_')?;
        let len = first.len_utf8() + rest[1..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').count();
        self.pos += len;
        Some(&text[start..start + len])
    }

    fn expr(&mut self) -> Result<TypeExpr, Box<Diagnostic>> {
        let start = self.pos;
        let Some(name) = self.ident() else {
            let found = self.peek().map_or("the end".to_owned(), |c| format!("`{c}`"));
            return Err(Box::new(
                self.err(format!("expected a type name, found {found}"), "expected a type here").help(
                    "a type is a primitive (`string`, `int`, ...), a declared name, `list<T>`, `map<T>`, or `T?`",
                ),
            ));
        };
        let mut expr = match name {
            "list" | "map" => self.generic(name == "list", start)?,
            _ => {
                let kind =
                    Prim::from_name(name).map_or_else(|| TypeExprKind::Named(name.to_owned()), TypeExprKind::Prim);
                self.node(kind, start)
            }
        };
        let before_ws = self.pos;
        self.ws();
        if self.peek() == Some('?') {
            self.pos += 1;
            expr = self.node(TypeExprKind::Nullable(Box::new(expr)), start);
            self.ws();
            if self.peek() == Some('?') {
                let d = Diagnostic::error("mizan::double-nullable", "a type is nullable at most once", self.here());
                return Err(Box::new(d.label("second `?`").help("`T?` already admits `null`; remove this `?`")));
            }
        } else {
            self.pos = before_ws;
        }
        Ok(expr)
    }

    fn generic(&mut self, list: bool, start: usize) -> Result<TypeExpr, Box<Diagnostic>> {
        let name = if list { "list" } else { "map" };
        self.ws();
        if self.peek() != Some('<') {
            return Err(Box::new(
                self.err(format!("`{name}` needs an element type"), "expected `<`")
                    .help(format!("write `{name}<T>`, for example `{name}<string>`")),
            ));
        }
        let open = self.pos;
        self.pos += 1;
        self.ws();
        self.depth += 1;
        if self.depth > MAX_NESTING {
            let msg = format!("type expression nests more than {MAX_NESTING} deep");
            let d = Diagnostic::error(BAD_TYPE, msg, self.map.span(open, 1)).label("too deep");
            return Err(Box::new(d.help("no API needs this; name an inner part with `alias`")));
        }
        let inner = self.expr()?;
        self.depth -= 1;
        self.ws();
        match self.peek() {
            Some('>') => {
                self.pos += 1;
                let kind = if list { TypeExprKind::List(Box::new(inner)) } else { TypeExprKind::Map(Box::new(inner)) };
                Ok(self.node(kind, start))
            }
            Some(',') if !list => Err(Box::new(
                self.err("`map` takes one type argument: its keys are always strings", "unexpected `,`")
                    .help("write `map<V>` for a JSON object with string keys and `V` values"),
            )),
            _ => Err(Box::new(
                self.err(format!("expected `>` to close `{name}<`"), "expected `>`")
                    .related(self.map.span(open, 1), "opened here"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> TypeExpr {
        parse(s, TextMap::identity(s.len())).unwrap_or_else(|d| panic!("{s}: {}", d.message))
    }

    fn err(s: &str) -> Diagnostic {
        *parse(s, TextMap::identity(s.len())).expect_err(s)
    }

    fn inner(e: &TypeExpr) -> &TypeExpr {
        match &e.kind {
            TypeExprKind::List(t) | TypeExprKind::Map(t) | TypeExprKind::Nullable(t) => t,
            _ => panic!("no inner: {e:?}"),
        }
    }

    #[test]
    fn spans_point_inside_the_string() {
        let e = ok("map<list<Usr>>");
        assert_eq!(e.span, Span::new(0, 14));
        let l = inner(&e);
        assert_eq!(l.span, Span::new(4, 9));
        assert_eq!(inner(l).span, Span::new(9, 3));
        assert_eq!(inner(l).kind, TypeExprKind::Named("Usr".into()));
    }

    #[test]
    fn whitespace_and_nullable() {
        let e = ok(" map< list<int> > ? ");
        assert!(matches!(e.kind, TypeExprKind::Nullable(_)));
        assert_eq!(e.span, Span::new(1, 18));
        assert_eq!(inner(inner(inner(&e))).kind, TypeExprKind::Prim(Prim::Int));
        assert_eq!(ok("list<upload>?").span.len, 13);
        assert_eq!(ok("string").kind, TypeExprKind::Prim(Prim::String));
    }

    #[test]
    fn errors_point_at_the_character() {
        let d = err("list<int");
        assert_eq!((d.code, d.span), (BAD_TYPE, Span::new(8, 0)));
        assert_eq!(d.related[0].0, Span::new(4, 1));
        assert_eq!(err("map<string, int>").span, Span::new(10, 1));
        assert_eq!(err("int??").code, "mizan::double-nullable");
        assert_eq!(err("int??").span, Span::new(4, 1));
        assert_eq!(err("list").span, Span::new(4, 0));
        assert_eq!(err("").message, "empty type expression");
        assert_eq!(err("User<int>").span, Span::new(4, 1));
        assert_eq!(err("int x").span, Span::new(4, 1));
        assert_eq!(err("list<>").span, Span::new(5, 1));
        assert_eq!(err("é").span, Span::new(0, 2));
        let deep = format!("{}int{}", "list<".repeat(100_000), ">".repeat(100_000));
        assert_eq!(err(&deep).span, Span::new(5 * MAX_NESTING + 4, 1));
    }

    #[test]
    fn text_map_offsets() {
        let m = TextMap::new(Span::new(10, 7), "\"a<b>\"", "a<b>");
        assert_eq!(m.span(2, 1), Span::new(13, 1));
        let bare = TextMap::new(Span::new(10, 3), "int", "int");
        assert_eq!(bare.span(1, 1), Span::new(11, 1));
        let raw = TextMap::new(Span::new(10, 9), "#\"a<b>\"#", "a<b>");
        assert_eq!(raw.span(2, 1), Span::new(10, 9));
        let escaped = TextMap::new(Span::new(0, 8), "\"a\\u{3c}\"", "a<");
        assert_eq!(escaped.span(1, 1), Span::new(0, 8));
    }
}
