//! A fast path for KDL v2 parsing: a hand-written parser for the subset of
//! KDL that IR exporters print, building the same `kdl::KdlDocument` —
//! values, value reprs, and the spans of documents, nodes, names and entries
//! — as `KdlDocument::parse_v2`, at a small fraction of its cost (the kdl
//! crate spends ~5,000 instructions per byte, mostly on error context).
//!
//! `parse` returns `None`, handing over to the kdl crate (which then also
//! renders the syntax errors), for anything outside the subset: every syntax
//! error, and raw or multi-line strings, slashdash, block comments, type
//! annotations, line continuations, whitespace escapes, non-ASCII
//! whitespace, bare `\r`, a BOM, control characters, `#inf`/`#nan`,
//! hex/octal/binary numbers, `_` in numbers, bare identifiers not starting
//! with an ASCII letter or `_`. `tests/perf` checks it against the kdl crate
//! on every fixture, the synthetic corpus and thousands of fuzzed inputs.

mod lex;

use kdl::{KdlDocument, KdlEntry, KdlEntryFormat, KdlIdentifier, KdlNode, KdlValue};
use std::ops::Range;

/// Deepest `{` nesting the fast path takes on (the IR needs 2).
const MAX_DEPTH: usize = 64;

/// The whole document, or `None` when the kdl crate must decide.
pub fn parse(src: &str) -> Option<KdlDocument> {
    let mut nodes = nodes(src);
    let mut doc = KdlDocument::new();
    for node in &mut nodes {
        doc.nodes_mut().push(node?);
    }
    doc.set_span(span(nodes.start.unwrap_or(0)..nodes.end));
    Some(doc)
}

/// The top-level nodes, each parsed when asked for, so a large document
/// never exists whole as `KdlNode`s (they take ~100x the text's size). An
/// item is `None` where the fast path hands over; nothing follows it.
pub fn nodes(src: &str) -> Nodes<'_> {
    Nodes { p: Parser { src, b: src.as_bytes(), pos: 0, depth: 0 }, start: None, end: 0, done: false }
}

/// The iterator of `nodes`.
pub struct Nodes<'a> {
    p: Parser<'a>,
    /// Where the first node starts, once past the leading line-space.
    start: Option<usize>,
    /// Where the last node read ends.
    end: usize,
    done: bool,
}

impl Iterator for Nodes<'_> {
    type Item = Option<KdlNode>;

    fn next(&mut self) -> Option<Option<KdlNode>> {
        if self.done {
            return None;
        }
        let node = self.step();
        self.done = !matches!(node, Some(Some(_)));
        node
    }
}

impl Nodes<'_> {
    fn step(&mut self) -> Option<Option<KdlNode>> {
        if self.start.is_none() {
            if self.p.line_space().is_none() {
                return Some(None);
            }
            self.start = Some(self.p.pos);
            self.end = self.p.pos;
        }
        match self.p.peek() {
            None => return None,
            Some(b'}') => return Some(None),
            Some(_) => {}
        }
        let node = self.p.node().filter(|_| self.p.terminator(false).is_some());
        self.end = node.as_ref().map_or(self.end, |n| n.span().offset() + n.span().len());
        Some(node.filter(|_| self.p.line_space().is_some()))
    }
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    /// A children block's `line-space* (node terminator line-space*)*`, up
    /// to its closing `}`, which is not consumed.
    fn children_nodes(&mut self) -> Option<KdlDocument> {
        self.line_space()?;
        let start = self.pos;
        let mut end = start;
        let mut doc = KdlDocument::new();
        while self.peek()? != b'}' {
            doc.nodes_mut().push(self.node()?);
            end = self.pos;
            self.terminator(true)?;
            self.line_space()?;
        }
        doc.set_span(span(start..end));
        Some(doc)
    }

    /// A node's terminator: `;`, a newline, a line comment, the end, or
    /// (not consumed) the `}` closing the block the node is in.
    fn terminator(&mut self, inner: bool) -> Option<()> {
        match self.peek() {
            Some(b';' | b'\n') => self.pos += 1,
            Some(b'\r') if self.at(b"\r\n") => self.pos += 2,
            Some(b'/') if self.at(b"//") => self.line_comment()?,
            Some(b'}') if inner => {}
            None => {}
            Some(_) => return None,
        }
        Some(())
    }

    /// A node up to its terminator; its span ends after trailing blanks.
    fn node(&mut self) -> Option<KdlNode> {
        let start = self.pos;
        let name = self.string()?;
        self.terminated()?;
        let mut node = KdlNode::new(ident(name, self.src, start..self.pos));
        loop {
            let before = self.pos;
            self.blanks();
            match self.peek() {
                Some(b'{') => {
                    self.children(&mut node)?;
                    self.blanks();
                    break;
                }
                None | Some(b'\n' | b'\r' | b';' | b'}') => break,
                Some(b'/') if self.at(b"//") => break,
                Some(_) if self.pos > before => {
                    let entry = self.entry()?;
                    node.entries_mut().push(entry);
                }
                Some(_) => return None,
            }
        }
        node.set_span(span(start..self.pos));
        Some(node)
    }

    fn children(&mut self, node: &mut KdlNode) -> Option<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        let doc = self.children_nodes()?;
        self.pos += 1;
        self.depth -= 1;
        node.set_children(doc);
        Some(())
    }

    /// An argument, or a property `key=value` (blanks around `=` allowed).
    fn entry(&mut self) -> Option<KdlEntry> {
        let start = self.pos;
        let value = self.value()?;
        let key_end = self.pos;
        if let KdlValue::String(key) = &value {
            self.blanks();
            if self.peek() == Some(b'=') {
                self.pos += 1;
                self.blanks();
                let value_start = self.pos;
                let v = self.value()?;
                let key = ident(key.clone(), self.src, start..key_end);
                return Some(entry(KdlEntry::new_prop(key, v), self.src, value_start..self.pos, start));
            }
            self.pos = key_end;
        }
        Some(entry(KdlEntry::new(value), self.src, start..key_end, start))
    }

    /// A string, number or keyword, followed by a value terminator.
    fn value(&mut self) -> Option<KdlValue> {
        let v = match self.peek()? {
            b'#' => self.keyword()?,
            b'0'..=b'9' | b'-' => self.number()?,
            _ => KdlValue::String(self.string()?),
        };
        self.terminated()?;
        Some(v)
    }

    fn string(&mut self) -> Option<String> {
        if self.peek() == Some(b'"') { self.quoted() } else { self.bare() }
    }

    /// What may follow a value or a name (KDL's value-terminator), within
    /// the subset: blanks, a newline, `;`, `=`, `{`, `}`, `//` or the end.
    fn terminated(&self) -> Option<()> {
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b';' | b'=' | b'{' | b'}') => Some(()),
            Some(b'\r') if self.at(b"\r\n") => Some(()),
            Some(b'/') if self.at(b"//") => Some(()),
            _ => None,
        }
    }
}

fn span(r: Range<usize>) -> miette::SourceSpan {
    r.into()
}

fn ident(value: String, src: &str, r: Range<usize>) -> KdlIdentifier {
    let mut id = KdlIdentifier::from(value);
    id.set_repr(&src[r.clone()]);
    id.set_span(span(r));
    id
}

/// Sets the entry's value repr (`value` is the value's source range) and
/// its span, from `start` (the key, for a property) to the value's end.
fn entry(mut e: KdlEntry, src: &str, value: Range<usize>, start: usize) -> KdlEntry {
    let end = value.end;
    e.set_format(KdlEntryFormat { value_repr: src[value].to_owned(), ..Default::default() });
    e.set_span(span(start..end));
    e
}
