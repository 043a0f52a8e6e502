//! `channels.ts`, `forms.ts` and `invalidation.ts`.

use super::types::write_interface;
use super::{File, imports, layout, render};
use crate::emit::ts::{self, Types, layout::Generic};
use crate::model::{Affect, Api, Channel, Docs, Field, Form, Merge, Prim, Type, TypeDefKind};
use crate::names::ts as names;
use askama::Template;
use std::borrow::Cow;

#[derive(Template)]
#[template(path = "stage1/channels.ts", escape = "none")]
struct ChannelsFile {
    imports: String,
    /// Per channel: its params interface (when it takes params), JSDoc
    /// and function.
    channels: Vec<String>,
}

pub fn channels<'a>(api: &'a Api, types: &'a Types<'a>, kernel: &str) -> File {
    let mut refs = Vec::new();
    let channels = api.channels.iter().map(|c| channel(types, c, &mut refs)).collect();
    let refs = ts::sorted(refs);
    let imports = imports(kernel, &[], &["ChannelHandle", "ChannelStatus", "MizanClient"], "./types.js", &refs);
    File { path: "channels.ts".to_owned(), contents: render(&ChannelsFile { imports, channels }) }
}

fn channel<'a>(types: &'a Types<'a>, c: &Channel, refs: &mut Vec<Cow<'a, str>>) -> String {
    for p in &c.params {
        types.refs(&p.ty, refs);
    }
    types.refs(&c.server_message, refs);
    if let Some(m) = &c.client_message {
        types.refs(m, refs);
    }
    let mut out = String::with_capacity(480 + 48 * c.params.len());
    let params_type = (!c.params.is_empty()).then(|| names::channel_params_type(&c.name));
    if let Some(name) = &params_type {
        write_interface(&mut out, types, name, &c.params, true);
        out.push_str("\n\n");
    }
    out.push_str(&channel_jsdoc(c));
    let params_param = params_type.as_ref().map_or_else(String::new, |name| ts::concat(&["params: ", name]));
    let mut on_message = String::with_capacity(48);
    on_message.push_str("onMessage: (message: ");
    types.write(&mut on_message, &c.server_message);
    on_message.push_str(") => void");
    let fn_params =
        ["client: MizanClient", params_param.as_str(), &on_message, "onStatus?: (status: ChannelStatus) => void"];
    let fn_params: Vec<&str> = fn_params.into_iter().filter(|p| !p.is_empty()).collect();
    let inp = c.client_message.as_ref().map_or(Cow::Borrowed("never"), |m| types.expr(m));
    let ret = Generic { outer: "ChannelHandle", args: &[&inp] };
    layout::function_head(&mut out, &names::subscribe_fn(&c.name), &fn_params, &ret);
    out.push('\n');
    let wire = ts::str_lit(&c.name);
    let args = [wire.as_str(), if params_type.is_some() { "params" } else { "{}" }, "onMessage", "onStatus"];
    layout::call_statement::<_, &str>(&mut out, 1, "return ", &["client.subscribeChannel"], &args, None);
    out.push_str("\n}");
    out
}

/// A channel's docs, with notes on what the handle can send and who may
/// subscribe.
fn channel_jsdoc(c: &Channel) -> String {
    let mut notes: Vec<&str> = Vec::new();
    if c.client_message.is_none() {
        notes.push("The server only sends on this channel: the handle's `send` takes nothing.");
    }
    if c.auth.is_some() {
        notes.push("Requires an authorized user: otherwise the server refuses the subscription.");
    }
    if notes.is_empty() {
        return ts::doc_comment(&c.docs, 0);
    }
    let doc = c.docs.doc.iter().map(String::as_str).chain(notes).collect::<Vec<_>>().join("\n\n");
    ts::doc_comment(&Docs { doc: Some(doc), deprecated: c.docs.deprecated.clone() }, 0)
}

pub(crate) struct FormView<'a> {
    pub jsdoc: String,
    pub name: String,
    /// `name: "..."`, `submit: "..."` and the optional roles, in order.
    pub roles: Vec<String>,
    pub fields: Vec<(Cow<'a, str>, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "stage1/forms.ts", escape = "none")]
struct FormsFile<'a> {
    imports: String,
    forms: Vec<FormView<'a>>,
}

pub fn forms(api: &Api, kernel: &str) -> File {
    let forms = api.forms.iter().map(|f| form(api, f)).collect();
    let imports = imports::<&str>(kernel, &[], &["FormSchema"], "./types.js", &[]);
    File { path: "forms.ts".to_owned(), contents: render(&FormsFile { imports, forms }) }
}

fn form<'a>(api: &'a Api, form: &Form) -> FormView<'a> {
    let submit = api.function(&form.submit);
    let mut roles =
        vec![format!("name: {}", ts::str_lit(&form.name)), format!("submit: {}", ts::str_lit(&form.submit))];
    if let Some(v) = &form.validate {
        roles.push(format!("validate: {}", ts::str_lit(v)));
    }
    if let Some(s) = &form.schema {
        roles.push(format!("schema: {}", ts::str_lit(s)));
    }
    let fields = submit
        .map_or_else(Vec::new, |f| f.params.iter().map(|p| (ts::property(&p.name), field_schema(api, p))).collect());
    FormView {
        jsdoc: ts::doc_comment(submit.map_or(&Docs::default(), |f| &f.docs), 0),
        name: names::form_const(&form.name),
        roles,
        fields,
    }
}

/// The entries of one field's `FieldSchema`, for client-side validation.
fn field_schema(api: &Api, p: &Field) -> Vec<String> {
    let (nullable, ty) = match &p.ty {
        Type::Nullable(inner) => (true, resolve(api, inner)),
        other => (false, resolve(api, other)),
    };
    let (kind, values) = kind(api, ty);
    let mut entries = vec![
        format!("kind: {}", ts::str_lit(kind)),
        format!("required: {}", !p.optional),
        format!("nullable: {nullable}"),
    ];
    if let Some(values) = values {
        entries.push(format!("values: {}", layout::array_string(&values, 4, 14, 1)));
    }
    let c = &p.constraints;
    let numbers =
        [("minLength", c.min_length.map(|n| n.to_string())), ("maxLength", c.max_length.map(|n| n.to_string()))];
    for (key, value) in
        numbers.into_iter().chain([("min", c.min.map(|n| n.to_string())), ("max", c.max.map(|n| n.to_string()))])
    {
        if let Some(v) = value {
            entries.push(format!("{key}: {v}"));
        }
    }
    if let Some(pattern) = &c.pattern {
        entries.push(format!("pattern: {}", ts::str_lit(pattern)));
    }
    if let Some(format) = c.format {
        entries.push(format!("format: {}", ts::str_lit(format.as_str())));
    }
    entries
}

/// Follows aliases (and the nullability they add) to the type that decides
/// how a value is validated.
fn resolve<'a>(api: &'a Api, ty: &'a Type) -> &'a Type {
    match ty {
        Type::Ref(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::Alias { target }) => resolve(api, target),
            _ => ty,
        },
        Type::Nullable(inner) => resolve(api, inner),
        _ => ty,
    }
}

fn kind(api: &Api, ty: &Type) -> (&'static str, Option<Vec<String>>) {
    match ty {
        Type::Prim(p) => (
            match p {
                Prim::Int => "integer",
                Prim::Float => "number",
                Prim::Bool => "boolean",
                other => other.as_str(),
            },
            None,
        ),
        Type::Ref(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::Enum { values }) => {
                ("enum", Some(values.iter().map(|v| ts::str_lit(&v.value)).collect()))
            }
            _ => ("object", None),
        },
        Type::List(_) => ("list", None),
        Type::Map(_) => ("map", None),
        Type::Nullable(inner) => kind(api, inner),
    }
}

pub(crate) struct GraphEntry<'a> {
    pub key: Cow<'a, str>,
    pub affects: Vec<AffectView>,
    pub merges: Vec<MergeView>,
}

/// One `affects` entry, its values as literals.
pub(crate) struct AffectView {
    pub context: String,
    pub function: Option<String>,
    /// The array of scoped params, laid out.
    pub scoped_params: String,
}

/// One `merges` entry, its values as literals.
pub(crate) struct MergeView {
    pub context: String,
    pub slot: String,
}

#[derive(Template)]
#[template(path = "stage1/invalidation.ts", escape = "none")]
struct InvalidationFile<'a> {
    imports: String,
    entries: Vec<GraphEntry<'a>>,
}

pub fn invalidation(api: &Api, kernel: &str) -> File {
    let entries = api
        .functions
        .iter()
        .filter(|f| !f.affects.is_empty() || !f.merges.is_empty())
        .map(|f| GraphEntry {
            key: ts::property(&f.name),
            affects: f.affects.iter().map(affect).collect(),
            merges: f.merges.iter().map(merge).collect(),
        })
        .collect();
    let imports = imports::<&str>(kernel, &[], &["InvalidationGraph"], "./types.js", &[]);
    File { path: "invalidation.ts".to_owned(), contents: render(&InvalidationFile { imports, entries }) }
}

fn affect(a: &Affect) -> AffectView {
    let scoped: Vec<String> = a.scoped_params.iter().map(|s| ts::str_lit(s)).collect();
    AffectView {
        context: ts::str_lit(&a.context),
        function: a.function.as_deref().map(ts::str_lit),
        scoped_params: layout::array_string(&scoped, 4, 22, 1),
    }
}

fn merge(m: &Merge) -> MergeView {
    MergeView { context: ts::str_lit(&m.context), slot: ts::str_lit(&m.slot) }
}
