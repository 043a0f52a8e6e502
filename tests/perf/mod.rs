//! Performance work: the synthetic benchmark corpus is valid IR. (That the
//! fast KDL path agrees with the kdl crate is tested inside the crate:
//! `src/ir/fastkdl/tests.rs`.)

#[path = "../../benches/synth.rs"]
mod synth;

mod diff;
mod synthetic;
