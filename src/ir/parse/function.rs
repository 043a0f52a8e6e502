//! `function` (spec §5), `context` and `channel` (spec §6).

use super::decl::field;
use super::node::{self, NameRule, Node};
use super::tree::{Entry, Value};
use super::unknown_node;
use crate::diag::Diagnostic;
use crate::ir::ast::*;
use crate::ir::check::suggest;

const FUNCTION_PROPS: &[&str] = &[
    "context",
    "transport",
    "auth",
    "private",
    "view",
    "route",
    "methods",
    "rev",
    "cache",
    "form",
    "role",
    "doc",
    "deprecated",
];
const FUNCTION_CHILDREN: &[&str] = &["param", "returns", "affects", "merge"];
const CHANNEL_CHILDREN: &[&str] = &["param", "client-message", "server-message"];

pub fn function(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Function> {
    let name = node.arg(0, "a function name", diags).and_then(|e| node.ident(e, "function", NameRule::Dotted, diags));
    let context = name_prop(node, "context", diags);
    let transport = transport(node, name.as_ref().map_or(node.name_span(), |n| n.span), diags);
    let form = form(node, diags);
    let named = name.is_some();
    let mut f = Function {
        name: name.unwrap_or_else(|| Ident { wire: String::new(), span: node.span }),
        docs: node.docs(diags),
        context,
        transport,
        auth: auth(node, diags),
        private: node.flag("private", diags),
        view: node.flag("view", diags),
        route: node.string_prop("route", diags),
        methods: methods(node, diags),
        rev: node.uint("rev", u64::from(u32::MAX), diags).map(|r| Spanned::new(r.value as u32, r.span)),
        cache: cache(node, diags),
        form,
        params: Vec::new(),
        returns: None,
        affects: Vec::new(),
        merges: Vec::new(),
        span: node.span,
    };
    node.finish(1, FUNCTION_PROPS, true, diags);
    for child in kids(node, FUNCTION_CHILDREN, diags) {
        match child.name {
            "param" => f.params.extend(field(&child, true, diags)),
            "returns" => {
                let ty = child.arg(0, "a type", diags).and_then(|e| child.type_expr(e, diags));
                child.finish(1, &[], false, diags);
                match (&f.returns, ty) {
                    (Some(first), Some(_)) => diags.push(twice(&child, first.span, "a function returns one type")),
                    (None, ty) => f.returns = ty,
                    _ => {}
                }
            }
            "affects" => f.affects.extend(affect(&child, diags)),
            _ => {
                let target = child
                    .arg(0, "a context name", diags)
                    .and_then(|e| child.ident(e, "context", NameRule::Dashed, diags));
                child.finish(1, &[], false, diags);
                f.merges.extend(target);
            }
        }
    }
    named.then_some(f)
}

/// The children of `node`, each checked against `known`.
fn kids<'a>(node: &Node<'a>, known: &[&str], diags: &mut Vec<Diagnostic>) -> Vec<Node<'a>> {
    let mut out = Vec::new();
    for id in node.children() {
        let child = node.child(id, diags);
        if known.contains(&child.name) {
            out.push(child);
        } else {
            diags.push(unknown_node(&child, child.name, known, &format!("inside `{}`", node.name)));
        }
    }
    out
}

fn twice(child: &Node, first: Span, why: &str) -> Diagnostic {
    Diagnostic::error("mizan::duplicate-child", format!("`{}` is given twice", child.name), child.span)
        .label("second one")
        .related(first, "first one")
        .help(why.to_owned())
}

fn name_prop(node: &Node, key: &'static str, diags: &mut Vec<Diagnostic>) -> Option<Ident> {
    let e = node.prop(key)?;
    node.ident(e, key, NameRule::Dashed, diags)
}

/// `key` holding a string that must be one of `options`.
fn choice<'a, T: Copy>(
    node: &Node<'a>,
    e: &'a Entry<'a>,
    key: &str,
    options: &[(&str, T)],
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let s = node.str(e, format_args!("`{key}` to be one of {}", Names(options)), diags)?;
    let found = options.iter().find(|(n, _)| *n == s.value).map(|(_, v)| *v);
    if found.is_none() {
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let msg = format!("`{key}` cannot be {:?}", s.value);
        let d = Diagnostic::error("mizan::invalid-value", msg, s.span).label("not a valid choice");
        diags.push(match suggest::did_you_mean(s.value, names.iter().copied()) {
            Some(n) => d.help(format!("did you mean `{n}`?")),
            None => d.help(format!("expected one of: {}", names.join(", "))),
        });
    }
    found
}

/// The names of `choice`'s options, joined with `, ` when displayed.
struct Names<'a, T>(&'a [(&'a str, T)]);

impl<T> std::fmt::Display for Names<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, _)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// `transport=`; when absent, `implicit` (the function's name) stands for it.
fn transport(node: &Node, implicit: Span, diags: &mut Vec<Diagnostic>) -> Spanned<Transport> {
    let options = [("http", Transport::Http), ("websocket", Transport::WebSocket)];
    match node.prop("transport") {
        Some(e) => Spanned::new(choice(node, e, "transport", &options, diags).unwrap_or_default(), e.value_span),
        None => Spanned::new(Transport::Http, implicit),
    }
}

fn auth(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Auth>> {
    let e = node.prop("auth")?;
    let span = e.value_span;
    match &e.value {
        Value::Bool(true) => Some(Spanned::new(Auth::User, span)),
        Value::Bool(false) => None,
        Value::String(_) => {
            let options = [("staff", Auth::Staff), ("superuser", Auth::Superuser), ("custom", Auth::Custom)];
            choice(node, e, "auth", &options, diags).map(|a| Spanned::new(a, span))
        }
        v => {
            diags.push(node::wrong_type(e, "`auth` to be #true, \"staff\", \"superuser\" or \"custom\"", v));
            None
        }
    }
}

fn methods(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Vec<Method>>> {
    let s = node.string_prop("methods", diags)?;
    let mut out = Vec::new();
    for part in s.value.split(',').map(str::trim) {
        match Method::ALL.iter().find(|(n, _)| *n == part) {
            Some((_, m)) if !out.contains(m) => out.push(*m),
            Some(_) => {}
            None => {
                let msg = format!("unknown HTTP method {part:?} in `methods`");
                let d = Diagnostic::error("mizan::invalid-value", msg, s.span).label("unknown method");
                let upper = part.to_ascii_uppercase();
                let hint = Method::ALL
                    .iter()
                    .find(|(n, _)| *n == upper)
                    .map(|(n, _)| format!("methods are upper case: `{n}`"));
                diags.push(d.help(hint.unwrap_or_else(|| {
                    "write methods as \"GET\" or \"GET,POST\" (GET, POST, PUT, PATCH, DELETE)".to_owned()
                })));
                return None;
            }
        }
    }
    Some(Spanned::new(out, s.span))
}

fn cache(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Spanned<Cache>> {
    let e = node.prop("cache")?;
    let span = e.value_span;
    match &e.value {
        Value::Bool(false) => Some(Spanned::new(Cache::Never, span)),
        Value::Integer(i) if *i >= 0 && *i <= i128::from(u32::MAX) => Some(Spanned::new(Cache::Ttl(*i as u64), span)),
        v => {
            let d = node::wrong_type(e, "`cache` to be a TTL in seconds or #false", v);
            diags.push(if matches!(v, Value::Bool(true)) {
                d.help("`cache=#true` names no TTL: write `cache=60` (seconds) or `cache=#false` (never cache)")
            } else {
                d
            });
            None
        }
    }
}

fn form(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<FormRef> {
    let name = name_prop(node, "form", diags);
    let roles = [("schema", FormRole::Schema), ("validate", FormRole::Validate), ("submit", FormRole::Submit)];
    let role =
        node.prop("role").and_then(|e| choice(node, e, "role", &roles, diags).map(|r| Spanned::new(r, e.value_span)));
    match (name, role) {
        (Some(name), Some(role)) => Some(FormRef { name, role }),
        (Some(name), None) if node.prop("role").is_none() => {
            let d = Diagnostic::error("mizan::missing-property", "`form=` needs `role=`", name.span)
                .label("form without a role");
            diags.push(d.help("add `role=schema`, `role=validate` or `role=submit`"));
            None
        }
        (None, Some(role)) if node.prop("form").is_none() => {
            let d = Diagnostic::error("mizan::missing-property", "`role=` needs `form=`", role.span)
                .label("role of no form");
            diags.push(d.help("add `form=<name>` naming the form this function belongs to"));
            None
        }
        _ => None,
    }
}

fn affect(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Affect> {
    let target = node
        .arg(0, "a context or function name", diags)
        .and_then(|e| node.ident(e, "affected", NameRule::Reference, diags));
    let options = [("context", AffectKind::Context), ("function", AffectKind::Function)];
    let kind = node.prop("kind").and_then(|e| choice(node, e, "kind", &options, diags)).unwrap_or_default();
    node.finish(1, &["kind"], false, diags);
    Some(Affect { target: target?, kind, span: node.span })
}

pub fn context(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<ContextDecl> {
    let name = node.arg(0, "a context name", diags).and_then(|e| node.ident(e, "context", NameRule::Dashed, diags));
    let docs = node.docs(diags);
    let ssr = node.flag("ssr", diags).is_some();
    node.finish(1, &["doc", "ssr"], false, diags);
    Some(ContextDecl { name: name?, docs, ssr, span: node.span })
}

pub fn channel(node: &Node, diags: &mut Vec<Diagnostic>) -> Option<Channel> {
    let name = node.arg(0, "a channel name", diags).and_then(|e| node.ident(e, "channel", NameRule::Dashed, diags));
    let named = name.is_some();
    let mut ch = Channel {
        name: name.unwrap_or_else(|| Ident { wire: String::new(), span: node.span }),
        docs: node.docs(diags),
        auth: auth(node, diags),
        params: Vec::new(),
        client_message: None,
        server_message: None,
        span: node.span,
    };
    node.finish(1, &["auth", "doc", "deprecated"], true, diags);
    for child in kids(node, CHANNEL_CHILDREN, diags) {
        if child.name == "param" {
            ch.params.extend(field(&child, true, diags));
            continue;
        }
        let ty = child.arg(0, "a type", diags).and_then(|e| child.type_expr(e, diags));
        child.finish(1, &[], false, diags);
        let slot = if child.name == "client-message" { &mut ch.client_message } else { &mut ch.server_message };
        match (slot.as_ref(), ty) {
            (Some(first), Some(_)) => diags.push(twice(
                &child,
                first.span,
                "a channel has one message type each way; use a union for several",
            )),
            (None, ty) => *slot = ty,
            _ => {}
        }
    }
    if ch.server_message.is_none() {
        let d = Diagnostic::error("mizan::missing-child", format!("channel `{}` has no `server-message`", ch.name), node.name_span())
            .label("no server-message")
            .help("add `server-message <T>`: the type of what the server pushes (a channel the server never writes to is not a channel)");
        diags.push(d);
    }
    named.then_some(ch)
}
