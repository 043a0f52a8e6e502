//! One client method, built once and written into both clients: a method
//! per call function (`self._mizan_call(...)`) and a `fetch_<context>` per
//! context (`self._mizan_fetch(...)`), with keyword-only typed arguments
//! and a Google-style docstring.

use super::doc::{Paragraphs, push_doc_text, py_doc};
use super::layout::{Expr, write_def, write_statement};
use super::types::{default_expr, push_constraint_notes, sentence, type_expr};
use super::uses::{Import, Uses};
use crate::ir::ast::Literal;
use crate::model::{Api, Auth, Channel, Context, ContextParam, Field, Function, Transport, Type};
use crate::names::python as names;

/// Where an argument goes in the request: the dict of required arguments,
/// `optional=` (left out when None) or `files=` (multipart).
#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Required,
    Optional,
    File,
}

impl Slot {
    fn of(p: &Field) -> Slot {
        if p.ty.is_upload() {
            Slot::File
        } else if p.optional && p.default.is_none() {
            Slot::Optional
        } else {
            Slot::Required
        }
    }
}

/// A method both clients have, before `async` is decided.
pub(super) struct Method {
    pub name: String,
    /// `@deprecated(...)`'s message, for a deprecated function or context.
    pub deprecated: Option<String>,
    /// The keyword arguments: `attr: T`, with ` = default` if any.
    params: Vec<Expr<'static>>,
    /// `R` of `-> R`.
    returns: Expr<'static>,
    /// The docstring, laid out at method indentation.
    doc: String,
    /// A channel's method returns the async client's subscription type
    /// (`AsyncSendChannel[...]`) from a plain `def`, and takes no options.
    async_returns: Option<Expr<'static>>,
    /// `self._mizan_call`, `self._mizan_socket_call`, `self._mizan_fetch`
    /// or `self._mizan_(send_)channel`, and its first and third arguments:
    /// the wire name, and the result adapter or bundle class.
    target: &'static str,
    wire: String,
    result: String,
    /// `"wire": attr` entries, with the dict each goes in.
    entries: Vec<(Slot, String)>,
}

impl Method {
    /// The method for a call function.
    pub fn call(api: &Api, f: &Function, uses: &mut Uses) -> Method {
        uses.import(Import::Unpack);
        let attrs: Vec<String> = f.params.iter().map(|p| names::param_name(&p.name)).collect();
        let params = f.params.iter().zip(&attrs);
        let params = params.map(|(p, a)| kwarg(a, (&p.ty, p.default.as_ref()), p.optional, (api, uses))).collect();
        let entries = f.params.iter().zip(&attrs).map(|(p, attr)| (Slot::of(p), entry(&p.name, attr))).collect();
        let returns = returns_expr(f, uses);
        let mut text = String::new();
        let mut doc = Paragraphs::new(&mut text);
        summary(doc.next(), f.docs.doc.as_deref(), ["Calls `", &f.name, "`."]);
        if f.transport == Transport::WebSocket {
            doc.next().push_str(WEBSOCKET);
        }
        let args = f.params.iter().zip(&attrs).map(|(p, attr)| Arg { attr, declared: Some(p), only: &[] });
        doc.optional(|text| args_section(text, args));
        if let Some(auth) = f.auth {
            raises(doc.next(), auth);
        }
        doc.deprecation(&f.docs);
        let name = names::method_name(&f.name);
        Method {
            deprecated: deprecated(&f.docs, &name, uses),
            name,
            params,
            returns,
            doc: py_doc(&text, 2),
            async_returns: None,
            target: if f.transport == Transport::WebSocket { "self._mizan_socket_call" } else { "self._mizan_call" },
            wire: names::string_literal(&f.name),
            result: "_results.".to_owned() + &names::result_adapter(&f.name),
            entries,
        }
    }

    /// The method fetching a context. `bundle`: the context's bundle class.
    pub fn fetch(api: &Api, ctx: &Context, bundle: &str, uses: &mut Uses) -> Method {
        uses.model(bundle);
        uses.import(Import::Unpack);
        let attrs: Vec<String> = ctx.params.iter().map(|p| names::param_name(&p.name)).collect();
        let entries = ctx.params.iter().zip(&attrs).map(|(p, attr)| (Slot::Required, entry(&p.name, attr))).collect();
        let optional: Vec<bool> =
            ctx.params.iter().map(|p| !p.required || declared(api, p).all(|q| q.optional)).collect();
        // Required arguments first, as people write them.
        let mut params = Vec::with_capacity(ctx.params.len());
        for pass in [false, true] {
            for (i, p) in ctx.params.iter().enumerate().filter(|(i, _)| optional[*i] == pass) {
                params.push(kwarg(&attrs[i], (&p.ty, None), pass, (api, uses)));
            }
        }
        let mut text = String::new();
        let mut doc = Paragraphs::new(&mut text);
        summary(doc.next(), ctx.docs.doc.as_deref(), ["Fetches the `", &ctx.name, "` context."]);
        let get = doc.next();
        for part in ["`GET <base>/ctx/", &ctx.name, "/`: every member function's result in one request."] {
            get.push_str(part);
        }
        let args = ctx.params.iter().zip(&attrs).map(|(p, attr)| Arg {
            attr,
            declared: declared(api, p).next(),
            only: if p.required { &[] } else { &p.functions },
        });
        doc.optional(|text| args_section(text, args));
        doc.deprecation(&ctx.docs);
        let name = names::fetch_method(&ctx.name);
        Method {
            deprecated: deprecated(&ctx.docs, &name, uses),
            name,
            params,
            returns: Expr::atom(bundle.to_owned()),
            doc: py_doc(&text, 2),
            async_returns: None,
            target: "self._mizan_fetch",
            wire: names::string_literal(&ctx.name),
            result: bundle.to_owned(),
            entries,
        }
    }

    /// The method subscribing to a channel: a `Channel[S]` (`SendChannel[S,
    /// C]` when the client sends messages) and its async twin.
    pub fn channel(api: &Api, ch: &Channel, uses: &mut Uses) -> Method {
        let attrs: Vec<String> = ch.params.iter().map(|p| names::param_name(&p.name)).collect();
        let params = ch.params.iter().zip(&attrs);
        let params = params.map(|(p, a)| kwarg(a, (&p.ty, p.default.as_ref()), p.optional, (api, uses))).collect();
        let entries = ch.params.iter().zip(&attrs).map(|(p, attr)| (Slot::Required, entry(&p.name, attr))).collect();
        let mut types = vec![type_expr(&ch.server_message, uses)];
        types.extend(ch.client_message.as_ref().map(|t| type_expr(t, uses)));
        let (sync_class, async_class) = match ch.client_message {
            Some(_) => ("SendChannel", "AsyncSendChannel"),
            None => ("Channel", "AsyncChannel"),
        };
        let mut text = String::new();
        let mut doc = Paragraphs::new(&mut text);
        summary(doc.next(), ch.docs.doc.as_deref(), ["Subscribes to the `", &ch.name, "` channel."]);
        channel_usage(doc.next(), &names::method_name(&ch.name), ch.client_message.is_some());
        let args = ch.params.iter().zip(&attrs).map(|(p, attr)| Arg { attr, declared: Some(p), only: &[] });
        doc.optional(|text| args_section(text, args));
        if let Some(auth) = ch.auth {
            channel_raises(doc.next(), auth);
        }
        doc.deprecation(&ch.docs);
        let name = names::method_name(&ch.name);
        Method {
            deprecated: deprecated(&ch.docs, &name, uses),
            name,
            params,
            returns: Expr::subscript(sync_class, types.clone()),
            doc: py_doc(&text, 2),
            async_returns: Some(Expr::subscript(async_class, types)),
            target: if ch.client_message.is_some() { "self._mizan_send_channel" } else { "self._mizan_channel" },
            wire: names::string_literal(&ch.name),
            result: "_results.".to_owned() + &names::channel_adapter(&ch.name),
            entries,
        }
    }

    /// Appends the whole method at class indentation, laid out, after a
    /// blank line, to the sync client and to the async client.
    pub fn render(&self, sync: &mut String, asynchronous: &mut String) {
        let mut items = Vec::with_capacity(self.params.len() + 3);
        items.push(Expr::atom("self"));
        if !self.params.is_empty() {
            items.push(Expr::atom("*"));
            items.extend(self.params.iter().cloned());
        }
        let channel = self.async_returns.is_some();
        if !channel {
            items.push(Expr::atom("**options: Unpack[RequestOptions]"));
        }
        let dict = |head, slot| {
            let entries = self.entries.iter().filter(|(s, _)| *s == slot).map(|(_, e)| Expr::atom(e.as_str()));
            Expr::dict(head, entries.collect())
        };
        let has = |slot| self.entries.iter().any(|(s, _)| *s == slot);
        let mut args = vec![Expr::atom(self.wire.as_str()), dict("", Slot::Required), Expr::atom(self.result.as_str())];
        if !channel {
            args.push(Expr::atom("options"));
        }
        if has(Slot::Optional) {
            args.push(dict("optional=", Slot::Optional));
        }
        if has(Slot::File) {
            args.push(dict("files=", Slot::File));
        }
        let call = Expr::call(self.target, args);
        let decorator = self.deprecated.as_ref().map(|m| Expr::call("deprecated", vec![Expr::atom(m.as_str())]));
        let (async_def, async_ret) = if channel { ("def ", "return ") } else { ("async def ", "return await ") };
        let async_returns = self.async_returns.as_ref().unwrap_or(&self.returns);
        for (out, def, ret, returns) in
            [(sync, "def ", "return ", &self.returns), (asynchronous, async_def, async_ret, async_returns)]
        {
            out.push_str("\n\n");
            if let Some(d) = &decorator {
                write_statement(out, 1, "@", d, "");
                out.push('\n');
            }
            write_def(out, 1, def, &self.name, &items, returns);
            out.push('\n');
            out.push_str(&self.doc);
            write_statement(out, 2, ret, &call, "");
        }
    }
}

/// The message of `@deprecated` (PEP 702: type checkers flag the uses,
/// Python warns at each call) for a deprecated declaration, as a literal.
fn deprecated(docs: &crate::model::Docs, method: &str, uses: &mut Uses) -> Option<String> {
    let dep = docs.deprecated.as_ref()?;
    uses.import(Import::Deprecated);
    let message = match &dep.reason {
        Some(reason) => format!("`{method}` is deprecated: {reason}"),
        None => format!("`{method}` is deprecated."),
    };
    Some(names::string_literal(&message))
}

/// The first paragraph: the docs' own text, or `otherwise` (its pieces
/// concatenated).
fn summary(out: &mut String, doc: Option<&str>, otherwise: [&str; 3]) {
    match doc {
        Some(doc) => out.push_str(doc),
        None => otherwise.iter().for_each(|s| out.push_str(s)),
    }
}

const WEBSOCKET: &str = "Declared `transport=websocket`: sent over the client's WebSocket\n(`<base>/ws/`); `with_raw_response` sends it as `POST <base>/call/`.";

/// The usage paragraphs of a channel's method `name`.
fn channel_usage(out: &mut String, name: &str, sends: bool) {
    out.extend(["Usage:\n\n    with client.", name, "(...) as channel:\n"]);
    if sends {
        out.push_str("        channel.send(...)\n");
    }
    out.push_str("        for message in channel:\n            ...\n\n");
    out.push_str(if sends {
        "On `AsyncClient`: `async with`, `await channel.send(...)` and `async for`.\nA dropped connection is opened again and resubscribed."
    } else {
        "On `AsyncClient`: `async with` and `async for`. A dropped connection is\nopened again and resubscribed. The server only talks on this channel:\nthere is no `send`."
    });
}

/// A keyword argument: `attr: T`, `attr: T = default` or, when the key may
/// be absent, `attr: T | None = None` (left out of the request when None).
fn kwarg(
    attr: &str,
    (ty, default): (&Type, Option<&Literal>),
    optional: bool,
    (api, uses): (&Api, &mut Uses),
) -> Expr<'static> {
    let ann = type_expr(ty, uses);
    let (ann, after) = match default {
        Some(lit) => (ann, format!(" = {}", default_expr(api, ty, lit, uses))),
        None if optional && ty.is_nullable() => (ann, " = None".to_owned()),
        None if optional => (Expr::union(vec![ann, Expr::atom("None")]), " = None".to_owned()),
        None => (ann, String::new()),
    };
    Expr::framed(format!("{attr}: "), ann, after)
}

/// `"wire": attr`, an entry of the request's dict.
fn entry(wire: &str, attr: &str) -> String {
    names::string_literal(wire) + ": " + attr
}

/// The params a context's param stands for, in its members: the first
/// gives the argument its docs and constraints, and the argument is
/// optional unless the context requires it and some member does.
fn declared<'a>(api: &'a Api, p: &'a ContextParam) -> impl Iterator<Item = &'a Field> + 'a {
    let members = p.functions.iter().filter_map(|f| api.function(f));
    members.filter_map(|f| f.params.iter().find(|q| q.name == p.name))
}

/// The Python type a function answers (`None` for JSON `null`).
fn returns_expr(f: &Function, uses: &mut Uses) -> Expr<'static> {
    match &f.returns {
        Some(t) => type_expr(t, uses),
        None => Expr::atom("None"),
    }
}

/// An argument as its docstring describes it: `attr` its rendered name,
/// `declared` the param whose docs and constraints it takes (a context
/// argument's first member's), `only` the functions a context argument is
/// limited to.
struct Arg<'f> {
    attr: &'f str,
    declared: Option<&'f Field>,
    only: &'f [String],
}

/// Appends a Google-style `Args:` section, when any argument has something
/// to say.
fn args_section<'f>(out: &mut String, args: impl Iterator<Item = Arg<'f>>) {
    let mut first = true;
    for arg in args {
        let mut text = String::new();
        if let Some(p) = arg.declared {
            push_doc_text(&mut text, &p.docs, &[] as &[&str]);
            push_constraint_notes(&mut text, &p.constraints);
        }
        if !arg.only.is_empty() {
            sentence(&mut text, format_args!("Only for "));
            for (i, f) in arg.only.iter().enumerate() {
                text.push_str(if i == 0 { "`" } else { ", `" });
                text.push_str(f);
                text.push('`');
            }
            text.push('.');
        }
        if text.is_empty() {
            continue;
        }
        out.push_str(if std::mem::take(&mut first) { "Args:\n    " } else { "\n    " });
        out.push_str(arg.attr);
        out.push_str(": ");
        push_indented(out, &text);
    }
}

/// `text` with paragraph breaks folded into line breaks and every line
/// after the first indented under its `Args:` entry.
fn push_indented(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find('\n') {
        out.push_str(&rest[..i]);
        out.push_str("\n        ");
        let skip = if rest[i + 1..].starts_with('\n') { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    out.push_str(rest);
}

/// The `Raises:` section of a channel that needs `auth`.
fn channel_raises(out: &mut String, auth: Auth) {
    out.push_str("Raises:\n    ChannelError: When the server refuses the subscription (without\n        credentials, or unless allowed for ");
    out.push_str(who(auth));
    out.push_str(").");
}

fn who(auth: Auth) -> &'static str {
    match auth {
        Auth::User => "a signed-in user",
        Auth::Staff => "a staff user",
        Auth::Superuser => "a superuser",
        Auth::Custom => "the backend's own check",
    }
}

/// The `Raises:` section of a call that needs `auth`.
fn raises(out: &mut String, auth: Auth) {
    out.push_str("Raises:\n    UnauthorizedError: Without credentials.\n    ForbiddenError: Unless allowed for ");
    out.push_str(who(auth));
    out.push('.');
}
