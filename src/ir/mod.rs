//! The IR front end: KDL text → checked `ast::Document`.
//!
//! `parse` turns the text into the typed AST, collecting every syntax and
//! structural error; `check` applies the semantic rules of the spec and
//! collects every violation. `load` runs both and fails with all of their
//! diagnostics, sorted by position.

pub mod ast;
pub mod check;
pub mod parse;

use crate::diag::{self, Diagnostic};
pub use ast::Document;

/// The IR versions this build reads.
pub const SUPPORTED_VERSIONS: &[u32] = &[1];

/// Parses and checks; on failure returns every diagnostic, sorted.
pub fn load(source: &str) -> Result<Document, Vec<Diagnostic>> {
    let (doc, mut diags) = parse::parse(source);
    if diags.iter().all(|d| d.code != parse::SYNTAX_CODE) {
        diags.extend(check::check(&doc));
    }
    if diags.iter().any(|d| d.severity == diag::Severity::Error) {
        diag::sort(&mut diags);
        Err(diags)
    } else {
        Ok(doc)
    }
}
