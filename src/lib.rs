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
//! Each step takes the previous one's output; nothing is written before
//! every check has passed. docs/architecture.md describes the design.
//!
//! The public API is narrow: [`compile`] and [`emit()`] with [`File`], the
//! target registry ([`target`]) and the model targets read ([`model`]),
//! diagnostics ([`diag`]), breaking-change detection ([`breaking`]), the command line ([`main`]), and [`testing`]
//! for the tests and benchmarks. Everything else is the crate's own.

pub mod breaking;
mod cli;
mod config;
pub mod diag;
mod diff;
mod emit;
mod graph;
mod ir;
mod lower;
pub mod model;
mod names;
mod par;
mod source;
pub mod target;
pub mod testing;
mod write;

pub use cli::main;
use diag::Diagnostic;
pub use emit::{File, emit};

/// IR text → the lowered model, or every diagnostic of the document.
pub fn compile(source: &str) -> Result<model::Api, Vec<Diagnostic>> {
    let doc = ir::load(source)?;
    Ok(lower::lower(&doc))
}
