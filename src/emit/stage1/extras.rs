//! `channels.ts`, `forms.ts` and `invalidation.ts`.

use super::types::write_interface;
use super::{File, imports, layout};
use crate::emit::ts::{self, Types, layout::Generic};
use crate::model::{Affect, Api, Channel, Docs, Field, Form, Merge, Prim, Type, TypeDefKind};
use crate::names::ts as names;
use std::borrow::Cow;

pub fn channels<'a>(api: &'a Api, types: &'a Types<'a>, kernel: &str) -> File {
    let mut refs = Vec::new();
    let mut body = String::with_capacity(560 * api.channels.len());
    for c in &api.channels {
        body.push_str("\n\n");
        channel(&mut body, types, c, &mut refs);
    }
    let refs = ts::sorted(refs);
    let mut out = imports(kernel, &[], &["ChannelHandle", "ChannelStatus", "MizanClient"], "./types.js", &refs);
    out.push_str(&body);
    File { path: "channels.ts".to_owned(), contents: out }
}

/// Appends the params interface of `c` (when it takes params), its JSDoc
/// and its function; the types they name are added to `refs`.
fn channel<'a>(out: &mut String, types: &'a Types<'a>, c: &Channel, refs: &mut Vec<Cow<'a, str>>) {
    for p in &c.params {
        types.refs(&p.ty, refs);
    }
    types.refs(&c.server_message, refs);
    if let Some(m) = &c.client_message {
        types.refs(m, refs);
    }
    let params_type = (!c.params.is_empty()).then(|| names::channel_params_type(&c.name));
    if let Some(name) = &params_type {
        write_interface(out, types, name, &c.params, true);
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
    layout::function_head(out, &names::subscribe_fn(&c.name), &fn_params, &ret);
    out.push('\n');
    let wire = ts::str_lit(&c.name);
    let args = [wire.as_str(), if params_type.is_some() { "params" } else { "{}" }, "onMessage", "onStatus"];
    layout::call_statement::<_, &str>(out, 1, "return ", &["client.subscribeChannel"], &args, None);
    out.push_str("\n}");
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

pub fn forms(api: &Api, kernel: &str) -> File {
    let mut out = imports::<&str>(kernel, &[], &["FormSchema"], "./types.js", &[]);
    for f in &api.forms {
        out.push_str("\n\n");
        form(&mut out, api, f);
    }
    File { path: "forms.ts".to_owned(), contents: out }
}

/// Appends `export const xForm = {...} as const satisfies FormSchema;`: the
/// form's roles (the functions it calls), then each field's schema.
fn form(out: &mut String, api: &Api, form: &Form) {
    let submit = api.function(&form.submit);
    out.push_str(&ts::doc_comment(submit.map_or(&Docs::default(), |f| &f.docs), 0));
    layout::push_parts(out, &["export const ", &names::form_const(&form.name), " = {"]);
    let roles = [("name", Some(&form.name)), ("submit", Some(&form.submit))];
    let optional = [("validate", form.validate.as_ref()), ("schema", form.schema.as_ref())];
    for (role, function) in roles.into_iter().chain(optional) {
        if let Some(function) = function {
            layout::push_parts(out, &["\n  ", role, ": ", &ts::str_lit(function), ","]);
        }
    }
    out.push_str("\n  fields: {");
    for p in submit.map_or(&[][..], |f| &f.params) {
        layout::push_parts(out, &["\n    ", &ts::property(&p.name), ": {"]);
        for entry in field_schema(api, p) {
            layout::push_parts(out, &["\n      ", &entry, ","]);
        }
        out.push_str("\n    },");
    }
    out.push_str("\n  },\n} as const satisfies FormSchema;");
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

/// The JSDoc of `invalidationGraph`.
const GRAPH_DOC: &str = "\
/**
 * What each call invalidates when it succeeds, and the context slots its
 * result is merged into. The kernel applies what the server sends; this
 * constant lets code reason about it statically (tests, devtools).
 */";

/// `invalidation.ts`: `invalidationGraph`, an entry per function that
/// affects or merges into a context.
pub fn invalidation(api: &Api, kernel: &str) -> File {
    let mut out = imports::<&str>(kernel, &[], &["InvalidationGraph"], "./types.js", &[]);
    layout::push_parts(&mut out, &["\n\n", GRAPH_DOC, "\nexport const invalidationGraph = {"]);
    let mut empty = true;
    for f in api.functions.iter().filter(|f| !f.affects.is_empty() || !f.merges.is_empty()) {
        empty = false;
        layout::push_parts(&mut out, &["\n  ", &ts::property(&f.name), ": {\n    affects: ["]);
        list(&mut out, &f.affects, affect);
        out.push_str(",\n    merges: [");
        list(&mut out, &f.merges, merge);
        out.push_str(",\n  },");
    }
    out.push_str(if empty { "}" } else { "\n}" });
    out.push_str(" as const satisfies InvalidationGraph;");
    File { path: "invalidation.ts".to_owned(), contents: out }
}

/// Appends the entries of an array of objects, each `{ ... }` on its own
/// lines, and the closing `]`.
fn list<T>(out: &mut String, items: &[T], write: fn(&mut String, &T)) {
    for item in items {
        out.push_str("\n      {");
        write(out, item);
        out.push_str("\n      },");
    }
    if !items.is_empty() {
        out.push_str("\n    ");
    }
    out.push(']');
}

/// The keys of one `affects` entry.
fn affect(out: &mut String, a: &Affect) {
    let function = a.function.as_deref().map(ts::str_lit);
    layout::push_parts(out, &["\n        context: ", &ts::str_lit(&a.context), ","]);
    if let Some(function) = &function {
        layout::push_parts(out, &["\n        function: ", function, ","]);
    }
    let scoped: Vec<String> = a.scoped_params.iter().map(|s| ts::str_lit(s)).collect();
    out.push_str("\n        scopedParams: ");
    layout::array(out, &scoped, 4, 22, 1);
    out.push(',');
}

/// The keys of one `merges` entry.
fn merge(out: &mut String, m: &Merge) {
    layout::push_parts(
        out,
        &["\n        context: ", &ts::str_lit(&m.context), ",\n        slot: ", &ts::str_lit(&m.slot), ","],
    );
}
