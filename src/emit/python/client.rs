//! `client.py`, `async_client.py` and `_results.py`: a method per call
//! function and a `fetch_<context>` per context (`method`), each built once
//! and laid out into both clients, which differ only in `async def` /
//! `await`.

use super::File;
use super::classes::Classes;
use super::doc::write_doc;
use super::layout::{Expr, write_annotated, write_import_from, write_statement};
use super::method::Method;
use super::types::type_expr;
use super::uses::{Import, Uses};
use crate::model::{Api, Type, TypeDefKind};
use crate::names::python as names;

/// `client.py` and `async_client.py`, built from one list of methods.
pub fn files(api: &Api, classes: &Classes) -> Vec<File> {
    let mut uses = Uses::new(classes);
    let count = api.calls().count() + api.contexts.len();
    let (mut sync, mut asynchronous) = (String::with_capacity(512 * count), String::with_capacity(512 * count));
    let mut methods = Vec::with_capacity(count);
    let mut deprecated = false;
    for f in api.calls() {
        let method = Method::call(api, f, &mut uses);
        method.render(&mut sync, &mut asynchronous);
        deprecated |= method.deprecated.is_some();
        methods.push(method.name);
    }
    for (i, c) in api.contexts.iter().enumerate() {
        let method = Method::fetch(api, c, classes.bundle(i), &mut uses);
        method.render(&mut sync, &mut asynchronous);
        deprecated |= method.deprecated.is_some();
        methods.push(method.name);
    }
    // Not in the raw view: a subscription has no response.
    let mut channels = [false; 2];
    for ch in &api.channels {
        Method::channel(api, ch, &mut uses).render(&mut sync, &mut asynchronous);
        channels[usize::from(ch.client_message.is_some())] = true;
    }
    let socket = super::uses_socket(api);
    let mut files = Vec::new();
    for (path, class, base, asynchronous, body) in [
        ("client.py", "Client", if socket { "SyncSocketClientBase" } else { "SyncClientBase" }, false, sync),
        (
            "async_client.py",
            "AsyncClient",
            if socket { "AsyncSocketClientBase" } else { "AsyncClientBase" },
            true,
            asynchronous,
        ),
    ] {
        let flavour = if asynchronous { "async (`httpx.AsyncClient`)" } else { "sync (`httpx.Client`)" };
        let mut out = String::with_capacity(2048 + body.len() + 64 * methods.len());
        write_doc(&mut out, &format!("The {flavour} client of the `{}` API.", api.project), 0);
        out.push_str("\n\n");
        write_imports(&mut out, api, &uses, (base, socket, channels), asynchronous);
        out.extend(["\n\n\nclass ", class, "(", base, "):\n"]);
        write_doc(&mut out, &class_doc(class, asynchronous), 1);
        out.extend(["\n\n    @property\n    def with_raw_response(self) -> ", class, "WithRawResponse:\n"]);
        write_doc(&mut out, RAW_PROPERTY_DOC, 2);
        out.extend(["\n        return ", class, "WithRawResponse(self._mizan_raw_copy())"]);
        out.push_str(&body);
        raw_view(&mut out, class, asynchronous, &methods, deprecated);
        files.push(File { path: path.to_owned(), contents: out });
    }
    files
}

const RAW_PROPERTY_DOC: &str = "The same methods, each returning the `RawResponse` (status, headers, the\nserver's `invalidate` and `merge` entries, `parse()`) instead of the result.";

/// The class of `with_raw_response`: an attribute per method.
fn raw_view(out: &mut String, class: &str, asynchronous: bool, methods: &[String], deprecated: bool) {
    out.push_str("\n\n\n");
    if deprecated {
        // pyright flags every reference to a `@deprecated` method; these
        // wrap it, they do not use it. (A file-level comment: the wrapping
        // line may be split.)
        out.push_str("# Wrapping a deprecated method is not a use of it.\n# pyright: reportDeprecated=false\n");
    }
    out.extend(["class ", class, "WithRawResponse(RawView[", class, "]):\n"]);
    let doc = format!("`{class}.with_raw_response`: each method returns its `RawResponse`.");
    write_doc(out, &doc, 1);
    if !methods.is_empty() {
        out.push('\n');
    }
    let wrapper = if asynchronous { "AsyncRawMethod" } else { "RawMethod" };
    let mut target = String::new();
    for m in methods {
        target.clear();
        target.extend([class, ".", m]);
        out.push('\n');
        let head = format!("{m} = ");
        write_statement(out, 1, &head, &Expr::call(wrapper, vec![Expr::atom(target.as_str())]), "");
    }
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
/// `base`: the client's base class, from `._socket` when `socket`;
/// `channels`: whether some channel only listens, and some sends.
fn write_imports(
    out: &mut String,
    api: &Api,
    uses: &Uses,
    (base, socket, channels): (&str, bool, [bool; 2]),
    asynchronous: bool,
) {
    uses.write_imports(out);
    out.push_str("\n\n");
    if has_results(api) {
        out.push_str("from . import _results\n");
    }
    if socket {
        let mut names = vec![base];
        let prefix = if asynchronous { "Async" } else { "" };
        let (listen, send) = (format!("{prefix}Channel"), format!("{prefix}SendChannel"));
        if channels[0] {
            names.push(&listen);
        }
        if channels[1] {
            names.push(&send);
        }
        super::uses::isort(&mut names);
        write_import_from(out, "._socket", &names);
        out.push('\n');
    }
    let mut transport = if socket { vec!["RawView"] } else { vec![base, "RawView"] };
    let has_methods = api.calls().next().is_some() || !api.contexts.is_empty();
    if has_methods {
        transport.extend(["RequestOptions", if asynchronous { "AsyncRawMethod" } else { "RawMethod" }]);
    }
    if uses.upload {
        transport.push("Upload");
    }
    super::uses::isort(&mut transport);
    write_import_from(out, "._transport", &transport);
    let models = uses.models();
    if !models.is_empty() {
        out.push('\n');
        write_import_from(out, ".models", &models);
    }
}

/// Whether `_results.py` has adapters: for calls or channels.
pub fn has_results(api: &Api) -> bool {
    api.calls().next().is_some() || !api.channels.is_empty()
}

/// `_results.py`: a typed `TypeAdapter` per call function and per channel
/// (its server messages). Each builds its validator on first use, as the
/// models do: a model's adapter takes the model's config (`defer_build`),
/// another type's is given [`DEFER`] (a model's refuses it).
pub fn results(api: &Api, classes: &Classes) -> File {
    let mut uses = Uses::new(classes);
    uses.import(Import::TypeAdapter);
    let mut adapters = String::with_capacity(96 * api.functions.len());
    let calls = api.calls().map(|f| (names::result_adapter(&f.name), f.returns.as_ref()));
    let channels = api.channels.iter().map(|ch| (names::channel_adapter(&ch.name), Some(&ch.server_message)));
    let mut deferred = false;
    for (name, ty) in calls.chain(channels) {
        let expr = match ty {
            Some(t) => type_expr(t, &mut uses),
            None => Expr::atom("None"),
        };
        let mut args = vec![expr.clone()];
        if !ty.is_some_and(|t| is_model(api, t)) {
            args.push(Expr::keyword("config=", DEFER_NAME));
            deferred = true;
        }
        adapters.push('\n');
        let ann = Expr::subscript("TypeAdapter", vec![expr]);
        write_annotated(&mut adapters, 0, &name, &ann, Some(&Expr::call("TypeAdapter", args)));
    }
    if deferred {
        uses.import(Import::ConfigDict);
        adapters.insert_str(0, DEFER);
    }
    let mut out = String::with_capacity(512 + adapters.len());
    out.push_str("\"\"\"Validators for call results and channel messages: one typed `TypeAdapter`\nper call function and per channel.\"\"\"\n\n");
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

/// The config of the adapters of types other than a model: built on first
/// use.
const DEFER: &str = "\n_MIZAN_DEFER = ConfigDict(defer_build=True)\n";
const DEFER_NAME: &str = "_MIZAN_DEFER";

/// Whether `ty` is a model class (through aliases).
fn is_model(api: &Api, ty: &Type) -> bool {
    match ty {
        Type::Ref(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::Object { .. }) => true,
            Some(TypeDefKind::Alias { target }) => is_model(api, target),
            _ => false,
        },
        _ => false,
    }
}
