//! KDL text → `ast::Document`, collecting every syntax and structural error.
//!
//! `scan` first rejects what the kdl crate cannot parse safely; the fast
//! path (`ir::fastkdl`) reads the documents exporters print, and kdl
//! parses everything else (on a large-stack thread, see `scan`), and its diagnostics become
//! `mizan::syntax`. The typed reading of each node lives in `decl.rs`
//! (types), `function.rs` (functions, contexts, channels) and `texpr.rs`
//! (type expressions); `node.rs` reads arguments and properties.

mod decl;
mod function;
pub mod node;
pub mod texpr;

use super::ast::{Document, Span, Spanned};
use super::scan;
use crate::diag::Diagnostic;
use crate::ir::check::suggest;
use kdl::{KdlDocument, KdlError, KdlNode, KdlValue};
use node::Node;
use std::borrow::Borrow;

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
    let diags = scan::scan(source);
    if !diags.is_empty() {
        return (Document::default(), diags);
    }
    // The fast path reads what exporters print, one top-level node at a
    // time; anything else, syntax errors included, goes through kdl.
    let mut diags = Vec::new();
    if let Some(doc) = read(super::fastkdl::nodes(source), source, &mut diags) {
        return (doc, diags);
    }
    match kdl_parse(source) {
        Ok(kdl) => {
            diags.clear();
            let doc = document(&kdl, source, &mut diags);
            (doc, diags)
        }
        Err(diags) => (Document::default(), diags),
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

/// A parsed KDL document → the AST, reporting every structural error.
pub fn document(kdl: &KdlDocument, src: &str, diags: &mut Vec<Diagnostic>) -> Document {
    read(kdl.nodes().iter().map(Some), src, diags).unwrap_or_default()
}

/// `document` over top-level nodes as they come; `None` as soon as one is
/// `None` (the fast path handing over).
fn read<N: Borrow<KdlNode>>(
    nodes: impl Iterator<Item = Option<N>>,
    src: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let mut doc = Document::default();
    let mut empty = true;
    for (i, kdl_node) in nodes.enumerate() {
        let kdl_node = kdl_node?;
        let kdl_node = kdl_node.borrow();
        empty = false;
        if i == 0 && kdl_node.name().value() == HEADER {
            header(&Node::new(kdl_node, src, diags), &mut doc, diags);
        } else if i == 0 {
            diags.push(missing_header(Some(Span::from(kdl_node.name().span()))));
        }
        let node = Node::new(kdl_node, src, diags);
        match node.name {
            HEADER if i == 0 => {}
            HEADER => {
                let d = Diagnostic::error("mizan::misplaced-header", "`mizan-ir` must be the first node", node.span)
                    .label("not first");
                diags.push(d.help("write `mizan-ir 1` once, as the document's first node"));
            }
            "type" | "enum" | "union" | "alias" => doc.types.extend(decl::named_type(&node, src, diags)),
            "function" => doc.functions.extend(function::function(&node, diags)),
            "context" => doc.contexts.extend(function::context(&node, diags)),
            "channel" => doc.channels.extend(function::channel(&node, diags)),
            other => diags.push(unknown_node(&node, other, TOP_LEVEL, "at the top level")),
        }
    }
    if empty {
        diags.push(missing_header(None));
    }
    Some(doc)
}

fn missing_header(first: Option<Span>) -> Diagnostic {
    let d =
        Diagnostic::error("mizan::missing-header", "the IR must start with `mizan-ir 1`", first.unwrap_or_default());
    let d = if first.is_some() { d.label("expected `mizan-ir 1` before this") } else { d.label("empty document") };
    d.help("a backend's exporter prints `mizan-ir 1` as the first line; is this the right file?")
}

fn header(node: &Node, doc: &mut Document, diags: &mut Vec<Diagnostic>) {
    let supported = super::SUPPORTED_VERSIONS.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", ");
    if let Some(e) = node.arg(0, "the IR version", diags) {
        let span = node::value_span(e);
        match e.value() {
            KdlValue::Integer(v) if super::SUPPORTED_VERSIONS.iter().any(|s| i128::from(*s) == *v) => {
                doc.version = Spanned::new(*v as u32, span)
            }
            v => {
                let written = e.format().map_or_else(|| v.to_string(), |f| f.value_repr.clone());
                let msg = format!("IR version {written} is not supported");
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
