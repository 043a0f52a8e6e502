//! `client.py`, `async_client.py` and `_results.py`: a method per call
//! function and a `fetch_<context>` per context, with keyword-only typed
//! arguments; both clients are built from one list of methods and differ
//! only in `async def` / `await`.

use super::doc::{doc_text, py_doc};
use super::layout::{Expr, statement};
use super::types::{Uses, constraint_notes, default_expr, type_expr};
use super::{File, render};
use crate::model::{Api, Auth, Context, Docs, Field, Function, Transport};
use crate::names::python as names;
use askama::Template;

/// A method both clients have, before `async` is decided.
pub(crate) struct Method {
    name: String,
    params: Vec<String>,
    returns: String,
    doc: String,
    /// `self._mizan_call(...)` or `self._mizan_fetch(...)`.
    call: Expr,
}

impl Method {
    /// The whole method at class indentation, laid out.
    fn render(&self, asynchronous: bool) -> String {
        let (def, aw) = if asynchronous { ("async def ", "await ") } else { ("def ", "") };
        let mut items = vec![Expr::atom("self")];
        if !self.params.is_empty() {
            items.push(Expr::atom("*"));
            items.extend(self.params.iter().map(|p| Expr::atom(p.as_str())));
        }
        let sig = Expr::def(format!("{def}{}", self.name), items, format!(") -> {}", self.returns));
        let head = statement(1, "", &sig, ":");
        let body = statement(2, &format!("return {aw}"), &self.call, "");
        format!("{head}\n{}{body}", py_doc(&self.doc, 2))
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
    methods: Vec<String>,
}

/// `client.py` and `async_client.py`.
pub fn files(api: &Api) -> Vec<File> {
    let mut uses = Uses::default();
    let mut methods: Vec<Method> = api.calls().map(|f| call(api, f, &mut uses)).collect();
    methods.extend(api.contexts.iter().map(|c| fetch(api, c, &mut uses)));
    let mut out = Vec::new();
    for (path, class, base, asynchronous) in
        [("client.py", "Client", "SyncClientBase", false), ("async_client.py", "AsyncClient", "AsyncClientBase", true)]
    {
        let flavour = if asynchronous { "async (`httpx.AsyncClient`)" } else { "sync (`httpx.Client`)" };
        let file = ClientFile {
            doc: py_doc(&format!("The {flavour} client of the `{}` API.", api.project), 0),
            imports: imports(api, &uses, base),
            class,
            base,
            class_doc: py_doc(&class_doc(class, asynchronous), 1).trim_end().to_owned(),
            methods: methods.iter().map(|m| m.render(asynchronous)).collect(),
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

fn imports(api: &Api, uses: &Uses, base: &str) -> String {
    let mut sections = vec!["from __future__ import annotations".to_owned()];
    for third in [false, true] {
        let lines = uses.import_lines(third);
        if !lines.is_empty() {
            sections.push(lines.join("\n"));
        }
    }
    let mut local = Vec::new();
    if api.calls().next().is_some() {
        local.push("from . import _results".to_owned());
    }
    let mut transport = vec![base.to_owned()];
    if uses.upload {
        transport.push("Upload".to_owned());
    }
    local.push(super::layout::import_from("._transport", &transport));
    if !uses.models.is_empty() {
        let models: Vec<String> = uses.models.iter().cloned().collect();
        local.push(super::layout::import_from(".models", &models));
    }
    sections.push(local.join("\n"));
    sections.join("\n\n")
}

/// A keyword argument: `name: T`, `name: T = default` or, when the key may
/// be absent, `name: T | None = None` (left out of the request when None).
fn kwarg(api: &Api, p: &Field, optional: bool, uses: &mut Uses) -> String {
    let attr = names::attr_name(&p.name);
    let ty = type_expr(&p.ty, uses);
    match &p.default {
        Some(lit) => format!("{attr}: {ty} = {}", default_expr(api, &p.ty, lit, uses)),
        None if optional && p.ty.is_nullable() => format!("{attr}: {ty} = None"),
        None if optional => format!("{attr}: {ty} | None = None"),
        None => format!("{attr}: {ty}"),
    }
}

fn entry(p: &Field) -> Expr {
    Expr::atom(format!("{}: {}", names::string_literal(&p.name), names::attr_name(&p.name)))
}

fn call(api: &Api, f: &Function, uses: &mut Uses) -> Method {
    let params = f.params.iter().map(|p| kwarg(api, p, p.optional, uses)).collect();
    let (uploads, rest): (Vec<&Field>, Vec<&Field>) = f.params.iter().partition(|p| p.ty.is_upload());
    let (optional, required): (Vec<&Field>, Vec<&Field>) =
        rest.into_iter().partition(|p| p.optional && p.default.is_none());
    let mut args = vec![
        Expr::atom(names::string_literal(&f.name)),
        Expr::dict("", required.iter().map(|p| entry(p)).collect()),
        Expr::atom(format!("_results.{}", names::result_adapter(&f.name))),
    ];
    if !optional.is_empty() {
        args.push(Expr::dict("optional=", optional.iter().map(|p| entry(p)).collect()));
    }
    if !uploads.is_empty() {
        args.push(Expr::dict("files=", uploads.iter().map(|p| entry(p)).collect()));
    }
    let mut notes = Vec::new();
    if f.transport == Transport::WebSocket {
        notes.push(
            "Declared `transport=websocket`: this client sends it as `POST <base>/call/`,\nwhich every Mizan server accepts."
                .to_owned(),
        );
    }
    notes.extend(args_section(f.params.iter().map(|p| (p, constraint_notes(&p.constraints)))));
    notes.extend(raises(f.auth));
    Method {
        name: names::method_name(&f.name),
        params,
        returns: returns(f, uses),
        doc: doc_text(&with_summary(&f.docs, &format!("Calls `{}`.", f.name)), &notes),
        call: Expr::call("self._mizan_call", args),
    }
}

/// The Python type a function answers (`None` for JSON `null`).
pub(crate) fn returns(f: &Function, uses: &mut Uses) -> String {
    f.returns.as_ref().map_or_else(|| "None".to_owned(), |t| type_expr(t, uses))
}

fn fetch(api: &Api, ctx: &Context, uses: &mut Uses) -> Method {
    let bundle = names::bundle_class(&ctx.name);
    uses.models.insert(bundle.clone());
    let mut params = Vec::new();
    let mut entries = Vec::new();
    let mut docs = Vec::new();
    for p in &ctx.params {
        let declared: Vec<&Field> = p
            .functions
            .iter()
            .filter_map(|f| api.function(f))
            .filter_map(|f| f.params.iter().find(|q| q.name == p.name))
            .collect();
        let optional = !p.required || declared.iter().all(|q| q.optional);
        let field = Field {
            name: p.name.clone(),
            ty: p.ty.clone(),
            optional,
            default: None,
            docs: declared.first().map(|q| q.docs.clone()).unwrap_or_default(),
            constraints: declared.first().map(|q| q.constraints.clone()).unwrap_or_default(),
        };
        params.push((optional, kwarg(api, &field, optional, uses)));
        entries.push(entry(&field));
        let mut notes = constraint_notes(&field.constraints);
        if !p.required {
            let only: Vec<String> = p.functions.iter().map(|f| format!("`{f}`")).collect();
            notes.push(format!("Only for {}.", only.join(", ")));
        }
        docs.push((field, notes));
    }
    let mut notes = vec![format!("`GET <base>/ctx/{}/`: every member function's result in one request.", ctx.name)];
    // Required arguments first, as people write them.
    params.sort_by_key(|(optional, _)| *optional);
    let params = params.into_iter().map(|(_, p)| p).collect();
    notes.extend(args_section(docs.iter().map(|(f, n)| (f, n.clone()))));
    let call = Expr::call(
        "self._mizan_fetch",
        vec![Expr::atom(names::string_literal(&ctx.name)), Expr::dict("", entries), Expr::atom(bundle.as_str())],
    );
    Method {
        name: names::fetch_method(&ctx.name),
        params,
        returns: bundle,
        doc: doc_text(&with_summary(&ctx.docs, &format!("Fetches the `{}` context.", ctx.name)), &notes),
        call,
    }
}

/// A Google-style `Args:` section, when any argument has something to say.
fn args_section<'a>(params: impl Iterator<Item = (&'a Field, Vec<String>)>) -> Option<String> {
    let mut lines = Vec::new();
    for (p, notes) in params {
        let mut text = doc_text(&p.docs, &[]);
        for n in notes {
            text = if text.is_empty() { n } else { format!("{text} {n}") };
        }
        if !text.is_empty() {
            let indented = text.replace("\n\n", "\n").replace('\n', "\n        ");
            lines.push(format!("    {}: {indented}", names::attr_name(&p.name)));
        }
    }
    (!lines.is_empty()).then(|| format!("Args:\n{}", lines.join("\n")))
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

/// The docs, with `summary` as the first line when they have no text.
fn with_summary(docs: &Docs, summary: &str) -> Docs {
    Docs { doc: Some(docs.doc.clone().unwrap_or_else(|| summary.to_owned())), deprecated: docs.deprecated.clone() }
}

#[derive(Template)]
#[template(path = "python/_results.py", escape = "none")]
struct ResultsFile {
    imports: String,
    adapters: Vec<String>,
}

/// `_results.py`: a typed `TypeAdapter` per call function.
pub fn results(api: &Api) -> File {
    let mut uses = Uses::default();
    uses.import("pydantic", "TypeAdapter");
    let adapters = api
        .calls()
        .map(|f| {
            let ty = returns(f, &mut uses);
            let head = format!("{}: TypeAdapter[{ty}] = ", names::result_adapter(&f.name));
            statement(0, &head, &Expr::call("TypeAdapter", vec![Expr::atom(ty.as_str())]), "")
        })
        .collect();
    let mut sections = vec!["from __future__ import annotations".to_owned()];
    for third in [false, true] {
        let lines = uses.import_lines(third);
        if !lines.is_empty() {
            sections.push(lines.join("\n"));
        }
    }
    if !uses.models.is_empty() {
        let models: Vec<String> = uses.models.iter().cloned().collect();
        sections.push(super::layout::import_from(".models", &models));
    }
    File { path: "_results.py".to_owned(), contents: render(&ResultsFile { imports: sections.join("\n\n"), adapters }) }
}
