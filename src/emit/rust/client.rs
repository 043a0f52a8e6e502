//! `src/client.rs`: the `Client` with one method per call function and one
//! `fetch_<context>` per context, and their args, params and bundle structs.
//!
//! The methods and structs are written here into one buffer each; the
//! template is the fixed text around them (the `Client` type and the
//! helpers its methods call, each kept out when unused).

use super::docs::{constraint_notes, write_doc_comment, write_generated_doc};
use super::layout;
use super::rendered::{FieldNames, unique};
use super::ty::{Printer, uses_map};
use super::types::{FieldDecl, push_deprecated, push_struct};
use crate::emit::{self, File};
use crate::model::{Api, Auth, Channel, Context, ContextParam, Field, FnKind, Function, Transport, Type};
use crate::names::rust as names;
use askama::Template;
use std::borrow::Cow;

#[derive(Template)]
#[template(path = "rust/client.rs", escape = "none")]
struct ClientFile {
    /// The `use` lines.
    imports: String,
    /// Every method of `Client`, each after a blank line.
    methods: String,
    /// Every args, params and bundle struct with its impls, each after a
    /// blank line.
    structs: String,
    /// The API has channels: the `Channel` traits and the subscription
    /// methods are written.
    channels: bool,
    /// Every `subscribe_<channel>` method, each after a blank line.
    channel_methods: String,
}

/// The file; `printer` names user types through `types::`.
pub fn file(api: &Api, printer: Printer, fields: &FieldNames) -> Result<File, askama::Error> {
    let calls: Vec<&Function> = api.calls().collect();
    let method_names = unique(
        calls
            .iter()
            .map(|f| Cow::Owned(names::method_name(&f.name)))
            .chain(api.contexts.iter().map(|c| Cow::Owned(names::fetch_method(&c.name))))
            .chain(api.channels.iter().map(|c| Cow::Owned(names::subscribe_method(&c.name))))
            .collect(),
    );
    let (call_names, rest) = method_names.split_at(calls.len());
    let (fetch_names, subscribe_names) = rest.split_at(api.contexts.len());
    let members = members(api);
    let imports = imports(api, &calls, &members);
    let mut methods = String::with_capacity(320 * calls.len() + 256 * api.contexts.len());
    let mut structs = String::with_capacity(896 * calls.len() + 1280 * api.contexts.len());
    for (f, m) in calls.iter().zip(call_names) {
        call(&mut methods, &mut structs, f, m, printer, fields);
    }
    for ((c, m), members) in api.contexts.iter().zip(fetch_names).zip(&members) {
        context(&mut methods, &mut structs, (c, members), m, printer, fields);
    }
    let mut channel_methods = String::new();
    for (c, m) in api.channels.iter().zip(subscribe_names) {
        channel(&mut channel_methods, &mut structs, c, m, printer, fields);
    }
    let channels = !api.channels.is_empty();
    emit::asset("src/client.rs", &ClientFile { imports, methods, structs, channels, channel_methods })
}

/// The members of each context ([`Api::members`]), in name order, from one
/// pass over the functions: looking each name up costs a cache miss per
/// step at 10,000 functions.
fn members(api: &Api) -> Vec<Vec<&Function>> {
    let mut groups = vec![Vec::new(); api.contexts.len()];
    for f in &api.functions {
        let FnKind::Read { context } = &f.kind else { continue };
        if let Ok(i) = api.contexts.binary_search_by(|c| c.name.cmp(context)) {
            groups[i].push(f);
        }
    }
    groups
}

/// The `use` lines, in rustfmt's order, naming only what the file uses.
fn imports(api: &Api, calls: &[&Function], members: &[Vec<&Function>]) -> String {
    let mut tys: Vec<&Type> = calls.iter().flat_map(|f| f.params.iter().map(|p| &p.ty).chain(&f.returns)).collect();
    tys.extend(members.iter().flatten().filter_map(|f| f.returns.as_ref()));
    tys.extend(api.contexts.iter().flat_map(|c| c.params.iter().map(|p| &p.ty)));
    for c in &api.channels {
        tys.extend(c.params.iter().map(|p| &p.ty).chain([&c.server_message]).chain(&c.client_message));
    }
    let mut transport = vec!["CallRequest", "FetchRequest", "FilePart", "RequestOptions", "Transport"];
    if calls.iter().any(|f| f.has_upload()) {
        transport.extend(["Upload", "UploadField"]);
    }
    transport.push("Via");
    let mut lines = vec!["use crate::error::Error;".to_owned(), "use crate::response::Response;".to_owned()];
    let one = format!("use crate::transport::{{{}}};", transport.join(", "));
    lines.push(match one.len() <= layout::WIDTH {
        true => one,
        false => format!("use crate::transport::{{\n    {},\n}};", transport.join(", ")),
    });
    if tys.iter().any(|t| mentions_ref(t)) {
        lines.push("use crate::types;".to_owned());
    }
    lines.push("use serde::de::DeserializeOwned;".to_owned());
    lines.push(match api.contexts.is_empty() {
        true => "use serde::Serialize;".to_owned(),
        false => "use serde::{Deserialize, Serialize};".to_owned(),
    });
    if tys.iter().any(|t| uses_map(t)) {
        lines.push("use std::collections::BTreeMap;".to_owned());
    }
    lines.push("use std::sync::Arc;".to_owned());
    lines.push("use std::time::Duration;".to_owned());
    if !api.channels.is_empty() {
        // A group of its own: the socket exists with the `ws` feature only.
        lines.push("\n#[cfg(feature = \"ws\")]\nuse crate::ws::{HasSocket, Subscription};".to_owned());
    }
    lines.join("\n")
}

fn mentions_ref(ty: &Type) -> bool {
    match ty {
        Type::Ref(_) => true,
        Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => mentions_ref(inner),
        Type::Prim(_) => false,
    }
}

/// A doc comment at column `indent` for text the generator writes.
fn push_plain_doc(out: &mut String, text: &str, indent: usize) {
    write_generated_doc(out, text, indent);
}

/// `Result<ok, Error>` for a method's signature.
fn result(ok: impl FnOnce(&mut String)) -> String {
    let mut ret = String::with_capacity(64);
    ret.push_str("Result<");
    ok(&mut ret);
    ret.push_str(", Error>");
    ret
}

/// The body of a method: `self.{send}(arg)` (the client's `call` or
/// `fetch`), keeping the response's data. `arg`: the method's own
/// argument, or `None` to send the struct that stands for no params.
fn push_body(out: &mut String, send: &str, arg: Option<&str>, empty: &str) {
    out.push('\n');
    let callee = ["self.", send].concat();
    match arg {
        Some(arg) => layout::chain(out, 2, &callee, arg, &[".await", ".map(Response::into_data)"]),
        None => {
            let arg = ["&", empty, " {}"].concat();
            layout::chain(out, 2, &callee, &arg, &[".await", ".map(Response::into_data)"]);
        }
    }
    out.push_str("\n    }");
}

/// Appends the method calling `f` (named `method`) to `methods`, and its
/// args struct with its impls to `structs`.
fn call(methods: &mut String, structs: &mut String, f: &Function, method: &str, printer: Printer, fields: &FieldNames) {
    let args = names::args_type(&f.name);
    methods.push_str("\n\n");
    let mut notes = [""; 3];
    let mut count = 0;
    let candidates = [
        f.has_upload().then_some("Sent as `multipart/form-data`: one file part per upload."),
        (f.transport == Transport::WebSocket)
            .then_some("The backend serves this function over WebSocket: see [`Via`]."),
        f.auth.map(auth_note),
    ];
    for note in candidates.into_iter().flatten() {
        notes[count] = note;
        count += 1;
    }
    write_doc_comment(methods, f.docs.doc.as_deref(), &notes[..count], None, 4);
    push_deprecated(methods, f.docs.deprecated.as_ref());
    let ret = result(|out| printer.push(out, f.returns.as_ref(), false, false));
    if f.params.is_empty() {
        layout::fn_head(methods, 1, "pub async fn ", method, &["&self"], &ret);
        push_body(methods, "call", None, &args);
    } else {
        layout::fn_head(methods, 1, "pub async fn ", method, &["&self", &["args: &", &args].concat()], &ret);
        push_body(methods, "call", Some("args"), &args);
    }
    args_struct(structs, (f, &args, method), printer, fields);
}

/// Appends the args struct `name` of `f` and its impls.
/// `call`: the function, the struct's name and the method's.
fn args_struct(out: &mut String, call: (&Function, &str, &str), printer: Printer, fields: &FieldNames) {
    let (f, name, method) = call;
    let rendered = fields.of(f.params.iter().map(|p| p.name.as_str()));
    let notes: Vec<Vec<String>> =
        f.params.iter().map(|p| constraint_notes(&p.constraints, p.default.as_ref())).collect();
    let decls: Vec<FieldDecl> =
        f.params.iter().zip(&rendered).zip(&notes).map(|((p, r), notes)| param_decl(p, r, notes)).collect();
    out.push_str("\n\n");
    let doc = ["Arguments of [`Client::", method, "`] (`", &f.name, "`)."].concat();
    builder(out, name, &doc, &decls, printer);
    out.push_str("\n\n");
    layout::impl_for(out, "sealed::Sealed", name, true);
    out.push_str("\n\n");
    layout::impl_for(out, "Call", name, false);
    out.push('\n');
    let mut output = String::with_capacity(32);
    printer.push(&mut output, f.returns.as_ref(), false, false);
    layout::assign(out, 1, "type Output", &output);
    out.push('\n');
    layout::assign(out, 1, "const FUNCTION: &'static str", &names::string_literal(&f.name));
    let via = if f.transport == Transport::WebSocket { "Via::WebSocket" } else { "Via::Http" };
    out.extend(["\n    const VIA: Via = ", via, ";"]);
    let uploads: Vec<(&Field, &Cow<str>)> = f.params.iter().zip(&rendered).filter(|(p, _)| p.ty.is_upload()).collect();
    if uploads.is_empty() {
        out.push_str("\n}");
        return;
    }
    out.push_str("\n    const MULTIPART: bool = true;\n\n    fn files(&self) -> Vec<FilePart<'_>> {\n");
    out.push_str("        let mut files = Vec::new();");
    for (p, r) in uploads {
        out.extend(["\n        self.", r, ".push_parts(", &names::string_literal(&p.name), ", &mut files);"]);
    }
    out.push_str("\n        files\n    }\n}");
}

/// Appends an args or params struct, `#[non_exhaustive]`, after its doc
/// line, and its `impl`: `new` taking every required field in order and a
/// `with_<field>` setter per optional one. A struct whose fields are all
/// optional is also `Default`.
fn builder(out: &mut String, name: &str, doc: &str, decls: &[FieldDecl], printer: Printer) {
    let all_optional = decls.iter().all(|d| d.optional);
    push_plain_doc(out, doc, 0);
    let derive = match all_optional {
        true => "#[derive(Clone, Debug, Default, PartialEq, Serialize)]\n#[non_exhaustive]",
        false => "#[derive(Clone, Debug, PartialEq, Serialize)]\n#[non_exhaustive]",
    };
    push_struct(out, derive, name, |out| {
        for d in decls {
            d.push(out, printer);
        }
    });
    out.extend(["\n\nimpl ", name, " {\n"]);
    let required: Vec<&FieldDecl> = decls.iter().filter(|d| !d.optional).collect();
    let doc = match (decls.is_empty(), required.is_empty()) {
        (true, _) => "There are no params.",
        (false, true) => "No param set: every one is optional.",
        (false, false) if required.len() == decls.len() => "Every param, in order.",
        (false, false) => "The required params, in order; the optional ones are unset.",
    };
    push_plain_doc(out, doc, 4);
    if required.len() > 7 {
        out.push_str("    #[allow(clippy::too_many_arguments)]\n");
    }
    let params: Vec<String> = required
        .iter()
        .map(|d| {
            let mut param = String::with_capacity(d.name.len() + 24);
            param.extend([d.name, ": "]);
            printer.push(&mut param, d.ty, false, false);
            param
        })
        .collect();
    let params: Vec<&str> = params.iter().map(String::as_str).collect();
    layout::fn_head(out, 1, "pub fn ", "new", &params, "Self");
    out.push_str("\n        ");
    if all_optional {
        out.push_str("Self::default()");
    } else {
        let inits: Vec<String> =
            decls.iter().map(|d| if d.optional { [d.name, ": None"].concat() } else { d.name.to_owned() }).collect();
        let inits: Vec<&str> = inits.iter().map(String::as_str).collect();
        layout::struct_literal(out, 2, 8, "Self", &inits);
    }
    out.push_str("\n    }");
    for d in decls.iter().filter(|d| d.optional) {
        let field = names::serde_name(d.name);
        out.push_str("\n\n");
        push_plain_doc(out, &["Sets `", field, "`."].concat(), 4);
        push_deprecated(out, d.deprecated);
        let mut value = String::from("value: ");
        let inner = match d.ty {
            Some(Type::Nullable(inner)) => Some(&**inner),
            ty => ty,
        };
        printer.push(&mut value, inner, false, false);
        layout::fn_head(out, 1, "pub fn ", &["with_", field].concat(), &["mut self", &value], "Self");
        out.push('\n');
        layout::assign(out, 2, &["self.", d.name].concat(), "Some(value)");
        out.push_str("\n        self\n    }");
    }
    out.push_str("\n}");
}

/// Appends the method subscribing to `ch` (named `method`) to `methods`,
/// and its params struct with its impls to `structs`.
fn channel(
    methods: &mut String,
    structs: &mut String,
    ch: &Channel,
    method: &str,
    printer: Printer,
    fields: &FieldNames,
) {
    let name = names::channel_type(&ch.name);
    let rendered = fields.of(ch.params.iter().map(|p| p.name.as_str()));
    let notes: Vec<Vec<String>> =
        ch.params.iter().map(|p| constraint_notes(&p.constraints, p.default.as_ref())).collect();
    let decls: Vec<FieldDecl> =
        ch.params.iter().zip(&rendered).zip(&notes).map(|((p, r), notes)| param_decl(p, r, notes)).collect();
    structs.push_str("\n\n");
    let doc = ["Params of the `", &ch.name, "` channel, for `Client::", method, "` (the `ws` feature)."].concat();
    builder(structs, &name, &doc, &decls, printer);
    structs.push_str("\n\n");
    layout::impl_for(structs, "sealed::Sealed", &name, true);
    structs.push_str("\n\n");
    layout::impl_for(structs, "Channel", &name, false);
    structs.push('\n');
    let mut message = String::with_capacity(32);
    printer.push(&mut message, Some(&ch.server_message), false, false);
    layout::assign(structs, 1, "type Message", &message);
    structs.push('\n');
    layout::assign(structs, 1, "const CHANNEL: &'static str", &names::string_literal(&ch.name));
    structs.push_str("\n}");
    if let Some(client) = &ch.client_message {
        structs.push_str("\n\n");
        layout::impl_for(structs, "SendChannel", &name, false);
        structs.push('\n');
        let mut message = String::with_capacity(32);
        printer.push(&mut message, Some(client), false, false);
        layout::assign(structs, 1, "type ClientMessage", &message);
        structs.push_str("\n}");
    }
    methods.push_str("\n\n");
    let mut notes = vec![["Subscribes to the `", &ch.name, "` channel."].concat()];
    if ch.auth.is_some() {
        notes.push("The server refuses ([`Error::Channel`]) a socket without the right credentials.".to_owned());
    }
    write_doc_comment(methods, ch.docs.doc.as_deref(), &notes, None, 4);
    push_deprecated(methods, ch.docs.deprecated.as_ref());
    let ret = result(|out| out.extend(["Subscription<", &name, ">"]));
    let arg = if ch.params.is_empty() {
        layout::fn_head(methods, 1, "pub async fn ", method, &["&self"], &ret);
        ["&", &name, " {}"].concat()
    } else {
        layout::fn_head(methods, 1, "pub async fn ", method, &["&self", &["params: &", &name].concat()], &ret);
        "params".to_owned()
    };
    methods.push('\n');
    layout::chain(methods, 2, "self.subscribe", &arg, &[".await"]);
    methods.push_str("\n    }");
}

/// A param of a call as a field of its args struct.
fn param_decl<'a>(p: &'a Field, rendered: &'a str, notes: &'a [String]) -> FieldDecl<'a> {
    FieldDecl {
        wire: &p.name,
        name: rendered,
        optional: p.optional,
        skip: p.ty.is_upload(),
        doc: p.docs.doc.as_deref(),
        notes,
        deprecated: p.docs.deprecated.as_ref(),
        ty: Some(&p.ty),
        boxed: false,
    }
}

/// Documents which protocol errors an auth requirement adds.
fn auth_note(auth: Auth) -> &'static str {
    match auth {
        Auth::User => "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by a signed-in user.",
        Auth::Staff => "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by a staff user.",
        Auth::Superuser => "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by a superuser.",
        Auth::Custom => {
            "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by the backend's own check."
        }
    }
}

/// Appends the method fetching `ctx` (named `method`) to `methods`, and its
/// params struct (with its impls) and bundle struct to `structs`.
fn context(
    methods: &mut String,
    structs: &mut String,
    (ctx, members): (&Context, &[&Function]),
    method: &str,
    printer: Printer,
    fields: &FieldNames,
) {
    let elevated = Elevated::all(ctx, members);
    let params = names::params_type(&ctx.name);
    let bundle = names::bundle_type(&ctx.name);
    let rendered = fields.of(ctx.params.iter().map(|p| p.name.as_str()));
    let docs: Vec<(Option<String>, Vec<String>)> = elevated.iter().map(Elevated::docs).collect();
    let decls: Vec<FieldDecl> =
        elevated.iter().zip(&rendered).zip(&docs).map(|((e, r), (doc, notes))| e.decl(r, doc, notes)).collect();
    structs.push_str("\n\n");
    let doc = ["Params of the `", &ctx.name, "` context (its query string), for [`Client::", method, "`]."].concat();
    builder(structs, &params, &doc, &decls, printer);
    structs.push_str("\n\n");
    layout::impl_for(structs, "sealed::Sealed", &params, true);
    structs.push_str("\n\n");
    layout::impl_for(structs, "Fetch", &params, false);
    structs.push('\n');
    layout::assign(structs, 1, "type Bundle", &bundle);
    structs.push('\n');
    layout::assign(structs, 1, "const CONTEXT: &'static str", &names::string_literal(&ctx.name));
    structs.push_str("\n}");
    let rendered = fields.of(members.iter().map(|f| f.name.as_str()));
    structs.push_str("\n\n");
    push_plain_doc(structs, &["What one fetch of the `", &ctx.name, "` context returns."].concat(), 0);
    push_struct(structs, "#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]", &bundle, |out| {
        for (f, r) in members.iter().zip(&rendered) {
            bundle_field(out, &elevated, f, r, printer);
        }
    });
    methods.push_str("\n\n");
    let note = ["Fetches the `", &ctx.name, "` context: one request for every member."].concat();
    write_doc_comment(methods, ctx.docs.doc.as_deref(), &[note], ctx.docs.deprecated.as_ref(), 4);
    let ret = result(|out| out.push_str(&bundle));
    if ctx.params.is_empty() {
        layout::fn_head(methods, 1, "pub async fn ", method, &["&self"], &ret);
        push_body(methods, "fetch", None, &params);
    } else {
        layout::fn_head(methods, 1, "pub async fn ", method, &["&self", &["params: &", &params].concat()], &ret);
        push_body(methods, "fetch", Some("params"), &params);
    }
}

/// A member's slot in the bundle. The backend leaves out a member whose
/// required params were not all given: when the context's params allow
/// that, the slot is optional.
fn bundle_field(out: &mut String, elevated: &[Elevated], f: &Function, rendered: &str, printer: Printer) {
    let missing: Vec<&str> = f
        .params
        .iter()
        .filter(|q| !q.optional)
        .filter(|q| {
            // Elevated params are sorted by name (`model::Context::params`).
            elevated.binary_search_by(|e| e.param.name.as_str().cmp(&q.name)).map_or(true, |i| elevated[i].optional)
        })
        .map(|q| q.name.as_str())
        .collect();
    let mut doc = f.docs.doc.clone();
    if !missing.is_empty() {
        let mut note = String::from("Absent unless ");
        for (i, m) in missing.iter().enumerate() {
            note.extend([if i == 0 { "`" } else { " and `" }, m, "`"]);
        }
        note.push_str(" given.");
        doc = Some(match doc {
            Some(d) => format!("{d}\n\n{note}"),
            None => note,
        });
    }
    let decl = FieldDecl {
        wire: &f.name,
        name: rendered,
        optional: !missing.is_empty(),
        skip: false,
        doc: doc.as_deref(),
        notes: &[],
        deprecated: f.docs.deprecated.as_ref(),
        ty: f.returns.as_ref(),
        boxed: false,
    };
    decl.push(out, printer);
}

/// A context param as the params struct holds it: optional unless every
/// member takes it and at least one requires it (spec §5, param
/// elevation), with the constraints of the first member declaring it.
struct Elevated<'a> {
    param: &'a ContextParam,
    optional: bool,
    declared: Option<&'a Field>,
}

impl<'a> Elevated<'a> {
    /// Every param of `ctx`, in its order, from one pass over the params of
    /// its `members` (in name order, like each param's `functions`).
    fn all(ctx: &'a Context, members: &[&'a Function]) -> Vec<Elevated<'a>> {
        let mut all: Vec<Elevated> =
            ctx.params.iter().map(|p| Elevated { param: p, optional: !p.required, declared: None }).collect();
        let mut all_optional = vec![true; all.len()];
        // The member that last declared each param: only its first
        // declaration counts, as for a lookup by name.
        let mut last = vec![usize::MAX; all.len()];
        for (m, f) in members.iter().enumerate() {
            for q in &f.params {
                // Context params are sorted by name (`model::Context::params`).
                let Ok(i) = ctx.params.binary_search_by(|p| p.name.cmp(&q.name)) else { continue };
                if last[i] == m {
                    continue;
                }
                last[i] = m;
                all[i].declared = all[i].declared.or(Some(q));
                all_optional[i] &= q.optional;
            }
        }
        for (e, all_optional) in all.iter_mut().zip(all_optional) {
            e.optional |= all_optional;
        }
        all
    }

    /// The param's doc (the functions that take it, unless all do) and
    /// constraint notes.
    fn docs(&self) -> (Option<String>, Vec<String>) {
        let p = self.param;
        let doc = (!p.required).then(|| {
            let mut doc = String::from("Only for ");
            for (i, f) in p.functions.iter().enumerate() {
                doc.extend([if i == 0 { "`" } else { ", `" }, f, "`"]);
            }
            doc.push('.');
            doc
        });
        let notes = self.declared.map(|q| constraint_notes(&q.constraints, None)).unwrap_or_default();
        (doc, notes)
    }

    /// The param's field, named `rendered`, with its [`docs`](Self::docs).
    fn decl<'s>(&'s self, rendered: &'s str, doc: &'s Option<String>, notes: &'s [String]) -> FieldDecl<'s> {
        let p = self.param;
        FieldDecl {
            wire: &p.name,
            name: rendered,
            optional: self.optional,
            skip: p.ty.is_upload(),
            doc: doc.as_deref(),
            notes,
            deprecated: None,
            ty: Some(&p.ty),
            boxed: false,
        }
    }
}
