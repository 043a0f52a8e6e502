//! `contexts.ts`: each context's params and bundle types and `fetchXxx`, in
//! context order, then `contexts`: every context's kernel registration, as data.
//!
//! One module for every context rather than one per context: the bindings
//! import them all through `index.ts` anyway, and a 10,000-function API has
//! ~1,000 contexts, whose files cost more to create than to generate.

use super::{File, imports, layout};
use crate::emit::ts::layout::syntax::{self, Call, Expr, Member, Param, Ty};
use crate::emit::ts::{self, Types};
use crate::model::{Context, ContextParam, Function};
use crate::names::ts as names;
use std::borrow::Cow;

/// The JSDoc of `contexts`.
const REGISTRY_DOC: &str = "\
/**
 * Every context's registration (params, functions, wire), as `createClient`
 * hands them to the kernel. Data only: importing this module registers
 * nothing.
 */";

/// The file of `contexts`, each with its members (contexts without members
/// are left out by the caller).
pub fn file<'a>(types: &'a Types<'a>, contexts: &[(&'a Context, Vec<&'a Function>)], kernel: &str) -> File {
    let mut refs = Vec::new();
    let mut decls = String::with_capacity(1024 * contexts.len());
    let mut registry = String::with_capacity(256 * contexts.len());
    for (ctx, members) in contexts {
        declarations(&mut decls, types, ctx, members, &mut refs);
        registration(&mut registry, ctx, members);
    }
    let kernel_types = ["ContextSpec", "MizanClient", "RequestOptions"];
    let mut out = imports(kernel, &["contextKey"], &kernel_types, "./types.js", &ts::sorted(refs));
    out.reserve(decls.len() + registry.len() + 256);
    layout::push_parts(&mut out, &[&decls, "\n\n", REGISTRY_DOC, "\nexport const contexts = {", &registry]);
    out.push_str("\n} as const satisfies Readonly<Record<string, ContextSpec>>;");
    File { path: "contexts.ts".to_owned(), contents: out }
}

/// Appends the declarations of `ctx`, whose members are `members`: its
/// params interface (when it has params), its bundle interface and its
/// `fetchXxx`; the types they name are added to `refs`.
fn declarations<'a>(
    out: &mut String,
    types: &'a Types<'a>,
    ctx: &'a Context,
    members: &[&'a Function],
    refs: &mut Vec<Cow<'a, str>>,
) {
    for p in &ctx.params {
        types.refs(&p.ty, refs);
    }
    for f in members {
        if let Some(r) = &f.returns {
            types.refs(r, refs);
        }
    }
    let params_type = (!ctx.params.is_empty()).then(|| names::context_params_type(&ctx.name));
    if let Some(name) = &params_type {
        let doc = ts::concat(&["Params of the `", &ctx.name, "` context."]);
        interface_head(out, &ts::jsdoc_text(&doc, 0), name);
        for p in &ctx.params {
            param_property(out, members, types, p);
        }
        out.push_str("\n}");
    }
    let bundle_type = names::bundle_type(&ctx.name);
    let doc = ts::concat(&["What one fetch of the `", &ctx.name, "` context returns."]);
    interface_head(out, &ts::jsdoc_text(&doc, 0), &bundle_type);
    for f in members {
        let optional = may_be_left_out(ctx, f);
        property(out, &ts::doc_comment(&f.docs, 1), &f.name, optional, types.result_ty(f.returns.as_ref()));
    }
    out.push_str("\n}\n\n");

    out.push_str(&ts::doc_comment(&ctx.docs, 0));
    let mut params = vec![Param::new("client", Ty::name("MizanClient"))];
    params.extend(params_type.as_deref().map(|p| Param::new("params", Ty::name(p))));
    params.push(Param::optional("options", Ty::name("RequestOptions")));
    let ret = Ty::generic("Promise", vec![Ty::name(bundle_type.as_str())]);
    syntax::function_head(out, &names::fetch_fn(&ctx.name), &params, &ret);
    out.push('\n');
    let wire = ts::str_lit(&ctx.name);
    let arg = if params_type.is_some() { "params" } else { "{}" };
    let call = Call::method("client", "fetch", vec![Expr::atom(wire.as_str()), Expr::atom(arg), Expr::atom("options")]);
    syntax::statement(out, 2, "return ", &Expr::Call(Box::new(call)));
    out.push_str("\n}\n\n");

    let doc = ts::concat(&["The typed key of the `", &ctx.name, "` context, for `client.observe` and `client.cache`."]);
    out.push_str(&ts::jsdoc_text(&doc, 0));
    let params_ty = match &params_type {
        Some(p) => Ty::name(p.as_str()),
        None => Ty::generic("Record", vec![Ty::Keyword("string"), Ty::Keyword("never")]),
    };
    let key =
        Call::new("contextKey", vec![Expr::atom(wire)]).with_types(vec![params_ty, Ty::name(bundle_type.as_str())]);
    let lead = ts::concat(&["export const ", &names::context_key_const(&ctx.name), " = "]);
    // prettier's "fluid" assignment: the value moves under the name only
    // when the name does not leave room for `contextKey<`.
    if layout::width(&lead) + "contextKey<".len() <= layout::WIDTH {
        syntax::statement(out, 0, &lead, &Expr::Call(Box::new(key)));
    } else {
        layout::push_parts(out, &[lead.trim_end(), "\n"]);
        syntax::statement(out, 2, "", &Expr::Call(Box::new(key)));
    }
}

/// Appends a blank line, then `jsdoc` and `export interface {name} {`.
fn interface_head(out: &mut String, jsdoc: &str, name: &str) {
    layout::push_parts(out, &["\n\n", jsdoc, "export interface ", name, " {"]);
}

/// Appends one property of an interface: its JSDoc, then `  key?: T;`.
fn property(out: &mut String, jsdoc: &str, wire: &str, optional: bool, ty: Ty<'_>) {
    layout::push_parts(out, &["\n", jsdoc]);
    syntax::member(out, 2, &Member { comment: Vec::new(), readonly: false, key: ts::property(wire), optional, ty });
}

/// Appends the entry of `ctx` in `contexts`: its params and each member's
/// params, by wire name, and its transport.
fn registration(out: &mut String, ctx: &Context, members: &[&Function]) {
    let at = layout::object_key(out, 2, &ts::property(&ctx.name));
    out.push('\n');
    syntax::property(out, at + 2, "params", &quoted_array(ctx.params.iter().map(|p| p.name.as_str())));
    out.push('\n');
    layout::pad_spaces(out, at + 2);
    out.push_str("functions: {");
    for f in members {
        out.push('\n');
        let params = quoted_array(f.params.iter().map(|p| p.name.as_str()));
        syntax::property(out, at + 4, &ts::property(&f.name), &params);
    }
    out.push('\n');
    layout::pad_spaces(out, at + 2);
    layout::push_parts(out, &["},\n"]);
    layout::pad_spaces(out, at + 2);
    layout::push_parts(out, &["transport: \"", ctx.transport.as_str(), "\",\n"]);
    layout::pad_spaces(out, at);
    out.push_str("},");
}

/// An array of string literals.
fn quoted_array<'a>(items: impl Iterator<Item = &'a str>) -> Expr<'static> {
    Expr::Array(items.map(|i| Expr::Atom(ts::str_lit(i).into())).collect())
}

/// Appends a context param as a property: optional unless every member
/// needs it and at least one member requires a value (spec §5, param
/// elevation).
fn param_property(out: &mut String, members: &[&Function], types: &Types<'_>, p: &ContextParam) {
    // The functions that take a param are members of its context.
    let function = |name: &String| members.iter().find(|f| f.name == *name);
    let mut declared =
        p.functions.iter().filter_map(function).filter_map(|f| f.params.iter().find(|q| q.name == p.name));
    let optional = !p.required || declared.all(|q| q.optional);
    let ty = if optional { types.ty(&p.ty).or_undefined() } else { types.ty(&p.ty) };
    let jsdoc =
        if p.required { String::new() } else { ts::jsdoc_text(&format!("Only for {}.", list(&p.functions)), 1) };
    property(out, &jsdoc, &p.name, optional, ty);
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
