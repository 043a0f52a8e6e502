//! The names a target generates, and the one check that keeps them apart.
//!
//! Each target lists what it generates from the IR ([`Target::symbols`]):
//! in each namespace of its code (a TypeScript module, Python's classes,
//! Rust's types), every rendered name with the IR item it comes from, and
//! the functions that render member names (fields, params, enum values).
//! [`check`] then reports every pair of different IR items whose names meet,
//! in every enabled target at once: spec §2 forbids names that "collide in
//! any enabled target".
//!
//! [`Target::symbols`]: super::Target::symbols

use super::Backend;
use crate::diag::Diagnostic;
use crate::ir::ast::{Function, Ident, Span, TypeKind};
use crate::ir::check::{Index, repeats};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::fmt;

/// Renders a wire name as the target writes it.
pub type Render = fn(&str) -> String;

/// What a generated name is generated for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source<'a> {
    Type(&'a str),
    Function(&'a str),
    Context(&'a str),
    Channel(&'a str),
    Form(&'a str),
    /// A tagged union's variant.
    Variant {
        variant: &'a str,
        union: &'a str,
    },
    /// A name the target's code always exports (`MizanProvider`).
    Fixed(&'static str),
}

impl Source<'_> {
    /// The kind, as messages name it.
    fn kind(&self) -> &'static str {
        match self {
            Source::Type(_) => "type",
            Source::Function(_) => "function",
            Source::Context(_) => "context",
            Source::Channel(_) => "channel",
            Source::Form(_) => "form",
            Source::Variant { .. } => "variant",
            Source::Fixed(_) => "target",
        }
    }

    fn wire(&self) -> &str {
        match self {
            Source::Type(w) | Source::Function(w) | Source::Context(w) | Source::Channel(w) | Source::Form(w) => w,
            Source::Variant { variant, .. } => variant,
            Source::Fixed(target) => target,
        }
    }
}

impl fmt::Display for Source<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Variant { variant, union } => write!(f, "variant `{variant}` of union `{union}`"),
            Source::Fixed(target) => write!(f, "the {target} target's own export"),
            other => write!(f, "{} `{}`", other.kind(), other.wire()),
        }
    }
}

/// A member list whose names must differ within one declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Member {
    /// An object type's fields.
    Field,
    /// A function's or channel's params, and a context's params together.
    Param,
    EnumValue,
}

struct Entry<'a> {
    name: String,
    source: Source<'a>,
    span: Span,
    /// The declaration's own name (a type's class), not a name derived
    /// from it (`UserParams` for context `user`).
    declared: bool,
}

struct Namespace<'a> {
    id: &'static str,
    language: &'static str,
    /// Namespaces whose names this one also holds (a binding re-exports stage1).
    includes: &'static [&'static str],
    entries: Vec<Entry<'a>>,
}

/// The symbol tables of the enabled targets.
#[derive(Default)]
pub struct Symbols<'a> {
    namespaces: Vec<Namespace<'a>>,
    current: usize,
    members: Vec<(&'static str, Member, Render)>,
    diags: Vec<Diagnostic>,
}

impl<'a> Symbols<'a> {
    /// Adds names to namespace `id` of `language` from here on (creating it
    /// on first use); it also holds the names of `includes`.
    pub fn namespace(&mut self, id: &'static str, language: &'static str, includes: &'static [&'static str]) {
        self.current = match self.namespaces.iter().position(|n| n.id == id) {
            Some(i) => i,
            None => {
                self.namespaces.push(Namespace { id, language, includes, entries: Vec::new() });
                self.namespaces.len() - 1
            }
        };
    }

    fn push(&mut self, name: String, source: Source<'a>, span: Span, declared: bool) {
        self.namespaces[self.current].entries.push(Entry { name, source, span, declared });
    }

    /// The rendered name of a declaration itself (a type, function, context
    /// or channel name): two such names of one kind that meet are reported
    /// together across languages.
    pub fn declared(&mut self, name: String, source: Source<'a>, span: Span) {
        self.push(name, source, span, true);
    }

    /// A name generated for `source` (`UserParams` for context `user`).
    pub fn generated(&mut self, name: String, source: Source<'a>, span: Span) {
        self.push(name, source, span, false);
    }

    /// A name the target always exports.
    pub fn fixed(&mut self, name: &str, target: &'static str) {
        self.push(name.to_owned(), Source::Fixed(target), Span::new(0, 0), false);
    }

    /// `render` writes the members of kind `member` in `language`.
    pub fn members(&mut self, language: &'static str, member: Member, render: Render) {
        self.members.push((language, member, render));
    }

    /// A target-specific rule's diagnostic.
    pub fn reject(&mut self, diag: Diagnostic) {
        self.diags.push(diag);
    }

    /// Appends `other`'s names, rules and diagnostics after these.
    fn join(&mut self, other: Symbols<'a>) {
        for ns in other.namespaces {
            match self.namespaces.iter_mut().find(|n| n.id == ns.id) {
                Some(n) => n.entries.extend(ns.entries),
                None => self.namespaces.push(ns),
            }
        }
        self.members.extend(other.members);
        self.diags.extend(other.diags);
    }
}

/// Every name collision among the names of `targets`.
pub fn check(ix: &Index, targets: &[&dyn Backend], diags: &mut Vec<Diagnostic>) {
    // Each target lists its names on a core of its own; the tables are
    // then joined in the targets' order, as if listed one after the other.
    let tables = crate::par::map(
        targets,
        |target| target.cost(),
        |target| {
            let mut symbols = Symbols::default();
            target.symbols(ix, &mut symbols);
            symbols
        },
    );
    let mut symbols = Symbols::default();
    for table in tables {
        symbols.join(table);
    }
    diags.append(&mut symbols.diags);
    names(&symbols, diags);
    members(ix, &symbols.members, diags);
}

/// Two IR items whose declared names meet, with each (language, name).
type Pairs<'a> = BTreeMap<(Source<'a>, Source<'a>), (Span, Span, Vec<(&'static str, String)>)>;

fn names(symbols: &Symbols, diags: &mut Vec<Diagnostic>) {
    let mut pairs: Pairs = BTreeMap::new();
    let mut reported: HashSet<(Source, Source)> = HashSet::default();
    let mut generated: Vec<(&str, &Entry, &Entry)> = Vec::new();
    for ns in &symbols.namespaces {
        let included = ns.includes.iter().filter_map(|id| symbols.namespaces.iter().find(|n| n.id == *id));
        let count = ns.entries.len() + included.clone().map(|n| n.entries.len()).sum::<usize>();
        let mut taken: HashMap<&str, &Entry> = HashMap::with_capacity_and_hasher(count, Default::default());
        for entry in included.flat_map(|n| &n.entries).chain(&ns.entries) {
            let Some(&first) = taken.get(entry.name.as_str()) else {
                taken.insert(&entry.name, entry);
                continue;
            };
            if first.source == entry.source {
                continue;
            }
            if first.declared && entry.declared && first.source.kind() == entry.source.kind() {
                if first.source.wire() != entry.source.wire() {
                    let (_, _, seen) =
                        pairs.entry((first.source, entry.source)).or_insert((first.span, entry.span, Vec::new()));
                    if !seen.iter().any(|(language, _)| *language == ns.language) {
                        seen.push((ns.language, entry.name.clone()));
                    }
                }
                continue;
            }
            // A fixed name is always the other party.
            let (entry, first) = if matches!(entry.source, Source::Fixed(_)) { (first, entry) } else { (entry, first) };
            if reported.insert((entry.source, first.source)) {
                generated.push((ns.language, entry, first));
            }
        }
    }
    // Two declarations whose own names meet are reported once, as such,
    // not again for every name derived from them.
    for (language, entry, first) in generated {
        let (a, b) = (first.source, entry.source);
        if !pairs.contains_key(&(a, b)) && !pairs.contains_key(&(b, a)) {
            diags.push(generated_collision(language, entry, first));
        }
    }
    for ((a, b), (a_span, b_span, languages)) in pairs {
        let what = a.kind();
        let msg = format!("{what} names {:?} and {:?} collide in {}", a.wire(), b.wire(), list(&languages));
        let d = Diagnostic::error("mizan::name-collision", msg, b_span)
            .label(format!("renders as `{}`", languages[0].1))
            .related(a_span, format!("also renders as `{}`", languages[0].1));
        diags.push(d.help(format!(
            "the two {what}s would be indistinguishable in generated code; rename one of them in the backend"
        )));
    }
}

fn generated_collision(language: &str, entry: &Entry, other: &Entry) -> Diagnostic {
    let (name, source, kind) = (&entry.name, entry.source, entry.source.kind());
    let msg = format!("{language} name `{name}`, generated for {source}, collides with {other}", other = other.source);
    let d = Diagnostic::error("mizan::name-collision", msg, entry.span).label(format!("generates `{name}`"));
    match other.source {
        Source::Fixed(target) => {
            d.help(format!("rename the {kind}: the {target} target's code exports `{name}` itself"))
        }
        _ => d
            .related(other.span, format!("{} is here", other.source))
            .help(format!("rename the {kind} or {}: generated code needs both names", other.source)),
    }
}

/// Fields, enum values and params, declaration by declaration, rendered by
/// every rule of their kind (each distinct wire name once per rule).
fn members(ix: &Index, rules: &[(&'static str, Member, Render)], diags: &mut Vec<Diagnostic>) {
    let of = |kind: Member| -> Vec<(&'static str, Render)> {
        rules.iter().filter(|(_, m, _)| *m == kind).map(|(l, _, r)| (*l, *r)).collect()
    };
    let (mut fields, mut params, mut values) =
        (Memo::new(of(Member::Field)), Memo::new(of(Member::Param)), Memo::new(of(Member::EnumValue)));
    for t in &ix.doc.types {
        match &t.kind {
            TypeKind::Object { fields: fs } => fields.collide(fs.iter().map(|f| &f.name), "field", diags),
            TypeKind::Enum { values: vs } => values.collide(vs.iter().map(|v| &v.value), "enum value", diags),
            _ => {}
        }
    }
    for f in &ix.doc.functions {
        params.collide(f.params.iter().map(|p| &p.name), "param", diags);
    }
    for c in &ix.doc.channels {
        params.collide(c.params.iter().map(|p| &p.name), "param", diags);
    }
    let mut seen: HashSet<&str> = HashSet::default();
    for reads in ix.contexts.values() {
        seen.clear();
        let unique = reads.iter().flat_map(|f: &&Function| &f.params).filter(|p| seen.insert(&p.name.wire));
        params.collide(unique.map(|p| &p.name), "context param", diags);
    }
}

/// A name and where it was written.
#[derive(Clone, Copy)]
struct Item<'a> {
    wire: &'a str,
    span: Span,
}

/// Member names rendered once per distinct wire name and rule.
struct Memo<'a> {
    rules: Vec<(&'static str, Render)>,
    /// Wire name → its first index in `rendered` (one entry per rule).
    ids: HashMap<&'a str, usize>,
    rendered: Vec<String>,
    items: Vec<Item<'a>>,
    at: Vec<usize>,
}

impl<'a> Memo<'a> {
    fn new(rules: Vec<(&'static str, Render)>) -> Memo<'a> {
        Memo { rules, ids: HashMap::default(), rendered: Vec::new(), items: Vec::new(), at: Vec::new() }
    }

    fn collide(&mut self, names: impl Iterator<Item = &'a Ident>, what: &str, diags: &mut Vec<Diagnostic>) {
        if self.rules.is_empty() {
            return;
        }
        self.items.clear();
        self.items.extend(names.map(|i| Item { wire: &i.wire, span: i.span }));
        if self.items.len() < 2 {
            return;
        }
        self.at.clear();
        for item in &self.items {
            let next = self.rendered.len();
            let at = *self.ids.entry(item.wire).or_insert(next);
            if at == next {
                self.rendered.extend(self.rules.iter().map(|(_, render)| render(item.wire)));
            }
            self.at.push(at);
        }
        let mut pairs: BTreeMap<(usize, usize), Vec<(&'static str, String)>> = BTreeMap::new();
        for (r, (language, _)) in self.rules.iter().enumerate() {
            let name = |i: usize| self.rendered[self.at[i] + r].as_str();
            repeats(self.items.len(), name, |j, i| {
                if self.items[j].wire != self.items[i].wire {
                    pairs.entry((j, i)).or_default().push((language, name(i).to_owned()));
                }
            });
        }
        for ((j, i), languages) in pairs {
            let (a, b) = (self.items[j], self.items[i]);
            let msg = format!("{what} names {:?} and {:?} collide in {}", a.wire, b.wire, list(&languages));
            let d = Diagnostic::error("mizan::name-collision", msg, b.span)
                .label(format!("renders as `{}`", languages[0].1))
                .related(a.span, format!("also renders as `{}`", languages[0].1));
            diags.push(d.help(format!(
                "the two {what}s would be indistinguishable in generated code; rename one of them in the backend"
            )));
        }
    }
}

fn list(languages: &[(&str, String)]) -> String {
    let parts: Vec<String> = languages.iter().map(|(l, r)| format!("{l} (`{r}`)")).collect();
    match parts.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// The functions a client calls (not views, not private).
pub fn client_functions<'a>(ix: &Index<'a>) -> impl Iterator<Item = &'a Function> + 'a {
    ix.doc.functions.iter().filter(|f| f.view.is_none() && f.private.is_none())
}

/// Every context (name, where it is first named), by name.
pub fn contexts<'a, 'i>(ix: &'i Index<'a>) -> impl Iterator<Item = (&'a str, Span)> + 'i {
    ix.contexts.iter().map(|(name, reads)| (*name, reads[0].context.as_ref().map_or(reads[0].span, |c| c.span)))
}

/// Every form once (its first declaration), in document order.
pub fn forms<'a>(ix: &Index<'a>) -> Vec<&'a Ident> {
    let mut seen = HashSet::default();
    ix.doc.functions.iter().filter_map(|f| f.form.as_ref()).map(|f| &f.name).filter(|n| seen.insert(&n.wire)).collect()
}
