//! The one integration-test binary; `tests/README.md` says what each module
//! proves.

mod common;
mod outputs;
mod typescript;
mod vue_svelte;
