//! The KDL structure the IR reader works on: nodes with their names,
//! entries and children blocks, their text borrowed from the source (the
//! fast path, `ir::fastkdl`) or from a `kdl::KdlDocument` (the kdl crate's
//! path, `Tree::from_kdl`). Both build the same tree for the same document —
//! `tests/perf` compares them — so the reading into the AST is one piece of
//! code whichever parser ran.
//!
//! Nodes are stored flat in document order (each before its children) and
//! linked to their next sibling, so one tree can be cleared and reused for
//! every top-level node of a large document.

use crate::ir::ast::Span;
use kdl::{KdlDocument, KdlEntry, KdlNode, KdlValue};
use std::borrow::Cow;
use std::fmt;

/// A node's index in its tree.
pub type NodeId = usize;

/// A KDL value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'s> {
    String(Cow<'s, str>),
    Integer(i128),
    Float(f64),
    Bool(bool),
    Null,
}

impl fmt::Display for Value<'_> {
    /// As the kdl crate prints a value (needed only for an entry without a
    /// repr, which the kdl crate's parser never produces).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = match self {
            Value::String(s) => KdlValue::String(s.to_string()),
            Value::Integer(i) => KdlValue::Integer(*i),
            Value::Float(x) => KdlValue::Float(*x),
            Value::Bool(b) => KdlValue::Bool(*b),
            Value::Null => KdlValue::Null,
        };
        value.fmt(f)
    }
}

/// An argument or a property.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'s> {
    /// A property's name and its span; `None` for an argument.
    pub key: Option<(Cow<'s, str>, Span)>,
    pub value: Value<'s>,
    /// The value as written (quotes and escapes included).
    pub repr: Option<&'s str>,
    /// The whole entry, from a property's key to the value's end.
    pub span: Span,
    /// The value alone.
    pub value_span: Span,
}

impl Entry<'_> {
    /// The property name, if this is a property.
    pub fn key(&self) -> Option<&str> {
        self.key.as_ref().map(|(k, _)| k.as_ref())
    }

    /// The value as written, for messages.
    pub fn written(&self) -> String {
        self.repr.map_or_else(|| self.value.to_string(), str::to_owned)
    }

    /// The span of the value alone, from the entry's span and its repr.
    pub fn value_span_of(span: Span, is_prop: bool, repr: Option<&str>) -> Span {
        match repr {
            Some(r) if is_prop && r.len() <= span.len => Span::new(span.end() - r.len(), r.len()),
            _ => span,
        }
    }
}

/// A node; its entries and children live in the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'s> {
    pub name: Cow<'s, str>,
    pub name_span: Span,
    /// From the name to the end of the children block or the last entry,
    /// trailing blanks included.
    pub span: Span,
    /// `start..end` in the tree's entries.
    entries: (usize, usize),
    pub block: Option<Block>,
    next: Option<NodeId>,
}

/// A `{ ... }` children block.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    /// From the first child to the end of the last one (the braces and the
    /// blanks inside them excluded), as the kdl crate spans a document.
    pub span: Span,
    pub children: Siblings,
}

/// A list of nodes linked through their next sibling.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Siblings {
    first: Option<NodeId>,
    last: Option<NodeId>,
}

/// Nodes and entries of a KDL document, or of one top-level node of it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree<'s> {
    nodes: Vec<Node<'s>>,
    entries: Vec<Entry<'s>>,
    /// The top-level nodes.
    pub roots: Siblings,
}

impl<'s> Tree<'s> {
    pub fn new() -> Tree<'s> {
        Tree::default()
    }

    /// Empties the tree, keeping its storage.
    pub fn clear(&mut self) {
        self.nodes.clear();
        self.entries.clear();
        self.roots = Siblings::default();
    }

    pub fn node(&self, id: NodeId) -> &Node<'s> {
        &self.nodes[id]
    }

    pub fn entries(&self, id: NodeId) -> &[Entry<'s>] {
        let (start, end) = self.nodes[id].entries;
        &self.entries[start..end]
    }

    /// The nodes of a sibling list, in order.
    pub fn iter(&self, list: Siblings) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(list.first, |&id| self.nodes[id].next)
    }

    /// The children of a node (none without a block).
    pub fn children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.iter(self.nodes[id].block.as_ref().map_or_else(Siblings::default, |b| b.children))
    }

    /// Starts a node; its entries are the ones pushed until `end_entries`.
    pub fn open(&mut self, name: Cow<'s, str>, name_span: Span) -> NodeId {
        let at = self.entries.len();
        self.nodes.push(Node { name, name_span, span: name_span, entries: (at, at), block: None, next: None });
        self.nodes.len() - 1
    }

    pub fn push_entry(&mut self, entry: Entry<'s>) {
        self.entries.push(entry);
    }

    /// Ends the entries of `id` (before its children push theirs).
    pub fn end_entries(&mut self, id: NodeId) {
        self.nodes[id].entries.1 = self.entries.len();
    }

    /// Sets the node's span and children block once it is read.
    pub fn close(&mut self, id: NodeId, span: Span, block: Option<Block>) {
        let node = &mut self.nodes[id];
        node.span = span;
        node.block = block;
    }

    /// Appends `id` to a sibling list.
    pub fn link(&mut self, list: &mut Siblings, id: NodeId) {
        match list.last {
            Some(last) => self.nodes[last].next = Some(id),
            None => list.first = Some(id),
        }
        list.last = Some(id);
    }

    /// The tree of a document the kdl crate parsed.
    pub fn from_kdl(doc: &'s KdlDocument) -> Tree<'s> {
        let mut tree = Tree::new();
        let mut roots = Siblings::default();
        for node in doc.nodes() {
            let id = tree.push_kdl(node);
            tree.link(&mut roots, id);
        }
        tree.roots = roots;
        tree
    }

    fn push_kdl(&mut self, node: &'s KdlNode) -> NodeId {
        let id = self.open(Cow::Borrowed(node.name().value()), node.name().span().into());
        for e in node.entries() {
            self.push_entry(kdl_entry(e));
        }
        self.end_entries(id);
        let block = node.children().map(|doc| {
            let mut children = Siblings::default();
            for child in doc.nodes() {
                let child_id = self.push_kdl(child);
                self.link(&mut children, child_id);
            }
            Block { span: doc.span().into(), children }
        });
        self.close(id, node.span().into(), block);
        id
    }
}

fn kdl_entry(e: &KdlEntry) -> Entry<'_> {
    let value = match e.value() {
        KdlValue::String(s) => Value::String(Cow::Borrowed(s)),
        KdlValue::Integer(i) => Value::Integer(*i),
        KdlValue::Float(x) => Value::Float(*x),
        KdlValue::Bool(b) => Value::Bool(*b),
        KdlValue::Null => Value::Null,
    };
    let repr = e.format().map(|f| f.value_repr.as_str());
    let span = Span::from(e.span());
    Entry {
        key: e.name().map(|k| (Cow::Borrowed(k.value()), Span::from(k.span()))),
        value,
        repr,
        span,
        value_span: Entry::value_span_of(span, e.name().is_some(), repr),
    }
}
