//! `client.py`, `async_client.py` and `_results.py`: a method per call
//! function and a `fetch_<context>` per context (`method`), each built once
//! and laid out into both clients, which differ only in `async def` /
//! `await`.

use super::File;
use super::classes::Classes;
use super::doc::write_doc;
use super::layout::{Expr, write_import_from, write_statement};
use super::method::{Method, push_returns};
use super::uses::{Import, Uses};
use crate::model::Api;
use crate::names::python as names;

/// `client.py` and `async_client.py`, built from one list of methods.
pub fn files(api: &Api, classes: &Classes) -> Vec<File> {
    let mut uses = Uses::new(classes);
    let count = api.calls().count() + api.contexts.len();
    let (mut sync, mut asynchronous) = (String::with_capacity(512 * count), String::with_capacity(512 * count));
    for f in api.calls() {
        Method::call(api, f, &mut uses).render(&mut sync, &mut asynchronous);
    }
    for (i, c) in api.contexts.iter().enumerate() {
        Method::fetch(api, c, classes.bundle(i), &mut uses).render(&mut sync, &mut asynchronous);
    }
    let mut files = Vec::new();
    for (path, class, base, asynchronous, methods) in [
        ("client.py", "Client", "SyncClientBase", false, sync),
        ("async_client.py", "AsyncClient", "AsyncClientBase", true, asynchronous),
    ] {
        let flavour = if asynchronous { "async (`httpx.AsyncClient`)" } else { "sync (`httpx.Client`)" };
        let mut out = String::with_capacity(2048 + methods.len());
        write_doc(&mut out, &format!("The {flavour} client of the `{}` API.", api.project), 0);
        out.push_str("\n\n");
        write_imports(&mut out, api, &uses, base);
        out.extend(["\n\n\nclass ", class, "(", base, "):\n"]);
        write_doc(&mut out, &class_doc(class, asynchronous), 1);
        out.push_str(&methods);
        files.push(File { path: path.to_owned(), contents: out });
    }
    files
}

fn class_doc(class: &str, asynchronous: bool) -> String {
    let example = if asynchronous {
        format!(
            "async with {class}(\"https://example.com\", token=...) as client:\n    bundle = await client.fetch_...(...)"
        )
    } else {
        format!("with {class}(\"https://example.com\", token=...) as client:\n    bundle = client.fetch_...(...)")
    };
    format!(
        "A method per call function and a `fetch_<context>` per context; arguments are\nkeyword-only and typed, results are validated into the models.\n\nUsage:\n\n    {}\n\nErrors the server answers are raised as the `MizanError` subclass of their\ncode (see `errors`).",
        example.replace('\n', "\n    ")
    )
}

/// Appends the import sections of a client module: the standard library,
/// third parties, then the package's own modules.
fn write_imports(out: &mut String, api: &Api, uses: &Uses, base: &str) {
    uses.write_imports(out);
    out.push_str("\n\n");
    if api.calls().next().is_some() {
        out.push_str("from . import _results\n");
    }
    let upload = ["Upload"].iter().filter(|_| uses.upload);
    let transport: Vec<&str> = std::iter::once(base).chain(upload.copied()).collect();
    write_import_from(out, "._transport", &transport);
    let models = uses.models();
    if !models.is_empty() {
        out.push('\n');
        write_import_from(out, ".models", &models);
    }
}

/// `_results.py`: a typed `TypeAdapter` per call function.
pub fn results(api: &Api, classes: &Classes) -> File {
    let mut uses = Uses::new(classes);
    uses.import(Import::TypeAdapter);
    let mut head = String::new();
    let mut ty = String::new();
    let mut adapters = String::with_capacity(96 * api.functions.len());
    for f in api.calls() {
        ty.clear();
        push_returns(&mut ty, f, &mut uses);
        head.clear();
        head.push_str(&names::result_adapter(&f.name));
        head.push_str(": TypeAdapter[");
        head.push_str(&ty);
        head.push_str("] = ");
        adapters.push('\n');
        write_statement(&mut adapters, 0, &head, &Expr::call("TypeAdapter", vec![Expr::atom(ty.as_str())]), "");
    }
    let mut out = String::with_capacity(512 + adapters.len());
    out.push_str("\"\"\"Validators for call results: one typed `TypeAdapter` per call function.\"\"\"\n\n");
    uses.write_imports(&mut out);
    let models = uses.models();
    if !models.is_empty() {
        out.push_str("\n\n");
        write_import_from(&mut out, ".models", &models);
    }
    out.push('\n');
    out.push_str(&adapters);
    File { path: "_results.py".to_owned(), contents: out }
}
