//! `calls.ts`: an args interface and a `callXxx` function per
//! client-callable call function.

use super::types::write_interface;
use super::{File, imports};
use crate::emit::ts::layout::syntax::{self, Call, Expr, Param, Prop, Ty};
use crate::emit::ts::{self, Types, jsdoc};
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
    let mut params = vec![Param::new("client", Ty::name("MizanClient"))];
    params.extend(args_type.as_deref().map(|a| Param::new("args", Ty::name(a))));
    params.push(Param::optional("options", Ty::name("CallOptions")));
    let result = types.result_ty(f.returns.as_ref());
    syntax::function_head(out, &names::call_fn(&f.name), &params, &Ty::generic("Promise", vec![result]));
    out.push('\n');

    let wire = ts::str_lit(&f.name);
    let args_arg = if args_type.is_some() { Expr::atom("args") } else { Expr::Object(Vec::new()) };
    let mut args = vec![Expr::atom(wire), args_arg];
    let websocket = f.transport == Transport::WebSocket;
    let uploads: Vec<Expr<'_>> =
        f.params.iter().filter(|p| p.ty.is_upload()).map(|p| Expr::atom(ts::str_lit(&p.name))).collect();
    if !websocket && uploads.is_empty() {
        args.push(Expr::atom("options"));
    } else {
        let mut entries = vec![Prop::Spread("options".into())];
        if websocket {
            entries.push(Prop::Pair("transport".into(), Expr::atom("\"websocket\"")));
        }
        if !uploads.is_empty() {
            entries.push(Prop::Pair("uploadParams".into(), Expr::Array(uploads)));
        }
        args.push(Expr::Object(entries));
    }
    let call = Call::method("client", "call", args);
    syntax::statement(out, 2, "return ", &Expr::Call(Box::new(call)));
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
