//! `channels.ts`, `forms.ts` and `invalidation.ts`.

use super::types::Property;
use super::{File, imports, layout, render};
use crate::emit::ts;
use crate::model::{Api, Channel, Docs, Field, Form, Prim, Type, TypeDefKind};
use crate::names::ts as names;
use askama::Template;
use std::collections::BTreeSet;

pub(crate) struct ChannelView {
    pub params: Option<(String, Vec<Property>)>,
    pub jsdoc: String,
    pub head: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "stage1/channels.ts", escape = "none")]
struct ChannelsFile {
    imports: String,
    channels: Vec<ChannelView>,
}

pub fn channels(api: &Api, kernel: &str) -> File {
    let mut refs = BTreeSet::new();
    let channels = api.channels.iter().map(|c| channel(c, &mut refs)).collect();
    let imports = imports(
        kernel,
        &["subscribeChannel"],
        &["ChannelHandle", "ChannelStatus"],
        "./types",
        refs.into_iter().collect(),
    );
    File { path: "channels.ts".to_owned(), contents: render(&ChannelsFile { imports, channels }) }
}

fn channel(c: &Channel, refs: &mut BTreeSet<String>) -> ChannelView {
    for p in &c.params {
        ts::collect_refs(&p.ty, refs);
    }
    ts::collect_refs(&c.server_message, refs);
    if let Some(m) = &c.client_message {
        ts::collect_refs(m, refs);
    }
    let params = (!c.params.is_empty()).then(|| {
        (names::channel_params_type(&c.name), c.params.iter().map(|p| Property::from_field(p, true)).collect())
    });
    let out = ts::type_expr(&c.server_message);
    let inp = c.client_message.as_ref().map_or_else(|| "never".to_owned(), ts::type_expr);
    let mut fn_params = Vec::new();
    if let Some((name, _)) = &params {
        fn_params.push(format!("params: {name}"));
    }
    fn_params.push(format!("onMessage: (message: {out}) => void"));
    fn_params.push("onStatus?: (status: ChannelStatus) => void".to_owned());
    let head = layout::function_head(
        "export function ",
        &names::subscribe_fn(&c.name),
        &fn_params,
        &format!("ChannelHandle<{inp}>"),
    );
    let args = vec![
        ts::str_lit(&c.name),
        if params.is_some() { "params" } else { "{}" }.to_owned(),
        "onMessage".to_owned(),
        "onStatus".to_owned(),
    ];
    let body = layout::call_statement(1, "return ", "subscribeChannel", &args, None);
    let mut docs = c.docs.clone();
    if c.client_message.is_none() {
        let note = "The server only sends on this channel: the handle's `send` takes nothing.";
        docs.doc = Some(docs.doc.map_or_else(|| note.to_owned(), |d| format!("{d}\n\n{note}")));
    }
    if c.auth.is_some() {
        let note = "Requires an authorized user: otherwise the server refuses the subscription.";
        docs.doc = Some(docs.doc.map_or_else(|| note.to_owned(), |d| format!("{d}\n\n{note}")));
    }
    ChannelView { params, jsdoc: ts::jsdoc(&docs, &[], 0), head, body }
}

pub(crate) struct FormView {
    pub jsdoc: String,
    pub name: String,
    /// `name: "..."`, `submit: "..."` and the optional roles, in order.
    pub roles: Vec<String>,
    pub fields: Vec<(String, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "stage1/forms.ts", escape = "none")]
struct FormsFile {
    imports: String,
    forms: Vec<FormView>,
}

pub fn forms(api: &Api, kernel: &str) -> File {
    let forms = api.forms.iter().map(|f| form(api, f)).collect();
    let imports = imports(kernel, &[], &["FormSchema"], "./types", Vec::new());
    File { path: "forms.ts".to_owned(), contents: render(&FormsFile { imports, forms }) }
}

fn form(api: &Api, form: &Form) -> FormView {
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
        .map_or_else(Vec::new, |f| f.params.iter().map(|p| (names::property(&p.name), field_schema(api, p))).collect());
    FormView {
        jsdoc: ts::jsdoc(submit.map_or(&Docs::default(), |f| &f.docs), &[], 0),
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
        entries.push(format!("values: {}", layout::array(&values, 4, 14, 1)));
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

pub(crate) struct GraphEntry {
    pub key: String,
    pub affects: Vec<Vec<String>>,
    pub merges: Vec<Vec<String>>,
}

#[derive(Template)]
#[template(path = "stage1/invalidation.ts", escape = "none")]
struct InvalidationFile {
    imports: String,
    entries: Vec<GraphEntry>,
}

pub fn invalidation(api: &Api, kernel: &str) -> File {
    let entries = api
        .functions
        .iter()
        .filter(|f| !f.affects.is_empty() || !f.merges.is_empty())
        .map(|f| GraphEntry {
            key: names::property(&f.name),
            affects: f
                .affects
                .iter()
                .map(|a| {
                    let mut e = vec![format!("context: {}", ts::str_lit(&a.context))];
                    if let Some(func) = &a.function {
                        e.push(format!("function: {}", ts::str_lit(func)));
                    }
                    let scoped: Vec<String> = a.scoped_params.iter().map(|s| ts::str_lit(s)).collect();
                    e.push(format!("scopedParams: {}", layout::array(&scoped, 4, 22, 1)));
                    e
                })
                .collect(),
            merges: f
                .merges
                .iter()
                .map(|m| {
                    vec![format!("context: {}", ts::str_lit(&m.context)), format!("slot: {}", ts::str_lit(&m.slot))]
                })
                .collect(),
        })
        .collect();
    let imports = imports(kernel, &[], &["InvalidationGraph"], "./types", Vec::new());
    File { path: "invalidation.ts".to_owned(), contents: render(&InvalidationFile { imports, entries }) }
}
