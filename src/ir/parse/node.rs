//! Reading one KDL node: its arguments and properties, each converted to the
//! value the IR expects or reported (wrong type, missing, unknown, repeated).
//!
//! A `Node` reads a node of a `tree::Tree`; `finish` reports the properties
//! it does not accept as unknown, with a "did you mean" among the ones it
//! does. Messages are formatted only when there is something to report.

use super::texpr::{self, TextMap};
use super::tree::{Entry, NodeId, Tree, Value};
use crate::diag::Diagnostic;
use crate::ir::ast::{Deprecated, Docs, Ident, Span, Spanned, TypeExpr};
use crate::ir::check::suggest;
use std::fmt::Display;

/// Nodes with more entries than this find repeated properties with a map.
const LINEAR_LIMIT: usize = 16;

/// A node being read.
pub struct Node<'a> {
    tree: &'a Tree<'a>,
    id: NodeId,
    src: &'a str,
    /// The node's name as written (`field`, `function`, ...).
    pub name: &'a str,
    pub span: Span,
    entries: &'a [Entry<'a>],
    /// Indices of the properties already set by an earlier entry (reported
    /// when the node was opened, ignored after).
    repeated: Vec<usize>,
}

/// How a value is named in messages: `the string "x"`, `the integer 3`.
pub fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the string {s:?}"),
        Value::Integer(i) => format!("the integer {i}"),
        Value::Float(x) => format!("the number {x:?}"),
        Value::Bool(b) => format!("#{b}"),
        Value::Null => "#null".to_owned(),
    }
}

impl<'a> Node<'a> {
    /// Opens node `id` of `tree`, reporting every property set twice.
    pub fn new(tree: &'a Tree<'a>, id: NodeId, src: &'a str, diags: &mut Vec<Diagnostic>) -> Node<'a> {
        let node = tree.node(id);
        let entries = tree.entries(id);
        let repeated = repeated(entries);
        for &i in &repeated {
            let (e, key) = (&entries[i], entries[i].key().unwrap_or_default());
            let first = entries.iter().find(|f| f.key() == Some(key)).map_or(e.span, |f| f.span);
            let msg = format!("property `{key}` is set twice");
            diags.push(
                Diagnostic::error("mizan::duplicate-property", msg, e.span)
                    .label("set again here")
                    .related(first, "first set here")
                    .help("KDL keeps the last value silently; the IR is machine-written, so this is a backend bug"),
            );
        }
        Node { tree, id, src, name: &node.name, span: node.span, entries, repeated }
    }

    /// The span of the node's name.
    pub fn name_span(&self) -> Span {
        self.tree.node(self.id).name_span
    }

    /// The children of the node, in order.
    pub fn children(&self) -> impl Iterator<Item = NodeId> + use<'a> {
        self.tree.children(self.id)
    }

    /// Opens child `id` (see `new`).
    pub fn child(&self, id: NodeId, diags: &mut Vec<Diagnostic>) -> Node<'a> {
        Node::new(self.tree, id, self.src, diags)
    }

    fn args(&self) -> impl Iterator<Item = &'a Entry<'a>> + use<'a> {
        self.entries.iter().filter(|e| e.key.is_none())
    }

    /// The `i`th argument, or an error naming `what` it should be.
    pub fn arg(&self, i: usize, what: impl Display, diags: &mut Vec<Diagnostic>) -> Option<&'a Entry<'a>> {
        let found = self.args().nth(i);
        if found.is_none() {
            let msg = format!("`{}` needs {what}", self.name);
            let after = self.entries.last().map_or(self.name_span(), |e| e.span);
            diags.push(
                Diagnostic::error("mizan::missing-argument", msg, Span::new(after.end(), 0))
                    .label(format!("expected {what} here")),
            );
        }
        found
    }

    /// A property (its first setting).
    pub fn prop(&self, key: &str) -> Option<&'a Entry<'a>> {
        self.entries.iter().find(|e| e.key() == Some(key))
    }

    /// Reports extra arguments, unknown properties and unexpected children.
    pub fn finish(&self, max_args: usize, known: &[&str], children: bool, diags: &mut Vec<Diagnostic>) {
        for e in self.args().skip(max_args) {
            let msg = format!("unexpected argument {} to `{}`", e.written(), self.name);
            let help = match max_args {
                0 => format!("`{}` takes no arguments", self.name),
                1 => format!("`{}` takes one argument; anything else is a property, written `key=value`", self.name),
                n => format!("`{}` takes {n} arguments; anything else is a property, written `key=value`", self.name),
            };
            diags.push(Diagnostic::error("mizan::unexpected-argument", msg, e.span).label("not expected").help(help));
        }
        for (i, e) in self.entries.iter().enumerate() {
            let Some(key) = e.key() else { continue };
            if known.contains(&key) || self.repeated.binary_search(&i).is_ok() {
                continue;
            }
            let msg = format!("unknown property `{key}` on `{}`", self.name);
            let d = Diagnostic::error("mizan::unknown-property", msg, e.span).label("unknown property");
            diags.push(match suggest::did_you_mean(key, known.iter().copied()) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None if known.is_empty() => d.help(format!("`{}` takes no properties", self.name)),
                None => d.help(format!("`{}` accepts: {}", self.name, known.join(", "))),
            });
        }
        if let (false, Some(block)) = (children, &self.tree.node(self.id).block) {
            let msg = format!("`{}` takes no children block", self.name);
            let span = self.block_span().unwrap_or(block.span);
            diags.push(Diagnostic::error("mizan::unexpected-children", msg, span).label("remove this block"));
        }
    }

    /// The `{ ... }` of the node, found in the source after its last entry.
    fn block_span(&self) -> Option<Span> {
        let from = self.entries.last().map_or(self.name_span(), |e| e.span).end();
        let open = from + self.src.get(from..self.span.end())?.find('{')?;
        let close = self.span.end().checked_sub(1).filter(|c| self.src.as_bytes().get(*c) == Some(&b'}'))?;
        Some(Span::new(open, close + 1 - open))
    }

    /// A string argument or property value, as written.
    pub fn str(&self, e: &'a Entry<'a>, what: impl Display, diags: &mut Vec<Diagnostic>) -> Option<Spanned<&'a str>> {
        match &e.value {
            Value::String(s) => Some(Spanned::new(s.as_ref(), e.value_span)),
            v => {
                diags.push(wrong_type(e, what, v));
                None
            }
        }
    }

    /// `str`, owned.
    pub fn string(&self, e: &'a Entry<'a>, what: impl Display, diags: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        self.str(e, what, diags).map(|s| Spanned::new(s.value.to_owned(), s.span))
    }

    /// A string property, when present.
    pub fn string_prop(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        self.prop(key).and_then(|e| self.string(e, format_args!("`{key}` to be a string"), diags))
    }

    /// A boolean flag: `key=#true`; absent or `#false` is `None`.
    pub fn flag(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Span> {
        let e = self.prop(key)?;
        match &e.value {
            Value::Bool(true) => Some(e.span),
            Value::Bool(false) => None,
            v => {
                diags.push(wrong_type(e, format_args!("`{key}` to be #true or #false"), v));
                None
            }
        }
    }

    /// A non-negative integer property.
    pub fn uint(&self, key: &str, max: u64, diags: &mut Vec<Diagnostic>) -> Option<Spanned<u64>> {
        let e = self.prop(key)?;
        match &e.value {
            Value::Integer(i) if *i >= 0 && *i <= i128::from(max) => Some(Spanned::new(*i as u64, e.value_span)),
            Value::Integer(i) if *i > 0 => {
                let msg = format!("`{key}` is too large: {i} (at most {max})");
                diags.push(Diagnostic::error("mizan::invalid-value", msg, e.value_span).label("too large"));
                None
            }
            v => {
                diags.push(wrong_type(e, format_args!("`{key}` to be a non-negative integer"), v));
                None
            }
        }
    }

    /// A name argument, checked against `rule`.
    pub fn ident(&self, e: &'a Entry<'a>, kind: &str, rule: NameRule, diags: &mut Vec<Diagnostic>) -> Option<Ident> {
        let s = self.str(e, format_args!("a {kind} name"), diags)?;
        if !rule.accepts(s.value) {
            let msg = format!("{kind} name {:?} is not valid", s.value);
            diags.push(Diagnostic::error("mizan::invalid-name", msg, s.span).label("invalid name").help(rule.help()));
            return None;
        }
        Some(Ident { wire: s.value.to_owned(), span: s.span })
    }

    /// A type expression argument or property value.
    pub fn type_expr(&self, e: &'a Entry<'a>, diags: &mut Vec<Diagnostic>) -> Option<TypeExpr> {
        let s = self.str(e, "a type expression", diags)?;
        let map = TextMap::new(s.span, e.repr.unwrap_or(s.value), s.value);
        texpr::parse(s.value, map).map_err(|d| diags.push(*d)).ok()
    }

    /// `doc=` and `deprecated=`.
    pub fn docs(&self, diags: &mut Vec<Diagnostic>) -> Docs {
        let doc = self.string_prop("doc", diags).map(|s| s.value);
        let deprecated = self.prop("deprecated").and_then(|e| match &e.value {
            Value::Bool(true) => Some(Deprecated { reason: None }),
            Value::Bool(false) => None,
            Value::String(s) => Some(Deprecated { reason: Some(s.to_string()) }),
            v => {
                diags.push(wrong_type(e, "`deprecated` to be #true or a reason string", v));
                None
            }
        });
        Docs { doc, deprecated }
    }
}

/// Indices of the properties whose key an earlier entry already set.
fn repeated(entries: &[Entry]) -> Vec<usize> {
    let mut out = Vec::new();
    if entries.len() <= LINEAR_LIMIT {
        for (i, e) in entries.iter().enumerate() {
            let Some(key) = e.key() else { continue };
            if entries[..i].iter().any(|f| f.key() == Some(key)) {
                out.push(i);
            }
        }
        return out;
    }
    let mut seen = rustc_hash::FxHashSet::default();
    for (i, e) in entries.iter().enumerate() {
        if let Some(key) = e.key()
            && !seen.insert(key)
        {
            out.push(i);
        }
    }
    out
}

/// `expected` says what was expected: "`min` to be a number".
pub fn wrong_type(e: &Entry, expected: impl Display, found: &Value) -> Diagnostic {
    let msg = format!("expected {expected}, found {}", describe(found));
    let d = Diagnostic::error("mizan::wrong-value-type", msg, e.value_span).label("wrong type of value");
    match found {
        Value::String(s) if s == "true" || s == "false" => d.help(format!("KDL v2 writes booleans as `#{s}`")),
        Value::String(s) if s == "null" => d.help("KDL v2 writes null as `#null`"),
        Value::String(s) if s.parse::<f64>().is_ok() => d.help(format!("write the number without quotes: {s}")),
        _ => d,
    }
}

/// The syntax a kind of name must have (spec §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRule {
    /// `[A-Za-z_][A-Za-z0-9_]*`: types, params.
    Ident,
    /// Identifiers joined by dots: functions.
    Dotted,
    /// `[A-Za-z_][A-Za-z0-9_-]*`: contexts, channels, forms.
    Dashed,
    /// Any non-empty string: fields, enum values.
    NonEmpty,
    /// A function or a context: `affects` targets.
    Reference,
}

impl NameRule {
    pub fn accepts(self, s: &str) -> bool {
        let dashed = |s: &str| {
            s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        };
        match self {
            NameRule::Ident => crate::names::is_ascii_ident(s),
            NameRule::Dotted => s.split('.').all(crate::names::is_ascii_ident),
            NameRule::Dashed => dashed(s),
            NameRule::NonEmpty => !s.is_empty(),
            NameRule::Reference => NameRule::Dotted.accepts(s) || dashed(s),
        }
    }

    fn help(self) -> &'static str {
        match self {
            NameRule::Ident => "names are ASCII letters, digits and `_`, not starting with a digit",
            NameRule::Dotted => "function names are identifiers (ASCII letters, digits, `_`) joined by `.`",
            NameRule::Dashed => "names are ASCII letters, digits, `_` and `-`, starting with a letter or `_`",
            NameRule::NonEmpty => "a name cannot be empty",
            NameRule::Reference => "write the name of a context or, with `kind=function`, of a function",
        }
    }
}
