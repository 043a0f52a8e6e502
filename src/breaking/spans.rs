//! Where each element of an IR document was written, so a change can point
//! at it: keyed by the element's path (`type User`, then `field id` inside
//! it), looked up with a fallback to the enclosing element.

use crate::ir::ast::{self, FormRole, Span};
use rustc_hash::FxHashMap;

/// Separates the segments of a path. A field name may hold it (written as
/// `\u{0}`): its lookup then falls back to an enclosing element, which only
/// moves where the change points.
const SEP: char = '\u{0}';

/// A path to an element: `Path::new("type", "User").then("field", "id")`.
#[derive(Clone, Debug)]
pub struct Path(String);

impl Path {
    pub fn new(kind: &str, name: &str) -> Path {
        Path(format!("{kind} {name}"))
    }

    pub fn then(&self, kind: &str, name: &str) -> Path {
        Path(format!("{}{SEP}{kind} {name}", self.0))
    }
}

/// Spans of one document's elements.
#[derive(Debug, Default)]
pub struct Spans(FxHashMap<String, Span>);

impl Spans {
    pub fn new(doc: &ast::Document) -> Spans {
        let mut s = Spans::default();
        s.put(&Path::new("header", ""), doc.version.span);
        if let Some(b) = &doc.base_url {
            s.put(&Path::new("header", "").then("base-url", ""), b.span);
        }
        if let Some(p) = &doc.project {
            s.put(&Path::new("header", "").then("project", ""), p.span);
        }
        for t in &doc.types {
            let at = Path::new("type", &t.name.wire);
            s.put(&at, t.name.span);
            match &t.kind {
                ast::TypeKind::Object { fields } => {
                    fields.iter().for_each(|f| s.put(&at.then("field", &f.name.wire), f.span))
                }
                ast::TypeKind::Enum { values } => {
                    values.iter().for_each(|v| s.put(&at.then("value", &v.value.wire), v.span))
                }
                ast::TypeKind::Union { tag, variants } => {
                    if let Some(tag) = tag {
                        s.put(&at.then("tag", ""), tag.span);
                    }
                    variants.iter().for_each(|v| s.put(&at.then("variant", &v.ty.wire), v.span));
                }
                ast::TypeKind::Alias { target } => s.put(&at.then("target", ""), target.span),
            }
        }
        for f in &doc.functions {
            let at = Path::new("function", &f.name.wire);
            s.put(&at, f.name.span);
            f.params.iter().for_each(|p| s.put(&at.then("param", &p.name.wire), p.span));
            if let Some(r) = &f.returns {
                s.put(&at.then("returns", ""), r.span);
            }
            if let Some(a) = &f.auth {
                s.put(&at.then("auth", ""), a.span);
            }
            if let Some(a) = f.affects.first() {
                s.put(&at.then("affects", ""), a.span);
            }
            if let Some(m) = f.merges.first() {
                s.put(&at.then("merge", ""), m.span);
            }
            if let Some(r) = &f.rev {
                s.put(&at.then("rev", ""), r.span);
            }
            if let Some(c) = &f.cache {
                s.put(&at.then("cache", ""), c.span);
            }
            if let Some(r) = &f.route {
                s.put(&at.then("route", ""), r.span);
            }
            if let Some(c) = &f.context {
                s.put(&at.then("context", ""), c.span);
                // A context without a `context` node is written where its
                // first read names it; its params where a member takes them.
                let ctx = Path::new("context", &c.wire);
                s.0.entry(ctx.0.clone()).or_insert(c.span);
                for p in &f.params {
                    s.0.entry(ctx.then("param", &p.name.wire).0).or_insert(p.span);
                }
            }
            if let Some(form) = &f.form {
                let at = Path::new("form", &form.name.wire);
                s.put(&at.then(form.role.value.as_str(), ""), form.role.span);
                if form.role.value == FormRole::Submit {
                    s.put(&at, form.name.span);
                }
            }
        }
        for c in &doc.contexts {
            s.put(&Path::new("context", &c.name.wire), c.name.span);
        }
        for c in &doc.channels {
            let at = Path::new("channel", &c.name.wire);
            s.put(&at, c.name.span);
            c.params.iter().for_each(|p| s.put(&at.then("param", &p.name.wire), p.span));
            if let Some(m) = &c.client_message {
                s.put(&at.then("client-message", ""), m.span);
            }
            if let Some(m) = &c.server_message {
                s.put(&at.then("server-message", ""), m.span);
            }
            if let Some(a) = &c.auth {
                s.put(&at.then("auth", ""), a.span);
            }
        }
        s
    }

    fn put(&mut self, path: &Path, span: Span) {
        self.0.insert(path.0.clone(), span);
    }

    /// The span of `path`, else of the nearest enclosing element found, else
    /// the header's.
    pub fn get(&self, path: &Path) -> Span {
        let mut key = path.0.as_str();
        loop {
            if let Some(span) = self.0.get(key) {
                return *span;
            }
            match key.rfind(SEP) {
                Some(i) => key = &key[..i],
                None => return self.0.get("header ").copied().unwrap_or_default(),
            }
        }
    }
}
