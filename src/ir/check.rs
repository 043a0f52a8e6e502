//! Semantic checks of spec §2–§6. (To be written: issue #2.)

use super::ast::Document;
use crate::diag::Diagnostic;

pub fn check(_doc: &Document) -> Vec<Diagnostic> {
    Vec::new()
}
