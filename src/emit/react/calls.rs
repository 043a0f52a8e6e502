//! `mutations.ts`, `channels.ts`, `forms.ts` and `server.ts`: one thin hook
//! per call function, channel and form, and the SSR hydration helper.

use super::contexts::Hook;
use super::{Modules, RUNTIME_IMPORT, layout, render, stage1_import};
use crate::emit::File;
use crate::emit::ts::{self, bindings::Bindings};
use crate::model::{Api, Docs, Type};
use crate::names::ts as names;
use askama::Template;
use std::collections::BTreeSet;

#[derive(Template)]
#[template(path = "react/hooks.ts", escape = "none")]
struct HooksFile {
    imports: String,
    runtime_import: &'static str,
    hooks: Vec<Hook>,
}

/// Named types a list of types refers to.
fn refs<'a>(types: impl IntoIterator<Item = &'a Type>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in types {
        ts::collect_refs(t, &mut out);
    }
    out
}

fn hooks_file(path: &str, imports: String, hooks: Vec<Hook>) -> File {
    File { path: path.to_owned(), contents: render(&HooksFile { imports, runtime_import: RUNTIME_IMPORT, hooks }) }
}

pub fn mutations(api: &Api, b: &Bindings, modules: &Modules) -> File {
    let mut values = BTreeSet::new();
    let mut types = refs(api.calls().filter_map(|f| f.returns.as_ref()));
    let hooks = api
        .calls()
        .zip(&b.mutations)
        .map(|(f, m)| {
            values.insert(m.call_fn.clone());
            let (args, body) = match &m.args_type {
                Some(a) => {
                    types.insert(a.clone());
                    (
                        a.clone(),
                        layout::call_statement(
                            1,
                            "return ",
                            "$mizan.useMutation",
                            std::slice::from_ref(&m.call_fn),
                            None,
                        ),
                    )
                }
                None => {
                    let callee = format!("$mizan.useMutation<void, {}>", m.result_type);
                    (
                        "void".to_owned(),
                        layout::call_statement(1, "return ", &callee, &[format!("() => {}()", m.call_fn)], None),
                    )
                }
            };
            let ret = ["$mizan.MutationResult".to_owned(), args, m.result_type.clone()];
            Hook { jsdoc: ts::jsdoc(&f.docs, &[], 0), head: paramless_head(&names::react_hook(&f.name), &ret), body }
        })
        .collect();
    hooks_file("mutations.ts", stage1_import(modules.stage1, values, types), hooks)
}

pub fn channels(api: &Api, b: &Bindings, modules: &Modules) -> File {
    let mut values = BTreeSet::new();
    let mut types = refs(api.channels.iter().flat_map(|c| std::iter::once(&c.server_message).chain(&c.client_message)));
    let hooks = api
        .channels
        .iter()
        .zip(&b.channels)
        .map(|(c, ch)| {
            values.insert(ch.subscribe_fn.clone());
            let (params, body) = match &ch.params_type {
                Some(p) => {
                    types.insert(p.clone());
                    let args = [ch.subscribe_fn.clone(), "params".to_owned()];
                    (
                        vec![format!("params: {p}")],
                        layout::call_statement(1, "return ", "$mizan.useChannel", &args, None),
                    )
                }
                None => {
                    let args = [ch.subscribe_fn.clone()];
                    (Vec::new(), layout::call_statement(1, "return ", "$mizan.useParamlessChannel", &args, None))
                }
            };
            let ret = format!("$mizan.ChannelResult<{}, {}>", ch.message_type, ch.send_type);
            let head = layout::function_head("export function ", &names::react_channel_hook(&c.name), &params, &ret);
            Hook { jsdoc: ts::jsdoc(&c.docs, &[], 0), head, body }
        })
        .collect();
    hooks_file("channels.ts", stage1_import(modules.stage1, values, types), hooks)
}

pub fn forms(api: &Api, b: &Bindings, modules: &Modules) -> File {
    let mut values = BTreeSet::new();
    let mut types = BTreeSet::new();
    let hooks = api
        .forms
        .iter()
        .zip(&b.forms)
        .map(|(form, fb)| {
            let submit = api.function(&form.submit);
            let takes_args = submit.is_some_and(|f| !f.params.is_empty());
            if let Some(r) = submit.and_then(|f| f.returns.as_ref()) {
                ts::collect_refs(r, &mut types);
            }
            values.insert(fb.schema_const.clone());
            values.insert(fb.submit_fn.clone());
            let values_type = if takes_args {
                types.insert(fb.values_type.clone());
                fb.values_type.clone()
            } else {
                "Record<string, never>".to_owned()
            };
            // A form without params: its calls take no args object.
            let call = |f: &String| if takes_args { f.clone() } else { format!("() => {f}()") };
            let validate = fb.validate_fn.as_ref().map_or_else(
                || "null".to_owned(),
                |v| {
                    values.insert(v.clone());
                    call(v)
                },
            );
            let args = [fb.schema_const.clone(), call(&fb.submit_fn), validate, "initial".to_owned()];
            let ret = format!("$mizan.FormResult<{values_type}, {}>", fb.result_type);
            let head = layout::function_head(
                "export function ",
                &names::react_form_hook(&form.name),
                &[format!("initial?: Partial<{values_type}>")],
                &ret,
            );
            let jsdoc = ts::jsdoc(submit.map_or(&Docs::default(), |f| &f.docs), &[], 0);
            Hook { jsdoc, head, body: layout::call_statement(1, "return ", "$mizan.useForm", &args, None) }
        })
        .collect();
    hooks_file("forms.ts", stage1_import(modules.stage1, values, types), hooks)
}

#[derive(Template)]
#[template(path = "react/server.ts", escape = "none")]
struct ServerFile {
    imports: Option<String>,
    runtime_import: &'static str,
    /// Each context with params: its JSDoc, key and params type.
    request: Vec<(String, String, String)>,
    /// The request param: `request` or `_request` (unused).
    request_param: &'static str,
    /// `const entries: ... = [...];`, laid out.
    entries: String,
    /// One `if (...) entries.push(...);` per context with params.
    pushes: Vec<String>,
}

/// `server.ts`, when the API has a `global` or an `ssr=#true` context.
pub fn server(api: &Api, b: &Bindings, modules: &Modules) -> Option<File> {
    // `b.contexts` are the contexts that have members, in the same order.
    let with_members = api.contexts.iter().filter(|c| !c.members.is_empty());
    let hydrated: Vec<_> = with_members.zip(&b.contexts).filter(|(_, c)| c.global || c.ssr).collect();
    if hydrated.is_empty() {
        return None;
    }
    let always: Vec<String> =
        hydrated.iter().filter(|(_, c)| c.params_type.is_none()).map(|(_, c)| format!("[{}, {{}}]", c.wire)).collect();
    let mut request = Vec::new();
    let mut pushes = Vec::new();
    let mut types = BTreeSet::new();
    for (ctx, c) in hydrated.iter().filter(|(_, c)| c.params_type.is_some()) {
        let params_type = c.params_type.clone().unwrap_or_default();
        types.insert(params_type.clone());
        let context = ctx.name.as_str();
        let key = names::property(context);
        let access = format!("request{}", names::member_access(context));
        let doc = format!("Params of `{context}`: prefetched only when given.");
        let docs = Docs { doc: Some(doc), deprecated: None };
        request.push((ts::jsdoc(&docs, &[], 1), key, params_type));
        let push = if c.required.is_empty() {
            format!("entries.push([{}, {access} ?? {{}}]);", c.wire)
        } else {
            format!("if ({access} !== undefined) entries.push([{}, {access}]);", c.wire)
        };
        pushes.push(push);
    }
    let head = "  const entries: [string, object][] = ";
    let entries = if always.len() >= 2 {
        format!("{head}[\n{}  ];", always.iter().map(|e| format!("    {e},\n")).collect::<String>())
    } else {
        format!("{head}[{}];", always.join(""))
    };
    let file = ServerFile {
        imports: (!types.is_empty()).then(|| stage1_import(modules.stage1, BTreeSet::new(), types)),
        runtime_import: RUNTIME_IMPORT,
        request_param: if request.is_empty() { "_request" } else { "request" },
        request,
        entries,
        pushes: pushes.into_iter().map(|p| if_statement(&p)).collect(),
    };
    Some(File { path: "server.ts".to_owned(), contents: render(&file) })
}

/// `export function name(): Outer<A, B> {` (`ret`: the outer type, then
/// its args), with the type args one a line when it does not fit (as
/// prettier prints it).
fn paramless_head(name: &str, ret: &[String; 3]) -> String {
    let [outer, a, b] = ret;
    let line = format!("export function {name}(): {outer}<{a}, {b}> {{");
    if line.chars().count() <= layout::WIDTH {
        return line;
    }
    format!("export function {name}(): {outer}<\n  {a},\n  {b}\n> {{")
}

/// `  if (cond) stmt;` at indent 1, with the statement on its own line when
/// the whole does not fit (as prettier prints it).
fn if_statement(line: &str) -> String {
    let one = format!("  {line}");
    if one.chars().count() <= layout::WIDTH || !line.starts_with("if (") {
        return one;
    }
    match line.find(") entries.push") {
        Some(i) => format!("  {}\n    {}", &line[..=i], &line[i + 2..]),
        None => one,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_return_types_break_their_args() {
        let ret = ["$mizan.MutationResult".to_owned(), "UpdateProfileArgs".to_owned(), "UserProfile".to_owned()];
        assert_eq!(
            paramless_head("useUpdateProfile", &ret),
            "export function useUpdateProfile(): $mizan.MutationResult<\n  UpdateProfileArgs,\n  UserProfile\n> {"
        );
        let short = ["$mizan.MutationResult".to_owned(), "void".to_owned(), "null".to_owned()];
        assert_eq!(paramless_head("usePing", &short), "export function usePing(): $mizan.MutationResult<void, null> {");
    }

    #[test]
    fn long_ifs_break_before_the_statement() {
        let short = "if (request.user !== undefined) entries.push([\"user\", request.user]);";
        assert_eq!(if_statement(short), format!("  {short}"));
        let long =
            "if (request.a_very_long_context_name !== undefined) entries.push([\"a_very_long_context_name\", x]);";
        let out = if_statement(long);
        assert!(out.starts_with("  if (request.a_very_long_context_name !== undefined)\n    entries.push("), "{out}");
    }
}
