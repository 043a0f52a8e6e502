//! The `rust` target: a client crate (serde types, a `Client` generic over a
//! `Transport` trait, a typed error enum, an optional `reqwest` transport and
//! the invalidation graph as constants).
//!
//! Files: `Cargo.toml`, `src/lib.rs` (crate docs, modules, re-exports),
//! `src/types.rs`, `src/client.rs`, `src/error.rs`, `src/transport.rs`,
//! `src/http.rs` (feature `reqwest`) and `src/invalidation.rs`. Each file's
//! view model is built here with every name, type, attribute and doc comment
//! already rendered and laid out the way rustfmt prints it (`layout`); the
//! templates in `templates/rust/` only print.

mod client;
mod docs;
mod invalidation;
mod krate;
mod layout;
mod rendered;
mod ty;
mod types;

pub use docs::doc_comment;

use super::{File, Options};
use crate::model::Api;
use askama::Template;
use ty::Printer;

/// Every file of the crate, paths relative to the crate's folder.
pub fn emit(api: &Api, options: &Options) -> Vec<File> {
    let (chrono, uuid) = (options.rust_chrono, options.rust_uuid);
    let (names, fields) = (rendered::TypeNames::new(api), rendered::FieldNames::new(api));
    vec![
        krate::cargo_toml(api, chrono, uuid),
        krate::lib_rs(api),
        types::file(api, Printer { chrono, uuid, path: "", names: &names }, &fields),
        client::file(api, Printer { chrono, uuid, path: "types::", names: &names }, &fields),
        krate::error_rs(),
        krate::transport_rs(api),
        krate::http_rs(),
        invalidation::file(api),
    ]
}

/// Renders a template into a buffer sized for its fixed text plus
/// `capacity` bytes; a template over strings cannot fail to render.
fn render<T: Template>(t: &T, capacity: usize) -> String {
    let mut out = String::with_capacity(T::SIZE_HINT + capacity);
    match t.render_into(&mut out) {
        Ok(()) => out,
        Err(e) => format!("compile_error!(\"template error: {e}\");\n"),
    }
}
