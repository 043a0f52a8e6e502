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
use crate::target::Backend;
pub use ast::Document;
use ast::Span;

/// The IR versions this build reads.
pub const SUPPORTED_VERSIONS: &[u32] = &[1];

/// Parses and checks with every target's names; on failure returns every
/// diagnostic, sorted.
pub fn load(source: &str) -> Result<Document, Vec<Diagnostic>> {
    load_for(source, crate::target::ALL)
}

/// `load`, checking the names of `targets` (spec §2: names must not collide
/// "in any enabled target").
pub fn load_for(source: &str, targets: &[&dyn Backend]) -> Result<Document, Vec<Diagnostic>> {
    let (doc, mut diags) = parse::parse(source);
    if !diags.iter().any(|d| d.code == parse::SYNTAX_CODE) {
        diags.extend(check::check_for(&doc, targets));
    }
    if has_errors(&diags) { Err(sorted(diags)) } else { Ok(doc) }
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
