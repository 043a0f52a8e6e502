//! `contexts.ts`: per context a scope, a provider (the `global` context needs
//! none) and a hook per context function.
//!
//! Param elevation (spec §5) decides the provider's props: the stage1
//! params type, so params every member takes are required. A function that
//! takes params only some members take gets a per-function override, both
//! as the provider's `overrides` prop and as its hook's argument; where the
//! function itself requires such a param, its hook requires the argument.

use super::{Modules, RUNTIME_IMPORT, layout, render, stage1_import, str_lit};
use crate::emit::File;
use crate::emit::ts::bindings::{Bindings, ContextBinding, MemberBinding};
use crate::emit::ts::{self, Types, layout::Generic, wrappers::Wrapper};
use crate::model::{Context, Docs, Field, Function};
use crate::names::ts as names;
use askama::Template;
use std::borrow::Cow;

struct ContextView {
    /// `const $UserScope = $mizan.createScope<UserBundle>(...);`, laid out.
    scope: String,
    provider: Option<Provider>,
    hooks: Vec<Wrapper>,
}

struct Provider {
    jsdoc: String,
    /// The props type declaration, without `export `.
    props_decl: String,
    head: String,
    /// `const { ... } = props;`, when the props are split.
    destructure: Option<&'static str>,
    body: String,
}

#[derive(Template)]
#[template(path = "react/contexts.ts", escape = "none")]
struct ContextsFile {
    react_import: Option<String>,
    stage1_import: String,
    runtime_import: &'static str,
    contexts: Vec<ContextView>,
}

pub fn file<'a>(types: &'a Types<'a>, b: &'a Bindings<'a>, modules: &Modules) -> File {
    let mut refs = Vec::new();
    let mut contexts = Vec::with_capacity(b.contexts.len());
    for cb in &b.contexts {
        refs.push(Cow::Borrowed(cb.bundle_type.as_str()));
        refs.extend(cb.params_type.as_deref().map(Cow::Borrowed));
        for m in &cb.members {
            if let Some(r) = &m.function.returns {
                types.refs(r, &mut refs);
            }
        }
        contexts.push(context(types, cb));
    }
    let any_provider = b.contexts.iter().any(|c| !c.context.is_global());
    let react_import = any_provider.then(|| {
        let mut line = String::new();
        layout::import::<&str, _>(&mut line, &[], &["ReactElement", "ReactNode"], "react");
        line
    });
    let file = ContextsFile {
        react_import,
        stage1_import: stage1_import(modules.stage1, Vec::new(), refs),
        runtime_import: RUNTIME_IMPORT,
        contexts,
    };
    File { path: "contexts.ts".to_owned(), contents: render(&file) }
}

fn context(types: &Types<'_>, cb: &ContextBinding<'_>) -> ContextView {
    let ctx = cb.context;
    let scope_const = names::react_scope_const(&ctx.name);
    let provider_name = (!ctx.is_global()).then(|| names::react_provider(&ctx.name));
    let provider_arg = provider_name.as_deref().map_or_else(|| "null".to_owned(), str_lit);
    let mut scope = String::with_capacity(96);
    let lead = format!("const {scope_const} = ");
    let callee = ["$mizan.createScope<", cb.bundle_type.as_str(), ">"];
    layout::call_statement::<_, &str>(&mut scope, 0, &lead, &callee, &[cb.wire.as_str(), &provider_arg], None);
    let picks: Vec<Option<String>> = cb.members.iter().map(|m| override_pick(cb, m.function)).collect();
    let overrides: Vec<(Cow<'_, str>, &str)> = cb
        .members
        .iter()
        .zip(&picks)
        .filter_map(|(m, pick)| pick.as_deref().map(|p| (ts::property(&m.function.name), p)))
        .collect();
    ContextView {
        scope,
        provider: provider_name.map(|name| provider(cb, &name, &scope_const, &overrides)),
        hooks: cb
            .members
            .iter()
            .zip(&picks)
            .map(|(m, pick)| hook(types, ctx, m, pick.as_deref(), &scope_const))
            .collect(),
    }
}

/// `Pick<UserParams, "page" | "status">`: the params a function takes that
/// the context has only as optional; `None` when there are none.
fn override_pick(cb: &ContextBinding<'_>, f: &Function) -> Option<String> {
    let mut keys = optional_params(cb.context, f).peekable();
    keys.peek()?;
    let mut pick = format!("Pick<{}, ", cb.params_type.as_deref().unwrap_or_default());
    for (i, p) in keys.enumerate() {
        if i > 0 {
            pick.push_str(" | ");
        }
        ts::push_str_lit(&mut pick, &p.name);
    }
    pick.push('>');
    Some(pick)
}

fn optional_params<'a>(ctx: &'a Context, f: &'a Function) -> impl Iterator<Item = &'a Field> + 'a {
    f.params.iter().filter(|q| ctx.params.iter().any(|p| p.name == q.name && !p.required))
}

fn provider(cb: &ContextBinding<'_>, name: &str, scope_const: &str, overrides: &[(Cow<'_, str>, &str)]) -> Provider {
    let ctx = cb.context;
    let props_type = names::react_provider_props(&ctx.name);
    let children = "  readonly children?: ReactNode;";
    let props_decl = if let Some(params_type) = &cb.params_type {
        let mut out = format!("type {props_type} = {params_type} & {{\n");
        if !overrides.is_empty() {
            out.push_str("  /** Per function: the params its hook reads instead of these. */\n");
            out.push_str("  readonly overrides?: {\n");
            for (key, pick) in overrides {
                for part in ["    readonly ", key, "?: ", pick, ";\n"] {
                    out.push_str(part);
                }
            }
            out.push_str("  };\n");
        }
        out.push_str(children);
        out.push_str("\n};");
        out
    } else {
        format!("interface {props_type} {{\n{children}\n}}")
    };
    let mut head = String::with_capacity(96);
    let props = ts::concat(&["props: ", &props_type]);
    layout::function_head(&mut head, name, &[props], &Generic::plain("ReactElement"));
    let (destructure, args) = match (ctx.params.is_empty(), overrides.is_empty()) {
        (true, _) => (None, ["{}", "undefined", "props.children"]),
        (false, true) => (Some("const { children, ...params } = props;"), ["params", "undefined", "children"]),
        (false, false) => {
            (Some("const { overrides, children, ...params } = props;"), ["params", "overrides", "children"])
        }
    };
    let call_args = [scope_const, args[0], args[1], args[2]];
    let doc = ctx.docs.doc.clone().unwrap_or_else(|| format!("The `{}` context.", ctx.name));
    let docs = Docs {
        doc: Some(format!("{doc}\n\nGives the hooks below it the context's params.")),
        deprecated: ctx.docs.deprecated.clone(),
    };
    let mut body = String::with_capacity(96);
    layout::call_statement::<_, &str>(&mut body, 1, "return ", &["$mizan.useProvider"], &call_args, None);
    Provider { jsdoc: ts::doc_comment(&docs, 0), props_decl, head, destructure, body }
}

fn hook(types: &Types<'_>, ctx: &Context, m: &MemberBinding<'_>, pick: Option<&str>, scope_const: &str) -> Wrapper {
    let f = m.function;
    let mut param = String::new();
    if let Some(pick) = pick {
        let mut needed = optional_params(ctx, f).filter(|q| !q.optional).peekable();
        param.push_str(if needed.peek().is_some() { "override: " } else { "override?: " });
        param.push_str(pick);
        let narrowed = needed.peek().is_some();
        for (i, q) in needed.enumerate() {
            param.push_str(if i == 0 { " & { " } else { "; " });
            param.push_str(&ts::property(&q.name));
            param.push_str(": ");
            types.write(&mut param, &q.ty);
        }
        if narrowed {
            param.push_str(" }");
        }
    }
    let params = if pick.is_some() { std::slice::from_ref(&param) } else { &[] };
    let args = [scope_const, &m.wire, "override"];
    let args = &args[..2 + usize::from(pick.is_some())];
    let mut head = String::with_capacity(96);
    let ret = Generic { outer: "$mizan.QueryResult", args: &[&m.result_type] };
    layout::function_head(&mut head, &names::react_hook(&f.name), params, &ret);
    let mut body = String::with_capacity(80);
    layout::call_statement::<_, &str>(&mut body, 1, "return ", &["$mizan.useSlot"], args, None);
    Wrapper { jsdoc: ts::doc_comment(&f.docs, 0), head, body }
}
