//! `channels.ts`, `forms.ts` and `invalidation.ts`.

use super::types::write_interface;
use super::{File, imports, layout};
use crate::emit::ts::layout::syntax::{self, Call, Expr, Param, Ty};
use crate::emit::ts::{self, Types};
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
    let on_message =
        Ty::Function(vec![Param::new("message", types.ty(&c.server_message))], Box::new(Ty::Keyword("void")));
    let on_status = Ty::Function(vec![Param::new("status", Ty::name("ChannelStatus"))], Box::new(Ty::Keyword("void")));
    let mut params = vec![Param::new("client", Ty::name("MizanClient"))];
    params.extend(params_type.as_deref().map(|name| Param::new("params", Ty::name(name))));
    params.extend([Param::new("onMessage", on_message), Param::optional("onStatus", on_status)]);
    let inp = c.client_message.as_ref().map_or(Ty::Keyword("never"), |m| types.ty(m));
    syntax::function_head(out, &names::subscribe_fn(&c.name), &params, &Ty::generic("ChannelHandle", vec![inp]));
    out.push('\n');
    let wire = ts::str_lit(&c.name);
    let args = [wire.as_str(), if params_type.is_some() { "params" } else { "{}" }, "onMessage", "onStatus"];
    let call = Call::method("client", "subscribeChannel", args.into_iter().map(Expr::atom).collect());
    syntax::statement(out, 2, "return ", &Expr::Call(Box::new(call)));
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
    let name = names::form_const(&form.name);
    // prettier's fluid assignment: `= {` moves to the next line when it does not fit.
    let base = if 13 + layout::width(&name) + 4 <= layout::WIDTH { 0 } else { 2 };
    let nl = if base == 0 { "\n" } else { "\n  " };
    layout::push_parts(out, &["export const ", &name, if base == 0 { " = {" } else { " =\n  {" }]);
    let roles = [("name", Some(&form.name)), ("submit", Some(&form.submit))];
    let optional = [("validate", form.validate.as_ref()), ("schema", form.schema.as_ref())];
    for (role, function) in roles.into_iter().chain(optional) {
        if let Some(function) = function {
            out.push('\n');
            syntax::property(out, base + 2, role, &Expr::atom(ts::str_lit(function)));
        }
    }
    let fields = submit.map_or(&[][..], |f| &f.params);
    layout::push_parts(out, &[nl, if fields.is_empty() { "  fields: {}," } else { "  fields: {" }]);
    for p in fields {
        let at = layout::object_key(out, base + 4, &ts::property(&p.name));
        for (key, value) in field_schema(api, p) {
            out.push('\n');
            syntax::property(out, at + 2, key, &value);
        }
        out.push('\n');
        layout::pad_spaces(out, at);
        out.push_str("},");
    }
    if !fields.is_empty() {
        layout::push_parts(out, &[nl, "  },"]);
    }
    layout::push_parts(out, &[nl, "} as const satisfies FormSchema;"]);
}

/// The entries of one field's `FieldSchema`, for client-side validation.
fn field_schema(api: &Api, p: &Field) -> Vec<(&'static str, Expr<'static>)> {
    let (nullable, ty) = match &p.ty {
        Type::Nullable(inner) => (true, resolve(api, inner)),
        other => (false, resolve(api, other)),
    };
    let (kind, values) = kind(api, ty);
    let atom = |s: String| Expr::Atom(s.into());
    let mut entries = vec![
        ("kind", atom(ts::str_lit(kind))),
        ("required", atom((!p.optional).to_string())),
        ("nullable", atom(nullable.to_string())),
    ];
    if let Some(values) = values {
        entries.push(("values", Expr::Array(values.into_iter().map(atom).collect())));
    }
    let c = &p.constraints;
    let numbers =
        [("minLength", c.min_length.map(|n| n.to_string())), ("maxLength", c.max_length.map(|n| n.to_string()))];
    for (key, value) in
        numbers.into_iter().chain([("min", c.min.map(|n| n.to_string())), ("max", c.max.map(|n| n.to_string()))])
    {
        if let Some(v) = value {
            entries.push((key, atom(v)));
        }
    }
    if let Some(pattern) = &c.pattern {
        entries.push(("pattern", atom(ts::str_lit(pattern))));
    }
    if let Some(format) = c.format {
        entries.push(("format", atom(ts::str_lit(format.as_str()))));
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
        let at = layout::object_key(&mut out, 2, &ts::property(&f.name));
        list(&mut out, at + 2, "affects", &f.affects, affect);
        list(&mut out, at + 2, "merges", &f.merges, merge);
        out.push('\n');
        layout::pad_spaces(&mut out, at);
        out.push_str("},");
    }
    out.push_str(if empty { "}" } else { "\n}" });
    out.push_str(" as const satisfies InvalidationGraph;");
    File { path: "invalidation.ts".to_owned(), contents: out }
}

/// Appends `key: [...]` at `spaces`, an array of objects, each `{ ... }`
/// on its own lines, their keys written by `write` (at a given indent).
fn list<T>(out: &mut String, spaces: usize, key: &str, items: &[T], write: fn(&mut String, usize, &T)) {
    out.push('\n');
    layout::pad_spaces(out, spaces);
    layout::push_parts(out, &[key, ": ["]);
    for item in items {
        out.push('\n');
        layout::pad_spaces(out, spaces + 2);
        out.push('{');
        write(out, spaces + 4, item);
        out.push('\n');
        layout::pad_spaces(out, spaces + 2);
        out.push_str("},");
    }
    if !items.is_empty() {
        out.push('\n');
        layout::pad_spaces(out, spaces);
    }
    out.push_str("],");
}

/// The keys of one `affects` entry, at `spaces`.
fn affect(out: &mut String, spaces: usize, a: &Affect) {
    out.push('\n');
    syntax::property(out, spaces, "context", &Expr::atom(ts::str_lit(&a.context)));
    if let Some(function) = &a.function {
        out.push('\n');
        syntax::property(out, spaces, "function", &Expr::atom(ts::str_lit(function)));
    }
    let scoped = a.scoped_params.iter().map(|s| Expr::Atom(ts::str_lit(s).into())).collect();
    out.push('\n');
    syntax::property(out, spaces, "scopedParams", &Expr::Array(scoped));
}

/// The keys of one `merges` entry, at `spaces`.
fn merge(out: &mut String, spaces: usize, m: &Merge) {
    out.push('\n');
    syntax::property(out, spaces, "context", &Expr::atom(ts::str_lit(&m.context)));
    out.push('\n');
    syntax::property(out, spaces, "slot", &Expr::atom(ts::str_lit(&m.slot)));
}
