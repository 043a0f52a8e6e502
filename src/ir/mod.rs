//! The IR front end: KDL text → checked `ast::Document`.
//!
//! `parse` turns the text into the typed AST, collecting every syntax and
//! structural error; `check` applies the semantic rules of the spec and
//! collects every violation. `load` runs both and fails with all of their
//! diagnostics, sorted by position.

pub mod ast;
pub mod check;
pub mod fastkdl;
pub mod parse;
pub mod scan;

use crate::diag::{self, Diagnostic};
pub use ast::Document;
use ast::Span;
use std::time::{Duration, Instant};

/// The IR versions this build reads.
pub const SUPPORTED_VERSIONS: &[u32] = &[1];

/// Parses and checks; on failure returns every diagnostic, sorted.
pub fn load(source: &str) -> Result<Document, Vec<Diagnostic>> {
    load_with(source, check::Generated::ALL, |_| (), &mut |_, _| {}).map(|(doc, ())| doc)
}

/// `load` with the names of the `generated` code checked, running `also`
/// as soon as the document has parsed cleanly and passed every rule but
/// the name rules, beside those (on a second core when there is one): `also`
/// may assume a document that is valid but for its names, and its result
/// is kept only when the names pass too. `took(phase, duration)` is told how
/// long `parse`, `check-rules` and `check-names` took.
pub fn load_with<R>(
    source: &str,
    generated: check::Generated,
    also: impl FnOnce(&Document) -> R,
    took: &mut dyn FnMut(&str, Duration),
) -> Result<(Document, R), Vec<Diagnostic>> {
    let start = Instant::now();
    let (doc, mut diags) = parse::parse(source);
    took("parse", start.elapsed());
    if diags.iter().any(|d| d.code == parse::SYNTAX_CODE) {
        return Err(sorted(diags));
    }
    let parsed = !has_errors(&diags);
    let checked = check::check_then(&doc, generated, || parsed.then(|| also(&doc)));
    took("check-rules", checked.rules_took);
    took("check-names", checked.names_took);
    diags.extend(checked.diags);
    match checked.then.flatten() {
        Some(result) if !has_errors(&diags) => Ok((doc, result)),
        _ => Err(sorted(diags)),
    }
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == diag::Severity::Error)
}

fn sorted(mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diag::sort(&mut diags);
    diags
}

/// `load` for raw bytes: text that is not UTF-8 is reported at the first
/// invalid byte.
pub fn load_bytes(bytes: &[u8]) -> Result<Document, Vec<Diagnostic>> {
    load(decode(bytes)?)
}

/// The bytes as UTF-8 text, or a `mizan::not-utf8` diagnostic.
pub fn decode(bytes: &[u8]) -> Result<&str, Vec<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let len = e.error_len().unwrap_or(bytes.len() - at);
        let msg = format!("the IR is not valid UTF-8: invalid byte 0x{:02x} at offset {at}", bytes[at]);
        vec![Diagnostic::error("mizan::not-utf8", msg, Span::new(at, len))
            .label("not UTF-8")
            .help("KDL documents are UTF-8; check the exporter's output encoding (on Windows, PowerShell redirection writes UTF-16)")]
    })
}
