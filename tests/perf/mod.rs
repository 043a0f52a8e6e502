//! Performance work: the synthetic benchmark corpus is valid IR, and the
//! fast KDL path (`ir::fastkdl`) agrees with the kdl crate — on every
//! fixture, the synthetic corpus and fuzzed inputs it accepts only what kdl
//! accepts and yields the same AST and diagnostics, or hands over.

#[path = "../../benches/synth.rs"]
mod synth;

mod differential;
mod synthetic;
