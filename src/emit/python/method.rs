//! One client method, built once and laid out for both clients: a method
//! per call function (`self._mizan_call(...)`) and a `fetch_<context>` per
//! context (`self._mizan_fetch(...)`), with keyword-only typed arguments
//! and a Google-style docstring.
//!
//! A method's text is written piece by piece into one buffer, reused from
//! method to method (the pieces are ranges of it), and put together into
//! layout expressions only when the method is laid out.

use super::doc::{Paragraphs, push_doc_text, write_doc};
use super::layout::{Expr, write_statements};
use super::types::{default_expr, push_constraint_notes, push_type_expr, sentence};
use super::uses::Uses;
use crate::ir::ast::Literal;
use crate::model::{Api, Auth, Context, ContextParam, Field, Function, Transport, Type};
use crate::names::python as names;
use std::ops::Range;

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
#[derive(Default)]
pub(super) struct Method {
    /// Every piece of the method's text, back to back.
    buf: String,
    name: Range<usize>,
    /// The keyword arguments: `attr: T`, with ` = default` if any.
    params: Vec<Range<usize>>,
    /// `) -> R`.
    close: Range<usize>,
    /// The docstring, laid out at method indentation.
    doc: Range<usize>,
    /// `self._mizan_call` or `self._mizan_fetch`, and its first and third
    /// arguments: the wire name, and the result adapter or bundle class.
    target: &'static str,
    wire: Range<usize>,
    result: Range<usize>,
    /// `"wire": attr` entries, with the dict each goes in.
    entries: Vec<(Slot, Range<usize>)>,
    /// The attribute of each argument, in declared order: ranges of `names`.
    names: String,
    attrs: Vec<Range<usize>>,
    /// Scratch: the docstring's text, and one argument's description.
    text: String,
    arg: String,
}

/// Appends what `write` writes to `buf`, and says where it is.
fn piece(buf: &mut String, write: impl FnOnce(&mut String)) -> Range<usize> {
    let start = buf.len();
    write(buf);
    start..buf.len()
}

impl Method {
    /// The method for a call function, in place of the previous one.
    pub fn call(&mut self, api: &Api, f: &Function, uses: &mut Uses) {
        self.start("self._mizan_call");
        self.name = piece(&mut self.buf, |b| names::push_method_name(b, &f.name));
        for p in &f.params {
            let range = piece(&mut self.names, |b| names::push_attr_name(b, &p.name));
            let attr = &self.names[range.clone()];
            let kwarg = kwarg(&mut self.buf, attr, (&p.ty, p.default.as_ref()), p.optional, (api, uses));
            self.params.push(kwarg);
            let entry = entry(&mut self.buf, &p.name, attr);
            self.entries.push((Slot::of(p), entry));
            self.attrs.push(range);
        }
        self.wire = piece(&mut self.buf, |b| names::push_string_literal(b, &f.name));
        self.result = piece(&mut self.buf, |b| {
            b.push_str("_results.");
            names::push_result_adapter(b, &f.name);
        });
        self.close = piece(&mut self.buf, |b| {
            b.push_str(") -> ");
            push_returns(b, f, uses);
        });
        let mut doc = Paragraphs::new(&mut self.text);
        summary(doc.next(), f.docs.doc.as_deref(), ["Calls `", &f.name, "`."]);
        if f.transport == Transport::WebSocket {
            doc.next().push_str(WEBSOCKET);
        }
        let args = f.params.iter().zip(&self.attrs);
        let args = args.map(|(p, attr)| Arg { attr: &self.names[attr.clone()], declared: Some(p), only: &[] });
        doc.optional(|text| args_section(text, &mut self.arg, args));
        if let Some(auth) = f.auth {
            raises(doc.next(), auth);
        }
        doc.deprecation(&f.docs);
        self.finish_doc();
    }

    /// The method fetching a context, in place of the previous one.
    /// `bundle`: the context's bundle class.
    pub fn fetch(&mut self, api: &Api, ctx: &Context, bundle: &str, uses: &mut Uses) {
        self.start("self._mizan_fetch");
        self.name = piece(&mut self.buf, |b| b.push_str(&names::fetch_method(&ctx.name)));
        uses.model(bundle);
        self.result = piece(&mut self.buf, |b| b.push_str(bundle));
        self.close = piece(&mut self.buf, |b| {
            b.push_str(") -> ");
            b.push_str(bundle);
        });
        self.wire = piece(&mut self.buf, |b| names::push_string_literal(b, &ctx.name));
        let mut optional = Vec::with_capacity(ctx.params.len());
        for p in &ctx.params {
            let attr = piece(&mut self.names, |b| names::push_attr_name(b, &p.name));
            let entry = entry(&mut self.buf, &p.name, &self.names[attr.clone()]);
            self.entries.push((Slot::Required, entry));
            self.attrs.push(attr);
            optional.push(!p.required || declared(api, p).all(|q| q.optional));
        }
        // Required arguments first, as people write them.
        for pass in [false, true] {
            for (i, p) in ctx.params.iter().enumerate().filter(|(i, _)| optional[*i] == pass) {
                let kwarg = kwarg(&mut self.buf, &self.names[self.attrs[i].clone()], (&p.ty, None), pass, (api, uses));
                self.params.push(kwarg);
            }
        }
        let mut doc = Paragraphs::new(&mut self.text);
        summary(doc.next(), ctx.docs.doc.as_deref(), ["Fetches the `", &ctx.name, "` context."]);
        let get = doc.next();
        for part in ["`GET <base>/ctx/", &ctx.name, "/`: every member function's result in one request."] {
            get.push_str(part);
        }
        let args = ctx.params.iter().zip(&self.attrs).map(|(p, attr)| Arg {
            attr: &self.names[attr.clone()],
            declared: declared(api, p).next(),
            only: if p.required { &[] } else { &p.functions },
        });
        doc.optional(|text| args_section(text, &mut self.arg, args));
        doc.deprecation(&ctx.docs);
        self.finish_doc();
    }

    /// Lays out the docstring written in `text`.
    fn finish_doc(&mut self) {
        self.doc = piece(&mut self.buf, |b| {
            if write_doc(b, &self.text, 2) {
                b.push('\n');
            }
        });
    }

    /// Clears the previous method, keeping the buffers.
    fn start(&mut self, target: &'static str) {
        self.buf.clear();
        self.names.clear();
        self.params.clear();
        self.entries.clear();
        self.attrs.clear();
        self.target = target;
    }

    /// Appends the whole method at class indentation, laid out, after a
    /// blank line, to the sync client and to the async client.
    pub fn render(&self, sync: &mut String, asynchronous: &mut String) {
        let text = |range: &Range<usize>| &self.buf[range.clone()];
        let mut items = Vec::with_capacity(self.params.len() + 2);
        items.push(Expr::atom("self"));
        if !self.params.is_empty() {
            items.push(Expr::atom("*"));
            items.extend(self.params.iter().map(|p| Expr::atom(text(p))));
        }
        let sig = Expr::def(text(&self.name), items, text(&self.close));
        let dict = |head, slot| {
            let entries = self.entries.iter().filter(|(s, _)| *s == slot).map(|(_, e)| Expr::atom(text(e)));
            Expr::dict(head, entries.collect())
        };
        let has = |slot| self.entries.iter().any(|(s, _)| *s == slot);
        let mut args = vec![Expr::atom(text(&self.wire)), dict("", Slot::Required), Expr::atom(text(&self.result))];
        if has(Slot::Optional) {
            args.push(dict("optional=", Slot::Optional));
        }
        if has(Slot::File) {
            args.push(dict("files=", Slot::File));
        }
        for out in [&mut *sync, &mut *asynchronous] {
            out.push_str("\n\n");
        }
        write_statements([sync, asynchronous], 1, ["def ", "async def "], &sig, ":");
        for out in [&mut *sync, &mut *asynchronous] {
            out.push('\n');
            out.push_str(text(&self.doc));
        }
        let call = Expr::call(self.target, args);
        write_statements([sync, asynchronous], 2, ["return ", "return await "], &call, "");
    }
}

/// The first paragraph: the docs' own text, or `otherwise` (its pieces
/// concatenated).
fn summary(out: &mut String, doc: Option<&str>, otherwise: [&str; 3]) {
    match doc {
        Some(doc) => out.push_str(doc),
        None => otherwise.iter().for_each(|s| out.push_str(s)),
    }
}

const WEBSOCKET: &str =
    "Declared `transport=websocket`: this client sends it as `POST <base>/call/`,\nwhich every Mizan server accepts.";

/// A keyword argument: `attr: T`, `attr: T = default` or, when the key may
/// be absent, `attr: T | None = None` (left out of the request when None).
fn kwarg(
    buf: &mut String,
    attr: &str,
    (ty, default): (&Type, Option<&Literal>),
    optional: bool,
    (api, uses): (&Api, &mut Uses),
) -> Range<usize> {
    piece(buf, |b| {
        b.push_str(attr);
        b.push_str(": ");
        push_type_expr(b, ty, uses);
        match default {
            Some(lit) => {
                b.push_str(" = ");
                b.push_str(&default_expr(api, ty, lit, uses));
            }
            None if optional && ty.is_nullable() => b.push_str(" = None"),
            None if optional => b.push_str(" | None = None"),
            None => {}
        }
    })
}

/// `"wire": attr`, an entry of the request's dict.
fn entry(buf: &mut String, wire: &str, attr: &str) -> Range<usize> {
    piece(buf, |b| {
        names::push_string_literal(b, wire);
        b.push_str(": ");
        b.push_str(attr);
    })
}

/// The params a context's param stands for, in its members: the first
/// gives the argument its docs and constraints, and the argument is
/// optional unless the context requires it and some member does.
fn declared<'a>(api: &'a Api, p: &'a ContextParam) -> impl Iterator<Item = &'a Field> + 'a {
    let members = p.functions.iter().filter_map(|f| api.function(f));
    members.filter_map(|f| f.params.iter().find(|q| q.name == p.name))
}

/// Appends the Python type a function answers (`None` for JSON `null`).
pub(super) fn push_returns(out: &mut String, f: &Function, uses: &mut Uses) {
    match &f.returns {
        Some(t) => push_type_expr(out, t, uses),
        None => out.push_str("None"),
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
/// to say. `text`: a buffer for one argument's description.
fn args_section<'f>(out: &mut String, text: &mut String, args: impl Iterator<Item = Arg<'f>>) {
    let mut first = true;
    for arg in args {
        text.clear();
        if let Some(p) = arg.declared {
            push_doc_text(text, &p.docs, &[] as &[&str]);
            push_constraint_notes(text, &p.constraints);
        }
        if !arg.only.is_empty() {
            sentence(text, format_args!("Only for "));
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
        push_indented(out, text);
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

/// The `Raises:` section of a call that needs `auth`.
fn raises(out: &mut String, auth: Auth) {
    let who = match auth {
        Auth::User => "a signed-in user",
        Auth::Staff => "a staff user",
        Auth::Superuser => "a superuser",
        Auth::Custom => "the backend's own check",
    };
    out.push_str("Raises:\n    UnauthorizedError: Without credentials.\n    ForbiddenError: Unless allowed for ");
    out.push_str(who);
    out.push('.');
}
