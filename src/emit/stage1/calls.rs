//! `calls.ts`: an args interface and a `callXxx` function per
//! client-callable call function.

use super::types::write_interface;
use super::{File, imports, layout};
use crate::emit::ts::{self, Types, jsdoc, layout::Generic};
use crate::model::{Api, Auth, Function, Transport};
use crate::names::ts as names;

pub fn file<'a>(api: &'a Api, types: &'a Types<'a>, kernel: &str) -> File {
    let mut refs = Vec::new();
    let mut body = String::with_capacity(400 * api.functions.len());
    for f in api.calls() {
        for p in &f.params {
            types.refs(&p.ty, &mut refs);
        }
        if let Some(r) = &f.returns {
            types.refs(r, &mut refs);
        }
        body.push_str("\n\n");
        call(&mut body, types, f);
    }
    let mut out = imports(kernel, &[], &["CallOptions", "MizanClient"], "./types.js", &ts::sorted(refs));
    out.push_str(&body);
    File { path: "calls.ts".to_owned(), contents: out }
}

/// Appends the args interface of `f` (when it takes params), its JSDoc and
/// its function.
fn call(out: &mut String, types: &Types<'_>, f: &Function) {
    let args_type = (!f.params.is_empty()).then(|| names::args_type(&f.name));
    if let Some(name) = &args_type {
        write_interface(out, types, name, &f.params, true);
        out.push_str("\n\n");
    }
    jsdoc::write(out, &f.docs, auth_tag(f.auth).as_slice(), 0);
    let args_param = args_type.as_ref().map_or_else(String::new, |a| ts::concat(&["args: ", a]));
    let params = ["client: MizanClient", args_param.as_str(), "options?: CallOptions"];
    let params: Vec<&str> = params.into_iter().filter(|p| !p.is_empty()).collect();
    let result = types.result(f.returns.as_ref());
    layout::function_head(out, &names::call_fn(&f.name), &params, &Generic { outer: "Promise", args: &[&result] });
    out.push('\n');

    let wire = ts::str_lit(&f.name);
    let call_args = [wire.as_str(), if args_type.is_some() { "args" } else { "{}" }, "options"];
    let websocket = f.transport == Transport::WebSocket;
    let uploads: Vec<String> = f.params.iter().filter(|p| p.ty.is_upload()).map(|p| ts::str_lit(&p.name)).collect();
    if !websocket && uploads.is_empty() {
        layout::call_statement::<_, &str>(out, 1, "return ", &["client.call"], &call_args, None);
    } else {
        let upload_entry = (!uploads.is_empty()).then(|| {
            let mut entry = String::from("uploadParams: ");
            layout::array(&mut entry, &uploads, 2, 18, 1);
            entry
        });
        let mut entries = vec!["...options"];
        if websocket {
            entries.push("transport: \"websocket\"");
        }
        entries.extend(upload_entry.as_deref());
        layout::call_statement(out, 1, "return ", &["client.call"], &call_args[..2], Some(&entries));
    }
    out.push_str("\n}");
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
