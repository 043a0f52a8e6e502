//! The crate's frame: `Cargo.toml`, `src/lib.rs`, and the files that do not
//! depend on the API beyond a flag (`error.rs`, `response.rs`,
//! `transport.rs`, `http.rs`). `error.rs`, `response.rs` and `http.rs` are
//! copied as they are; the others are askama templates with a few holes.

use super::docs::inner_doc;
use crate::emit::{self, File};
use crate::model::Api;
use crate::names::rust as names;
use askama::Template;

#[derive(Template)]
#[template(path = "rust/Cargo.toml", escape = "none")]
struct CargoToml {
    package: String,
    /// A TOML basic string.
    description: String,
    chrono: bool,
    uuid: bool,
    /// The part crates of the types (package, folder in `types/`), if any.
    parts: Vec<(String, String)>,
}

/// `Cargo.toml`; `parts` names the part crates of the types, if any.
pub fn cargo_toml(api: &Api, chrono: bool, uuid: bool, parts: &[PartCrate]) -> Result<File, askama::Error> {
    let description = format!("Typed Mizan client of the {} API (generated)", api.project);
    let file = CargoToml {
        package: names::package_name(&api.project),
        description: toml::Value::String(description).to_string(),
        chrono,
        uuid,
        parts: parts.iter().map(|p| (p.package.clone(), p.folder.clone())).collect(),
    };
    emit::asset("Cargo.toml", &file)
}

/// The names of a part crate of the types (`parts`).
pub struct PartCrate {
    /// Its package: `<package>-types-<n>`.
    pub package: String,
    /// Its Rust name, as code uses it.
    pub krate: String,
    /// Its folder in `types/`: `<n>`, zero-padded to the width of the
    /// number of parts, so that every order of the names (rustfmt's, a
    /// version sort) agrees.
    pub folder: String,
}

impl PartCrate {
    /// The names of the `n`-th (from 1) of `count` part crates.
    pub fn new(api: &Api, n: usize, count: usize) -> PartCrate {
        let folder = format!("{n:0width$}", width = count.to_string().len());
        let package = format!("{}-types-{folder}", names::package_name(&api.project));
        PartCrate { krate: package.replace('-', "_"), package, folder }
    }
}

#[derive(Template)]
#[template(path = "rust/types/Cargo.toml", escape = "none")]
struct PartCargoToml {
    package: String,
    description: String,
    chrono: bool,
    uuid: bool,
    /// The parts it depends on (package, folder).
    deps: Vec<(String, String)>,
}

/// The `types/<n>/Cargo.toml` of the part crate `part`, which depends on
/// the parts `deps`.
pub fn part_cargo_toml(
    api: &Api,
    part: &PartCrate,
    deps: &[&PartCrate],
    chrono: bool,
    uuid: bool,
) -> Result<File, askama::Error> {
    let package = names::package_name(&api.project);
    let description = format!("Types of {package}, the typed Mizan client of the {} API (generated)", api.project);
    let file = PartCargoToml {
        package: part.package.clone(),
        description: toml::Value::String(description).to_string(),
        chrono,
        uuid,
        deps: deps.iter().map(|d| (d.package.clone(), d.folder.clone())).collect(),
    };
    emit::asset(&format!("types/{}/Cargo.toml", part.folder), &file)
}

#[derive(Template)]
#[template(path = "rust/lib.rs", escape = "none")]
struct LibRs {
    /// The first `//!` lines, naming the project.
    intro: String,
    /// The crate's Rust name, for the examples.
    krate: String,
    base_path: String,
    /// The crate re-exports the `chrono` and `uuid` its types use.
    chrono: bool,
    uuid: bool,
    /// `#![recursion_limit]` and its comment, when the types need one.
    recursion_limit: String,
}

/// `#![recursion_limit = "{limit}"]` after a comment saying why.
pub fn recursion_limit(limit: usize) -> String {
    format!(
        "// rustdoc proves every type's auto traits through its fields: the API's\n\
         // types nest deeper than rustc's default limit.\n\
         #![recursion_limit = \"{limit}\"]"
    )
}

pub fn lib_rs(api: &Api, chrono: bool, uuid: bool, limit: Option<usize>) -> Result<File, askama::Error> {
    let file = LibRs {
        intro: inner_doc(&format!("A typed client for the `{}` API, generated from its Mizan IR.", api.project)),
        krate: names::package_name(&api.project).replace('-', "_"),
        base_path: names::string_literal(&api.base_url),
        chrono,
        uuid,
        recursion_limit: limit.map(recursion_limit).unwrap_or_default(),
    };
    emit::asset("src/lib.rs", &file)
}

pub fn error_rs() -> File {
    File { path: "src/error.rs".to_owned(), contents: include_str!("../../../templates/rust/error.rs").to_owned() }
}

#[derive(Template)]
#[template(path = "rust/transport.rs", escape = "none")]
struct TransportRs {
    /// Some call takes an upload: the upload-collecting trait is used.
    uploads: bool,
}

pub fn transport_rs(api: &Api) -> Result<File, askama::Error> {
    emit::asset("src/transport.rs", &TransportRs { uploads: api.calls().any(|f| f.has_upload()) })
}

pub fn response_rs() -> File {
    File {
        path: "src/response.rs".to_owned(),
        contents: include_str!("../../../templates/rust/response.rs").to_owned(),
    }
}

pub fn http_rs() -> File {
    File { path: "src/http.rs".to_owned(), contents: include_str!("../../../templates/rust/http.rs").to_owned() }
}

#[derive(Template)]
#[template(path = "rust/ws.rs", escape = "none")]
struct WsRs {
    /// The API has channels: subscriptions are written.
    channels: bool,
}

/// `src/ws.rs`, the socket (feature `ws`).
pub fn ws_rs(api: &Api) -> Result<File, askama::Error> {
    emit::asset("src/ws.rs", &WsRs { channels: !api.channels.is_empty() })
}
