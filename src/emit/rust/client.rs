//! `src/client.rs`: the `Client` with one method per call function and one
//! `fetch_<context>` per context, and their args, params and bundle structs.

use super::docs::{NO_NOTES, write_doc_comment};
use super::layout;
use super::ty::{Printer, uses_map};
use super::types::{FieldView, push_deprecated, unique};
use super::{File, render};
use crate::model::{Api, Auth, Context, ContextParam, Field, Function, Transport, Type};
use crate::names::rust as names;
use askama::Template;
use std::borrow::Cow;

/// A struct the client declares: args of a call, params or bundle of a
/// context.
pub(crate) struct StructView<'a> {
    pub docs: String,
    pub derive: &'static str,
    pub name: String,
    pub fields: Vec<FieldView<'a>>,
}

/// A call function: its args struct (none without params), the statements
/// collecting its upload parts, and the method.
pub(crate) struct CallView<'a> {
    pub args: Option<StructView<'a>>,
    pub files: Vec<String>,
    pub method: MethodView,
}

pub(crate) struct MethodView {
    pub docs: String,
    /// Attribute lines, indented.
    pub attrs: String,
    /// The signature line(s) through `{`, laid out.
    pub head: String,
    /// The body expression, laid out.
    pub body: String,
}

pub(crate) struct ContextView<'a> {
    pub params: Option<StructView<'a>>,
    pub bundle: StructView<'a>,
    pub method: MethodView,
}

#[derive(Template)]
#[template(path = "rust/client.rs", escape = "none")]
struct ClientFile<'a> {
    imports: Vec<String>,
    needs: Needs,
    calls: Vec<CallView<'a>>,
    contexts: Vec<ContextView<'a>>,
}

/// The file; `printer` names user types through `types::`.
pub fn file<'a>(api: &'a Api, printer: Printer<'a>) -> File {
    let calls: Vec<&Function> = api.calls().collect();
    let method_names = unique(
        calls
            .iter()
            .map(|f| names::method_name(&f.name))
            .chain(api.contexts.iter().map(|c| names::fetch_method(&c.name)))
            .collect(),
    );
    let (call_names, fetch_names) = method_names.split_at(calls.len());
    let needs = Needs {
        calls: !calls.is_empty(),
        contexts: !api.contexts.is_empty(),
        empty: calls.iter().any(|f| f.params.is_empty()) || api.contexts.iter().any(|c| c.params.is_empty()),
    };
    let imports = imports(api, &calls, &needs);
    let capacity = 640 * calls.len() + 1024 * api.contexts.len();
    let calls = calls.iter().zip(call_names).map(|(f, m)| call(f, m, printer)).collect();
    let contexts = api.contexts.iter().zip(fetch_names).map(|(c, m)| context(api, c, m, printer)).collect();
    let file = ClientFile { imports, needs, calls, contexts };
    File { path: "src/client.rs".to_owned(), contents: render(&file, capacity) }
}

/// What the file needs beyond its per-function items: each flag keeps a
/// helper (and its imports) out when nothing would use it, since an unused
/// item is a warning.
pub(crate) struct Needs {
    pub calls: bool,
    pub contexts: bool,
    pub empty: bool,
}

/// The `use` lines, in rustfmt's order, naming only what the file uses.
fn imports(api: &Api, calls: &[&Function], needs: &Needs) -> Vec<String> {
    let mut tys: Vec<&Type> = calls.iter().flat_map(|f| f.params.iter().map(|p| &p.ty).chain(&f.returns)).collect();
    tys.extend(api.contexts.iter().flat_map(|c| api.members(c)).filter_map(|f| f.returns.as_ref()));
    tys.extend(api.contexts.iter().flat_map(|c| c.params.iter().map(|p| &p.ty)));
    let mut transport = Vec::new();
    if needs.calls {
        transport.extend(["CallRequest", "FilePart"]);
    }
    transport.push("Transport");
    if calls.iter().any(|f| f.has_upload()) {
        transport.extend(["Upload", "UploadField"]);
    }
    if needs.calls {
        transport.push("Via");
    }
    let any = needs.calls || needs.contexts;
    let mut lines = Vec::new();
    if any {
        lines.push("use crate::error::Error;".to_owned());
    }
    lines.push(match transport.as_slice() {
        [one] => format!("use crate::transport::{one};"),
        many => format!("use crate::transport::{{{}}};", many.join(", ")),
    });
    if tys.iter().any(|t| mentions_ref(t)) {
        lines.push("use crate::types;".to_owned());
    }
    if needs.calls || needs.contexts {
        lines.push("use serde::de::DeserializeOwned;".to_owned());
    }
    if needs.contexts {
        lines.push("use serde::{Deserialize, Serialize};".to_owned());
    } else if any {
        lines.push("use serde::Serialize;".to_owned());
    }
    if tys.iter().any(|t| uses_map(t)) {
        lines.push("use std::collections::BTreeMap;".to_owned());
    }
    lines
}

fn mentions_ref(ty: &Type) -> bool {
    match ty {
        Type::Ref(_) => true,
        Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => mentions_ref(inner),
        Type::Prim(_) => false,
    }
}

/// A doc comment at column 0 for text the generator writes.
fn plain_doc(text: &str) -> String {
    let mut out = String::new();
    write_doc_comment(&mut out, Some(text), NO_NOTES, None, 0);
    out
}

fn call<'a>(f: &'a Function, method: &str, printer: Printer<'a>) -> CallView<'a> {
    let rendered = unique(f.params.iter().map(|p| names::field_name(&p.name)).collect());
    let files = f
        .params
        .iter()
        .zip(&rendered)
        .filter(|(p, _)| p.ty.is_upload())
        .map(|(p, r)| format!("self.{r}.push_parts({}, &mut files);", names::string_literal(&p.name)))
        .collect();
    let args = (!f.params.is_empty()).then(|| StructView {
        docs: plain_doc(&format!("Arguments of [`Client::{method}`] (`{}`).", f.name)),
        derive: "#[derive(Clone, Debug, PartialEq, Serialize)]",
        name: names::args_type(&f.name),
        fields: f
            .params
            .iter()
            .zip(rendered)
            .map(|(p, r)| FieldView::of(p, r, printer.expr(Some(&p.ty), p.optional, false), p.ty.is_upload()))
            .collect(),
    });
    let ret = format!("Result<{}, Error>", printer.expr(f.returns.as_ref(), false, false));
    let head = match &args {
        Some(a) => layout::fn_head(1, "pub async fn ", method, &["&self", &format!("args: &{}", a.name)], &ret),
        None => layout::fn_head(1, "pub async fn ", method, &["&self"], &ret),
    };
    let via = if f.transport == Transport::WebSocket { "Via::WebSocket" } else { "Via::Http" };
    let arg = if args.is_some() { "args" } else { "&EmptyObject {}" };
    let body = layout::call_await(2, "call", &["&self.transport", via, &names::string_literal(&f.name), arg]);
    let notes: Vec<&str> = [
        f.has_upload().then_some("Sent as `multipart/form-data`: one file part per upload."),
        (f.transport == Transport::WebSocket)
            .then_some("The backend serves this function over WebSocket: see [`Via`]."),
        f.auth.map(auth_note),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut method = MethodView { docs: String::new(), attrs: String::new(), head, body };
    write_doc_comment(&mut method.docs, f.docs.doc.as_deref(), &notes, None, 4);
    push_deprecated(&mut method.attrs, f.docs.deprecated.as_ref());
    CallView { args, files, method }
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

fn context<'a>(api: &'a Api, ctx: &'a Context, method: &str, printer: Printer<'a>) -> ContextView<'a> {
    let members: Vec<&Function> = api.members(ctx).collect();
    let elevated: Vec<Elevated> = ctx.params.iter().map(|p| Elevated::new(api, &members, p)).collect();
    let params = (!ctx.params.is_empty()).then(|| {
        let rendered = unique(ctx.params.iter().map(|p| names::field_name(&p.name)).collect());
        StructView {
            docs: plain_doc(&format!("Params of the `{}` context (its query string).", ctx.name)),
            derive: "#[derive(Clone, Debug, PartialEq, Serialize)]",
            name: names::params_type(&ctx.name),
            fields: elevated.iter().zip(rendered).map(|(e, r)| e.field(r, printer)).collect(),
        }
    });
    let rendered = unique(members.iter().map(|f| names::field_name(&f.name)).collect());
    let bundle = StructView {
        docs: plain_doc(&format!("What one fetch of the `{}` context returns.", ctx.name)),
        derive: "#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]",
        name: names::bundle_type(&ctx.name),
        fields: members.iter().zip(rendered).map(|(f, r)| bundle_field(&elevated, f, r, printer)).collect(),
    };
    let ret = format!("Result<{}, Error>", bundle.name);
    let head = match &params {
        Some(p) => layout::fn_head(1, "pub async fn ", method, &["&self", &format!("params: &{}", p.name)], &ret),
        None => layout::fn_head(1, "pub async fn ", method, &["&self"], &ret),
    };
    let arg = if params.is_some() { "params" } else { "&EmptyObject {}" };
    let body = layout::call_await(2, "fetch", &["&self.transport", &names::string_literal(&ctx.name), arg]);
    let note = format!("Fetches the `{}` context: one request for every member.", ctx.name);
    let mut method = MethodView { docs: String::new(), attrs: String::new(), head, body };
    write_doc_comment(&mut method.docs, ctx.docs.doc.as_deref(), &[note], ctx.docs.deprecated.as_ref(), 4);
    ContextView { params, bundle, method }
}

/// A member's slot in the bundle. The backend leaves out a member whose
/// required params were not all given: when the context's params allow
/// that, the slot is optional.
fn bundle_field<'a>(elevated: &[Elevated], f: &'a Function, rendered: String, printer: Printer<'a>) -> FieldView<'a> {
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
    let mut doc = f.docs.doc.as_deref().map(Cow::Borrowed);
    if !missing.is_empty() {
        let mut note = String::from("Absent unless ");
        for (i, m) in missing.iter().enumerate() {
            note.push_str(if i == 0 { "`" } else { " and `" });
            note.push_str(m);
            note.push('`');
        }
        note.push_str(" given.");
        doc = Some(Cow::Owned(match doc {
            Some(d) => format!("{d}\n\n{note}"),
            None => note,
        }));
    }
    let ty = printer.expr(f.returns.as_ref(), !missing.is_empty(), false);
    let mut view = FieldView::new(&f.name, rendered, !missing.is_empty(), ty, false);
    view.document(doc.as_deref(), NO_NOTES, f.docs.deprecated.as_ref());
    view
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
    /// `members`: the context's, sorted by name (they declare its params).
    fn new(api: &'a Api, members: &[&'a Function], p: &'a ContextParam) -> Elevated<'a> {
        let function = |name: &String| match members.binary_search_by(|m| m.name.cmp(name)) {
            Ok(i) => Some(members[i]),
            Err(_) => api.function(name),
        };
        let mut declared =
            p.functions.iter().filter_map(function).filter_map(|f| f.params.iter().find(|q| q.name == p.name));
        let first = declared.next();
        let optional = !p.required || first.into_iter().chain(declared).all(|q| q.optional);
        Elevated { param: p, optional, declared: first }
    }

    fn field(&self, rendered: String, printer: Printer<'a>) -> FieldView<'a> {
        let p = self.param;
        let ty = printer.expr(Some(&p.ty), self.optional, false);
        let mut view = FieldView::new(&p.name, rendered, self.optional, ty, p.ty.is_upload());
        let doc = (!p.required).then(|| {
            let mut doc = String::from("Only for ");
            for (i, f) in p.functions.iter().enumerate() {
                doc.push_str(if i == 0 { "`" } else { ", `" });
                doc.push_str(f);
                doc.push('`');
            }
            doc.push('.');
            doc
        });
        let notes = self.declared.map(|q| super::docs::constraint_notes(&q.constraints, None)).unwrap_or_default();
        view.document(doc.as_deref(), &notes, None);
        view
    }
}
