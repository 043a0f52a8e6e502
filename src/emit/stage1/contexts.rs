//! `contexts.ts`: each context's params and bundle types and `fetchXxx`, in
//! context order, then `contexts`: every context's kernel registration, as data.
//!
//! One module for every context rather than one per context: the bindings
//! import them all through `index.ts` anyway, and a 10,000-function API has
//! ~1,000 contexts, whose files cost more to create than to generate.

use super::{File, imports, layout, render};
use crate::emit::ts::{self, Types, layout::Generic};
use crate::model::{Context, ContextParam, Function};
use crate::names::ts as names;
use askama::Template;
use std::borrow::Cow;

/// One property of an interface.
pub(crate) struct Property<'a> {
    pub jsdoc: String,
    /// The key as written: bare or quoted.
    pub key: Cow<'a, str>,
    /// `?` for optional keys, else "".
    pub optional: &'static str,
    pub ty: Cow<'a, str>,
}

pub(crate) struct Interface<'a> {
    pub jsdoc: String,
    pub name: String,
    pub props: Vec<Property<'a>>,
}

#[derive(Template)]
#[template(path = "stage1/contexts.ts", escape = "none")]
struct ContextsFile<'a> {
    imports: String,
    contexts: Vec<Section<'a>>,
}

/// One context's declarations.
struct Section<'a> {
    params: Option<Interface<'a>>,
    bundle: Interface<'a>,
    /// The context's key in `contexts`.
    key: Cow<'a, str>,
    registered_params: String,
    /// Each member's key and the array of its param names.
    registered_functions: Vec<(Cow<'a, str>, String)>,
    transport: &'static str,
    jsdoc: String,
    head: String,
    body: String,
}

/// The file of `contexts`, each with its members (contexts without members
/// are left out by the caller).
pub fn file<'a>(types: &'a Types<'a>, contexts: &[(&'a Context, Vec<&'a Function>)], kernel: &str) -> File {
    let mut refs = Vec::new();
    let sections = contexts.iter().map(|(ctx, members)| section(types, ctx, members, &mut refs)).collect();
    let file = ContextsFile {
        imports: imports(
            kernel,
            &[],
            &["ContextSpec", "MizanClient", "RequestOptions"],
            "./types.js",
            &ts::sorted(refs),
        ),
        contexts: sections,
    };
    File { path: "contexts.ts".to_owned(), contents: render(&file) }
}

/// The declarations of `ctx`, whose members are `members`; the types they
/// name are added to `refs`.
fn section<'a>(
    types: &'a Types<'a>,
    ctx: &'a Context,
    members: &[&'a Function],
    refs: &mut Vec<Cow<'a, str>>,
) -> Section<'a> {
    for p in &ctx.params {
        types.refs(&p.ty, refs);
    }
    for f in members {
        if let Some(r) = &f.returns {
            types.refs(r, refs);
        }
    }
    let params = (!ctx.params.is_empty()).then(|| Interface {
        jsdoc: ts::jsdoc_text(&ts::concat(&["Params of the `", &ctx.name, "` context."]), 0),
        name: names::context_params_type(&ctx.name),
        props: ctx.params.iter().map(|p| param_property(members, types, p)).collect(),
    });
    let bundle = Interface {
        jsdoc: ts::jsdoc_text(&ts::concat(&["What one fetch of the `", &ctx.name, "` context returns."]), 0),
        name: names::bundle_type(&ctx.name),
        props: members
            .iter()
            .map(|f| Property {
                jsdoc: ts::doc_comment(&f.docs, 1),
                key: ts::property(&f.name),
                optional: if may_be_left_out(ctx, f) { "?" } else { "" },
                ty: types.result(f.returns.as_ref()),
            })
            .collect(),
    };
    let registered_functions = members
        .iter()
        .map(|f| {
            let key = ts::property(&f.name);
            let column = 6 + key.chars().count() + 2;
            (key, quoted_array(f.params.iter().map(|p| p.name.as_str()), 3, column))
        })
        .collect();
    let params_param = params.as_ref().map_or_else(String::new, |p| ts::concat(&["params: ", &p.name]));
    let fn_params = ["client: MizanClient", params_param.as_str(), "options?: RequestOptions"];
    let fn_params: Vec<&str> = fn_params.into_iter().filter(|p| !p.is_empty()).collect();
    let mut head = String::with_capacity(96);
    let ret = Generic { outer: "Promise", args: &[&bundle.name] };
    layout::function_head(&mut head, &names::fetch_fn(&ctx.name), &fn_params, &ret);
    let wire = ts::str_lit(&ctx.name);
    let arg = if params.is_some() { "params" } else { "{}" };
    let mut body = String::with_capacity(64);
    layout::call_statement::<_, &str>(
        &mut body,
        1,
        "return ",
        &["client.fetch"],
        &[wire.as_str(), arg, "options"],
        None,
    );
    Section {
        params,
        registered_params: quoted_array(ctx.params.iter().map(|p| p.name.as_str()), 2, 12),
        key: ts::property(&ctx.name),
        registered_functions,
        transport: ctx.transport.as_str(),
        jsdoc: ts::doc_comment(&ctx.docs, 0),
        head,
        body,
        bundle,
    }
}

/// An array of string literals at `column`, laid out.
fn quoted_array<'a>(items: impl Iterator<Item = &'a str>, indent: usize, column: usize) -> String {
    let quoted: Vec<String> = items.map(ts::str_lit).collect();
    layout::array_string(&quoted, indent, column, 1)
}

/// A context param as a property: optional unless every member needs it
/// and at least one member requires a value (spec §5, param elevation).
fn param_property<'a>(members: &[&Function], types: &'a Types<'a>, p: &'a ContextParam) -> Property<'a> {
    // The functions that take a param are members of its context.
    let function = |name: &String| members.iter().find(|f| f.name == *name);
    let mut declared =
        p.functions.iter().filter_map(function).filter_map(|f| f.params.iter().find(|q| q.name == p.name));
    let optional = !p.required || declared.all(|q| q.optional);
    let mut ty = types.expr(&p.ty);
    if optional {
        ty.to_mut().push_str(" | undefined");
    }
    let jsdoc =
        if p.required { String::new() } else { ts::jsdoc_text(&format!("Only for {}.", list(&p.functions)), 1) };
    Property { jsdoc, key: ts::property(&p.name), optional: if optional { "?" } else { "" }, ty }
}

/// A member that needs a param the context's callers may omit is left out
/// of the bundle when it is omitted.
fn may_be_left_out(ctx: &Context, f: &Function) -> bool {
    f.params.iter().any(|p| !p.optional && ctx.params.iter().any(|cp| cp.name == p.name && !cp.required))
}

fn list(names: &[String]) -> String {
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        out.push_str(if i == 0 { "`" } else { ", `" });
        out.push_str(n);
        out.push('`');
    }
    out
}
