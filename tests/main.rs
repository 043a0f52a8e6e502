//! The one integration-test binary; `tests/README.md` says what each module
//! proves.

mod cli;
mod common;
mod front;
mod outputs;
mod perf;
mod python;
mod react;
mod rust_client;
mod scale;
mod ssr;
mod stage1_e2e;
mod typescript;
mod vue_svelte;
mod zod;
