//! Function properties that only make sense together (or apart), and forms.

use super::is_read;
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use std::collections::BTreeMap;

pub fn check(ix: &super::Index, diags: &mut Vec<Diagnostic>) {
    for f in &ix.doc.functions {
        conflicts(f, diags);
        if let (Some(view), None) = (f.view, &f.route) {
            let msg = format!("view function `{}` has no `route`", f.name);
            let d = Diagnostic::error("mizan::missing-property", msg, view).label("a view needs a route");
            diags.push(d.help("add `route=\"/path/\"`: the edge manifest lists the page route a view serves"));
        }
        context_only(f, diags);
        if f.transport.value == Transport::WebSocket
            && let Some(p) = f.params.iter().find(|p| p.ty.is_upload())
        {
            let msg = format!("`{}` takes an upload but uses the websocket transport", f.name);
            let d = Diagnostic::error("mizan::upload-over-websocket", msg, p.ty.span)
                .label("upload param")
                .related(f.transport.span, "websocket transport");
            diags.push(d.help("files are sent as multipart over HTTP: drop `transport=websocket`"));
        }
    }
    forms(ix.doc, diags);
}

fn conflicts(f: &Function, diags: &mut Vec<Diagnostic>) {
    let form = f.form.as_ref().map(|fr| fr.name.span);
    let context = f.context.as_ref().map(|c| c.span);
    let websocket = (f.transport.value == Transport::WebSocket).then_some(f.transport.span);
    let pairs = [
        (
            f.private,
            "private=#true",
            f.view,
            "view=#true",
            "a function is either private (no route served to clients) or a view, not both",
        ),
        (
            f.private,
            "private=#true",
            context,
            "context=",
            "a private function is not client-callable, so no context bundles it; use `view=#true` to join a context for the edge manifest",
        ),
        (
            f.private,
            "private=#true",
            form,
            "form=",
            "a form's functions are called by the client; a private one cannot be",
        ),
        (
            f.view,
            "view=#true",
            form,
            "form=",
            "a view serves HTML or a redirect and has no client code; a form's functions need client code",
        ),
        (form, "form=", context, "context=", "a form's functions are calls; a context read cannot be one"),
        (f.view, "view=#true", websocket, "transport=websocket", "a view is a page route served over HTTP"),
    ];
    for (a, a_name, b, b_name, help) in pairs {
        if let (Some(a), Some(b)) = (a, b) {
            let msg = format!("`{}` cannot have both `{a_name}` and `{b_name}`", f.name);
            let d = Diagnostic::error("mizan::conflicting-properties", msg, b)
                .label(format!("`{b_name}`"))
                .related(a, format!("`{a_name}`"));
            diags.push(d.help(help));
        }
    }
}

fn context_only(f: &Function, diags: &mut Vec<Diagnostic>) {
    if is_read(f) {
        return;
    }
    let props = [("rev", f.rev.as_ref().map(|r| r.span)), ("cache", f.cache.as_ref().map(|c| c.span))];
    for (key, span) in props {
        let Some(span) = span else { continue };
        let msg = format!("`{key}` applies only to context reads, and `{}` is not one", f.name);
        let d =
            Diagnostic::error("mizan::context-only-property", msg, span).label(format!("`{key}` has no effect here"));
        diags.push(
            d.help(format!("`{key}` describes how a context caches its bundle: add `context=` or remove `{key}=`")),
        );
    }
}

fn forms(doc: &Document, diags: &mut Vec<Diagnostic>) {
    let mut by_form: BTreeMap<&str, BTreeMap<FormRole, Vec<&Function>>> = BTreeMap::new();
    for f in &doc.functions {
        if let Some(fr) = &f.form {
            by_form.entry(&fr.name.wire).or_default().entry(fr.role.value).or_default().push(f);
        }
    }
    for (form, roles) in &by_form {
        for (role, fns) in roles {
            for f in fns.iter().skip(1) {
                let msg = format!("form `{form}` has two `{}` functions", role.as_str());
                let span = f.form.as_ref().map_or(f.span, |fr| fr.role.span);
                let first = fns[0].form.as_ref().map_or(fns[0].span, |fr| fr.role.span);
                let d = Diagnostic::error("mizan::duplicate-form-role", msg, span)
                    .label("second one")
                    .related(first, "first one");
                diags.push(d.help("a form has at most one function per role (schema, validate, submit)"));
            }
        }
        if let (Some(v), Some(s)) = (roles.get(&FormRole::Validate), roles.get(&FormRole::Submit)) {
            same_params(form, v[0], s[0], diags);
        }
    }
}

fn same_params(form: &str, validate: &Function, submit: &Function, diags: &mut Vec<Diagnostic>) {
    let help = "a form validates exactly what it submits: give `validate` and `submit` the same params";
    for p in &submit.params {
        match validate.params.iter().find(|q| q.name.wire == p.name.wire) {
            Some(q) if q.ty.same_type(&p.ty) => {}
            Some(q) => {
                let msg = format!("param `{}` of form `{form}` has different types in `validate` and `submit`", p.name);
                let d = Diagnostic::error("mizan::form-params-mismatch", msg, p.ty.span)
                    .label(format!("in `{}`", submit.name))
                    .related(q.ty.span, format!("in `{}`", validate.name));
                diags.push(d.help(help));
            }
            None => diags.push(missing(form, p, submit, validate).help(help)),
        }
    }
    for q in validate.params.iter().filter(|q| !submit.params.iter().any(|p| p.name.wire == q.name.wire)) {
        diags.push(missing(form, q, validate, submit).help(help));
    }
}

/// `p` of `has` is not a param of `lacks`.
fn missing(form: &str, p: &Param, has: &Function, lacks: &Function) -> Diagnostic {
    let msg = format!("param `{}` of form `{form}` is missing from `{}`", p.name, lacks.name);
    Diagnostic::error("mizan::form-params-mismatch", msg, p.name.span)
        .label(format!("only in `{}`", has.name))
        .related(lacks.name.span, format!("`{}` has no `{}`", lacks.name, p.name))
}
