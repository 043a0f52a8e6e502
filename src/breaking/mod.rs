//! Breaking-change detection: two checked IR documents, lowered, compared
//! model to model (`mizan-generate diff`).
//!
//! Every difference is one `Change` with a stable code whose prefix is its
//! severity for the callers of the generated clients:
//!
//! * `breaking::` — existing callers stop compiling or start failing;
//! * `dangerous::` — callers still compile, but what happens changes
//!   (invalidation, caching, auth, a value a reader may not handle);
//! * `safe::` — additions and documentation.
//!
//! Types are judged by the direction data travels. What a caller sends (a
//! function's or channel's params, a channel's client message, every type
//! reachable from them) is a *request*: the server must keep accepting
//! everything it accepted, so a request type may only widen
//! (contravariance). What a caller reads (returns, a channel's server
//! message, their types) is a *response*: the client must keep understanding
//! everything it receives, so a response type may only narrow (covariance).
//! A named type's direction is the union of how the old and the new
//! document use it; a type used by no function or channel is judged both
//! ways (callers may build or read it through the exported type).
//! `RULES` lists every code with its reason; docs/breaking.md is the table.

mod rules;
mod spans;

pub use rules::{RULES, Rule};

use crate::ir::ast::{self, Span};
use crate::model::*;
use rustc_hash::FxHashMap;
use spans::{Path, Spans};
use std::collections::BTreeSet;

/// How a change affects existing callers; the order is the report's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Breaking,
    Dangerous,
    Safe,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Breaking => "breaking",
            Severity::Dangerous => "dangerous",
            Severity::Safe => "safe",
        }
    }

    /// The severity a code's prefix names.
    pub fn of(code: &str) -> Severity {
        if code.starts_with("breaking::") {
            Severity::Breaking
        } else if code.starts_with("dangerous::") {
            Severity::Dangerous
        } else {
            Severity::Safe
        }
    }
}

/// Which document a change points into: the new one, or the old one for
/// what was removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    Old,
    New,
}

/// One difference between the documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// `breaking::field-removed`; the prefix is the severity.
    pub code: &'static str,
    /// Names the element: `type UserProfile: field "nickname" removed`.
    pub message: String,
    pub side: Side,
    pub span: Span,
    /// In the new document: `span` for a change there, else the nearest
    /// enclosing element still present (the type a field was removed from;
    /// the header for a removed declaration). GitHub annotations point
    /// here, since they land on the current file.
    pub anchor: Span,
}

impl Change {
    pub fn severity(&self) -> Severity {
        Severity::of(self.code)
    }
}

/// Every change from `old` to `new` (both checked), sorted by severity, then
/// by message.
pub fn compare(old: &ast::Document, new: &ast::Document) -> Vec<Change> {
    // Lowering and indexing the two sides are independent.
    let mut docs = crate::par::map(&[old, new], |_| 1, |doc| Doc::new(doc)).into_iter();
    let (Some(old), Some(new)) = (docs.next(), docs.next()) else { return Vec::new() };
    let mut cx = Cx { old: &old, new: &new, changes: Vec::new() };
    cx.header();
    cx.types();
    cx.functions();
    cx.contexts();
    cx.channels();
    cx.forms();
    let mut changes = cx.changes;
    changes.sort_by(|a, b| (a.severity(), &a.message, a.code).cmp(&(b.severity(), &b.message, b.code)));
    changes.dedup();
    changes
}

/// One side: its model, where its elements are, and how its types are used.
struct Doc {
    api: Api,
    spans: Spans,
    usage: FxHashMap<String, Dir>,
}

impl Doc {
    fn new(doc: &ast::Document) -> Doc {
        let api = crate::lower::lower(doc);
        let usage = usage(&api);
        Doc { api, spans: Spans::new(doc), usage }
    }

    /// The alias target of `name`, when it names an alias.
    fn alias(&self, name: &str) -> Option<&Type> {
        match &self.api.type_def(name)?.kind {
            TypeDefKind::Alias { target } => Some(target),
            _ => None,
        }
    }
}

/// The directions a type travels in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Dir {
    request: bool,
    response: bool,
}

const REQUEST: Dir = Dir { request: true, response: false };
const RESPONSE: Dir = Dir { request: false, response: true };
const BOTH: Dir = Dir { request: true, response: true };

impl Dir {
    fn or(self, other: Dir) -> Dir {
        Dir { request: self.request || other.request, response: self.response || other.response }
    }
}

/// How each named type is used by what the clients call and read.
fn usage(api: &Api) -> FxHashMap<String, Dir> {
    let mut usage: FxHashMap<String, Dir> = FxHashMap::default();
    for f in &api.functions {
        if !client_visible(f) {
            continue;
        }
        f.params.iter().for_each(|p| mark(api, &p.ty, REQUEST, &mut usage));
        if let Some(r) = &f.returns {
            mark(api, r, RESPONSE, &mut usage);
        }
    }
    for c in &api.channels {
        c.params.iter().for_each(|p| mark(api, &p.ty, REQUEST, &mut usage));
        if let Some(m) = &c.client_message {
            mark(api, m, REQUEST, &mut usage);
        }
        mark(api, &c.server_message, RESPONSE, &mut usage);
    }
    usage
}

/// Marks every type `ty` reaches as travelling in `dir`.
fn mark(api: &Api, ty: &Type, dir: Dir, usage: &mut FxHashMap<String, Dir>) {
    match ty {
        Type::Prim(_) => {}
        Type::List(t) | Type::Map(t) | Type::Nullable(t) => mark(api, t, dir, usage),
        Type::Ref(name) => {
            let seen = usage.get(name).copied().unwrap_or_default();
            if seen.or(dir) == seen {
                return;
            }
            usage.insert(name.clone(), seen.or(dir));
            let Some(def) = api.type_def(name) else { return };
            match &def.kind {
                TypeDefKind::Object { fields } => fields.iter().for_each(|f| mark(api, &f.ty, dir, usage)),
                TypeDefKind::Union { variants, .. } => {
                    variants.iter().for_each(|v| mark(api, &Type::Ref(v.ty.clone()), dir, usage))
                }
                TypeDefKind::Alias { target } => mark(api, target, dir, usage),
                TypeDefKind::Enum { .. } => {}
            }
        }
    }
}

/// Calls and context reads: what has client code.
fn client_visible(f: &Function) -> bool {
    matches!(f.kind, FnKind::Call | FnKind::Read { .. })
}

/// The comparison in progress.
struct Cx<'a> {
    old: &'a Doc,
    new: &'a Doc,
    changes: Vec<Change>,
}

/// A field of a type, or a param of a function, channel or context.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Member {
    Field,
    Param,
}

impl Member {
    fn word(self) -> &'static str {
        match self {
            Member::Field => "field",
            Member::Param => "param",
        }
    }
}

impl Cx<'_> {
    /// A change at `path` in the new document.
    fn new_at(&mut self, code: &'static str, path: &Path, message: String) {
        let span = self.new.spans.get(path);
        self.changes.push(Change { code, message, side: Side::New, span, anchor: span });
    }

    /// A change at `path` in the old document (what was removed).
    fn old_at(&mut self, code: &'static str, path: &Path, message: String) {
        let (span, anchor) = (self.old.spans.get(path), self.new.spans.get(path));
        self.changes.push(Change { code, message, side: Side::Old, span, anchor });
    }

    fn header(&mut self) {
        let (o, n) = (&self.old.api, &self.new.api);
        let at = Path::new("header", "");
        if o.base_url != n.base_url {
            let m = format!("base-url changed from \"{}\" to \"{}\"", o.base_url, n.base_url);
            self.new_at("dangerous::base-url-changed", &at.then("base-url", ""), m);
        }
        if o.project != n.project {
            let m = format!("project changed from \"{}\" to \"{}\"", o.project, n.project);
            self.new_at("safe::project-changed", &at.then("project", ""), m);
        }
    }

    fn docs(&mut self, what: &str, at: &Path, o: &Docs, n: &Docs) {
        if o.doc != n.doc {
            self.new_at("safe::doc-changed", at, format!("{what}: doc changed"));
        }
        if o.deprecated != n.deprecated {
            let m = match &n.deprecated {
                Some(d) => match &d.reason {
                    Some(r) => format!("{what}: deprecated (\"{r}\")"),
                    None => format!("{what}: deprecated"),
                },
                None => format!("{what}: no longer deprecated"),
            };
            self.new_at("safe::deprecation-changed", at, m);
        }
    }

    // ----- types -------------------------------------------------------

    fn types(&mut self) {
        let names: BTreeSet<&str> =
            self.old.api.types.iter().chain(&self.new.api.types).map(|t| t.name.as_str()).collect();
        for name in names {
            let at = Path::new("type", name);
            match (self.old.api.type_def(name), self.new.api.type_def(name)) {
                (Some(o), None) => {
                    self.old_at("breaking::type-removed", &at, format!("{} {name} removed", keyword(&o.kind)))
                }
                (None, Some(n)) => self.new_at("safe::type-added", &at, format!("{} {name} added", keyword(&n.kind))),
                (Some(o), Some(n)) => self.type_def(o, n, &at),
                (None, None) => {}
            }
        }
    }

    fn type_def(&mut self, o: &TypeDef, n: &TypeDef, at: &Path) {
        let name = &n.name;
        let what = format!("{} {name}", keyword(&n.kind));
        self.docs(&what, at, &o.docs, &n.docs);
        let dir = match self.old.usage.get(name).copied().unwrap_or_default().or(self
            .new
            .usage
            .get(name)
            .copied()
            .unwrap_or_default())
        {
            Dir { request: false, response: false } => BOTH,
            dir => dir,
        };
        match (&o.kind, &n.kind) {
            (TypeDefKind::Object { fields: of }, TypeDefKind::Object { fields: nf }) => {
                self.members(Member::Field, &format!("type {name}"), at, of, nf, dir)
            }
            (TypeDefKind::Enum { values: ov }, TypeDefKind::Enum { values: nv }) => {
                self.enum_values(&what, at, ov, nv, dir)
            }
            (TypeDefKind::Union { tag: ot, variants: ov }, TypeDefKind::Union { tag: nt, variants: nv }) => {
                self.union(&what, at, (ot, ov), (nt, nv), dir)
            }
            (TypeDefKind::Alias { target: ot }, TypeDefKind::Alias { target: nt }) => {
                self.ty(&what, &at.then("target", ""), ot, nt, dir)
            }
            (ok, nk) => {
                let m = format!("{name} changed from {} to {}", keyword(ok), keyword(nk));
                self.new_at("breaking::type-kind-changed", at, m)
            }
        }
    }

    fn enum_values(&mut self, what: &str, at: &Path, o: &[EnumValue], n: &[EnumValue], dir: Dir) {
        for v in o.iter().filter(|v| !n.iter().any(|w| w.value == v.value)) {
            let m = format!("{what}: value \"{}\" removed", v.value);
            self.old_at("breaking::enum-value-removed", &at.then("value", &v.value), m);
        }
        for v in n {
            let vat = at.then("value", &v.value);
            match o.iter().find(|w| w.value == v.value) {
                None => {
                    let code = if dir.response { "dangerous::enum-value-added" } else { "safe::enum-value-added" };
                    self.new_at(code, &vat, format!("{what}: value \"{}\" added", v.value));
                }
                Some(w) => self.docs(&format!("{what}: value \"{}\"", v.value), &vat, &w.docs, &v.docs),
            }
        }
    }

    fn union(
        &mut self,
        what: &str,
        at: &Path,
        (ot, ov): (&Option<String>, &[Variant]),
        (nt, nv): (&Option<String>, &[Variant]),
        dir: Dir,
    ) {
        if ot != nt {
            let show = |t: &Option<String>| t.as_ref().map_or("no tag".to_owned(), |t| format!("tag \"{t}\""));
            let m = format!("{what}: changed from {} to {}", show(ot), show(nt));
            self.new_at("breaking::union-tag-changed", &at.then("tag", ""), m);
        }
        // Breaking in both directions: senders of it are rejected, and readers
        // that handle it no longer compile (a `case "Square":` on the tag is
        // TS2678 once the union lacks it; `"side" in shape` narrows to a
        // type whose `side` is unknown), just as for an enum value.
        for v in ov.iter().filter(|v| !nv.iter().any(|w| w.ty == v.ty)) {
            let m = format!("{what}: variant {} removed", v.ty);
            self.old_at("breaking::variant-removed", &at.then("variant", &v.ty), m);
        }
        for v in nv {
            let vat = at.then("variant", &v.ty);
            match ov.iter().find(|w| w.ty == v.ty) {
                None => {
                    let code = if dir.response { "dangerous::variant-added" } else { "safe::variant-added" };
                    self.new_at(code, &vat, format!("{what}: variant {} added", v.ty));
                }
                Some(w) if ot == nt && w.tag_value != v.tag_value => {
                    let m = format!(
                        "{what}: variant {} tag value changed from \"{}\" to \"{}\"",
                        v.ty,
                        w.tag_value.as_deref().unwrap_or_default(),
                        v.tag_value.as_deref().unwrap_or_default()
                    );
                    self.new_at("breaking::tag-value-changed", &vat, m);
                }
                Some(_) => {}
            }
        }
    }

    /// Fields of a type, or params: `dir` is how their values travel.
    fn members(&mut self, kind: Member, owner: &str, at: &Path, o: &[Field], n: &[Field], dir: Dir) {
        let word = kind.word();
        for f in o.iter().filter(|f| !n.iter().any(|g| g.name == f.name)) {
            let code = match kind {
                Member::Field => "breaking::field-removed",
                Member::Param => "breaking::param-removed",
            };
            self.old_at(code, &at.then(word, &f.name), format!("{owner}: {word} \"{}\" removed", f.name));
        }
        for f in n {
            let fat = at.then(word, &f.name);
            let what = format!("{owner}: {word} \"{}\"", f.name);
            let Some(g) = o.iter().find(|g| g.name == f.name) else {
                let code = match (kind, f.optional, dir.request) {
                    (Member::Param, false, _) => "breaking::param-added-required",
                    (Member::Param, true, _) => "safe::param-added",
                    (Member::Field, false, true) => "breaking::field-added-required",
                    (Member::Field, _, _) => "safe::field-added",
                };
                let how = if f.optional { "optional" } else { "required" };
                self.new_at(code, &fat, format!("{what} added ({how})"));
                continue;
            };
            self.field(kind, &what, &fat, g, f, dir);
        }
    }

    /// One field or param present on both sides.
    fn field(&mut self, kind: Member, what: &str, at: &Path, o: &Field, n: &Field, dir: Dir) {
        if o.optional != n.optional {
            let code = match (kind, n.optional, dir) {
                (Member::Param, false, _) => "breaking::param-became-required",
                (Member::Param, true, _) => "safe::param-became-optional",
                (Member::Field, false, d) if d.request => "breaking::field-became-required",
                (Member::Field, false, _) => "safe::field-became-required",
                (Member::Field, true, d) if d.response => "breaking::field-became-optional",
                (Member::Field, true, _) => "safe::field-became-optional",
            };
            let m = if n.optional { format!("{what} became optional") } else { format!("{what} became required") };
            self.new_at(code, at, m);
        }
        self.ty(what, at, &o.ty, &n.ty, dir);
        if o.default != n.default {
            let m = format!("{what}: default changed from {} to {}", literal(&o.default), literal(&n.default));
            self.new_at("dangerous::default-changed", at, m);
        }
        self.constraints(what, at, &o.constraints, &n.constraints, dir);
        self.docs(what, at, &o.docs, &n.docs);
    }

    /// A type expression that travels in `dir`, compared by variance.
    fn ty(&mut self, what: &str, at: &Path, o: &Type, n: &Type, dir: Dir) {
        if o == n {
            return;
        }
        let (old, new) = (self.old, self.new);
        let widens = sub(o, old, n, new, 0);
        let narrows = sub(n, new, o, old, 0);
        let nullable_only = strip(o) == strip(n);
        let code = |request: bool| -> &'static str {
            match (widens, narrows) {
                (true, true) => "safe::type-equivalent",
                _ if request && widens && nullable_only => "safe::became-nullable",
                _ if request && widens => "safe::type-widened",
                _ if request && nullable_only && !n.is_nullable() => "breaking::nullable-removed",
                _ if !request && narrows && nullable_only => "safe::nullable-removed",
                _ if !request && narrows => "safe::type-narrowed",
                _ if !request && nullable_only && n.is_nullable() => "breaking::became-nullable",
                _ => "breaking::type-changed",
            }
        };
        let codes = [dir.request.then(|| code(true)), dir.response.then(|| code(false))];
        let Some(code) = codes.into_iter().flatten().min_by_key(|c| Severity::of(c)) else { return };
        let m = format!("{what}: type changed from \"{}\" to \"{}\"", show(o), show(n));
        self.new_at(code, at, m);
    }

    fn constraints(&mut self, what: &str, at: &Path, o: &Constraints, n: &Constraints, dir: Dir) {
        if o == n {
            return;
        }
        let (tighter, looser) = tightening(o, n);
        let mut codes = Vec::new();
        if dir.request {
            codes.extend(tighter.then_some("dangerous::request-constraint-tightened"));
            codes.extend(looser.then_some("safe::request-constraint-loosened"));
        }
        if dir.response {
            codes.extend(looser.then_some("dangerous::response-constraint-loosened"));
            codes.extend(tighter.then_some("safe::response-constraint-tightened"));
        }
        if let Some(code) = codes.into_iter().min_by_key(|c| Severity::of(c)) {
            self.new_at(
                code,
                at,
                format!("{what}: constraints changed from {} to {}", show_constraints(o), show_constraints(n)),
            );
        }
    }

    // ----- functions ---------------------------------------------------

    fn functions(&mut self) {
        let names: BTreeSet<&str> =
            self.old.api.functions.iter().chain(&self.new.api.functions).map(|f| f.name.as_str()).collect();
        for name in names {
            let at = Path::new("function", name);
            match (self.old.api.function(name), self.new.api.function(name)) {
                (Some(o), None) if client_visible(o) => {
                    self.old_at("breaking::function-removed", &at, format!("function {name} removed"))
                }
                (Some(o), None) => {
                    let m = format!("{} function {name} removed (edge manifest)", kind_word(&o.kind));
                    self.old_at("dangerous::manifest-function-removed", &at, m)
                }
                (None, Some(n)) => {
                    let m = format!("{} function {name} added", kind_word(&n.kind));
                    self.new_at("safe::function-added", &at, m)
                }
                (Some(o), Some(n)) => self.function(o, n, &at),
                (None, None) => {}
            }
        }
    }

    fn function(&mut self, o: &Function, n: &Function, at: &Path) {
        let name = &n.name;
        let what = format!("function {name}");
        self.docs(&what, at, &o.docs, &n.docs);
        let both_visible = client_visible(o) && client_visible(n);
        match (&o.kind, &n.kind) {
            (FnKind::Read { context: a }, FnKind::Read { context: b }) if a != b => {
                let m = format!("{what} moved from context {a} to context {b}");
                self.new_at("breaking::context-member-moved", &at.then("context", ""), m);
            }
            (FnKind::View { context: a }, FnKind::View { context: b }) if a != b => {
                let show =
                    |c: &Option<String>| c.as_deref().map_or("no context".to_owned(), |c| format!("context {c}"));
                let m = format!("view {what} moved from {} to {} (edge manifest)", show(a), show(b));
                self.new_at("dangerous::manifest-changed", at, m);
            }
            (ok, nk) if std::mem::discriminant(ok) != std::mem::discriminant(nk) => {
                let m = format!("{what} changed from {} to {} function", kind_word(ok), kind_word(nk));
                let code = match (client_visible(o), client_visible(n)) {
                    (true, _) => "breaking::function-kind-changed",
                    (false, true) => "safe::function-added",
                    (false, false) => "dangerous::manifest-changed",
                };
                self.new_at(code, at, m);
            }
            _ => {}
        }
        if both_visible {
            if o.transport != n.transport {
                let m = format!("{what}: transport changed from {} to {}", o.transport.as_str(), n.transport.as_str());
                self.new_at("breaking::transport-changed", at, m);
            }
            self.members(Member::Param, &what, at, &o.params, &n.params, REQUEST);
            let rat = at.then("returns", "");
            match (&o.returns, &n.returns) {
                (Some(a), Some(b)) => self.ty(&format!("{what}: result"), &rat, a, b, RESPONSE),
                (Some(a), None) => {
                    let m = format!("{what}: result \"{}\" removed (now returns null)", show(a));
                    self.old_at("breaking::returns-removed", &rat, m)
                }
                (None, Some(b)) => {
                    self.new_at("safe::returns-added", &rat, format!("{what}: now returns \"{}\"", show(b)))
                }
                (None, None) => {}
            }
        }
        if o.auth != n.auth {
            let m = format!("{what}: auth changed from {} to {}", auth(o.auth), auth(n.auth));
            self.new_at("dangerous::auth-changed", &at.then("auth", ""), m);
        }
        if o.affects != n.affects {
            let show = |a: &Affect| match &a.function {
                Some(f) => format!("{f} (function)"),
                None if a.scoped_params.is_empty() => a.context.clone(),
                None => format!("{} scoped by {}", a.context, a.scoped_params.join(", ")),
            };
            let m = format!("{what}: affects changed{}", set_delta(&o.affects, &n.affects, show));
            self.new_at("dangerous::affects-changed", &at.then("affects", ""), m);
        }
        if o.merges != n.merges {
            let show = |m: &Merge| format!("{} (slot {})", m.context, m.slot);
            let m = format!("{what}: merge changed{}", set_delta(&o.merges, &n.merges, show));
            self.new_at("dangerous::merge-changed", &at.then("merge", ""), m);
        }
        if o.rev != n.rev {
            let show = |r: Option<u32>| r.map_or("none".to_owned(), |r| r.to_string());
            let m = format!("{what}: rev changed from {} to {}", show(o.rev), show(n.rev));
            self.new_at("dangerous::rev-changed", &at.then("rev", ""), m);
        }
        if o.cache != n.cache {
            let m = format!("{what}: cache changed from {} to {}", cache(o.cache), cache(n.cache));
            self.new_at("dangerous::cache-changed", &at.then("cache", ""), m);
        }
        if o.route != n.route || o.methods != n.methods {
            let show = |f: &Function| {
                if f.route.is_none() && f.methods.is_none() {
                    return "none".to_owned();
                }
                let methods = f.methods.as_ref().map(|ms| ms.iter().map(|m| m.as_str()).collect::<Vec<_>>().join(","));
                let route = f.route.as_deref().unwrap_or("no route");
                format!("\"{} {route}\"", methods.unwrap_or_else(|| "default methods".to_owned()))
            };
            let m = format!("{what}: route changed from {} to {} (edge manifest)", show(o), show(n));
            self.new_at("dangerous::route-changed", &at.then("route", ""), m);
        }
    }

    // ----- contexts, channels, forms ----------------------------------

    fn contexts(&mut self) {
        let names: BTreeSet<&str> =
            self.old.api.contexts.iter().chain(&self.new.api.contexts).map(|c| c.name.as_str()).collect();
        for name in names {
            let at = Path::new("context", name);
            match (self.old.api.context(name), self.new.api.context(name)) {
                (Some(_), None) => self.old_at("breaking::context-removed", &at, format!("context {name} removed")),
                (None, Some(_)) => self.new_at("safe::context-added", &at, format!("context {name} added")),
                (Some(o), Some(n)) => self.context(o, n, &at),
                (None, None) => {}
            }
        }
    }

    fn context(&mut self, o: &Context, n: &Context, at: &Path) {
        let what = format!("context {}", n.name);
        self.docs(&what, at, &o.docs, &n.docs);
        if o.ssr != n.ssr {
            let m = format!("{what}: ssr changed from {} to {}", o.ssr, n.ssr);
            self.new_at("dangerous::ssr-changed", at, m);
        }
        for p in o.params.iter().filter(|p| !n.params.iter().any(|q| q.name == p.name)) {
            let m = format!("{what}: provider param \"{}\" removed", p.name);
            self.old_at("breaking::context-param-removed", &at.then("param", &p.name), m);
        }
        for p in &n.params {
            let pat = at.then("param", &p.name);
            let pwhat = format!("{what}: provider param \"{}\"", p.name);
            match o.params.iter().find(|q| q.name == p.name) {
                None if p.required => {
                    self.new_at("breaking::context-param-added-required", &pat, format!("{pwhat} added (required)"))
                }
                None => self.new_at("safe::context-param-added", &pat, format!("{pwhat} added (optional)")),
                Some(q) => {
                    if q.required != p.required {
                        let (code, how) = if p.required {
                            ("breaking::context-param-became-required", "required")
                        } else {
                            ("safe::context-param-became-optional", "optional")
                        };
                        self.new_at(code, &pat, format!("{pwhat} became {how}"));
                    }
                    self.ty(&pwhat, &pat, &q.ty, &p.ty, REQUEST);
                }
            }
        }
    }

    fn channels(&mut self) {
        let names: BTreeSet<&str> =
            self.old.api.channels.iter().chain(&self.new.api.channels).map(|c| c.name.as_str()).collect();
        let find = |api: &'_ Api, name: &str| api.channels.iter().position(|c| c.name == name);
        for name in names {
            let at = Path::new("channel", name);
            match (find(&self.old.api, name), find(&self.new.api, name)) {
                (Some(_), None) => self.old_at("breaking::channel-removed", &at, format!("channel {name} removed")),
                (None, Some(_)) => self.new_at("safe::channel-added", &at, format!("channel {name} added")),
                (Some(i), Some(j)) => {
                    let (old, new) = (self.old, self.new);
                    self.channel(&old.api.channels[i], &new.api.channels[j], &at)
                }
                (None, None) => {}
            }
        }
    }

    fn channel(&mut self, o: &Channel, n: &Channel, at: &Path) {
        let what = format!("channel {}", n.name);
        self.docs(&what, at, &o.docs, &n.docs);
        if o.auth != n.auth {
            let m = format!("{what}: auth changed from {} to {}", auth(o.auth), auth(n.auth));
            self.new_at("dangerous::auth-changed", &at.then("auth", ""), m);
        }
        self.members(Member::Param, &what, at, &o.params, &n.params, REQUEST);
        let cat = at.then("client-message", "");
        match (&o.client_message, &n.client_message) {
            (Some(a), Some(b)) => self.ty(&format!("{what}: client message"), &cat, a, b, REQUEST),
            (Some(a), None) => {
                let m = format!("{what}: client message \"{}\" removed (the browser may no longer send)", show(a));
                self.old_at("breaking::client-message-removed", &cat, m)
            }
            (None, Some(b)) => {
                self.new_at("safe::client-message-added", &cat, format!("{what}: client message \"{}\" added", show(b)))
            }
            (None, None) => {}
        }
        let sat = at.then("server-message", "");
        self.ty(&format!("{what}: server message"), &sat, &o.server_message, &n.server_message, RESPONSE);
    }

    fn forms(&mut self) {
        let names: BTreeSet<&str> =
            self.old.api.forms.iter().chain(&self.new.api.forms).map(|f| f.name.as_str()).collect();
        let find = |api: &'_ Api, name: &str| api.forms.iter().find(|f| f.name == name).cloned();
        for name in names {
            let at = Path::new("form", name);
            match (find(&self.old.api, name), find(&self.new.api, name)) {
                (Some(_), None) => self.old_at("breaking::form-removed", &at, format!("form {name} removed")),
                (None, Some(_)) => self.new_at("safe::form-added", &at, format!("form {name} added")),
                (Some(o), Some(n)) => {
                    let roles = [("schema", &o.schema, &n.schema), ("validate", &o.validate, &n.validate)];
                    for (role, a, b) in roles {
                        let rat = at.then(role, "");
                        match (a, b) {
                            (Some(_), None) => {
                                self.old_at("breaking::form-role-removed", &rat, format!("form {name}: {role} removed"))
                            }
                            (None, Some(_)) => {
                                self.new_at("safe::form-role-added", &rat, format!("form {name}: {role} added"))
                            }
                            _ => {}
                        }
                    }
                }
                (None, None) => {}
            }
        }
    }
}

/// Whether every value of `a` (in `ad`) is a value of `b` (in `bd`) on the
/// wire. Aliases are followed; two references to one name are the same type
/// (that type's own changes are reported where it is declared).
fn sub(a: &Type, ad: &Doc, b: &Type, bd: &Doc, depth: u8) -> bool {
    // An alias cycle is an error, so depth only guards against a bug.
    if depth > 32 {
        return false;
    }
    match (a, b) {
        (Type::Ref(x), Type::Ref(y)) if x == y => true,
        (Type::Ref(x), _) if ad.alias(x).is_some() => sub(ad.alias(x).unwrap_or(a), ad, b, bd, depth + 1),
        (_, Type::Ref(y)) if bd.alias(y).is_some() => sub(a, ad, bd.alias(y).unwrap_or(b), bd, depth + 1),
        (_, Type::Prim(Prim::Json)) => true,
        (Type::Nullable(x), Type::Nullable(y)) => sub(x, ad, y, bd, depth + 1),
        (Type::Nullable(_), _) => false,
        (_, Type::Nullable(y)) => sub(a, ad, y, bd, depth + 1),
        (Type::Prim(p), Type::Prim(q)) => p == q || (*p == Prim::Int && *q == Prim::Float),
        (Type::List(x), Type::List(y)) | (Type::Map(x), Type::Map(y)) => sub(x, ad, y, bd, depth + 1),
        _ => false,
    }
}

/// The type without its top-level `?`.
fn strip(t: &Type) -> &Type {
    match t {
        Type::Nullable(inner) => inner,
        t => t,
    }
}

/// A type expression as the IR writes it.
fn show(t: &Type) -> String {
    match t {
        Type::Prim(p) => p.as_str().to_owned(),
        Type::Ref(n) => n.clone(),
        Type::List(t) => format!("list<{}>", show(t)),
        Type::Map(t) => format!("map<{}>", show(t)),
        Type::Nullable(t) => format!("{}?", show(t)),
    }
}

fn keyword(kind: &TypeDefKind) -> &'static str {
    match kind {
        TypeDefKind::Object { .. } => "type",
        TypeDefKind::Enum { .. } => "enum",
        TypeDefKind::Union { .. } => "union",
        TypeDefKind::Alias { .. } => "alias",
    }
}

fn kind_word(kind: &FnKind) -> &'static str {
    match kind {
        FnKind::Read { .. } => "a context read",
        FnKind::Call => "a call",
        FnKind::View { .. } => "a view",
        FnKind::Private => "a private",
    }
}

fn auth(a: Option<Auth>) -> &'static str {
    match a {
        None => "none",
        Some(Auth::User) => "user",
        Some(Auth::Staff) => "staff",
        Some(Auth::Superuser) => "superuser",
        Some(Auth::Custom) => "custom",
    }
}

fn cache(c: Option<Cache>) -> String {
    match c {
        None => "unset".to_owned(),
        Some(Cache::Never) => "never".to_owned(),
        Some(Cache::Ttl(s)) => format!("{s}s"),
    }
}

fn literal(l: &Option<ast::Literal>) -> String {
    match l {
        None => "none".to_owned(),
        Some(ast::Literal::String(s)) => format!("\"{s}\""),
        Some(ast::Literal::Int(i)) => i.to_string(),
        Some(ast::Literal::Float(f)) => format!("{f:?}"),
        Some(ast::Literal::Bool(b)) => format!("#{b}"),
        Some(ast::Literal::Null) => "#null".to_owned(),
    }
}

/// `: added a, b; removed c` between two lists compared as sets.
fn set_delta<T: PartialEq>(o: &[T], n: &[T], show: impl Fn(&T) -> String) -> String {
    let added: Vec<String> = n.iter().filter(|x| !o.contains(x)).map(&show).collect();
    let removed: Vec<String> = o.iter().filter(|x| !n.contains(x)).map(&show).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    if parts.is_empty() { " (order)".to_owned() } else { format!(": {}", parts.join("; ")) }
}

/// Whether the new constraints reject values the old accepted (tighter),
/// accept values the old rejected (looser), or both.
fn tightening(o: &Constraints, n: &Constraints) -> (bool, bool) {
    let (mut tighter, mut looser) = (false, false);
    let mut bound = |old: Option<f64>, new: Option<f64>, lower: bool| match (old, new) {
        (None, Some(_)) => tighter = true,
        (Some(_), None) => looser = true,
        (Some(a), Some(b)) if a != b => {
            if (b > a) == lower {
                tighter = true
            } else {
                looser = true
            }
        }
        _ => {}
    };
    let num = |n: Option<Number>| {
        n.map(|n| match n {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        })
    };
    bound(o.min_length.map(|v| v as f64), n.min_length.map(|v| v as f64), true);
    bound(o.max_length.map(|v| v as f64), n.max_length.map(|v| v as f64), false);
    bound(num(o.min), num(n.min), true);
    bound(num(o.max), num(n.max), false);
    let mut opaque = |changed: bool, old: bool, new: bool| {
        if changed {
            tighter |= new;
            looser |= old;
        }
    };
    opaque(o.pattern != n.pattern, o.pattern.is_some(), n.pattern.is_some());
    opaque(o.format != n.format, o.format.is_some(), n.format.is_some());
    (tighter, looser)
}

fn show_constraints(c: &Constraints) -> String {
    let mut parts = Vec::new();
    if let Some(v) = c.min_length {
        parts.push(format!("min-length={v}"));
    }
    if let Some(v) = c.max_length {
        parts.push(format!("max-length={v}"));
    }
    if let Some(v) = c.min {
        parts.push(format!("min={v}"));
    }
    if let Some(v) = c.max {
        parts.push(format!("max={v}"));
    }
    if let Some(v) = &c.pattern {
        parts.push(format!("pattern=\"{v}\""));
    }
    if let Some(v) = c.format {
        parts.push(format!("format={}", v.as_str()));
    }
    if parts.is_empty() { "none".to_owned() } else { parts.join(" ") }
}

/// `compare` on IR texts, for tests and tools: the first document's
/// diagnostics when it is invalid, else the second's.
pub fn compare_texts(old: &str, new: &str) -> Result<Vec<Change>, Vec<crate::diag::Diagnostic>> {
    let old = crate::ir::load(old)?;
    let new = crate::ir::load(new)?;
    Ok(compare(&old, &new))
}
