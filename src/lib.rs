//! mizan-generate: reads a Mizan backend's KDL IR and writes typed clients.
//!
//! The pipeline, in the order it runs:
//! 1. `config` — read `mizan.toml` (or the command line's overrides);
//! 2. `source` — obtain the IR text (a file, stdin, or an exporter command);
//! 3. `ir::load` — parse and check it, collecting every error;
//! 4. `lower` — resolve it into the canonical `model::Api`;
//! 5. `emit` — each target builds its view model and writes its files
//!    (code writers, static assets, a few templates); every user-facing
//!    error comes from the steps before, so only a template render error
//!    (a bug) fails it;
//! 6. `write` — compare with disk, write atomically, prune stale files.
//!
//! The command overlaps 3–5 on two cores: once the document passes every
//! rule but the name rules, lowering and emission run beside those
//! (`ir::load_with`), and their result is dropped if a name collides.
//! Nothing is written before every check has passed.

pub mod cli;
pub mod config;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod lower;
pub mod model;
pub mod names;
pub mod par;
pub mod source;
pub mod target;
pub mod testing;
pub mod write;

use diag::Diagnostic;

/// IR text → the lowered model, or every diagnostic of the document.
pub fn compile(source: &str) -> Result<model::Api, Vec<Diagnostic>> {
    let doc = ir::load(source)?;
    Ok(lower::lower(&doc))
}
