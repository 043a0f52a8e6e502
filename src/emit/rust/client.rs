//! `src/client.rs`: the `Client` with one method per call function and one
//! `fetch_<context>` per context, and their args, params and bundle structs.

use super::docs::doc_comment;
use super::layout;
use super::ty::{Printer, uses_map};
use super::types::{FieldView, deprecated_attr, without_deprecation};
use super::{File, render};
use crate::model::{Api, Auth, Context, Docs, Field, Function, Transport, Type};
use crate::names::rust as names;
use askama::Template;

/// A struct the client declares: args of a call, params or bundle of a
/// context.
pub(crate) struct StructView {
    pub docs: String,
    pub derive: &'static str,
    pub name: String,
    pub fields: Vec<FieldView>,
}

/// A call function: its args struct (none without params), the statements
/// collecting its upload parts, and the method.
pub(crate) struct CallView {
    pub args: Option<StructView>,
    pub files: Vec<String>,
    pub method: MethodView,
}

pub(crate) struct MethodView {
    pub docs: String,
    pub attrs: Vec<String>,
    /// The signature line(s) through `{`, laid out.
    pub head: String,
    /// The body expression, laid out.
    pub body: String,
}

pub(crate) struct ContextView {
    pub params: Option<StructView>,
    pub bundle: StructView,
    pub method: MethodView,
}

#[derive(Template)]
#[template(path = "rust/client.rs", escape = "none")]
struct ClientFile {
    imports: Vec<String>,
    needs: Needs,
    calls: Vec<CallView>,
    contexts: Vec<ContextView>,
}

pub fn file(api: &Api, chrono: bool, uuid: bool) -> File {
    let printer = Printer { chrono, uuid, path: "types::" };
    let calls: Vec<&Function> = api.calls().collect();
    let method_names = names::dedupe(
        calls
            .iter()
            .map(|f| names::method_name(&f.name))
            .chain(api.contexts.iter().map(|c| names::fetch_method(&c.name)))
            .collect(),
    );
    let (call_names, fetch_names) = method_names.split_at(calls.len());
    let calls = calls.iter().zip(call_names).map(|(f, m)| call(f, m, printer)).collect();
    let contexts = api.contexts.iter().zip(fetch_names).map(|(c, m)| context(api, c, m, printer)).collect();
    let needs = Needs {
        calls: api.calls().next().is_some(),
        contexts: !api.contexts.is_empty(),
        empty: api.calls().any(|f| f.params.is_empty()) || api.contexts.iter().any(|c| c.params.is_empty()),
    };
    let file = ClientFile { imports: imports(api, &needs), needs, calls, contexts };
    File { path: "src/client.rs".to_owned(), contents: render(&file) }
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
fn imports(api: &Api, needs: &Needs) -> Vec<String> {
    let calls: Vec<&Function> = api.calls().collect();
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

/// The Rust type a function's result decodes into: `()` for JSON `null`.
fn result_type(f: &Function, printer: Printer) -> String {
    f.returns.as_ref().map_or_else(|| "()".to_owned(), |t| printer.ty(t))
}

fn fields(params: &[Field], printer: Printer) -> Vec<FieldView> {
    let rendered = names::dedupe(params.iter().map(|p| names::field_name(&p.name)).collect());
    params.iter().zip(rendered).map(|(p, r)| FieldView::new(p, r, printer.field(p, false), p.ty.is_upload())).collect()
}

fn call(f: &Function, method: &str, printer: Printer) -> CallView {
    let args = (!f.params.is_empty()).then(|| StructView {
        docs: doc_comment(&plain(format!("Arguments of [`Client::{method}`] (`{}`).", f.name)), &[], 0),
        derive: "#[derive(Clone, Debug, PartialEq, Serialize)]",
        name: names::args_type(&f.name),
        fields: fields(&f.params, printer),
    });
    let rendered = names::dedupe(f.params.iter().map(|p| names::field_name(&p.name)).collect());
    let files = f
        .params
        .iter()
        .zip(&rendered)
        .filter(|(p, _)| p.ty.is_upload())
        .map(|(p, r)| format!("self.{r}.push_parts({}, &mut files);", names::string_literal(&p.name)))
        .collect();
    let mut params = vec!["&self".to_owned()];
    let arg = match &args {
        Some(a) => {
            params.push(format!("args: &{}", a.name));
            "args".to_owned()
        }
        None => "&EmptyObject {}".to_owned(),
    };
    let via = if f.transport == Transport::WebSocket { "Via::WebSocket" } else { "Via::Http" };
    let ret = format!("Result<{}, Error>", result_type(f, printer));
    let call_args = ["&self.transport".to_owned(), via.to_owned(), names::string_literal(&f.name), arg];
    let mut notes = Vec::new();
    if f.has_upload() {
        notes.push("Sent as `multipart/form-data`: one file part per upload.".to_owned());
    }
    if f.transport == Transport::WebSocket {
        notes.push("The backend serves this function over WebSocket: see [`Via`].".to_owned());
    }
    notes.extend(auth_note(f.auth));
    let method = MethodView {
        docs: doc_comment(&without_deprecation(&f.docs), &notes, 4),
        attrs: deprecated_attr(&f.docs).into_iter().collect(),
        head: layout::fn_head(1, "pub async fn ", method, &params, &ret),
        body: layout::call_await(2, "call", &call_args),
    };
    CallView { args, files, method }
}

/// Documents which protocol errors an auth requirement adds.
fn auth_note(auth: Option<Auth>) -> Option<String> {
    let who = match auth? {
        Auth::User => "a signed-in user",
        Auth::Staff => "a staff user",
        Auth::Superuser => "a superuser",
        Auth::Custom => "the backend's own check",
    };
    Some(format!("Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by {who}."))
}

fn plain(doc: String) -> Docs {
    Docs { doc: Some(doc), deprecated: None }
}

fn context(api: &Api, ctx: &Context, method: &str, printer: Printer) -> ContextView {
    let params = (!ctx.params.is_empty()).then(|| {
        let as_fields: Vec<Field> = ctx.params.iter().map(|p| context_param(api, p)).collect();
        StructView {
            docs: doc_comment(&plain(format!("Params of the `{}` context (its query string).", ctx.name)), &[], 0),
            derive: "#[derive(Clone, Debug, PartialEq, Serialize)]",
            name: names::params_type(&ctx.name),
            fields: fields(&as_fields, printer),
        }
    });
    let members: Vec<&Function> = api.members(ctx).collect();
    let rendered = names::dedupe(members.iter().map(|f| names::field_name(&f.name)).collect());
    let bundle = StructView {
        docs: doc_comment(&plain(format!("What one fetch of the `{}` context returns.", ctx.name)), &[], 0),
        derive: "#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]",
        name: names::bundle_type(&ctx.name),
        fields: members.iter().zip(rendered).map(|(f, r)| bundle_field(api, ctx, f, r, printer)).collect(),
    };
    let mut params_list = vec!["&self".to_owned()];
    let arg = match &params {
        Some(p) => {
            params_list.push(format!("params: &{}", p.name));
            "params".to_owned()
        }
        None => "&EmptyObject {}".to_owned(),
    };
    let ret = format!("Result<{}, Error>", bundle.name);
    let call_args = ["&self.transport".to_owned(), names::string_literal(&ctx.name), arg];
    let method = MethodView {
        docs: doc_comment(
            &ctx.docs,
            &[format!("Fetches the `{}` context: one request for every member.", ctx.name)],
            4,
        ),
        attrs: Vec::new(),
        head: layout::fn_head(1, "pub async fn ", method, &params_list, &ret),
        body: layout::call_await(2, "fetch", &call_args),
    };
    ContextView { params, bundle, method }
}

/// A member's slot in the bundle. The backend leaves out a member whose
/// required params were not all given: when the context's params allow
/// that, the slot is optional.
fn bundle_field(api: &Api, ctx: &Context, f: &Function, rendered: String, printer: Printer) -> FieldView {
    let missing: Vec<&str> = f
        .params
        .iter()
        .filter(|q| !q.optional)
        .filter(|q| ctx.params.iter().find(|p| p.name == q.name).is_none_or(|p| context_param(api, p).optional))
        .map(|q| q.name.as_str())
        .collect();
    let mut docs = f.docs.clone();
    let mut ty = result_type(f, printer);
    if !missing.is_empty() {
        let note = format!(
            "Absent unless {} given.",
            missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(" and ")
        );
        docs.doc = Some(docs.doc.map_or_else(|| note.clone(), |d| format!("{d}\n\n{note}")));
        if !f.returns.as_ref().is_some_and(Type::is_nullable) {
            ty = format!("Option<{ty}>");
        }
    }
    let as_field = Field {
        name: f.name.clone(),
        ty: Type::Prim(crate::model::Prim::Json),
        optional: !missing.is_empty(),
        default: None,
        docs,
        constraints: Default::default(),
    };
    FieldView::new(&as_field, rendered, ty, false)
}

/// A context param as a field: optional unless every member takes it and
/// at least one requires it (spec §5, param elevation).
fn context_param(api: &Api, p: &crate::model::ContextParam) -> Field {
    let declared: Vec<&Field> = p
        .functions
        .iter()
        .filter_map(|f| api.function(f))
        .filter_map(|f| f.params.iter().find(|q| q.name == p.name))
        .collect();
    let optional = !p.required || declared.iter().all(|q| q.optional);
    let doc = (!p.required)
        .then(|| format!("Only for {}.", p.functions.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")));
    Field {
        name: p.name.clone(),
        ty: p.ty.clone(),
        optional,
        default: None,
        docs: Docs { doc, deprecated: None },
        constraints: declared.first().map(|q| q.constraints.clone()).unwrap_or_default(),
    }
}
