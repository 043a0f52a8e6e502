//! The one integration-test binary; `tests/README.md` says what each module
//! proves.

mod cli;
mod common;
mod front;
mod outputs;
mod perf;
mod stage1_e2e;
mod typescript;
