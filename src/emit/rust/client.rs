//! `src/client.rs`: the `Client` with one method per call function and one
//! `fetch_<context>` per context, and their args, params and bundle structs.
//!
//! The methods and structs are written here into one buffer each; the
//! template is the fixed text around them (the `Client` type and the
//! helpers its methods call, each kept out when unused).

use super::docs::{NO_NOTES, constraint_notes, write_doc_comment};
use super::layout;
use super::rendered::{FieldNames, unique};
use super::ty::{Printer, uses_map};
use super::types::{FieldDecl, push_deprecated, push_struct};
use crate::emit::{self, File};
use crate::model::{Api, Auth, Context, ContextParam, Field, FnKind, Function, Transport, Type};
use crate::names::rust as names;
use askama::Template;
use std::borrow::Cow;

#[derive(Template)]
#[template(path = "rust/client.rs", escape = "none")]
struct ClientFile {
    /// The `use` lines.
    imports: String,
    needs: Needs,
    /// Every method of `Client`, each after a blank line.
    methods: String,
    /// Every args, params and bundle struct, each after a blank line.
    structs: String,
}

/// The file; `printer` names user types through `types::`.
pub fn file(api: &Api, printer: Printer, fields: &FieldNames) -> Result<File, askama::Error> {
    let calls: Vec<&Function> = api.calls().collect();
    let method_names = unique(
        calls
            .iter()
            .map(|f| Cow::Owned(names::method_name(&f.name)))
            .chain(api.contexts.iter().map(|c| Cow::Owned(names::fetch_method(&c.name))))
            .collect(),
    );
    let (call_names, fetch_names) = method_names.split_at(calls.len());
    let needs = Needs {
        calls: !calls.is_empty(),
        contexts: !api.contexts.is_empty(),
        empty: calls.iter().any(|f| f.params.is_empty()) || api.contexts.iter().any(|c| c.params.is_empty()),
    };
    let members = members(api);
    let imports = imports(api, &calls, &members, &needs);
    let mut methods = String::with_capacity(320 * calls.len() + 256 * api.contexts.len());
    let mut structs = String::with_capacity(384 * calls.len() + 768 * api.contexts.len());
    for (f, m) in calls.iter().zip(call_names) {
        call(&mut methods, &mut structs, f, m, printer, fields);
    }
    for ((c, m), members) in api.contexts.iter().zip(fetch_names).zip(&members) {
        context(&mut methods, &mut structs, (c, members), m, printer, fields);
    }
    emit::asset("src/client.rs", &ClientFile { imports, needs, methods, structs })
}

/// What the file needs beyond its per-function items: each flag keeps a
/// helper (and its imports) out when nothing would use it, since an unused
/// item is a warning.
pub(crate) struct Needs {
    pub calls: bool,
    pub contexts: bool,
    pub empty: bool,
}

/// The members of each context ([`Api::members`]), in name order, from one
/// pass over the functions: looking each name up costs a cache miss per
/// step at 10,000 functions.
fn members(api: &Api) -> Vec<Vec<&Function>> {
    let mut groups = vec![Vec::new(); api.contexts.len()];
    for f in &api.functions {
        let FnKind::Read { context } = &f.kind else { continue };
        if let Ok(i) = api.contexts.binary_search_by(|c| c.name.cmp(context)) {
            groups[i].push(f);
        }
    }
    groups
}

/// The `use` lines, in rustfmt's order, naming only what the file uses.
fn imports(api: &Api, calls: &[&Function], members: &[Vec<&Function>], needs: &Needs) -> String {
    let mut tys: Vec<&Type> = calls.iter().flat_map(|f| f.params.iter().map(|p| &p.ty).chain(&f.returns)).collect();
    tys.extend(members.iter().flatten().filter_map(|f| f.returns.as_ref()));
    tys.extend(api.contexts.iter().flat_map(|c| c.params.iter().map(|p| &p.ty)));
    let mut transport = Vec::new();
    if needs.calls {
        transport.extend(["CallRequest", "FilePart"]);
    }
    transport.push("Transport");
    if calls.iter().any(|f| f.has_upload()) {
        transport.extend(["Upload", "UploadField"]);
    }
    if needs.calls {
        transport.push("Via");
    }
    let any = needs.calls || needs.contexts;
    let mut lines = Vec::new();
    if any {
        lines.push("use crate::error::Error;".to_owned());
    }
    lines.push(match transport.as_slice() {
        [one] => format!("use crate::transport::{one};"),
        many => format!("use crate::transport::{{{}}};", many.join(", ")),
    });
    if tys.iter().any(|t| mentions_ref(t)) {
        lines.push("use crate::types;".to_owned());
    }
    if needs.calls || needs.contexts {
        lines.push("use serde::de::DeserializeOwned;".to_owned());
    }
    if needs.contexts {
        lines.push("use serde::{Deserialize, Serialize};".to_owned());
    } else if any {
        lines.push("use serde::Serialize;".to_owned());
    }
    if tys.iter().any(|t| uses_map(t)) {
        lines.push("use std::collections::BTreeMap;".to_owned());
    }
    lines.join("\n")
}

fn mentions_ref(ty: &Type) -> bool {
    match ty {
        Type::Ref(_) => true,
        Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => mentions_ref(inner),
        Type::Prim(_) => false,
    }
}

/// A doc comment at column 0 for text the generator writes.
fn push_plain_doc(out: &mut String, text: &str) {
    out.push_str("\n\n");
    write_doc_comment(out, Some(text), NO_NOTES, None, 0);
}

/// `Result<ok, Error>` for a method's signature.
fn result(ok: impl FnOnce(&mut String)) -> String {
    let mut ret = String::with_capacity(64);
    ret.push_str("Result<");
    ok(&mut ret);
    ret.push_str(", Error>");
    ret
}

/// Appends the method calling `f` (named `method`) to `methods`, and its
/// args struct, if it takes params, to `structs`.
fn call(methods: &mut String, structs: &mut String, f: &Function, method: &str, printer: Printer, fields: &FieldNames) {
    let args = (!f.params.is_empty()).then(|| names::args_type(&f.name));
    methods.push_str("\n\n");
    let mut notes = [""; 3];
    let mut count = 0;
    let candidates = [
        f.has_upload().then_some("Sent as `multipart/form-data`: one file part per upload."),
        (f.transport == Transport::WebSocket)
            .then_some("The backend serves this function over WebSocket: see [`Via`]."),
        f.auth.map(auth_note),
    ];
    for note in candidates.into_iter().flatten() {
        notes[count] = note;
        count += 1;
    }
    write_doc_comment(methods, f.docs.doc.as_deref(), &notes[..count], None, 4);
    push_deprecated(methods, f.docs.deprecated.as_ref());
    let ret = result(|out| printer.push(out, f.returns.as_ref(), false, false));
    match &args {
        Some(a) => layout::fn_head(methods, 1, "pub async fn ", method, &["&self", &["args: &", a].concat()], &ret),
        None => layout::fn_head(methods, 1, "pub async fn ", method, &["&self"], &ret),
    }
    methods.push('\n');
    let via = if f.transport == Transport::WebSocket { "Via::WebSocket" } else { "Via::Http" };
    let arg = if args.is_some() { "args" } else { "&EmptyObject {}" };
    layout::call_await(methods, 2, "call", &["&self.transport", via, &names::string_literal(&f.name), arg]);
    methods.push_str("\n    }");
    if let Some(a) = &args {
        args_struct(structs, (f, a, method), printer, fields);
    }
}

/// Appends the args struct `name` of `f` and its `CallArgs` impl.
/// `call`: the function, the struct's name and the method's.
fn args_struct(out: &mut String, call: (&Function, &str, &str), printer: Printer, fields: &FieldNames) {
    let (f, name, method) = call;
    let rendered = fields.of(f.params.iter().map(|p| p.name.as_str()));
    push_plain_doc(out, &["Arguments of [`Client::", method, "`] (`", &f.name, "`)."].concat());
    push_struct(out, "#[derive(Clone, Debug, PartialEq, Serialize)]", name, |out| {
        for (p, r) in f.params.iter().zip(&rendered) {
            let notes = constraint_notes(&p.constraints, p.default.as_ref());
            param_decl(p, r, &notes).push(out, printer);
        }
    });
    out.extend(["\n\nimpl CallArgs for ", name]);
    let uploads: Vec<(&Field, &Cow<str>)> = f.params.iter().zip(&rendered).filter(|(p, _)| p.ty.is_upload()).collect();
    if uploads.is_empty() {
        out.push_str(" {}");
        return;
    }
    out.push_str(" {\n    const MULTIPART: bool = true;\n\n    fn files(&self) -> Vec<FilePart<'_>> {\n");
    out.push_str("        let mut files = Vec::new();");
    for (p, r) in uploads {
        out.extend(["\n        self.", r, ".push_parts(", &names::string_literal(&p.name), ", &mut files);"]);
    }
    out.push_str("\n        files\n    }\n}");
}

/// A param of a call as a field of its args struct.
fn param_decl<'a>(p: &'a Field, rendered: &'a str, notes: &'a [String]) -> FieldDecl<'a> {
    FieldDecl {
        wire: &p.name,
        name: rendered,
        optional: p.optional,
        skip: p.ty.is_upload(),
        doc: p.docs.doc.as_deref(),
        notes,
        deprecated: p.docs.deprecated.as_ref(),
        ty: Some(&p.ty),
        boxed: false,
    }
}

/// Documents which protocol errors an auth requirement adds.
fn auth_note(auth: Auth) -> &'static str {
    match auth {
        Auth::User => "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by a signed-in user.",
        Auth::Staff => "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by a staff user.",
        Auth::Superuser => "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by a superuser.",
        Auth::Custom => {
            "Fails with [`Error::Unauthorized`] or [`Error::Forbidden`] unless called by the backend's own check."
        }
    }
}

/// Appends the method fetching `ctx` (named `method`) to `methods`, and its
/// params struct (if it has params) and bundle struct to `structs`.
fn context(
    methods: &mut String,
    structs: &mut String,
    (ctx, members): (&Context, &[&Function]),
    method: &str,
    printer: Printer,
    fields: &FieldNames,
) {
    let elevated = Elevated::all(ctx, members);
    let params = (!ctx.params.is_empty()).then(|| names::params_type(&ctx.name));
    if let Some(name) = &params {
        let rendered = fields.of(ctx.params.iter().map(|p| p.name.as_str()));
        push_plain_doc(structs, &["Params of the `", &ctx.name, "` context (its query string)."].concat());
        push_struct(structs, "#[derive(Clone, Debug, PartialEq, Serialize)]", name, |out| {
            for (e, r) in elevated.iter().zip(&rendered) {
                e.push(out, r, printer);
            }
        });
    }
    let bundle = names::bundle_type(&ctx.name);
    let rendered = fields.of(members.iter().map(|f| f.name.as_str()));
    push_plain_doc(structs, &["What one fetch of the `", &ctx.name, "` context returns."].concat());
    push_struct(structs, "#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]", &bundle, |out| {
        for (f, r) in members.iter().zip(&rendered) {
            bundle_field(out, &elevated, f, r, printer);
        }
    });
    methods.push_str("\n\n");
    let note = ["Fetches the `", &ctx.name, "` context: one request for every member."].concat();
    write_doc_comment(methods, ctx.docs.doc.as_deref(), &[note], ctx.docs.deprecated.as_ref(), 4);
    let ret = result(|out| out.push_str(&bundle));
    match &params {
        Some(p) => layout::fn_head(methods, 1, "pub async fn ", method, &["&self", &["params: &", p].concat()], &ret),
        None => layout::fn_head(methods, 1, "pub async fn ", method, &["&self"], &ret),
    }
    methods.push('\n');
    let arg = if params.is_some() { "params" } else { "&EmptyObject {}" };
    layout::call_await(methods, 2, "fetch", &["&self.transport", &names::string_literal(&ctx.name), arg]);
    methods.push_str("\n    }");
}

/// A member's slot in the bundle. The backend leaves out a member whose
/// required params were not all given: when the context's params allow
/// that, the slot is optional.
fn bundle_field(out: &mut String, elevated: &[Elevated], f: &Function, rendered: &str, printer: Printer) {
    let missing: Vec<&str> = f
        .params
        .iter()
        .filter(|q| !q.optional)
        .filter(|q| {
            // Elevated params are sorted by name (`model::Context::params`).
            elevated.binary_search_by(|e| e.param.name.as_str().cmp(&q.name)).map_or(true, |i| elevated[i].optional)
        })
        .map(|q| q.name.as_str())
        .collect();
    let mut doc = f.docs.doc.clone();
    if !missing.is_empty() {
        let mut note = String::from("Absent unless ");
        for (i, m) in missing.iter().enumerate() {
            note.extend([if i == 0 { "`" } else { " and `" }, m, "`"]);
        }
        note.push_str(" given.");
        doc = Some(match doc {
            Some(d) => format!("{d}\n\n{note}"),
            None => note,
        });
    }
    let decl = FieldDecl {
        wire: &f.name,
        name: rendered,
        optional: !missing.is_empty(),
        skip: false,
        doc: doc.as_deref(),
        notes: &[],
        deprecated: f.docs.deprecated.as_ref(),
        ty: f.returns.as_ref(),
        boxed: false,
    };
    decl.push(out, printer);
}

/// A context param as the params struct holds it: optional unless every
/// member takes it and at least one requires it (spec §5, param
/// elevation), with the constraints of the first member declaring it.
struct Elevated<'a> {
    param: &'a ContextParam,
    optional: bool,
    declared: Option<&'a Field>,
}

impl<'a> Elevated<'a> {
    /// Every param of `ctx`, in its order, from one pass over the params of
    /// its `members` (in name order, like each param's `functions`).
    fn all(ctx: &'a Context, members: &[&'a Function]) -> Vec<Elevated<'a>> {
        let mut all: Vec<Elevated> =
            ctx.params.iter().map(|p| Elevated { param: p, optional: !p.required, declared: None }).collect();
        let mut all_optional = vec![true; all.len()];
        // The member that last declared each param: only its first
        // declaration counts, as for a lookup by name.
        let mut last = vec![usize::MAX; all.len()];
        for (m, f) in members.iter().enumerate() {
            for q in &f.params {
                // Context params are sorted by name (`model::Context::params`).
                let Ok(i) = ctx.params.binary_search_by(|p| p.name.cmp(&q.name)) else { continue };
                if last[i] == m {
                    continue;
                }
                last[i] = m;
                all[i].declared = all[i].declared.or(Some(q));
                all_optional[i] &= q.optional;
            }
        }
        for (e, all_optional) in all.iter_mut().zip(all_optional) {
            e.optional |= all_optional;
        }
        all
    }

    /// Appends the param's field, named `rendered`.
    fn push(&self, out: &mut String, rendered: &str, printer: Printer) {
        let p = self.param;
        let doc = (!p.required).then(|| {
            let mut doc = String::from("Only for ");
            for (i, f) in p.functions.iter().enumerate() {
                doc.extend([if i == 0 { "`" } else { ", `" }, f, "`"]);
            }
            doc.push('.');
            doc
        });
        let notes = self.declared.map(|q| constraint_notes(&q.constraints, None)).unwrap_or_default();
        let decl = FieldDecl {
            wire: &p.name,
            name: rendered,
            optional: self.optional,
            skip: p.ty.is_upload(),
            doc: doc.as_deref(),
            notes: &notes,
            deprecated: None,
            ty: Some(&p.ty),
            boxed: false,
        };
        decl.push(out, printer);
    }
}
