//! `calls.ts`: an args interface and a `callXxx` function per
//! client-callable call function.

use super::types::Property;
use super::{File, imports, layout, render};
use crate::emit::ts::{self, Types, layout::Generic};
use crate::model::{Api, Auth, Function, Transport};
use crate::names::ts as names;
use askama::Template;
use std::borrow::Cow;

pub(crate) struct Call<'a> {
    /// The args interface, when the function takes params.
    pub args: Option<ArgsInterface<'a>>,
    pub jsdoc: String,
    /// `export function callX(...): Promise<R> {`, laid out.
    pub head: String,
    /// `  return mizanCall(...);`, laid out.
    pub body: String,
}

pub(crate) struct ArgsInterface<'a> {
    pub name: String,
    pub props: Vec<Property<'a>>,
}

#[derive(Template)]
#[template(path = "stage1/calls.ts", escape = "none")]
struct CallsFile<'a> {
    imports: String,
    calls: Vec<Call<'a>>,
}

pub fn file<'a>(api: &'a Api, types: &'a Types<'a>, kernel: &str) -> File {
    let mut refs = Vec::new();
    let calls = api
        .calls()
        .map(|f| {
            for p in &f.params {
                types.refs(&p.ty, &mut refs);
            }
            if let Some(r) = &f.returns {
                types.refs(r, &mut refs);
            }
            call(types, f)
        })
        .collect();
    let imports = imports(kernel, &["mizanCall"], &["CallOptions"], "./types", &ts::sorted(refs));
    File { path: "calls.ts".to_owned(), contents: render(&CallsFile { imports, calls }) }
}

fn call<'a>(types: &'a Types<'a>, f: &'a Function) -> Call<'a> {
    let args = (!f.params.is_empty()).then(|| ArgsInterface {
        name: names::args_type(&f.name),
        props: f.params.iter().map(|p| Property::from_field(types, p, true)).collect(),
    });
    let args_param = args.as_ref().map_or_else(String::new, |a| format!("args: {}", a.name));
    let params = [args_param.as_str(), "options?: CallOptions"];
    let params = &params[usize::from(args.is_none())..];
    let mut head = String::with_capacity(128);
    let result = types.result(f.returns.as_ref());
    layout::function_head(&mut head, &names::call_fn(&f.name), params, &Generic { outer: "Promise", args: &[&result] });

    let uploads: Vec<String> = f.params.iter().filter(|p| p.ty.is_upload()).map(|p| ts::str_lit(&p.name)).collect();
    let upload_entry = (!uploads.is_empty()).then(|| {
        let mut entry = String::from("uploadParams: ");
        layout::array(&mut entry, &uploads, 2, 18, 1);
        entry
    });
    let websocket = (f.transport == Transport::WebSocket).then_some("transport: \"websocket\"");
    let wire = ts::str_lit(&f.name);
    let call_args = [wire.as_str(), if args.is_some() { "args" } else { "{}" }, "options"];
    let mut body = String::with_capacity(96);
    if websocket.is_none() && upload_entry.is_none() {
        layout::call_statement::<_, &str>(&mut body, 1, "return ", &["mizanCall"], &call_args, None);
    } else {
        let entries: Vec<Cow<'_, str>> = std::iter::once(Cow::Borrowed("...options"))
            .chain(websocket.map(Cow::Borrowed))
            .chain(upload_entry.map(Cow::Owned))
            .collect();
        layout::call_statement(&mut body, 1, "return ", &["mizanCall"], &call_args[..2], Some(&entries));
    }
    Call { args, jsdoc: ts::jsdoc(&f.docs, auth_tag(f.auth).as_slice(), 0), head, body }
}

/// Documents which protocol errors an auth requirement adds.
fn auth_tag(auth: Option<Auth>) -> Option<&'static str> {
    macro_rules! throws {
        ($who:literal) => {
            concat!("@throws {MizanError} `UNAUTHORIZED` or `FORBIDDEN` unless called by ", $who, ".")
        };
    }
    Some(match auth? {
        Auth::User => throws!("a signed-in user"),
        Auth::Staff => throws!("a staff user"),
        Auth::Superuser => throws!("a superuser"),
        Auth::Custom => throws!("the backend's own check"),
    })
}
