//! The `rust` target: a client crate (serde types, a `Client` generic over a
//! `Transport` trait, a typed error enum, an optional `reqwest` transport and
//! the invalidation graph as constants).
//!
//! Files: `Cargo.toml`, `src/lib.rs` (crate docs, modules, re-exports),
//! `src/types.rs`, `src/client.rs`, `src/error.rs`, `src/transport.rs`,
//! `src/http.rs` (feature `reqwest`) and `src/invalidation.rs`. Every name,
//! type, attribute and doc comment is rendered here and laid out the way
//! rustfmt prints it (`layout`). `types.rs` is written by code; the files
//! that are mostly fixed text (`Cargo.toml`, `lib.rs`, `client.rs`,
//! `transport.rs`, `invalidation.rs`) are askama templates in
//! `templates/rust/` whose holes take those rendered strings, rendered by
//! [`emit::asset`](crate::emit::asset); `error.rs` and `http.rs` are copied
//! as they are.

mod client;
mod docs;
mod invalidation;
mod krate;
mod layout;
mod rendered;
mod ty;
mod types;

use crate::emit::File;
use crate::ir::check;
use crate::model::Api;
use crate::names::{self, rust as rs};
use crate::target::symbols::{self, Member, Source, Symbols};
use crate::target::{Table, Target};
use ty::Printer;

pub struct Rust;

/// `[target.rust]`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Map `datetime`/`date`/`time` to `chrono` types.
    pub chrono: bool,
    /// Map `uuid` to `uuid::Uuid`.
    pub uuid: bool,
}

impl Target for Rust {
    type Options = Options;
    const NAME: &'static str = "rust";
    const KEYS: &'static [&'static str] = &["chrono", "uuid"];
    const COST: usize = 4;

    fn options(table: &mut Table) -> Options {
        Options { chrono: table.boolean("chrono").unwrap_or(false), uuid: table.boolean("uuid").unwrap_or(false) }
    }

    /// Types, the client's methods, the context and channel modules; fields
    /// and params as fields, enum values as variants.
    fn symbols<'a>(ix: &check::Index<'a>, out: &mut Symbols<'a>) {
        let doc = ix.doc;
        out.namespace("rust types", "Rust", &[]);
        for t in &doc.types {
            out.declared(rs::type_name(&t.name.wire), Source::Type(&t.name.wire), t.name.span);
        }
        out.namespace("rust functions", "Rust", &[]);
        for f in symbols::client_functions(ix) {
            out.declared(rs::field_name(&f.name.wire), Source::Function(&f.name.wire), f.name.span);
        }
        out.namespace("rust contexts", "Rust", &[]);
        for (c, span) in symbols::contexts(ix) {
            out.declared(names::snake(c), Source::Context(c), span);
        }
        out.namespace("rust channels", "Rust", &[]);
        for c in &doc.channels {
            out.declared(names::snake(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
        out.members("Rust", Member::Field, rs::field_name);
        out.members("Rust", Member::Param, rs::field_name);
        out.members("Rust", Member::EnumValue, rs::variant_name);
    }

    fn emit(api: &Api, options: &Options) -> Result<Vec<File>, askama::Error> {
        emit(api, options)
    }
}

/// Every file of the crate, paths relative to the crate's folder.
fn emit(api: &Api, options: &Options) -> Result<Vec<File>, askama::Error> {
    let (chrono, uuid) = (options.chrono, options.uuid);
    let (names, fields) = (rendered::TypeNames::new(api), rendered::FieldNames::new(api));
    Ok(vec![
        krate::cargo_toml(api, chrono, uuid)?,
        krate::lib_rs(api)?,
        types::file(api, Printer { chrono, uuid, path: "", names: &names }, &fields),
        client::file(api, Printer { chrono, uuid, path: "types::", names: &names }, &fields)?,
        krate::error_rs(),
        krate::transport_rs(api)?,
        krate::http_rs(),
        invalidation::file(api)?,
    ])
}
