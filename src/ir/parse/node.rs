//! Reading one KDL node: its arguments and properties, each converted to the
//! value the IR expects or reported (wrong type, missing, unknown, repeated).
//!
//! A `Node` remembers which properties were read; `finish` reports the rest
//! as unknown, with a "did you mean" among the ones the node accepts.

use super::texpr::{self, TextMap};
use crate::diag::Diagnostic;
use crate::ir::ast::{Deprecated, Docs, Ident, Span, Spanned, TypeExpr};
use crate::ir::check::suggest;
use kdl::{KdlEntry, KdlNode, KdlValue};
use std::cell::RefCell;
use std::collections::HashMap;

/// A node being read, and the diagnostics of the whole parse.
pub struct Node<'a> {
    pub kdl: &'a KdlNode,
    src: &'a str,
    /// The node's name as written (`field`, `function`, ...).
    pub name: &'a str,
    pub span: Span,
    args: Vec<&'a KdlEntry>,
    props: Vec<(&'a str, &'a KdlEntry)>,
    read: RefCell<Vec<&'a str>>,
}

/// The span of an entry's value alone (a property's span starts at its key).
pub fn value_span(e: &KdlEntry) -> Span {
    let whole = Span::from(e.span());
    match e.format() {
        Some(f) if e.name().is_some() && f.value_repr.len() <= whole.len => {
            Span::new(whole.end() - f.value_repr.len(), f.value_repr.len())
        }
        _ => whole,
    }
}

/// How a value is named in messages: `the string "x"`, `the integer 3`.
pub fn describe(v: &KdlValue) -> String {
    match v {
        KdlValue::String(s) => format!("the string {s:?}"),
        KdlValue::Integer(i) => format!("the integer {i}"),
        KdlValue::Float(x) => format!("the number {x:?}"),
        KdlValue::Bool(b) => format!("#{b}"),
        KdlValue::Null => "#null".to_owned(),
    }
}

impl<'a> Node<'a> {
    pub fn new(kdl: &'a KdlNode, src: &'a str, diags: &mut Vec<Diagnostic>) -> Node<'a> {
        let mut args = Vec::new();
        let mut props: Vec<(&str, &KdlEntry)> = Vec::new();
        let mut seen: HashMap<&str, &KdlEntry> = HashMap::new();
        for e in kdl.entries() {
            let Some(key) = e.name() else {
                args.push(e);
                continue;
            };
            if let Some(first) = seen.get(key.value()) {
                let msg = format!("property `{}` is set twice", key.value());
                diags.push(
                    Diagnostic::error("mizan::duplicate-property", msg, e.span().into())
                        .label("set again here")
                        .related(first.span().into(), "first set here")
                        .help("KDL keeps the last value silently; the IR is machine-written, so this is a backend bug"),
                );
                continue;
            }
            seen.insert(key.value(), e);
            props.push((key.value(), e));
        }
        Node {
            kdl,
            src,
            name: kdl.name().value(),
            span: kdl.span().into(),
            args,
            props,
            read: RefCell::new(Vec::new()),
        }
    }

    /// The whole source text.
    pub fn src(&self) -> &'a str {
        self.src
    }

    /// The span of the node's name.
    pub fn name_span(&self) -> Span {
        self.kdl.name().span().into()
    }

    /// The `i`th argument, or an error naming `what` it should be.
    pub fn arg(&self, i: usize, what: &str, diags: &mut Vec<Diagnostic>) -> Option<&'a KdlEntry> {
        let found = self.args.get(i).copied();
        if found.is_none() {
            let msg = format!("`{}` needs {what}", self.name);
            let after = self.kdl.entries().last().map_or(self.name_span(), |e| e.span().into());
            diags.push(
                Diagnostic::error("mizan::missing-argument", msg, Span::new(after.end(), 0))
                    .label(format!("expected {what} here")),
            );
        }
        found
    }

    /// A property, marked as read.
    pub fn prop(&self, key: &'a str) -> Option<&'a KdlEntry> {
        self.read.borrow_mut().push(key);
        self.props.iter().find(|(k, _)| *k == key).map(|(_, e)| *e)
    }

    /// Reports extra arguments, unknown properties and unexpected children.
    pub fn finish(&self, max_args: usize, known: &[&str], children: bool, diags: &mut Vec<Diagnostic>) {
        for e in self.args.iter().skip(max_args) {
            let written = e.format().map_or_else(|| e.value().to_string(), |f| f.value_repr.clone());
            let msg = format!("unexpected argument {written} to `{}`", self.name);
            let help = match max_args {
                0 => format!("`{}` takes no arguments", self.name),
                1 => format!("`{}` takes one argument; anything else is a property, written `key=value`", self.name),
                n => format!("`{}` takes {n} arguments; anything else is a property, written `key=value`", self.name),
            };
            diags.push(
                Diagnostic::error("mizan::unexpected-argument", msg, e.span().into()).label("not expected").help(help),
            );
        }
        for (key, e) in &self.props {
            if known.contains(key) {
                continue;
            }
            let msg = format!("unknown property `{key}` on `{}`", self.name);
            let d = Diagnostic::error("mizan::unknown-property", msg, e.span().into()).label("unknown property");
            diags.push(match suggest::did_you_mean(key, known.iter().copied()) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None if known.is_empty() => d.help(format!("`{}` takes no properties", self.name)),
                None => d.help(format!("`{}` accepts: {}", self.name, known.join(", "))),
            });
        }
        if let (false, Some(block)) = (children, self.kdl.children()) {
            let msg = format!("`{}` takes no children block", self.name);
            let span = self.block_span().unwrap_or_else(|| Span::from(block.span()));
            diags.push(Diagnostic::error("mizan::unexpected-children", msg, span).label("remove this block"));
        }
    }

    /// The `{ ... }` of the node, found in the source after its last entry.
    fn block_span(&self) -> Option<Span> {
        let from = self.kdl.entries().last().map_or(self.name_span(), |e| e.span().into()).end();
        let open = from + self.src.get(from..self.span.end())?.find('{')?;
        let close = self.span.end().checked_sub(1).filter(|c| self.src.as_bytes().get(*c) == Some(&b'}'))?;
        Some(Span::new(open, close + 1 - open))
    }

    /// A string argument or property value, as written.
    pub fn string(&self, e: &KdlEntry, what: &str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        match e.value() {
            KdlValue::String(s) => Some(Spanned::new(s.clone(), value_span(e))),
            v => {
                diags.push(wrong_type(e, what, v));
                None
            }
        }
    }

    /// A string property, when present.
    pub fn string_prop(&self, key: &'a str, diags: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        self.prop(key).and_then(|e| self.string(e, &format!("`{key}` to be a string"), diags))
    }

    /// A boolean flag: `key=#true`; absent or `#false` is `None`.
    pub fn flag(&self, key: &'a str, diags: &mut Vec<Diagnostic>) -> Option<Span> {
        let e = self.prop(key)?;
        match e.value() {
            KdlValue::Bool(true) => Some(e.span().into()),
            KdlValue::Bool(false) => None,
            v => {
                diags.push(wrong_type(e, &format!("`{key}` to be #true or #false"), v));
                None
            }
        }
    }

    /// A non-negative integer property.
    pub fn uint(&self, key: &'a str, max: u64, diags: &mut Vec<Diagnostic>) -> Option<Spanned<u64>> {
        let e = self.prop(key)?;
        match e.value() {
            KdlValue::Integer(i) if *i >= 0 && *i <= i128::from(max) => Some(Spanned::new(*i as u64, value_span(e))),
            KdlValue::Integer(i) if *i > 0 => {
                let msg = format!("`{key}` is too large: {i} (at most {max})");
                diags.push(Diagnostic::error("mizan::invalid-value", msg, value_span(e)).label("too large"));
                None
            }
            v => {
                diags.push(wrong_type(e, &format!("`{key}` to be a non-negative integer"), v));
                None
            }
        }
    }

    /// A name argument, checked against `valid`.
    pub fn ident(&self, e: &KdlEntry, kind: &str, rule: NameRule, diags: &mut Vec<Diagnostic>) -> Option<Ident> {
        let s = self.string(e, &format!("a {kind} name"), diags)?;
        if !rule.accepts(&s.value) {
            let msg = format!("{kind} name {:?} is not valid", s.value);
            diags.push(Diagnostic::error("mizan::invalid-name", msg, s.span).label("invalid name").help(rule.help()));
            return None;
        }
        Some(Ident { wire: s.value, span: s.span })
    }

    /// A type expression argument or property value.
    pub fn type_expr(&self, e: &KdlEntry, diags: &mut Vec<Diagnostic>) -> Option<TypeExpr> {
        let s = self.string(e, "a type expression", diags)?;
        let repr = e.format().map_or(s.value.as_str(), |f| f.value_repr.as_str());
        let map = TextMap::new(s.span, repr, &s.value);
        texpr::parse(&s.value, map).map_err(|d| diags.push(*d)).ok()
    }

    /// `doc=` and `deprecated=`.
    pub fn docs(&self, diags: &mut Vec<Diagnostic>) -> Docs {
        let doc = self.string_prop("doc", diags).map(|s| s.value);
        let deprecated = self.prop("deprecated").and_then(|e| match e.value() {
            KdlValue::Bool(true) => Some(Deprecated { reason: None }),
            KdlValue::Bool(false) => None,
            KdlValue::String(s) => Some(Deprecated { reason: Some(s.clone()) }),
            v => {
                diags.push(wrong_type(e, "`deprecated` to be #true or a reason string", v));
                None
            }
        });
        Docs { doc, deprecated }
    }
}

/// `expected` says what was expected: "`min` to be a number".
pub fn wrong_type(e: &KdlEntry, expected: &str, found: &KdlValue) -> Diagnostic {
    let msg = format!("expected {expected}, found {}", describe(found));
    let d = Diagnostic::error("mizan::wrong-value-type", msg, value_span(e)).label("wrong type of value");
    match found {
        KdlValue::String(s) if s == "true" || s == "false" => d.help(format!("KDL v2 writes booleans as `#{s}`")),
        KdlValue::String(s) if s == "null" => d.help("KDL v2 writes null as `#null`"),
        KdlValue::String(s) if s.parse::<f64>().is_ok() => d.help(format!("write the number without quotes: {s}")),
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
