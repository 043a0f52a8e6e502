//! `contexts/<name>.ts`: a context's params and bundle types, its kernel
//! registration and `fetchXxx`.

use super::types::Property;
use super::{File, imports, layout, render};
use crate::emit::ts;
use crate::model::{Api, Context, ContextParam, Docs};
use crate::names::ts as names;
use askama::Template;
use std::collections::BTreeSet;

pub use crate::emit::ts::bindings::context_module as context_file_stem;

pub(crate) struct Interface {
    pub jsdoc: String,
    pub name: String,
    pub props: Vec<Property>,
}

#[derive(Template)]
#[template(path = "stage1/context.ts", escape = "none")]
struct ContextFile {
    imports: String,
    params: Option<Interface>,
    bundle: Interface,
    wire: String,
    registered_params: String,
    /// Each member's key and the array of its param names.
    registered_functions: Vec<(String, String)>,
    transport: &'static str,
    jsdoc: String,
    head: String,
    body: String,
}

pub fn file(api: &Api, ctx: &Context, kernel: &str) -> File {
    let mut refs = BTreeSet::new();
    for p in &ctx.params {
        ts::collect_refs(&p.ty, &mut refs);
    }
    let members: Vec<_> = api.members(ctx).collect();
    for f in &members {
        if let Some(r) = &f.returns {
            ts::collect_refs(r, &mut refs);
        }
    }
    let params = (!ctx.params.is_empty()).then(|| Interface {
        jsdoc: ts::jsdoc(
            &Docs { doc: Some(format!("Params of the `{}` context.", ctx.name)), deprecated: None },
            &[],
            0,
        ),
        name: names::context_params_type(&ctx.name),
        props: ctx.params.iter().map(|p| param_property(api, p)).collect(),
    });
    let bundle = Interface {
        jsdoc: ts::jsdoc(
            &Docs { doc: Some(format!("What one fetch of the `{}` context returns.", ctx.name)), deprecated: None },
            &[],
            0,
        ),
        name: names::bundle_type(&ctx.name),
        props: members
            .iter()
            .map(|f| Property {
                jsdoc: ts::jsdoc(&f.docs, &[], 1),
                key: names::property(&f.name),
                optional: if may_be_left_out(ctx, f) { "?" } else { "" },
                ty: super::calls::result_type(f),
            })
            .collect(),
    };
    let quoted = |items: &mut dyn Iterator<Item = &String>| -> Vec<String> { items.map(|s| ts::str_lit(s)).collect() };
    let param_names = quoted(&mut ctx.params.iter().map(|p| &p.name));
    let registered_functions = members
        .iter()
        .map(|f| {
            let key = names::property(&f.name);
            let params = quoted(&mut f.params.iter().map(|p| &p.name));
            let column = 4 + key.chars().count() + 2;
            (key.clone(), layout::array(&params, 2, column, 1))
        })
        .collect();
    let fn_params: Vec<String> = params.iter().map(|p| format!("params: {}", p.name)).collect();
    let head = layout::function_head(
        "export function ",
        &names::fetch_fn(&ctx.name),
        &fn_params,
        &format!("Promise<{}>", bundle.name),
    );
    let arg = if params.is_some() { "params" } else { "{}" };
    let body = layout::call_statement(1, "return ", "mizanFetch", &[ts::str_lit(&ctx.name), arg.to_owned()], None);
    let file = ContextFile {
        imports: imports(kernel, &["mizanFetch", "registerContext"], &[], "../types", refs.into_iter().collect()),
        params,
        wire: ts::str_lit(&ctx.name),
        registered_params: layout::array(&param_names, 1, 10, 1),
        registered_functions,
        transport: ctx.transport.as_str(),
        jsdoc: ts::jsdoc(&ctx.docs, &[], 0),
        head,
        body,
        bundle,
    };
    File { path: format!("contexts/{}.ts", context_file_stem(&ctx.name)), contents: render(&file) }
}

/// A context param as a property: optional unless every member needs it
/// and at least one member requires a value (spec §5, param elevation).
fn param_property(api: &Api, p: &ContextParam) -> Property {
    let declared: Vec<_> = p
        .functions
        .iter()
        .filter_map(|f| api.function(f))
        .filter_map(|f| f.params.iter().find(|q| q.name == p.name))
        .collect();
    let optional = !p.required || declared.iter().all(|q| q.optional);
    let mut ty = ts::type_expr(&p.ty);
    if optional {
        ty.push_str(" | undefined");
    }
    let doc = (!p.required).then(|| format!("Only for {}.", list(&p.functions)));
    Property {
        jsdoc: ts::jsdoc(&Docs { doc, deprecated: None }, &[], 1),
        key: names::property(&p.name),
        optional: if optional { "?" } else { "" },
        ty,
    }
}

/// A member that needs a param the context's callers may omit is left out
/// of the bundle when it is omitted.
fn may_be_left_out(ctx: &Context, f: &crate::model::Function) -> bool {
    f.params.iter().any(|p| !p.optional && ctx.params.iter().any(|cp| cp.name == p.name && !cp.required))
}

fn list(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
