//! A fast path for KDL v2 parsing: a hand-written parser for the subset of
//! KDL that IR exporters print, building the same `parse::tree::Tree` —
//! names, values, value reprs and the spans of nodes, names, entries and
//! children blocks — as `Tree::from_kdl` builds from `KdlDocument::parse_v2`,
//! at a small fraction of its cost (the kdl crate spends ~5,000 instructions
//! per byte, mostly on error context, and a `KdlNode` takes ~100x the text).
//!
//! The parser hands over (`Step::HandOver`, `None`) to the kdl crate, which
//! then also renders the syntax errors, for anything outside the subset:
//! every syntax error, and raw or multi-line strings, slashdash, block
//! comments, type annotations, line continuations, whitespace escapes,
//! non-ASCII whitespace, bare `\r`, a BOM, control characters,
//! `#inf`/`#nan`, hex/octal/binary numbers, `_` in numbers, bare identifiers
//! not starting with an ASCII letter or `_`, and children blocks nested
//! deeper than `scan::MAX_DEPTH`. Whatever it accepts, `scan` accepts too,
//! so a document it reads needs no pre-scan. `tests.rs` checks all of this
//! against the kdl crate on every fixture, the synthetic corpus and
//! thousands of fuzzed inputs.

mod lex;
#[cfg(test)]
mod tests;

use crate::ir::ast::Span;
use crate::ir::parse::tree::{Block, Entry, NodeId, Siblings, Tree, Value};
use crate::ir::scan;
use std::borrow::Cow;

/// What reading the next top-level node gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A node, linked into the tree's roots.
    Node(NodeId),
    /// The end of the document.
    End,
    /// The text is outside the subset: the kdl crate must decide.
    HandOver,
}

/// The whole document, or `None` when the kdl crate must decide.
pub fn parse(src: &str) -> Option<Tree<'_>> {
    let mut tree = Tree::new();
    let mut nodes = stream(src);
    loop {
        match nodes.next(&mut tree) {
            Step::Node(_) => {}
            Step::End => return Some(tree),
            Step::HandOver => return None,
        }
    }
}

/// The top-level nodes, each read when asked for, so that a large document
/// can be read one node at a time into a reused tree.
pub fn stream(src: &str) -> Stream<'_> {
    Stream { p: Parser { src, b: src.as_bytes(), pos: 0, depth: 0 }, started: false, done: false }
}

/// The reader of `stream`.
pub struct Stream<'s> {
    p: Parser<'s>,
    /// Past the leading line-space.
    started: bool,
    /// `End` or `HandOver` was returned: nothing follows.
    done: bool,
}

impl<'s> Stream<'s> {
    /// Reads the next top-level node into `tree` (appending it to
    /// `tree.roots`).
    pub fn next(&mut self, tree: &mut Tree<'s>) -> Step {
        if self.done {
            return Step::HandOver;
        }
        let step = self.step(tree).unwrap_or(Step::HandOver);
        self.done = !matches!(step, Step::Node(_));
        step
    }

    fn step(&mut self, tree: &mut Tree<'s>) -> Option<Step> {
        if !self.started {
            self.p.line_space()?;
            self.started = true;
        }
        match self.p.peek() {
            None => return Some(Step::End),
            Some(b'}') => return None,
            Some(_) => {}
        }
        let id = self.p.node(tree)?;
        self.p.terminator(false)?;
        self.p.line_space()?;
        let mut roots = tree.roots;
        tree.link(&mut roots, id);
        tree.roots = roots;
        Some(Step::Node(id))
    }
}

struct Parser<'s> {
    src: &'s str,
    b: &'s [u8],
    pos: usize,
    depth: usize,
}

impl<'s> Parser<'s> {
    /// A children block's `line-space* (node terminator line-space*)*`, up
    /// to its closing `}`, which is not consumed.
    fn children_nodes(&mut self, t: &mut Tree<'s>) -> Option<Block> {
        self.line_space()?;
        let start = self.pos;
        let mut end = start;
        let mut children = Siblings::default();
        while self.peek()? != b'}' {
            let id = self.node(t)?;
            t.link(&mut children, id);
            end = self.pos;
            self.terminator(true)?;
            self.line_space()?;
        }
        Some(Block { span: span(start, end), children })
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
    fn node(&mut self, t: &mut Tree<'s>) -> Option<NodeId> {
        let start = self.pos;
        let name = self.string()?;
        self.terminated()?;
        let id = t.open(name, span(start, self.pos));
        let mut block = None;
        loop {
            let before = self.pos;
            self.blanks();
            match self.peek() {
                Some(b'{') => {
                    t.end_entries(id);
                    block = Some(self.children(t)?);
                    self.blanks();
                    break;
                }
                None | Some(b'\n' | b'\r' | b';' | b'}') => break,
                Some(b'/') if self.at(b"//") => break,
                Some(_) if self.pos > before => {
                    let entry = self.entry()?;
                    t.push_entry(entry);
                }
                Some(_) => return None,
            }
        }
        if block.is_none() {
            t.end_entries(id);
        }
        t.close(id, span(start, self.pos), block);
        Some(id)
    }

    fn children(&mut self, t: &mut Tree<'s>) -> Option<Block> {
        self.depth += 1;
        if self.depth > scan::MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        let block = self.children_nodes(t)?;
        self.pos += 1;
        self.depth -= 1;
        Some(block)
    }

    /// An argument, or a property `key=value` (blanks around `=` allowed).
    fn entry(&mut self) -> Option<Entry<'s>> {
        let start = self.pos;
        let value = self.value()?;
        let key_end = self.pos;
        if let Value::String(key) = value {
            self.blanks();
            if self.peek() == Some(b'=') {
                self.pos += 1;
                self.blanks();
                let value_start = self.pos;
                let value = self.value()?;
                let value_span = span(value_start, self.pos);
                return Some(Entry {
                    key: Some((key, span(start, key_end))),
                    value,
                    repr: Some(&self.src[value_start..self.pos]),
                    span: span(start, self.pos),
                    value_span,
                });
            }
            self.pos = key_end;
            return Some(arg(Value::String(key), self.src, start, key_end));
        }
        Some(arg(value, self.src, start, key_end))
    }

    /// A string, number or keyword, followed by a value terminator.
    fn value(&mut self) -> Option<Value<'s>> {
        let v = match self.peek()? {
            b'#' => self.keyword()?,
            b'0'..=b'9' | b'-' => self.number()?,
            _ => Value::String(self.string()?),
        };
        self.terminated()?;
        Some(v)
    }

    fn string(&mut self) -> Option<Cow<'s, str>> {
        if self.peek() == Some(b'"') { self.quoted() } else { self.bare().map(Cow::Borrowed) }
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

fn span(start: usize, end: usize) -> Span {
    Span::new(start, end - start)
}

/// An argument: its span is its value's.
fn arg<'s>(value: Value<'s>, src: &'s str, start: usize, end: usize) -> Entry<'s> {
    Entry { key: None, value, repr: Some(&src[start..end]), span: span(start, end), value_span: span(start, end) }
}
