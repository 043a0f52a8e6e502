//! `calls.ts`: an args interface and a `callXxx` function per
//! client-callable call function.

use super::types::Property;
use super::{File, imports, layout, render};
use crate::emit::ts;
use crate::model::{Api, Auth, Function, Transport};
use crate::names::ts as names;
use askama::Template;
use std::collections::BTreeSet;

pub(crate) struct Call {
    /// The args interface, when the function takes params.
    pub args: Option<ArgsInterface>,
    pub jsdoc: String,
    /// `export function callX(...): Promise<R> {`, laid out.
    pub head: String,
    /// `  return mizanCall(...);`, laid out.
    pub body: String,
}

pub(crate) struct ArgsInterface {
    pub name: String,
    pub props: Vec<Property>,
}

#[derive(Template)]
#[template(path = "stage1/calls.ts", escape = "none")]
struct CallsFile {
    imports: String,
    calls: Vec<Call>,
}

pub fn file(api: &Api, kernel: &str) -> File {
    let mut refs = BTreeSet::new();
    let calls = api
        .calls()
        .map(|f| {
            for p in &f.params {
                ts::collect_refs(&p.ty, &mut refs);
            }
            if let Some(r) = &f.returns {
                ts::collect_refs(r, &mut refs);
            }
            call(f)
        })
        .collect();
    let imports = imports(kernel, &["mizanCall"], &["CallOptions"], "./types", refs.into_iter().collect());
    File { path: "calls.ts".to_owned(), contents: render(&CallsFile { imports, calls }) }
}

/// The TypeScript return type of a function: its result, or `null`.
pub(crate) fn result_type(f: &Function) -> String {
    f.returns.as_ref().map_or_else(|| "null".to_owned(), ts::type_expr)
}

fn call(f: &Function) -> Call {
    let args = (!f.params.is_empty()).then(|| ArgsInterface {
        name: names::args_type(&f.name),
        props: f.params.iter().map(|p| Property::from_field(p, true)).collect(),
    });
    let mut params = Vec::new();
    if let Some(a) = &args {
        params.push(format!("args: {}", a.name));
    }
    params.push("options?: CallOptions".to_owned());
    let ret = format!("Promise<{}>", result_type(f));
    let head = layout::function_head("export function ", &names::call_fn(&f.name), &params, &ret);

    let mut extra = Vec::new();
    if f.transport == Transport::WebSocket {
        extra.push("transport: \"websocket\"".to_owned());
    }
    let uploads: Vec<String> = f.params.iter().filter(|p| p.ty.is_upload()).map(|p| ts::str_lit(&p.name)).collect();
    if !uploads.is_empty() {
        extra.push(format!("uploadParams: {}", layout::array(&uploads, 2, 18, 1)));
    }
    let call_args = vec![ts::str_lit(&f.name), if args.is_some() { "args" } else { "{}" }.to_owned()];
    let body = if extra.is_empty() {
        let mut a = call_args;
        a.push("options".to_owned());
        layout::call_statement(1, "return ", "mizanCall", &a, None)
    } else {
        let mut entries = vec!["...options".to_owned()];
        entries.extend(extra);
        layout::call_statement(1, "return ", "mizanCall", &call_args, Some(&entries))
    };
    Call { args, jsdoc: ts::jsdoc(&f.docs, &auth_tags(f.auth), 0), head, body }
}

/// Documents which protocol errors an auth requirement adds.
pub(crate) fn auth_tags(auth: Option<Auth>) -> Vec<String> {
    let who = match auth {
        None => return Vec::new(),
        Some(Auth::User) => "a signed-in user",
        Some(Auth::Staff) => "a staff user",
        Some(Auth::Superuser) => "a superuser",
        Some(Auth::Custom) => "the backend's own check",
    };
    vec![format!("@throws {{MizanError}} `UNAUTHORIZED` or `FORBIDDEN` unless called by {who}.")]
}
