//! `mutations.ts`, `channels.ts`, `forms.ts` and `server.ts`: one thin hook
//! per call function, channel and form, and the SSR hydration helper.

use super::{Modules, RUNTIME_IMPORT, layout, stage1_import, str_lit};
use crate::emit::File;
use crate::emit::ts::bindings::{Bindings, MutationBinding};
use crate::emit::ts::layout::syntax::{self, Call, Expr, Param, Ty, TypeParam};
use crate::emit::ts::wrappers::{Wrapper, body_statement};
use crate::emit::ts::{self, Types};
use crate::model::Docs;
use crate::names::ts as names;
use std::borrow::Cow;

/// A client module of hooks: the directive, the stage1 import `imports`,
/// the runtime import, then each hook.
fn hooks_file(path: &str, imports: String, hooks: Vec<Wrapper>) -> File {
    let mut out = String::with_capacity(64 + imports.len() + 320 * hooks.len());
    layout::push_parts(&mut out, &["\"use client\";\n\n", &imports, "\n", RUNTIME_IMPORT]);
    for h in &hooks {
        out.push_str("\n\n");
        h.write(&mut out);
    }
    File { path: path.to_owned(), contents: out }
}

/// `  return $mizan.{method}({args});`, laid out.
fn body<'a>(method: &'a str, type_args: Vec<Ty<'a>>, args: Vec<Expr<'a>>) -> String {
    body_statement(&Expr::Call(Box::new(Call::method("$mizan", method, args).with_types(type_args))))
}

/// `(client) => {function}(client)`: a call function without args, as the
/// runtime calls it.
fn client_arrow(function: &str) -> Expr<'_> {
    let call = Call::new(function, vec![Expr::atom("client")]);
    Expr::Arrow(vec!["client".into()], Box::new(Expr::Call(Box::new(call))))
}

/// `export function {name}({params}): {ret} {`.
fn head(name: &str, params: &[Param<'_>], ret: &Ty<'_>) -> String {
    let mut out = String::with_capacity(128);
    syntax::function_head(&mut out, name, params, ret);
    out
}

pub fn mutations<'a>(types: &'a Types<'a>, b: &'a Bindings<'a>, modules: &Modules) -> File {
    let mut values = Vec::with_capacity(b.mutations.len());
    let mut refs = Vec::with_capacity(2 * b.mutations.len());
    let mut hooks = Vec::with_capacity(b.mutations.len());
    for m in &b.mutations {
        let f = m.function;
        if let Some(r) = &f.returns {
            types.refs(r, &mut refs);
        }
        values.push(m.call_fn.as_str());
        if let Some(a) = &m.args_type {
            refs.push(Cow::Borrowed(a.as_str()));
        }
        hooks.push(mutation_hook(m));
        if m.query {
            hooks.extend(query_hooks(m));
        }
    }
    hooks_file("mutations.ts", stage1_import(modules.stage1, values, refs), hooks)
}

/// `useX(options?)`: the call's mutation hook, generic in `onMutate`'s context.
fn mutation_hook<'a>(m: &'a MutationBinding<'a>) -> Wrapper {
    let f = m.function;
    let context = || Ty::name("C");
    let (args, body) = match &m.args_type {
        Some(a) => (
            Ty::name(a.as_str()),
            body("useMutation", Vec::new(), vec![Expr::atom(m.call_fn.as_str()), Expr::atom("options")]),
        ),
        None => {
            let types = vec![Ty::Keyword("void"), m.result_type.clone(), context()];
            (Ty::Keyword("void"), body("useMutation", types, vec![client_arrow(&m.call_fn), Expr::atom("options")]))
        }
    };
    let options = Ty::generic("$mizan.MutationOptions", vec![args.clone(), m.result_type.clone(), context()]);
    let ret = Ty::generic("$mizan.MutationResult", vec![args, m.result_type.clone(), context()]);
    let type_params = [TypeParam { name: "C".into(), default: Some(Ty::Keyword("unknown")) }];
    let mut head = String::with_capacity(128);
    syntax::generic_function_head(
        &mut head,
        &names::react_hook(&f.name),
        &type_params,
        &[Param::optional("options", options)],
        &ret,
    );
    Wrapper { jsdoc: ts::doc_comment(&f.docs, 0), head, body }
}

/// `useXQuery(args, options?)` and `useXQuerySuspense(args, options?)`: a
/// query function's result cached by its args, generic in what `select`
/// returns.
fn query_hooks<'a>(m: &'a MutationBinding<'a>) -> [Wrapper; 2] {
    let f = m.function;
    let wire = str_lit(&f.name);
    let type_params = [TypeParam { name: "S".into(), default: Some(m.result_type.clone()) }];
    let forms = [
        (names::react_query_hook(&f.name), "QueryOptions", "QueryResult", "CallQuery"),
        (names::react_query_suspense_hook(&f.name), "SuspenseQueryOptions", "SuspenseQueryResult", "CallQuerySuspense"),
    ];
    forms.map(|(name, options, result, runtime)| {
        let mut params = Vec::with_capacity(2);
        let mut args = vec![Expr::atom(wire.clone()), Expr::atom(m.call_fn.as_str())];
        let runtime = match &m.args_type {
            Some(a) => {
                params.push(Param::new("args", Ty::name(a.as_str())));
                args.push(Expr::atom("args"));
                format!("use{runtime}")
            }
            None => format!("useParamless{runtime}"),
        };
        args.push(Expr::atom("options"));
        let options_ty = Ty::generic(format!("$mizan.{options}"), vec![m.result_type.clone(), Ty::name("S")]);
        params.push(Param::optional("options", options_ty));
        let ret = Ty::generic(format!("$mizan.{result}"), vec![Ty::name("S")]);
        let mut head = String::with_capacity(128);
        syntax::generic_function_head(&mut head, &name, &type_params, &params, &ret);
        let body = body_statement(&Expr::Call(Box::new(Call::method("$mizan", runtime, args))));
        Wrapper { jsdoc: ts::doc_comment(&f.docs, 0), head, body }
    })
}

pub fn channels<'a>(types: &'a Types<'a>, b: &'a Bindings<'a>, modules: &Modules) -> File {
    let mut values = Vec::with_capacity(b.channels.len());
    let mut refs = Vec::with_capacity(3 * b.channels.len());
    let hooks = b
        .channels
        .iter()
        .map(|ch| {
            let c = ch.channel;
            types.refs(&c.server_message, &mut refs);
            if let Some(m) = &c.client_message {
                types.refs(m, &mut refs);
            }
            values.push(ch.subscribe_fn.as_str());
            let subscribe = Expr::atom(ch.subscribe_fn.as_str());
            let (mut params, body) = match &ch.params_type {
                Some(p) => {
                    refs.push(Cow::Borrowed(p.as_str()));
                    let args = vec![subscribe, Expr::atom("params"), Expr::atom("options")];
                    (vec![Param::new("params", Ty::name(p.as_str()))], body("useChannel", Vec::new(), args))
                }
                None => (Vec::new(), body("useParamlessChannel", Vec::new(), vec![subscribe, Expr::atom("options")])),
            };
            params.push(Param::optional("options", Ty::name("$mizan.MizanChannelOptions")));
            let ret = Ty::generic("$mizan.ChannelResult", vec![ch.message_type.clone(), ch.send_type.clone()]);
            let head = head(&names::react_channel_hook(&c.name), &params, &ret);
            Wrapper { jsdoc: ts::doc_comment(&c.docs, 0), head, body }
        })
        .collect();
    hooks_file("channels.ts", stage1_import(modules.stage1, values, refs), hooks)
}

pub fn forms<'a>(types: &'a Types<'a>, b: &'a Bindings<'a>, modules: &Modules) -> File {
    let mut values = Vec::new();
    let mut refs = Vec::new();
    let hooks = b
        .forms
        .iter()
        .map(|fb| {
            let takes_args = fb.submit.is_some_and(|f| !f.params.is_empty());
            if let Some(r) = fb.submit.and_then(|f| f.returns.as_ref()) {
                types.refs(r, &mut refs);
            }
            values.extend([fb.schema_const.as_str(), &fb.submit_fn]);
            let values_type = if takes_args {
                refs.push(Cow::Borrowed(fb.values_type.as_str()));
                Ty::name(fb.values_type.as_str())
            } else {
                Ty::generic("Record", vec![Ty::Keyword("string"), Ty::Keyword("never")])
            };
            // A form without params: its calls take no args object.
            let call = |f: &'a str| if takes_args { Expr::atom(f) } else { client_arrow(f) };
            let validate = fb.validate_fn.as_ref().map_or_else(
                || Expr::atom("null"),
                |v| {
                    values.push(v);
                    call(v)
                },
            );
            let args = vec![Expr::atom(fb.schema_const.as_str()), call(&fb.submit_fn), validate, Expr::atom("initial")];
            let ret = Ty::generic("$mizan.FormResult", vec![values_type.clone(), fb.result_type.clone()]);
            let param = Param::optional("initial", Ty::generic("Partial", vec![values_type]));
            let head = head(&names::react_form_hook(&fb.form.name), &[param], &ret);
            let jsdoc = ts::doc_comment(fb.submit.map_or(&Docs::default(), |f| &f.docs), 0);
            Wrapper { jsdoc, head, body: body("useForm", Vec::new(), args) }
        })
        .collect();
    hooks_file("forms.ts", stage1_import(modules.stage1, values, refs), hooks)
}

/// `prefetchHydration` up to its request param.
const PREFETCH_DOC: &str = "\
/**
 * On the server: fetches the `global` context and every `ssr=#true` context
 * into `client` (the request's own: `createClient()` per request, never
 * shared between users), and returns what `<MizanProvider hydration>` takes,
 * so the first paint carries data; render with `<MizanProvider client>`.
 * Entries that failed are left out (the browser fetches them). A server
 * module (no \"use client\"): it imports only the kernel, and the runtime's
 * types.
 */
";

/// `server.ts`, when the API has a `global` or an `ssr=#true` context: the
/// `HydrationRequest` and `prefetchHydration`, a server module.
pub fn server(b: &Bindings<'_>, modules: &Modules) -> Option<File> {
    let prefetch = ts::ssr::prefetch(b, PREFETCH_DOC, "$mizan.MizanHydration")?;
    let mut out = String::with_capacity(256 + prefetch.code.len());
    if !prefetch.stage1_types.is_empty() {
        let types = prefetch.stage1_types.iter().map(|t| Cow::Borrowed(t.as_str())).collect();
        out.push_str(&stage1_import(modules.stage1, Vec::new(), types));
        out.push('\n');
    }
    layout::import(&mut out, &["entryKey"], &["MizanClient"], modules.kernel);
    out.push_str("\nimport type * as $mizan from \"./runtime.js\";\n\n");
    out.push_str(&prefetch.code);
    Some(File { path: "server.ts".to_owned(), contents: out })
}
