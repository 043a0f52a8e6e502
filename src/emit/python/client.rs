//! `client.py`, `async_client.py` and `_results.py`: a method per call
//! function and a `fetch_<context>` per context, with keyword-only typed
//! arguments; both clients are built from one list of methods and differ
//! only in `async def` / `await`.

use super::classes::Classes;
use super::doc::{push_doc_text, push_doc_text_or, py_doc};
use super::layout::{Expr, write_import_from, write_statement};
use super::types::{Uses, default_expr, push_constraint_notes, push_type_expr, sentence};
use super::{File, render};
use crate::ir::ast::Literal;
use crate::model::{Api, Auth, Context, Field, Function, Transport, Type};
use crate::names::python as names;
use askama::Template;

/// A method both clients have, before `async` is decided.
pub(crate) struct Method<'a> {
    name: String,
    params: Vec<String>,
    /// `) -> R`.
    close: String,
    /// The docstring, laid out at method indentation.
    doc: String,
    /// `self._mizan_call(...)` or `self._mizan_fetch(...)`.
    call: Expr<'a>,
}

impl Method<'_> {
    /// Appends the whole method at class indentation, laid out, after a
    /// blank line.
    fn render(&self, out: &mut String, asynchronous: bool) {
        let (def, aw) = if asynchronous { ("async def ", "return await ") } else { ("def ", "return ") };
        let mut items = Vec::with_capacity(self.params.len() + 2);
        items.push(Expr::atom("self"));
        if !self.params.is_empty() {
            items.push(Expr::atom("*"));
            items.extend(self.params.iter().map(|p| Expr::atom(p.as_str())));
        }
        let sig = Expr::def(self.name.as_str(), items, self.close.as_str());
        out.push_str("\n\n");
        write_statement(out, 1, def, &sig, ":");
        out.push('\n');
        out.push_str(&self.doc);
        write_statement(out, 2, aw, &self.call, "");
    }
}

#[derive(Template)]
#[template(path = "python/client.py", escape = "none")]
struct ClientFile {
    doc: String,
    imports: String,
    class: &'static str,
    base: &'static str,
    class_doc: String,
    /// Every method, laid out, each after a blank line.
    methods: String,
}

/// `client.py` and `async_client.py`, built from one list of methods.
pub fn files(api: &Api, classes: &Classes) -> Vec<File> {
    let mut uses = Uses::new(classes);
    let count = api.calls().count() + api.contexts.len();
    let (mut sync, mut asynchronous) = (String::with_capacity(512 * count), String::with_capacity(512 * count));
    let mut text = String::new();
    let mut add = |m: Method| {
        m.render(&mut sync, false);
        m.render(&mut asynchronous, true);
    };
    for f in api.calls() {
        add(call(api, f, &mut uses, &mut text));
    }
    for c in &api.contexts {
        add(fetch(api, c, &mut uses, &mut text));
    }
    let mut out = Vec::new();
    for (path, class, base, asynchronous, methods) in [
        ("client.py", "Client", "SyncClientBase", false, sync),
        ("async_client.py", "AsyncClient", "AsyncClientBase", true, asynchronous),
    ] {
        let flavour = if asynchronous { "async (`httpx.AsyncClient`)" } else { "sync (`httpx.Client`)" };
        let file = ClientFile {
            doc: py_doc(&format!("The {flavour} client of the `{}` API.", api.project), 0),
            imports: imports(api, &uses, base),
            class,
            base,
            class_doc: py_doc(&class_doc(class, asynchronous), 1).trim_end().to_owned(),
            methods,
        };
        out.push(File { path: path.to_owned(), contents: render(&file) });
    }
    out
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

/// The import sections of a client module: the standard library, third
/// parties, then the package's own modules.
fn imports(api: &Api, uses: &Uses, base: &str) -> String {
    let mut out = String::from("from __future__ import annotations");
    for third in [false, true] {
        let lines = uses.import_lines(third);
        if !lines.is_empty() {
            out.push_str("\n\n");
            out.push_str(&lines.join("\n"));
        }
    }
    out.push_str("\n\n");
    if api.calls().next().is_some() {
        out.push_str("from . import _results\n");
    }
    let upload = ["Upload"].iter().filter(|_| uses.upload);
    let transport: Vec<&str> = std::iter::once(base).chain(upload.copied()).collect();
    write_import_from(&mut out, "._transport", &transport);
    let models = uses.models();
    if !models.is_empty() {
        out.push('\n');
        write_import_from(&mut out, ".models", &models);
    }
    out
}

/// A keyword argument: `attr: T`, `attr: T = default` or, when the key may
/// be absent, `attr: T | None = None` (left out of the request when None).
fn kwarg(api: &Api, attr: &str, (ty, default): (&Type, Option<&Literal>), optional: bool, uses: &mut Uses) -> String {
    let mut out = String::with_capacity(attr.len() + 32);
    out.push_str(attr);
    out.push_str(": ");
    push_type_expr(&mut out, ty, uses);
    match default {
        Some(lit) => {
            out.push_str(" = ");
            out.push_str(&default_expr(api, ty, lit, uses));
        }
        None if optional && ty.is_nullable() => out.push_str(" = None"),
        None if optional => out.push_str(" | None = None"),
        None => {}
    }
    out
}

/// `"wire": attr`, an entry of the request's dict.
fn entry(wire: &str, attr: &str) -> Expr<'static> {
    let mut out = String::with_capacity(wire.len() + attr.len() + 4);
    names::push_string_literal(&mut out, wire);
    out.push_str(": ");
    out.push_str(attr);
    Expr::atom(out)
}

/// Where a call's argument goes in the request: the dict of required
/// arguments, `optional=` (left out when None) or `files=` (multipart).
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Required,
    Optional,
    File,
}

impl Slot {
    fn of(p: &Field) -> Slot {
        if p.ty.is_upload() {
            Slot::File
        } else if p.optional && p.default.is_none() {
            Slot::Optional
        } else {
            Slot::Required
        }
    }
}

/// `text`: a buffer for the docstring's text, reused from method to method.
fn call<'a>(api: &Api, f: &'a Function, uses: &mut Uses, text: &mut String) -> Method<'a> {
    let attrs: Vec<String> = f.params.iter().map(|p| names::attr_name(&p.name)).collect();
    let params = f.params.iter().zip(&attrs);
    let kwargs = params.clone().map(|(p, a)| kwarg(api, a, (&p.ty, p.default.as_ref()), p.optional, uses)).collect();
    let dict = |head, slot| {
        Expr::dict(head, params.clone().filter(|(p, _)| Slot::of(p) == slot).map(|(p, a)| entry(&p.name, a)).collect())
    };
    let mut adapter = String::from("_results.");
    adapter.push_str(&names::result_adapter(&f.name));
    let mut args = vec![Expr::atom(names::string_literal(&f.name)), dict("", Slot::Required), Expr::atom(adapter)];
    if f.params.iter().any(|p| Slot::of(p) == Slot::Optional) {
        args.push(dict("optional=", Slot::Optional));
    }
    if f.params.iter().any(|p| Slot::of(p) == Slot::File) {
        args.push(dict("files=", Slot::File));
    }
    let mut notes = Vec::new();
    if f.transport == Transport::WebSocket {
        notes.push(
            "Declared `transport=websocket`: this client sends it as `POST <base>/call/`,\nwhich every Mizan server accepts."
                .to_owned(),
        );
    }
    notes.extend(args_section(params.map(|(p, attr)| Arg { attr, declared: Some(p), only: &[] })));
    notes.extend(raises(f.auth));
    text.clear();
    push_doc_text_or(text, &f.docs, &["Calls `", &f.name, "`."], &notes);
    Method {
        name: names::method_name(&f.name),
        params: kwargs,
        close: returns_close(f, uses),
        doc: py_doc(text, 2),
        call: Expr::call("self._mizan_call", args),
    }
}

/// `) -> R` for what a function answers.
fn returns_close(f: &Function, uses: &mut Uses) -> String {
    let mut out = String::from(") -> ");
    push_returns(&mut out, f, uses);
    out
}

/// Appends the Python type a function answers (`None` for JSON `null`).
pub(crate) fn push_returns(out: &mut String, f: &Function, uses: &mut Uses) {
    match &f.returns {
        Some(t) => push_type_expr(out, t, uses),
        None => out.push_str("None"),
    }
}

fn fetch<'a>(api: &'a Api, ctx: &'a Context, uses: &mut Uses, text: &mut String) -> Method<'a> {
    let bundle = names::bundle_class(&ctx.name);
    uses.model(&bundle);
    let mut params = Vec::with_capacity(ctx.params.len());
    let mut entries = Vec::with_capacity(ctx.params.len());
    let mut args = Vec::with_capacity(ctx.params.len());
    for p in &ctx.params {
        let declared = || {
            p.functions
                .iter()
                .filter_map(|f| api.function(f))
                .filter_map(|f| f.params.iter().find(|q| q.name == p.name))
        };
        let optional = !p.required || declared().all(|q| q.optional);
        let attr = names::attr_name(&p.name);
        params.push((optional, kwarg(api, &attr, (&p.ty, None), optional, uses)));
        entries.push(entry(&p.name, &attr));
        args.push(Arg { attr, declared: declared().next(), only: if p.required { &[] } else { &p.functions } });
    }
    let mut notes = Vec::with_capacity(2);
    notes.push(format!("`GET <base>/ctx/{}/`: every member function's result in one request.", ctx.name));
    // Required arguments first, as people write them.
    let (optional, required): (Vec<_>, Vec<_>) = params.into_iter().partition(|(optional, _)| *optional);
    let params = required.into_iter().chain(optional).map(|(_, p)| p).collect();
    notes.extend(args_section(args.into_iter()));
    text.clear();
    push_doc_text_or(text, &ctx.docs, &["Fetches the `", &ctx.name, "` context."], &notes);
    let call = Expr::call(
        "self._mizan_fetch",
        vec![Expr::atom(names::string_literal(&ctx.name)), Expr::dict("", entries), Expr::atom(bundle.clone())],
    );
    Method { name: names::fetch_method(&ctx.name), params, close: format!(") -> {bundle}"), doc: py_doc(text, 2), call }
}

/// An argument as its docstring describes it: `attr` its rendered name,
/// `declared` the param whose docs and constraints it takes (a context
/// argument's first member's), `only` the functions a context argument is
/// limited to.
struct Arg<'f, A> {
    attr: A,
    declared: Option<&'f Field>,
    only: &'f [String],
}

/// A Google-style `Args:` section, when any argument has something to say.
fn args_section<'f, A: AsRef<str>>(args: impl Iterator<Item = Arg<'f, A>>) -> Option<String> {
    let mut out = String::new();
    let mut text = String::new();
    for arg in args {
        text.clear();
        if let Some(p) = arg.declared {
            push_doc_text(&mut text, &p.docs, &[] as &[&str]);
            push_constraint_notes(&mut text, &p.constraints);
        }
        if !arg.only.is_empty() {
            sentence(&mut text, format_args!("Only for "));
            for (i, f) in arg.only.iter().enumerate() {
                text.push_str(if i == 0 { "`" } else { ", `" });
                text.push_str(f);
                text.push('`');
            }
            text.push('.');
        }
        if text.is_empty() {
            continue;
        }
        out.push_str(if out.is_empty() { "Args:\n    " } else { "\n    " });
        out.push_str(arg.attr.as_ref());
        out.push_str(": ");
        push_indented(&mut out, &text);
    }
    (!out.is_empty()).then_some(out)
}

/// `text` with paragraph breaks folded into line breaks and every line
/// after the first indented under its `Args:` entry.
fn push_indented(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('\n') {
        out.push_str(&rest[..i]);
        out.push_str("\n        ");
        let skip = if rest[i + 1..].starts_with('\n') { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    out.push_str(rest);
}

fn raises(auth: Option<Auth>) -> Option<String> {
    let who = match auth? {
        Auth::User => "a signed-in user",
        Auth::Staff => "a staff user",
        Auth::Superuser => "a superuser",
        Auth::Custom => "the backend's own check",
    };
    Some(format!("Raises:\n    UnauthorizedError: Without credentials.\n    ForbiddenError: Unless allowed for {who}."))
}

#[derive(Template)]
#[template(path = "python/_results.py", escape = "none")]
struct ResultsFile {
    imports: String,
    /// Every adapter statement, each on a line of its own.
    adapters: String,
}

/// `_results.py`: a typed `TypeAdapter` per call function.
pub fn results(api: &Api, classes: &Classes) -> File {
    let mut uses = Uses::new(classes);
    uses.import("pydantic", "TypeAdapter");
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
    let mut imports = String::from("from __future__ import annotations");
    for third in [false, true] {
        let lines = uses.import_lines(third);
        if !lines.is_empty() {
            imports.push_str("\n\n");
            imports.push_str(&lines.join("\n"));
        }
    }
    let models = uses.models();
    if !models.is_empty() {
        imports.push_str("\n\n");
        write_import_from(&mut imports, ".models", &models);
    }
    File { path: "_results.py".to_owned(), contents: render(&ResultsFile { imports, adapters }) }
}
