//! KDL text → `ast::Document`, collecting every syntax and structural error.
//!
//! The fast path (`ir::fastkdl`) reads the documents exporters print, one
//! top-level node at a time into a reused `tree::Tree`; anything else,
//! syntax errors included, goes to the kdl crate, after `scan` has rejected
//! what it cannot parse safely (it then runs on a large-stack thread, see
//! `scan`), and its diagnostics become `mizan::syntax`. Both paths give the
//! same `Tree`, which is read into the AST by `decl.rs` (types),
//! `function.rs` (functions, contexts, channels) and `texpr.rs` (type
//! expressions); `node.rs` reads arguments and properties.

mod decl;
mod function;
pub mod node;
pub mod texpr;
pub mod tree;

use super::ast::{Document, Span, Spanned};
use super::fastkdl::{self, Step};
use super::scan;
use crate::diag::Diagnostic;
use crate::ir::check::suggest;
use kdl::{KdlDocument, KdlError};
use node::Node;
use tree::{NodeId, Tree, Value};

/// The code of a KDL syntax error; when present, semantic checks are skipped.
pub const SYNTAX_CODE: &str = "mizan::syntax";

/// The name of the header node.
pub const HEADER: &str = "mizan-ir";

/// Every top-level node name the IR knows.
pub const TOP_LEVEL: &[&str] = &[HEADER, "type", "enum", "union", "alias", "function", "context", "channel"];

/// Stack for the kdl parser thread: generous, and only reserved, not used.
const PARSE_STACK: usize = 256 << 20;

/// Parses a document; the AST holds every declaration that could be read.
pub fn parse(source: &str) -> (Document, Vec<Diagnostic>) {
    // What the fast path reads, `scan` accepts: no pre-scan needed.
    if source.len() <= scan::MAX_SIZE {
        let mut diags = Vec::new();
        if let Some(doc) = read_fast(source, &mut diags) {
            return (doc, diags);
        }
    }
    parse_with_kdl(source)
}

/// `parse` through the kdl crate alone: the reference the fast path is
/// tested against.
pub fn parse_with_kdl(source: &str) -> (Document, Vec<Diagnostic>) {
    let diags = scan::scan(source);
    if !diags.is_empty() {
        return (Document::default(), diags);
    }
    match kdl_parse(source) {
        Ok(kdl) => {
            let mut diags = Vec::new();
            let doc = document(&Tree::from_kdl(&kdl), source, &mut diags);
            (doc, diags)
        }
        Err(diags) => (Document::default(), diags),
    }
}

/// The fast path, one top-level node at a time; `None` when it hands over.
fn read_fast(source: &str, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    let mut nodes = fastkdl::stream(source);
    let mut tree = Tree::new();
    let mut reader = Reader::default();
    loop {
        tree.clear();
        match nodes.next(&mut tree) {
            Step::Node(id) => reader.node(&tree, id, source, diags),
            Step::End => return Some(reader.finish(diags)),
            Step::HandOver => return None,
        }
    }
}

fn kdl_parse(source: &str) -> Result<KdlDocument, Vec<Diagnostic>> {
    let run = || KdlDocument::parse_v2(source).map_err(|e| syntax_errors(source, &e));
    std::thread::scope(|s| match std::thread::Builder::new().stack_size(PARSE_STACK).spawn_scoped(s, run) {
        Ok(handle) => handle.join().unwrap_or_else(|_| Err(vec![internal_error()])),
        // No thread available: parse here; the pre-scan already bounds depth.
        Err(_) => run(),
    })
}

fn internal_error() -> Diagnostic {
    Diagnostic::error(SYNTAX_CODE, "the KDL parser failed on this input", Span::new(0, 0))
        .help("this is a bug in mizan-generate or the kdl crate; please report it with the IR")
}

/// kdl's diagnostics (spans are byte offsets) as ours.
pub fn syntax_errors(source: &str, e: &KdlError) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = e
        .diagnostics
        .iter()
        .map(|d| {
            let message = d.message.clone().unwrap_or_else(|| "invalid KDL".to_owned());
            let span = narrow(source, d.span.into());
            let mut diag = Diagnostic::error(SYNTAX_CODE, lower_first(&message), span);
            diag.label = d.label.clone();
            diag.help = d.help.clone();
            diag
        })
        .collect();
    if out.is_empty() {
        out.push(Diagnostic::error(SYNTAX_CODE, "invalid KDL", Span::new(0, 0)));
    }
    out
}

/// kdl sometimes spans a whole node (comments before it included) for an
/// error at its end: keep the last token of a span that crosses lines.
fn narrow(source: &str, span: Span) -> Span {
    let Some(text) = source.get(span.offset..span.end()) else { return span };
    if !text.trim_end().contains('\n') {
        return span;
    }
    let trimmed = text.trim_end();
    let start = trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    Span::new(span.offset + start, trimmed.len() - start)
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_lowercase().collect::<String>() + c.as_str())
}

/// A parsed document's tree → the AST, reporting every structural error.
pub fn document(tree: &Tree, src: &str, diags: &mut Vec<Diagnostic>) -> Document {
    let mut reader = Reader::default();
    for id in tree.iter(tree.roots) {
        reader.node(tree, id, src, diags);
    }
    reader.finish(diags)
}

/// The document being read, top-level node after top-level node.
#[derive(Default)]
struct Reader {
    doc: Document,
    /// Top-level nodes read so far.
    count: usize,
}

impl Reader {
    fn node(&mut self, tree: &Tree, id: NodeId, src: &str, diags: &mut Vec<Diagnostic>) {
        let (doc, first) = (&mut self.doc, self.count == 0);
        self.count += 1;
        let node = Node::new(tree, id, src, diags);
        if first && node.name == HEADER {
            header(&node, doc, diags);
        } else if first {
            diags.push(missing_header(Some(node.name_span())));
        }
        match node.name {
            HEADER if first => {}
            HEADER => {
                let d = Diagnostic::error("mizan::misplaced-header", "`mizan-ir` must be the first node", node.span)
                    .label("not first");
                diags.push(d.help("write `mizan-ir 1` once, as the document's first node"));
            }
            "type" | "enum" | "union" | "alias" => doc.types.extend(decl::named_type(&node, diags)),
            "function" => doc.functions.extend(function::function(&node, diags)),
            "context" => doc.contexts.extend(function::context(&node, diags)),
            "channel" => doc.channels.extend(function::channel(&node, diags)),
            other => diags.push(unknown_node(&node, other, TOP_LEVEL, "at the top level")),
        }
    }

    fn finish(self, diags: &mut Vec<Diagnostic>) -> Document {
        if self.count == 0 {
            diags.push(missing_header(None));
        }
        self.doc
    }
}

fn missing_header(first: Option<Span>) -> Diagnostic {
    let d =
        Diagnostic::error("mizan::missing-header", "the IR must start with `mizan-ir 1`", first.unwrap_or_default());
    let d = if first.is_some() { d.label("expected `mizan-ir 1` before this") } else { d.label("empty document") };
    d.help("a backend's exporter prints `mizan-ir 1` as the first line; is this the right file?")
}

fn header(node: &Node, doc: &mut Document, diags: &mut Vec<Diagnostic>) {
    if let Some(e) = node.arg(0, "the IR version", diags) {
        let span = e.value_span;
        match &e.value {
            Value::Integer(v) if super::SUPPORTED_VERSIONS.iter().any(|s| i128::from(*s) == *v) => {
                doc.version = Spanned::new(*v as u32, span)
            }
            _ => {
                let written = e.written();
                let msg = format!("IR version {written} is not supported");
                let supported = super::SUPPORTED_VERSIONS.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ");
                let help = format!(
                    "this build of mizan-generate reads IR version {supported}; upgrade mizan-generate or the backend adapter so they agree"
                );
                let d = Diagnostic::error("mizan::unsupported-version", msg, span).label("unsupported version");
                diags.push(d.help(help));
            }
        }
    }
    doc.project = node.string_prop("project", diags);
    doc.base_url = node.string_prop("base-url", diags);
    node.finish(1, &["project", "base-url"], false, diags);
}

/// An unknown node name, with a "did you mean" among `known`.
pub fn unknown_node(node: &Node, name: &str, known: &[&str], place: &str) -> Diagnostic {
    let msg = format!("unknown node `{name}` {place}");
    let d = Diagnostic::error("mizan::unknown-node", msg, node.name_span()).label("unknown node");
    match suggest::did_you_mean(name, known.iter().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!("expected one of: {}", known.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_spans_are_bytes() {
        let (_, diags) = parse("mizan-ir 1\nfield é 1.\n");
        assert_eq!(diags[0].code, SYNTAX_CODE);
        assert_eq!(diags[0].span.offset, 11 + "field é ".len());
    }
}
