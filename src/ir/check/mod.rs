//! Semantic checks of spec §2–§6, one file per concept. Each reads the
//! document through an `Index` and pushes every violation it finds; none
//! stops at the first.
//!
//! - `declarations`: duplicate and unknown names, upload placement, alias cycles;
//! - `fields`: fields and params (duplicates, constraints, defaults), enums;
//! - `unions`: tagged and untagged union rules;
//! - `contexts`: context reads, `global`, transports, param consistency;
//! - `effects`: `affects` and `merge` resolution;
//! - `functions`: property combinations and forms.
//!
//! Names that collide once a target renders them are checked from the
//! targets' own symbol tables (`crate::target::symbols`).

mod contexts;
mod declarations;
mod effects;
mod fields;
mod functions;
pub mod suggest;
mod unions;

#[cfg(test)]
mod tests;

use super::ast::*;
use crate::diag::Diagnostic;
use crate::target::Backend;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt;

/// Lists up to this long find repeated keys by comparing every pair.
const LINEAR_LIMIT: usize = 8;

/// Every semantic error of a parsed document, with every target's names
/// (the `validate` command has no config).
pub fn check(doc: &Document) -> Vec<Diagnostic> {
    check_for(doc, crate::target::ALL)
}

/// Every semantic error of a parsed document, with the names of `targets`:
/// a TypeScript-only project is not stopped by a Python name.
pub fn check_for(doc: &Document, targets: &[&dyn Backend]) -> Vec<Diagnostic> {
    let index = Index::new(doc);
    let mut diags = rules(&index);
    crate::target::symbols::check(&index, targets, &mut diags);
    diags
}

/// Every rule but the name rules.
fn rules(index: &Index) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    declarations::check(index, &mut diags);
    fields::check(index, &mut diags);
    unions::check(index, &mut diags);
    contexts::check(index, &mut diags);
    effects::check(index, &mut diags);
    functions::check(index, &mut diags);
    diags
}

/// The document's names, resolved once.
pub struct Index<'a> {
    pub doc: &'a Document,
    /// Named types by name (the first declaration when repeated).
    pub types: FxHashMap<&'a str, &'a NamedType>,
    pub functions: FxHashMap<&'a str, &'a Function>,
    /// Contexts by name, with their read members in document order. A
    /// context exists when at least one read function names it.
    pub contexts: BTreeMap<&'a str, Vec<&'a Function>>,
}

/// A function bundled into a context's GET: `context=`, not a view, not
/// private.
pub fn is_read(f: &Function) -> bool {
    f.context.is_some() && f.view.is_none() && f.private.is_none()
}

impl<'a> Index<'a> {
    pub fn new(doc: &'a Document) -> Index<'a> {
        let mut types = FxHashMap::default();
        for t in &doc.types {
            types.entry(t.name.wire.as_str()).or_insert(t);
        }
        let mut functions = FxHashMap::default();
        let mut contexts: BTreeMap<&str, Vec<&Function>> = BTreeMap::new();
        for f in &doc.functions {
            functions.entry(f.name.wire.as_str()).or_insert(f);
            if let (true, Some(c)) = (is_read(f), &f.context) {
                contexts.entry(c.wire.as_str()).or_default().push(f);
            }
        }
        Index { doc, types, functions, contexts }
    }

    /// Follows aliases and strips `?`, to see what a type is made of.
    pub fn resolve(&self, mut e: &'a TypeExpr) -> Resolved<'a> {
        let mut nullable = false;
        // Bounded: an alias cycle is reported elsewhere and resolves to Unknown.
        for _ in 0..=self.types.len() + 1 {
            let shape = match &e.kind {
                TypeExprKind::Nullable(inner) => {
                    nullable = true;
                    e = inner;
                    continue;
                }
                TypeExprKind::Prim(p) => Shape::Prim(*p),
                TypeExprKind::List(t) => Shape::List(t),
                TypeExprKind::Map(t) => Shape::Map(t),
                TypeExprKind::Named(n) => match self.types.get(n.as_str()).map(|t| &t.kind) {
                    Some(TypeKind::Alias { target }) => {
                        e = target;
                        continue;
                    }
                    Some(TypeKind::Enum { values }) => Shape::Enum(values),
                    Some(TypeKind::Object { fields }) => Shape::Object(fields),
                    Some(TypeKind::Union { .. }) => Shape::Union,
                    None => Shape::Unknown,
                },
            };
            return Resolved { nullable, shape };
        }
        Resolved { nullable, shape: Shape::Unknown }
    }

    /// Whether `e` resolves to a type the checker knows nothing about (an
    /// unknown name, already reported): checks that depend on it stay quiet.
    pub fn is_unknown(&self, e: &'a TypeExpr) -> bool {
        matches!(self.resolve(e).shape, Shape::Unknown)
    }
}

/// A type expression with aliases followed.
#[derive(Clone, Copy, Debug)]
pub struct Resolved<'a> {
    /// `?` somewhere on the way.
    pub nullable: bool,
    pub shape: Shape<'a>,
}

#[derive(Clone, Copy, Debug)]
pub enum Shape<'a> {
    Prim(Prim),
    List(&'a TypeExpr),
    Map(&'a TypeExpr),
    Enum(&'a [EnumValue]),
    Object(&'a [Field]),
    Union,
    /// An unknown name or an alias cycle.
    Unknown,
}

impl Shape<'_> {
    /// How the shape is named in messages.
    pub fn describe(&self) -> String {
        match self {
            Shape::Prim(p) => format!("`{}`", p.as_str()),
            Shape::List(_) => "a list".to_owned(),
            Shape::Map(_) => "a map".to_owned(),
            Shape::Enum(_) => "an enum".to_owned(),
            Shape::Object(_) => "an object type".to_owned(),
            Shape::Union => "a union".to_owned(),
            Shape::Unknown => "an unknown type".to_owned(),
        }
    }
}

/// Calls `f` on `e` and every sub-expression, outermost first.
pub fn walk<'a>(e: &'a TypeExpr, f: &mut impl FnMut(&'a TypeExpr)) {
    f(e);
    if let TypeExprKind::List(t) | TypeExprKind::Map(t) | TypeExprKind::Nullable(t) = &e.kind {
        walk(t, f);
    }
}

/// What owns a param list, for messages: ``function `f` ``.
#[derive(Clone, Copy, Debug)]
pub enum ParamOwner<'a> {
    Function(&'a Ident),
    Channel(&'a Ident),
}

impl fmt::Display for ParamOwner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParamOwner::Function(name) => write!(f, "function `{name}`"),
            ParamOwner::Channel(name) => write!(f, "channel `{name}`"),
        }
    }
}

/// Every param list of the document, with what owns it (for messages).
pub fn param_lists(doc: &Document) -> impl Iterator<Item = (ParamOwner<'_>, &[Param])> {
    let fns = doc.functions.iter().map(|f| (ParamOwner::Function(&f.name), &f.params[..]));
    fns.chain(doc.channels.iter().map(|c| (ParamOwner::Channel(&c.name), &c.params[..])))
}

/// Calls `found(j, i)` for every `i < n` whose key equals an earlier one's,
/// `j` the first such, in order of `i`: a pairwise scan for short lists, a
/// map for long ones.
pub fn repeats<'k>(n: usize, key: impl Fn(usize) -> &'k str, mut found: impl FnMut(usize, usize)) {
    if n <= LINEAR_LIMIT {
        for i in 1..n {
            if let Some(j) = (0..i).find(|&j| key(j) == key(i)) {
                found(j, i);
            }
        }
        return;
    }
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    for i in 0..n {
        let j = *first.entry(key(i)).or_insert(i);
        if j != i {
            found(j, i);
        }
    }
}
