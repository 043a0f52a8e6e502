//! `contexts.ts`: per context a scope, a provider (the `global` context needs
//! none) and a hook per context function.
//!
//! Param elevation (spec §5) decides the provider's props: the stage1
//! params type, so params every member takes are required. A function that
//! takes params only some members take gets a per-function override, both
//! as the provider's `overrides` prop and as its hook's argument; where the
//! function itself requires such a param, its hook requires the argument.

use super::{Modules, RUNTIME_IMPORT, layout, stage1_import, str_lit};
use crate::emit::File;
use crate::emit::ts::bindings::{Bindings, ContextBinding, MemberBinding};
use crate::emit::ts::{self, Types, layout::Generic, wrappers::Wrapper};
use crate::model::{Context, Docs, Field, Function};
use crate::names::ts as names;
use std::borrow::Cow;

pub fn file<'a>(types: &'a Types<'a>, b: &'a Bindings<'a>, modules: &Modules) -> File {
    let mut refs = Vec::new();
    let mut body = String::with_capacity(1024 * b.contexts.len());
    for cb in &b.contexts {
        refs.push(Cow::Borrowed(cb.bundle_type.as_str()));
        refs.extend(cb.params_type.as_deref().map(Cow::Borrowed));
        for m in &cb.members {
            if let Some(r) = &m.function.returns {
                types.refs(r, &mut refs);
            }
        }
        context(&mut body, types, cb);
    }
    let mut out = String::with_capacity(256 + body.len());
    out.push_str("\"use client\";\n");
    if b.contexts.iter().any(|c| !c.context.is_global()) {
        out.push('\n');
        layout::import::<&str, _>(&mut out, &[], &["ReactElement", "ReactNode"], "react");
        out.push('\n');
    }
    layout::push_parts(&mut out, &[&stage1_import(modules.stage1, Vec::new(), refs), "\n", RUNTIME_IMPORT, &body]);
    File { path: "contexts.ts".to_owned(), contents: out }
}

/// Appends the declarations of one context: its scope, its provider (but
/// for `global`) and a hook per member, each after a blank line.
fn context(out: &mut String, types: &Types<'_>, cb: &ContextBinding<'_>) {
    let ctx = cb.context;
    let scope_const = names::react_scope_const(&ctx.name);
    let provider_name = (!ctx.is_global()).then(|| names::react_provider(&ctx.name));
    let provider_arg = provider_name.as_deref().map_or_else(|| "null".to_owned(), str_lit);
    let lead = format!("const {scope_const} = ");
    let callee = ["$mizan.createScope<", cb.bundle_type.as_str(), ">"];
    out.push_str("\n\n");
    layout::call_statement::<_, &str>(out, 0, &lead, &callee, &[cb.wire.as_str(), &provider_arg], None);
    let picks: Vec<Option<String>> = cb.members.iter().map(|m| override_pick(cb, m.function)).collect();
    let overrides: Vec<(Cow<'_, str>, &str)> = cb
        .members
        .iter()
        .zip(&picks)
        .filter_map(|(m, pick)| pick.as_deref().map(|p| (ts::property(&m.function.name), p)))
        .collect();
    if let Some(name) = provider_name {
        provider(out, cb, &name, &scope_const, &overrides);
    }
    for (m, pick) in cb.members.iter().zip(&picks) {
        out.push_str("\n\n");
        hook(types, ctx, m, pick.as_deref(), &scope_const).write(out);
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

/// Appends, each after a blank line, the provider's props type and the
/// provider.
fn provider(
    out: &mut String,
    cb: &ContextBinding<'_>,
    name: &str,
    scope_const: &str,
    overrides: &[(Cow<'_, str>, &str)],
) {
    let ctx = cb.context;
    let props_type = names::react_provider_props(&ctx.name);
    out.push_str("\n\nexport ");
    props_decl(out, &props_type, cb.params_type.as_deref(), overrides);
    out.push_str("\n\n");
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
    out.push_str(&ts::doc_comment(&docs, 0));
    let props = ts::concat(&["props: ", &props_type]);
    layout::function_head(out, name, &[props], &Generic::plain("ReactElement"));
    if let Some(destructure) = destructure {
        out.push_str("\n  ");
        out.push_str(destructure);
    }
    out.push('\n');
    layout::call_statement::<_, &str>(out, 1, "return ", &["$mizan.useProvider"], &call_args, None);
    out.push_str("\n}");
}

/// Appends the declaration of the props type (without `export `): the
/// context's params type and `overrides` when the context has params.
fn props_decl(out: &mut String, props_type: &str, params_type: Option<&str>, overrides: &[(Cow<'_, str>, &str)]) {
    let children = "  readonly children?: ReactNode;";
    let Some(params_type) = params_type else {
        layout::push_parts(out, &["interface ", props_type, " {\n", children, "\n}"]);
        return;
    };
    layout::push_parts(out, &["type ", props_type, " = ", params_type, " & {\n"]);
    if !overrides.is_empty() {
        out.push_str("  /** Per function: the params its hook reads instead of these. */\n");
        out.push_str("  readonly overrides?: {\n");
        for (key, pick) in overrides {
            layout::push_parts(out, &["    readonly ", key, "?: ", pick, ";\n"]);
        }
        out.push_str("  };\n");
    }
    out.push_str(children);
    out.push_str("\n};");
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
