//! `contexts.ts`: per context a scope, a provider (the `global` context needs
//! none) and a hook per context function.
//!
//! Param elevation (spec §5) decides the provider's props: the stage1
//! params type, so params every member takes are required. A function that
//! takes params only some members take gets a per-function override, both
//! as the provider's `overrides` prop and as its hook's argument; where the
//! function itself requires such a param, its hook requires the argument.

use super::{Modules, RUNTIME_IMPORT, import_line, layout, render, stage1_import, str_lit};
use crate::emit::File;
use crate::emit::ts::{self, bindings::Bindings};
use crate::model::{Api, Context, Docs, Function};
use crate::names::ts as names;
use askama::Template;
use std::collections::BTreeSet;

struct ContextView {
    /// `const $UserScope = $mizan.createScope<UserBundle>(...);`, laid out.
    scope: String,
    provider: Option<Provider>,
    hooks: Vec<Hook>,
}

struct Provider {
    jsdoc: String,
    /// The props type declaration, without `export `.
    props_decl: String,
    head: String,
    /// `const { ... } = props;`, when the props are split.
    destructure: Option<String>,
    body: String,
}

pub(super) struct Hook {
    pub jsdoc: String,
    pub head: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "react/contexts.ts", escape = "none")]
struct ContextsFile {
    react_import: Option<String>,
    stage1_module: String,
    stage1_import: String,
    runtime_import: &'static str,
    contexts: Vec<ContextView>,
}

pub fn file(api: &Api, b: &Bindings, modules: &Modules) -> File {
    let mut types = BTreeSet::new();
    let mut contexts = Vec::new();
    for ctx in api.contexts.iter().filter(|c| !c.members.is_empty()) {
        types.insert(names::bundle_type(&ctx.name));
        if !ctx.params.is_empty() {
            types.insert(names::context_params_type(&ctx.name));
        }
        for f in api.members(ctx) {
            if let Some(r) = &f.returns {
                ts::collect_refs(r, &mut types);
            }
        }
        contexts.push(context(api, ctx));
    }
    let any_provider = b.contexts.iter().any(|c| !c.global);
    let file = ContextsFile {
        react_import: any_provider.then(|| import_line(&["type ReactElement", "type ReactNode"], "react")),
        stage1_module: str_lit(modules.stage1),
        stage1_import: stage1_import(modules.stage1, BTreeSet::new(), types),
        runtime_import: RUNTIME_IMPORT,
        contexts,
    };
    File { path: "contexts.ts".to_owned(), contents: render(&file) }
}

fn context(api: &Api, ctx: &Context) -> ContextView {
    let scope_const = names::react_scope_const(&ctx.name);
    let provider_name = names::react_provider(&ctx.name);
    let global = ctx.is_global();
    let provider_arg = if global { "null".to_owned() } else { str_lit(&provider_name) };
    let scope = layout::call_statement(
        0,
        &format!("const {scope_const} = "),
        &format!("$mizan.createScope<{}>", names::bundle_type(&ctx.name)),
        &[str_lit(&ctx.name), provider_arg],
        None,
    );
    let members: Vec<&Function> = api.members(ctx).collect();
    let overrides: Vec<(String, String)> =
        members.iter().filter_map(|f| override_pick(ctx, f).map(|pick| (names::property(&f.name), pick))).collect();
    ContextView {
        scope,
        provider: (!global).then(|| provider(ctx, &scope_const, &overrides)),
        hooks: members.iter().map(|f| hook(ctx, f, &scope_const)).collect(),
    }
}

/// `Pick<UserParams, "page" | "status">`: the params a function takes that
/// the context has only as optional; `None` when there are none.
fn override_pick(ctx: &Context, f: &Function) -> Option<String> {
    let keys: Vec<String> = optional_params(ctx, f).map(|p| str_lit(&p.name)).collect();
    (!keys.is_empty()).then(|| format!("Pick<{}, {}>", names::context_params_type(&ctx.name), keys.join(" | ")))
}

fn optional_params<'a>(ctx: &'a Context, f: &'a Function) -> impl Iterator<Item = &'a crate::model::Field> + 'a {
    f.params.iter().filter(|q| ctx.params.iter().any(|p| p.name == q.name && !p.required))
}

fn provider(ctx: &Context, scope_const: &str, overrides: &[(String, String)]) -> Provider {
    let name = names::react_provider(&ctx.name);
    let props_type = names::react_provider_props(&ctx.name);
    let children = "  readonly children?: ReactNode;";
    let props_decl = if ctx.params.is_empty() {
        format!("interface {props_type} {{\n{children}\n}}")
    } else {
        let mut out = format!("type {props_type} = {} & {{\n", names::context_params_type(&ctx.name));
        if !overrides.is_empty() {
            out.push_str("  /** Per function: the params its hook reads instead of these. */\n");
            out.push_str("  readonly overrides?: {\n");
            for (key, pick) in overrides {
                out.push_str(&format!("    readonly {key}?: {pick};\n"));
            }
            out.push_str("  };\n");
        }
        out.push_str(children);
        out.push_str("\n};");
        out
    };
    let head = layout::function_head("export function ", &name, &[format!("props: {props_type}")], "ReactElement");
    let (destructure, args) = match (ctx.params.is_empty(), overrides.is_empty()) {
        (true, _) => (None, ["{}", "undefined", "props.children"]),
        (false, true) => (Some("const { children, ...params } = props;"), ["params", "undefined", "children"]),
        (false, false) => {
            (Some("const { overrides, children, ...params } = props;"), ["params", "overrides", "children"])
        }
    };
    let mut call_args = vec![scope_const.to_owned()];
    call_args.extend(args.iter().map(|a| (*a).to_owned()));
    let doc = ctx.docs.doc.clone().unwrap_or_else(|| format!("The `{}` context.", ctx.name));
    let docs = Docs {
        doc: Some(format!("{doc}\n\nGives the hooks below it the context's params.")),
        deprecated: ctx.docs.deprecated.clone(),
    };
    Provider {
        jsdoc: ts::jsdoc(&docs, &[], 0),
        props_decl,
        head,
        destructure: destructure.map(str::to_owned),
        body: layout::call_statement(1, "return ", "$mizan.useProvider", &call_args, None),
    }
}

fn hook(ctx: &Context, f: &Function, scope_const: &str) -> Hook {
    let mut params = Vec::new();
    let mut args = vec![scope_const.to_owned(), str_lit(&f.name)];
    if let Some(pick) = override_pick(ctx, f) {
        let needed: Vec<String> = optional_params(ctx, f)
            .filter(|q| !q.optional)
            .map(|q| format!("{}: {}", names::property(&q.name), ts::type_expr(&q.ty)))
            .collect();
        params.push(if needed.is_empty() {
            format!("override?: {pick}")
        } else {
            format!("override: {pick} & {{ {} }}", needed.join("; "))
        });
        args.push("override".to_owned());
    }
    let result = f.returns.as_ref().map_or_else(|| "null".to_owned(), ts::type_expr);
    let ret = format!("$mizan.QueryResult<{result}>");
    Hook {
        jsdoc: ts::jsdoc(&f.docs, &[], 0),
        head: layout::function_head("export function ", &names::react_hook(&f.name), &params, &ret),
        body: layout::call_statement(1, "return ", "$mizan.useSlot", &args, None),
    }
}
