//! The `rust` target: a client crate (serde types, a `Client` generic over a
//! `Transport` trait, a typed error enum, an optional `reqwest` transport and
//! the invalidation graph as constants).
//!
//! Files: `Cargo.toml`, `src/lib.rs` (crate docs, modules, re-exports),
//! `src/types.rs`, `src/client.rs`, `src/error.rs`, `src/response.rs`,
//! `src/transport.rs`, `src/http.rs` (feature `reqwest`), `src/ws.rs`
//! (feature `ws`: the socket's calls and channel subscriptions) and
//! `src/invalidation.rs`; with many types, `src/types.rs` only re-exports
//! the part crates that declare them, `types/<n>/Cargo.toml` and
//! `types/<n>/src/lib.rs` ([`parts`]). Every name,
//! type, attribute and doc comment is rendered here and laid out the way
//! rustfmt prints it (`layout`). `types.rs` is written by code; the files
//! that are mostly fixed text (`Cargo.toml`, `lib.rs`, `client.rs`,
//! `transport.rs`, `ws.rs`, `invalidation.rs`) are askama templates in
//! `templates/rust/` whose holes take those rendered strings, rendered by
//! [`emit::asset`](crate::emit::asset); `error.rs`, `response.rs` and
//! `http.rs` are copied as they are.

mod client;
mod docs;
mod invalidation;
mod krate;
mod layout;
mod parts;
mod rendered;
mod ty;
mod types;

use crate::emit::File;
use crate::ir::check;
use crate::model::{Api, Prim, Type, TypeDefKind};
use crate::names::{self, rust as rs};
use crate::target::symbols::{self, Member, Source, Symbols};
use crate::target::{Table, Target};
use ty::Printer;

pub struct Rust;

/// `[target.rust]`.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Map `datetime`/`date`/`time` to `chrono` types (the default);
    /// `false` keeps them `String`.
    pub chrono: bool,
    /// Map `uuid` to `uuid::Uuid` (the default); `false` keeps it `String`.
    pub uuid: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { chrono: true, uuid: true }
    }
}

impl Target for Rust {
    type Options = Options;
    const NAME: &'static str = "rust";
    const KEYS: &'static [&'static str] = &["chrono", "uuid"];
    const COST: usize = 4;

    fn options(table: &mut Table) -> Options {
        Options { chrono: table.boolean("chrono").unwrap_or(true), uuid: table.boolean("uuid").unwrap_or(true) }
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
    // The crate depends on chrono and uuid only when a type uses them.
    let (mut times, mut uuids) = (false, false);
    for_each_prim(api, |p| {
        times |= matches!(p, Prim::Datetime | Prim::Date | Prim::Time);
        uuids |= p == Prim::Uuid;
    });
    let (chrono_dep, uuid_dep) = (chrono && times, uuid && uuids);
    let graph = parts::Graph::new(api, &names);
    let parts = parts::split(api, &graph, parts::BOUND);
    let recursion_limit = graph.recursion_limit();
    let crates: Vec<krate::PartCrate> = (1..=parts.len()).map(|n| krate::PartCrate::new(api, n, parts.len())).collect();
    let mut files = vec![
        krate::cargo_toml(api, chrono_dep, uuid_dep, &crates)?,
        krate::lib_rs(api, chrono_dep, uuid_dep, recursion_limit)?,
        client::file(api, Printer { chrono, uuid, path: "types::", names: &names }, &fields)?,
        krate::error_rs(),
        krate::response_rs(),
        krate::transport_rs(api)?,
        krate::http_rs(),
        krate::ws_rs(api)?,
        invalidation::file(api)?,
    ];
    let declarations = types::Declarations::new(api, Printer { chrono, uuid, path: "", names: &names }, &fields);
    if parts.is_empty() {
        files.push(declarations.file());
        return Ok(files);
    }
    let krates: Vec<String> = crates.iter().map(|c| c.krate.clone()).collect();
    files.push(types::reexports(&parts_doc(api, parts.len()), &krates));
    let facade = rs::package_name(&api.project).replace('-', "_");
    for ((n, part), krate) in parts.iter().enumerate().zip(&crates) {
        let deps: Vec<&krate::PartCrate> = part.deps.iter().map(|&d| &crates[d]).collect();
        files.push(krate::part_cargo_toml(api, krate, &deps, chrono_dep, uuid_dep)?);
        let doc = docs::inner_doc(&format!(
            "Part {} of {} of the types of `{facade}`, the typed client of the `{}` API.\n\
             An API this size has its types compiled as crates of their own;\n\
             use them through `{facade}::types`, which re-exports every part.",
            n + 1,
            parts.len(),
            api.project
        ));
        let imports: Vec<String> = deps.iter().map(|d| format!("use {}::*;", d.krate)).collect();
        let doc = match recursion_limit {
            Some(limit) => [doc, krate::recursion_limit(limit), "\n".to_owned()].concat(),
            None => doc,
        };
        let contents = declarations.write(&part.types, &doc, &imports.join("\n"));
        files.push(File { path: format!("types/{}/src/lib.rs", krate.folder), contents });
    }
    Ok(files)
}

/// The docs of the facade's `src/types.rs` when the types are in `count`
/// part crates.
fn parts_doc(api: &Api, count: usize) -> String {
    docs::inner_doc(&format!(
        "Every named type of the API, as serde types that read and write the\n\
         exact JSON the backend speaks. The `{}` API has so many that they are\n\
         compiled as {count} crates of their own, in `types/` (rustc holds a whole\n\
         crate in memory, and each part needs a fraction of what one crate of\n\
         them all would); this module re-exports every one.",
        api.project
    ))
}

/// Calls `f` with every primitive the crate's types mention: fields,
/// aliases, params, results, context params and channels.
fn for_each_prim(api: &Api, mut f: impl FnMut(Prim)) {
    fn walk(ty: &Type, f: &mut impl FnMut(Prim)) {
        match ty {
            Type::Prim(p) => f(*p),
            Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => walk(inner, f),
            Type::Ref(_) => {}
        }
    }
    for t in &api.types {
        match &t.kind {
            TypeDefKind::Object { fields } => fields.iter().for_each(|x| walk(&x.ty, &mut f)),
            TypeDefKind::Alias { target } => walk(target, &mut f),
            TypeDefKind::Enum { .. } | TypeDefKind::Union { .. } => {}
        }
    }
    for func in &api.functions {
        func.params.iter().for_each(|p| walk(&p.ty, &mut f));
        func.returns.iter().for_each(|r| walk(r, &mut f));
    }
    for c in &api.contexts {
        c.params.iter().for_each(|p| walk(&p.ty, &mut f));
    }
    for c in &api.channels {
        c.params.iter().for_each(|p| walk(&p.ty, &mut f));
        walk(&c.server_message, &mut f);
        c.client_message.iter().for_each(|m| walk(m, &mut f));
    }
}
