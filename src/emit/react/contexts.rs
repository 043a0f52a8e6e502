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
use crate::emit::ts::layout::syntax::{self, Call, Expr, Member, Object, Param, Ty, TypeParam};
use crate::emit::ts::wrappers::{Wrapper, body_statement};
use crate::emit::ts::{self, Types};
use crate::model::{Context, Docs, Field, Function};
use crate::names::ts as names;
use std::borrow::Cow;

pub fn file<'a>(types: &'a Types<'a>, b: &'a Bindings<'a>, modules: &Modules) -> File {
    let mut refs = Vec::new();
    let keys: Vec<String> = b.contexts.iter().map(|cb| names::context_key_const(&cb.context.name)).collect();
    let mut body = String::with_capacity(1024 * b.contexts.len());
    for (cb, key) in b.contexts.iter().zip(&keys) {
        refs.push(Cow::Borrowed(cb.bundle_type.as_str()));
        refs.extend(cb.params_type.as_deref().map(Cow::Borrowed));
        for m in &cb.members {
            if let Some(r) = &m.function.returns {
                types.refs(r, &mut refs);
            }
        }
        context(&mut body, types, cb, key);
    }
    let mut out = String::with_capacity(256 + body.len());
    out.push_str("\"use client\";\n");
    if b.contexts.iter().any(|c| !c.context.is_global()) {
        out.push('\n');
        layout::import::<&str, _>(&mut out, &[], &["ReactElement", "ReactNode"], "react");
        out.push('\n');
    }
    layout::push_parts(
        &mut out,
        &[&stage1_import(modules.stage1, keys.iter().map(String::as_str).collect(), refs), "\n", RUNTIME_IMPORT, &body],
    );
    File { path: "contexts.ts".to_owned(), contents: out }
}

/// Appends the declarations of one context: its scope, its provider (but
/// for `global`) and a hook per member, each after a blank line.
fn context(out: &mut String, types: &Types<'_>, cb: &ContextBinding<'_>, key: &str) {
    let ctx = cb.context;
    let scope_const = names::react_scope_const(&ctx.name);
    let provider_name = (!ctx.is_global()).then(|| names::react_provider(&ctx.name));
    let provider_arg = provider_name.as_deref().map_or_else(|| "null".to_owned(), str_lit);
    out.push_str("\n\n");
    let scope = Call::method("$mizan", "createScope", vec![Expr::atom(cb.wire.as_str()), Expr::atom(provider_arg)])
        .with_types(vec![Ty::name(cb.bundle_type.as_str())]);
    syntax::const_call(out, &scope_const, &scope);
    let picks: Vec<Option<Ty<'_>>> = cb.members.iter().map(|m| override_pick(cb, m.function)).collect();
    let overrides: Vec<Member<'_>> = cb
        .members
        .iter()
        .zip(&picks)
        .filter_map(|(m, pick)| {
            let ty = pick.clone()?;
            Some(Member {
                comment: Vec::new(),
                readonly: true,
                key: ts::property(&m.function.name),
                optional: true,
                ty,
            })
        })
        .collect();
    if let Some(name) = provider_name {
        provider(out, cb, &name, &scope_const, overrides);
    }
    out.push_str("\n\n");
    cache_hook(cb, key).write(out);
    for (m, pick) in cb.members.iter().zip(picks) {
        for hook in hooks(types, ctx, m, pick, &scope_const) {
            out.push_str("\n\n");
            hook.write(out);
        }
    }
}

/// `Pick<UserParams, "page" | "status">`: the params a function takes that
/// the context has only as optional; `None` when there are none.
fn override_pick<'a>(cb: &'a ContextBinding<'a>, f: &'a Function) -> Option<Ty<'a>> {
    let keys: Vec<Ty<'a>> =
        optional_params(cb.context, f).map(|p| Ty::Literal(Cow::Owned(ts::str_lit(&p.name)))).collect();
    if keys.is_empty() {
        return None;
    }
    let params = Ty::name(cb.params_type.as_deref().unwrap_or_default());
    Some(Ty::generic("Pick", vec![params, Ty::union(keys)]))
}

fn optional_params<'a>(ctx: &'a Context, f: &'a Function) -> impl Iterator<Item = &'a Field> + 'a {
    f.params.iter().filter(|q| ctx.params.iter().any(|p| p.name == q.name && !p.required))
}

/// Appends, each after a blank line, the provider's props type and the
/// provider.
fn provider(out: &mut String, cb: &ContextBinding<'_>, name: &str, scope_const: &str, overrides: Vec<Member<'_>>) {
    let ctx = cb.context;
    let props_type = names::react_provider_props(&ctx.name);
    let has_overrides = !overrides.is_empty();
    out.push_str("\n\n");
    props_decl(out, &props_type, cb.params_type.as_deref(), overrides);
    out.push_str("\n\n");
    let (destructure, args) = match (ctx.params.is_empty(), has_overrides) {
        (true, _) => (None, ["{}", "undefined", "props.children"]),
        (false, false) => (Some("const { children, ...params } = props;"), ["params", "undefined", "children"]),
        (false, true) => {
            (Some("const { overrides, children, ...params } = props;"), ["params", "overrides", "children"])
        }
    };
    let doc = ctx.docs.doc.clone().unwrap_or_else(|| format!("The `{}` context.", ctx.name));
    let docs = Docs {
        doc: Some(format!("{doc}\n\nGives the hooks below it the context's params.")),
        deprecated: ctx.docs.deprecated.clone(),
    };
    out.push_str(&ts::doc_comment(&docs, 0));
    let props = [Param::new("props", Ty::name(props_type.as_str()))];
    syntax::function_head(out, name, &props, &Ty::name("ReactElement"));
    if let Some(destructure) = destructure {
        out.push_str("\n  ");
        out.push_str(destructure);
    }
    out.push('\n');
    let args = std::iter::once(scope_const).chain(args).map(Expr::atom).collect();
    out.push_str(&body_statement(&Expr::Call(Box::new(Call::method("$mizan", "useProvider", args)))));
    out.push_str("\n}");
}

/// Appends the declaration of the props type: the context's params type
/// and `overrides` when the context has params.
fn props_decl(out: &mut String, props_type: &str, params_type: Option<&str>, overrides: Vec<Member<'_>>) {
    let children = Member {
        comment: Vec::new(),
        readonly: true,
        key: "children".into(),
        optional: true,
        ty: Ty::name("ReactNode"),
    };
    let Some(params_type) = params_type else {
        layout::push_parts(out, &["export interface ", props_type, " {\n"]);
        syntax::member(out, 2, &children);
        out.push_str("\n}");
        return;
    };
    let mut members = Vec::with_capacity(2);
    if !overrides.is_empty() {
        members.push(Member {
            comment: vec!["/** Per function: the params its hook reads instead of these. */".into()],
            readonly: true,
            key: "overrides".into(),
            optional: true,
            ty: Ty::Object(Object { members: overrides, broken: true }),
        });
    }
    members.push(children);
    let props = Ty::Intersection(vec![Ty::name(params_type), Ty::Object(Object { members, broken: true })]);
    syntax::type_alias(out, props_type, &props);
}

/// The two hooks of a context function: `useX(override?, options?)` and
/// `useXSuspense(override?, options?)`, generic in what `select` returns.
fn hooks<'a>(
    types: &'a Types<'a>,
    ctx: &'a Context,
    m: &'a MemberBinding<'a>,
    pick: Option<Ty<'a>>,
    scope_const: &str,
) -> [Wrapper; 2] {
    let f = m.function;
    let has_pick = pick.is_some();
    let param = pick.map(|pick| {
        let needed: Vec<Member<'_>> = optional_params(ctx, f)
            .filter(|q| !q.optional)
            .map(|q| Member {
                comment: Vec::new(),
                readonly: false,
                key: ts::property(&q.name),
                optional: false,
                ty: types.ty(&q.ty),
            })
            .collect();
        if needed.is_empty() {
            Param::optional("override", pick)
        } else {
            Param::new("override", Ty::Intersection(vec![pick, Ty::Object(Object { members: needed, broken: false })]))
        }
    });
    let override_arg = if has_pick { "override" } else { "undefined" };
    let type_params = [TypeParam { name: "S".into(), default: Some(m.result_type.clone()) }];
    let selected = || Ty::name("S");
    let forms = [
        (names::react_hook(&f.name), "QueryOptions", "QueryResult", "useSlot"),
        (names::react_suspense_hook(&f.name), "SuspenseQueryOptions", "SuspenseQueryResult", "useSlotSuspense"),
    ];
    forms.map(|(name, options, result, runtime)| {
        let mut params: Vec<Param<'a>> = param.iter().cloned().collect();
        let options_ty = Ty::generic(format!("$mizan.{options}"), vec![m.result_type.clone(), selected()]);
        params.push(Param::optional("options", options_ty));
        let ret = Ty::generic(format!("$mizan.{result}"), vec![selected()]);
        let mut head = String::with_capacity(128);
        syntax::generic_function_head(&mut head, &name, &type_params, &params, &ret);
        let args = [scope_const, &m.wire, override_arg, "options"].map(Expr::atom).into();
        let body = body_statement(&Expr::Call(Box::new(Call::method("$mizan", runtime, args))));
        Wrapper { jsdoc: ts::doc_comment(&f.docs, 0), head, body }
    })
}

/// `useUserCache()`: the context's cache, bound to its typed key.
fn cache_hook<'a>(cb: &'a ContextBinding<'a>, key: &'a str) -> Wrapper {
    let ctx = cb.context;
    let params = match &cb.params_type {
        Some(p) => Ty::name(p.as_str()),
        None => Ty::generic("Record", vec![Ty::Keyword("string"), Ty::Keyword("never")]),
    };
    let ret = Ty::generic("$mizan.ContextCache", vec![params, Ty::name(cb.bundle_type.as_str())]);
    let mut head = String::with_capacity(96);
    syntax::function_head(&mut head, &names::react_cache_hook(&ctx.name), &[], &ret);
    let body = body_statement(&Expr::Call(Box::new(Call::method("$mizan", "useContextCache", vec![Expr::atom(key)]))));
    let doc = format!("The `{}` context's cache: `get`, `set`, `invalidate`, `cancel` by params.", ctx.name);
    Wrapper { jsdoc: ts::doc_comment(&Docs { doc: Some(doc), deprecated: None }, 0), head, body }
}
