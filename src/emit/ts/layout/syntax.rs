//! The TypeScript the writers lay out, as small syntax trees: each node
//! writes its one-line form (what the writers emit when it fits, the common
//! case, with no document built) and builds the document prettier's printer
//! builds for it (`src/language-js/print/*` in prettier 3: type arguments
//! inlined or broken one a line, unions hugged or with leading bars,
//! intersections, object types, function heads, call arguments with the
//! last one hugged, assignments' layouts), for [`doc::print`] to lay out
//! when it does not fit. The property test over random IRs
//! (`tests/typescript.rs`) checks the two against prettier itself.

use super::doc::{self, Doc, GroupId, LINE, SOFTLINE, concat, group, indent, join, text};
use super::{WIDTH, width};
use std::borrow::Cow;

/// A TypeScript type.
#[derive(Clone, Debug)]
pub enum Ty<'a> {
    /// `string`, `number`, `null`, `void`...
    Keyword(&'static str),
    /// A type reference without type arguments: `UserProfile`, `Blob`.
    Name(Cow<'a, str>),
    /// A string literal type, quoted: `"user_profile"`.
    Literal(Cow<'a, str>),
    /// `Name<A, B>`.
    Generic(Cow<'a, str>, Vec<Ty<'a>>),
    /// `T[]`.
    Array(Box<Ty<'a>>),
    Union(Vec<Ty<'a>>),
    Intersection(Vec<Ty<'a>>),
    Object(Object<'a>),
    /// `(a: A) => R`.
    Function(Vec<Param<'a>>, Box<Ty<'a>>),
}

/// An object type: `{ a: A; b?: B }`.
#[derive(Clone, Debug, Default)]
pub struct Object<'a> {
    pub members: Vec<Member<'a>>,
    /// Written one member a line (prettier keeps an object type broken
    /// when its first member starts a line, as it does here).
    pub broken: bool,
}

/// A member of an object type or interface: `readonly key?: T`.
#[derive(Clone, Debug)]
pub struct Member<'a> {
    /// The JSDoc lines above it (only in a broken object).
    pub comment: Vec<Cow<'a, str>>,
    pub readonly: bool,
    /// The key as written (quoted when it must be).
    pub key: Cow<'a, str>,
    pub optional: bool,
    pub ty: Ty<'a>,
}

/// A parameter: `name?: T = default`.
#[derive(Clone, Debug)]
pub struct Param<'a> {
    pub name: Cow<'a, str>,
    pub optional: bool,
    pub ty: Ty<'a>,
    pub default: Option<&'a str>,
}

impl<'a> Ty<'a> {
    pub fn name(name: impl Into<Cow<'a, str>>) -> Self {
        Ty::Name(name.into())
    }

    /// `outer<args>`, or `outer` alone when there are no args.
    pub fn generic(outer: impl Into<Cow<'a, str>>, args: Vec<Ty<'a>>) -> Self {
        if args.is_empty() { Ty::Name(outer.into()) } else { Ty::Generic(outer.into(), args) }
    }

    /// A union, flattened (`A | B` and `C` make `A | B | C`); one member is
    /// just that member.
    pub fn union(members: impl IntoIterator<Item = Ty<'a>>) -> Self {
        let mut out = Vec::new();
        for m in members {
            match m {
                Ty::Union(inner) => out.extend(inner),
                m => out.push(m),
            }
        }
        if out.len() == 1 { out.pop().unwrap() } else { Ty::Union(out) }
    }

    /// `self | null`.
    pub fn or_null(self) -> Self {
        Ty::union([self, Ty::Keyword("null")])
    }

    /// `self | undefined`.
    pub fn or_undefined(self) -> Self {
        Ty::union([self, Ty::Keyword("undefined")])
    }

    /// Appends the one-line form.
    pub fn write(&self, out: &mut String) {
        match self {
            Ty::Keyword(k) => out.push_str(k),
            Ty::Name(s) | Ty::Literal(s) => out.push_str(s),
            Ty::Generic(name, args) => {
                out.push_str(name);
                out.push('<');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    a.write(out);
                }
                out.push('>');
            }
            Ty::Array(elem) => {
                let parens = matches!(**elem, Ty::Union(_) | Ty::Intersection(_) | Ty::Function(..));
                write_parenthesized(out, elem, parens);
                out.push_str("[]");
            }
            Ty::Union(members) => {
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" | ");
                    }
                    write_parenthesized(out, m, matches!(m, Ty::Intersection(_) | Ty::Function(..)));
                }
            }
            Ty::Intersection(parts) => {
                for (i, p) in parts.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" & ");
                    }
                    write_parenthesized(out, p, matches!(p, Ty::Union(_) | Ty::Function(..)));
                }
            }
            Ty::Object(o) => {
                if o.members.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push_str("{ ");
                for (i, m) in o.members.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    m.write(out);
                }
                out.push_str(" }");
            }
            Ty::Function(params, ret) => {
                out.push('(');
                write_params(out, params);
                out.push_str(") => ");
                ret.write(out);
            }
        }
    }

    /// The one-line form.
    #[cfg(test)]
    pub fn flat(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    /// Whether the one-line form exists (a broken object has none).
    fn has_flat(&self) -> bool {
        match self {
            Ty::Keyword(_) | Ty::Name(_) | Ty::Literal(_) => true,
            Ty::Generic(_, args) | Ty::Union(args) | Ty::Intersection(args) => args.iter().all(Ty::has_flat),
            Ty::Array(elem) => elem.has_flat(),
            Ty::Object(o) => !o.broken && o.members.iter().all(|m| m.comment.is_empty() && m.ty.has_flat()),
            Ty::Function(params, ret) => ret.has_flat() && params.iter().all(|p| p.ty.has_flat()),
        }
    }

    /// prettier's `isSimpleType`: a keyword, a literal, or a reference
    /// without type arguments.
    fn is_simple(&self) -> bool {
        matches!(self, Ty::Keyword(_) | Ty::Name(_) | Ty::Literal(_))
    }

    /// prettier's `shouldHugType`.
    fn hugs(&self) -> bool {
        match self {
            Ty::Object(_) => true,
            Ty::Union(members) => hugged_union(members),
            other => other.is_simple(),
        }
    }

    /// The document of this type where it stands.
    pub fn doc(&self, at: At) -> Doc<'a> {
        match self {
            Ty::Keyword(k) => text(*k),
            Ty::Name(s) | Ty::Literal(s) => text(s.clone()),
            Ty::Generic(name, args) => concat(vec![text(name.clone()), type_args(args)]),
            Ty::Array(elem) => {
                let inner = match &**elem {
                    Ty::Union(members) if !hugged_union(members) => {
                        let bars = union_bars(members);
                        concat(vec![
                            text("("),
                            group(concat(vec![indent(concat(vec![SOFTLINE, bars])), SOFTLINE])),
                            text(")"),
                        ])
                    }
                    e @ (Ty::Union(_) | Ty::Intersection(_) | Ty::Function(..)) => {
                        concat(vec![text("("), e.doc(At::Inner), text(")")])
                    }
                    e => e.doc(At::Inner),
                };
                concat(vec![inner, text("[]")])
            }
            Ty::Union(members) if hugged_union(members) => {
                join(&[text(" | ")], members.iter().map(|m| member_of_union(m)).collect())
            }
            Ty::Union(members) => {
                let bars = union_bars(members);
                match at {
                    At::TypeArg | At::BareUnion => bars,
                    At::Annotation | At::Inner => group(indent(concat(vec![SOFTLINE, bars]))),
                }
            }
            Ty::Intersection(parts) => intersection(parts),
            Ty::Object(o) => object(o),
            Ty::Function(params, ret) => {
                let params = params_doc(params);
                group(concat(vec![params, text(" => "), ret.doc(At::Inner)]))
            }
        }
    }
}

fn write_parenthesized(out: &mut String, ty: &Ty<'_>, parens: bool) {
    if parens {
        out.push('(');
    }
    ty.write(out);
    if parens {
        out.push(')');
    }
}

/// Where a type stands, as far as its layout depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// A property's or parameter's type, a return type: a union that does
    /// not fit moves to the next line, indented.
    Annotation,
    /// A type argument: a union breaks in place.
    TypeArg,
    /// The right side of a type alias that breaks after `=`.
    BareUnion,
    /// Inside another type.
    Inner,
}

/// prettier's `shouldHugUnionType`: one object type or type reference and
/// only `null`/`void` besides print `A | null`, never broken.
fn hugged_union(members: &[Ty<'_>]) -> bool {
    let Some(main) = members.iter().position(|m| matches!(m, Ty::Object(_) | Ty::Name(_) | Ty::Generic(..))) else {
        return false;
    };
    members.iter().enumerate().all(|(i, m)| i == main || matches!(m, Ty::Keyword("null" | "void")))
}

/// A union member's document, parenthesized where prettier keeps parentheses.
fn member_of_union<'a>(m: &Ty<'a>) -> Doc<'a> {
    match m {
        Ty::Intersection(_) | Ty::Function(..) => concat(vec![text("("), m.doc(At::Inner), text(")")]),
        m => m.doc(At::Inner),
    }
}

/// `group([ifBreak("| "), align(2, A), line, "| ", align(2, B), ...])`.
fn union_bars<'a>(members: &[Ty<'a>]) -> Doc<'a> {
    let mut parts = Vec::with_capacity(members.len() * 3);
    for (i, m) in members.iter().enumerate() {
        parts.push(if i == 0 { doc::if_break(text("| "), text("")) } else { concat(vec![LINE, text("| ")]) });
        parts.push(doc::align(2, member_of_union(m)));
    }
    group(concat(parts))
}

/// prettier's `printIntersectionType`.
fn intersection<'a>(parts: &[Ty<'a>]) -> Doc<'a> {
    let mut out = Vec::with_capacity(parts.len() * 2);
    let mut was_indented = false;
    for (i, p) in parts.iter().enumerate() {
        let d = match p {
            Ty::Union(_) | Ty::Function(..) => concat(vec![text("("), p.doc(At::Inner), text(")")]),
            p => p.doc(At::Inner),
        };
        if i == 0 {
            out.push(d);
            continue;
        }
        let (object, previous) = (matches!(p, Ty::Object(_)), matches!(parts[i - 1], Ty::Object(_)));
        if object && previous {
            out.push(text(" & "));
            out.push(if was_indented { indent(d) } else { d });
        } else if !object && !previous {
            out.push(indent(concat(vec![text(" &"), LINE, d])));
        } else {
            if i > 1 {
                was_indented = true;
            }
            out.push(text(" & "));
            out.push(if i > 1 { indent(d) } else { d });
        }
    }
    group(concat(out))
}

/// prettier's object type: `{ a: A; b: B }`, or one member a line.
fn object<'a>(o: &Object<'a>) -> Doc<'a> {
    if o.members.is_empty() {
        return text("{}");
    }
    let mut body = Vec::with_capacity(o.members.len() * 3);
    for (i, m) in o.members.iter().enumerate() {
        body.push(if i == 0 { LINE } else { concat(vec![text(";"), LINE]) });
        for line in &m.comment {
            body.push(text(line.clone()));
            body.push(doc::HARDLINE);
        }
        body.push(m.doc());
    }
    body.push(doc::if_break(text(";"), text("")));
    let contents = concat(vec![text("{"), indent(concat(body)), LINE, text("}")]);
    if o.broken { doc::broken_group(contents) } else { group(contents) }
}

/// prettier's `printTypeParameters` for type arguments: one simple or
/// object argument hugs its brackets, else they break one a line.
fn type_args<'a>(args: &[Ty<'a>]) -> Doc<'a> {
    if let [only] = args
        && only.hugs()
    {
        return concat(vec![text("<"), only.doc(At::TypeArg), text(">")]);
    }
    let args = join(&[text(","), LINE], args.iter().map(|a| a.doc(At::TypeArg)).collect());
    group(concat(vec![text("<"), indent(concat(vec![SOFTLINE, args])), SOFTLINE, text(">")]))
}

impl<'a> Member<'a> {
    pub fn write(&self, out: &mut String) {
        if self.readonly {
            out.push_str("readonly ");
        }
        out.push_str(&self.key);
        out.push_str(if self.optional { "?: " } else { ": " });
        self.ty.write(out);
    }

    fn doc(&self) -> Doc<'a> {
        let mut parts = Vec::with_capacity(4);
        if self.readonly {
            parts.push(text("readonly "));
        }
        parts.push(text(self.key.clone()));
        parts.push(text(if self.optional { "?: " } else { ": " }));
        parts.push(self.ty.doc(At::Annotation));
        group(concat(parts))
    }
}

impl<'a> Param<'a> {
    /// `name: T`.
    pub fn new(name: impl Into<Cow<'a, str>>, ty: Ty<'a>) -> Self {
        Param { name: name.into(), optional: false, ty, default: None }
    }

    /// `name?: T`.
    pub fn optional(name: impl Into<Cow<'a, str>>, ty: Ty<'a>) -> Self {
        Param { name: name.into(), optional: true, ty, default: None }
    }

    fn write(&self, out: &mut String) {
        out.push_str(&self.name);
        out.push_str(if self.optional { "?: " } else { ": " });
        self.ty.write(out);
        if let Some(d) = self.default {
            out.push_str(" = ");
            out.push_str(d);
        }
    }

    fn doc(&self) -> Doc<'a> {
        let mut parts = vec![text(self.name.clone()), text(if self.optional { "?: " } else { ": " })];
        parts.push(self.ty.doc(At::Annotation));
        if let Some(d) = self.default {
            parts.push(text(" = "));
            parts.push(text(d));
        }
        concat(parts)
    }
}

fn write_params(out: &mut String, params: &[Param<'_>]) {
    for (i, p) in params.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        p.write(out);
    }
}

/// `(a: A, b: B)`, broken one a line with a trailing comma.
fn params_doc<'a>(params: &[Param<'a>]) -> Doc<'a> {
    if params.is_empty() {
        return text("()");
    }
    let params = join(&[text(","), LINE], params.iter().map(Param::doc).collect());
    concat(vec![
        text("("),
        indent(concat(vec![SOFTLINE, params])),
        doc::if_break(text(","), text("")),
        SOFTLINE,
        text(")"),
    ])
}

/// An expression.
#[derive(Clone, Debug)]
pub enum Expr<'a> {
    /// An identifier, a member access, a literal.
    Atom(Cow<'a, str>),
    Call(Box<Call<'a>>),
    /// `{ ...a, key: value }`.
    Object(Vec<Prop<'a>>),
    /// `[a, b]`.
    Array(Vec<Expr<'a>>),
    /// `(params) => body`, a call.
    Arrow(Vec<Cow<'a, str>>, Box<Expr<'a>>),
    /// `left ?? right`.
    Nullish(Box<Expr<'a>>, Box<Expr<'a>>),
}

/// A call: `object.name<types>(args)`.
#[derive(Clone, Debug)]
pub struct Call<'a> {
    pub object: Option<Cow<'a, str>>,
    pub name: Cow<'a, str>,
    pub type_args: Vec<Ty<'a>>,
    pub args: Vec<Expr<'a>>,
}

/// A property of an object literal.
#[derive(Clone, Debug)]
pub enum Prop<'a> {
    /// `...name`.
    Spread(Cow<'a, str>),
    /// `key: value`.
    Pair(Cow<'a, str>, Expr<'a>),
}

impl<'a> Expr<'a> {
    pub fn atom(s: impl Into<Cow<'a, str>>) -> Self {
        Expr::Atom(s.into())
    }

    pub fn write(&self, out: &mut String) {
        match self {
            Expr::Atom(s) => out.push_str(s),
            Expr::Call(c) => c.write(out),
            Expr::Object(props) => {
                if props.is_empty() {
                    out.push_str("{}");
                    return;
                }
                out.push_str("{ ");
                for (i, p) in props.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match p {
                        Prop::Spread(s) => {
                            out.push_str("...");
                            out.push_str(s);
                        }
                        Prop::Pair(k, v) => {
                            out.push_str(k);
                            out.push_str(": ");
                            v.write(out);
                        }
                    }
                }
                out.push_str(" }");
            }
            Expr::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Expr::Arrow(params, body) => {
                out.push('(');
                out.push_str(&params.join(", "));
                out.push_str(") => ");
                body.write(out);
            }
            Expr::Nullish(left, right) => {
                left.write(out);
                out.push_str(" ?? ");
                right.write(out);
            }
        }
    }

    fn doc(&self, ids: &mut Ids) -> Doc<'a> {
        match self {
            Expr::Atom(s) => text(s.clone()),
            Expr::Call(c) => c.doc(ids),
            Expr::Object(props) if props.is_empty() => text("{}"),
            Expr::Object(props) => {
                let props = join(&[text(","), LINE], props.iter().map(|p| p.doc(ids)).collect());
                group(concat(vec![
                    text("{"),
                    indent(concat(vec![LINE, props])),
                    doc::if_break(text(","), text("")),
                    LINE,
                    text("}"),
                ]))
            }
            Expr::Array(items) if items.is_empty() => text("[]"),
            Expr::Array(items) => {
                let broken = self.must_break();
                let items = join(&[text(","), LINE], items.iter().map(|i| group(i.doc(ids))).collect());
                let contents = concat(vec![
                    text("["),
                    indent(concat(vec![SOFTLINE, items, doc::if_break(text(","), text(""))])),
                    SOFTLINE,
                    text("]"),
                ]);
                if broken { doc::broken_group(contents) } else { group(contents) }
            }
            Expr::Arrow(params, body) => {
                let params = join(&[text(","), LINE], params.iter().map(|p| text(p.clone())).collect());
                let params = group(concat(vec![
                    text("("),
                    indent(concat(vec![SOFTLINE, params])),
                    doc::if_break(text(","), text("")),
                    SOFTLINE,
                    text(")"),
                ]));
                group(concat(vec![group(params), text(" =>"), group(indent(concat(vec![LINE, body.doc(ids)])))]))
            }
            Expr::Nullish(left, right) => {
                let right = group(concat(vec![text("??"), LINE, right.doc(ids)]));
                group(concat(vec![left.doc(ids), indent(concat(vec![text(" "), right]))]))
            }
        }
    }

    /// The document of a last argument hugged by its call's parentheses
    /// (prettier's `expandLastArg`): an arrow keeps its params on the line.
    fn expanded_doc(&self, ids: &mut Ids) -> Doc<'a> {
        match self {
            Expr::Arrow(params, body) => {
                let params = text(["(", &params.join(", "), ")"].concat());
                let body = group(concat(vec![
                    indent(concat(vec![LINE, body.doc(ids)])),
                    doc::if_break(text(","), text("")),
                    SOFTLINE,
                ]));
                group(concat(vec![group(params), text(" =>"), body]))
            }
            other => other.doc(ids),
        }
    }

    /// prettier breaks an array of several arrays (or objects) of several
    /// elements each, whatever fits.
    fn must_break(&self) -> bool {
        let Expr::Array(items) = self else {
            return false;
        };
        let many = |e: &Expr<'_>| match e {
            Expr::Array(inner) => inner.len() > 1,
            Expr::Object(props) => props.len() > 1,
            _ => false,
        };
        items.len() > 1 && items.iter().all(many) && items.iter().all(|i| i.kind() == items[0].kind())
    }

    /// Whether the one-line form is what prettier prints when it fits.
    fn has_flat(&self) -> bool {
        match self {
            Expr::Atom(_) => true,
            Expr::Call(c) => c.args.iter().all(Expr::has_flat),
            Expr::Object(props) => props.iter().all(|p| !matches!(p, Prop::Pair(_, v) if !v.has_flat())),
            Expr::Array(items) => !self.must_break() && items.iter().all(Expr::has_flat),
            Expr::Arrow(_, body) => body.has_flat(),
            Expr::Nullish(a, b) => a.has_flat() && b.has_flat(),
        }
    }

    /// Whether a call hugs this expression as its last argument (prettier's
    /// `couldExpandArg`).
    fn could_expand(&self) -> bool {
        match self {
            Expr::Object(props) => !props.is_empty(),
            Expr::Array(items) => !items.is_empty(),
            Expr::Arrow(_, body) => matches!(**body, Expr::Call(_)),
            _ => false,
        }
    }

    fn kind(&self) -> u8 {
        match self {
            Expr::Atom(_) => 0,
            Expr::Call(_) => 1,
            Expr::Object(_) => 2,
            Expr::Array(_) => 3,
            Expr::Arrow(..) => 4,
            Expr::Nullish(..) => 5,
        }
    }
}

impl<'a> Prop<'a> {
    fn doc(&self, ids: &mut Ids) -> Doc<'a> {
        match self {
            Prop::Spread(s) => text(["...", s].concat()),
            Prop::Pair(name, value) => {
                // prettier's `isObjectPropertyWithShortKey`: narrower than the tab width + 3.
                let short = width(name) < 5;
                let key = group(text(name.clone()));
                match value {
                    // A string: prettier breaks after the colon first, unless the key is short.
                    Expr::Atom(v) if v.starts_with('"') && !short => {
                        group(concat(vec![key, text(":"), group(indent(concat(vec![LINE, value.doc(ids)])))]))
                    }
                    Expr::Atom(v) if v.starts_with('"') => concat(vec![key, text(": "), value.doc(ids)]),
                    _ => fluid(key, text(":"), value.doc(ids), ids),
                }
            }
        }
    }
}

/// prettier's "fluid" assignment layout: `left op` then the right side on
/// the same line, or on the next one, indented, when its start does not fit.
fn fluid<'a>(left: Doc<'a>, op: Doc<'a>, right: Doc<'a>, ids: &mut Ids) -> Doc<'a> {
    let id = ids.next();
    group(concat(vec![left, op, doc::group_with_id(indent(LINE), id), doc::indent_if_break(right, id)]))
}

/// Group ids, unique within one document.
struct Ids(GroupId);

impl Ids {
    fn next(&mut self) -> GroupId {
        self.0 += 1;
        self.0
    }
}

impl<'a> Call<'a> {
    /// `name(args)`.
    pub fn new(name: impl Into<Cow<'a, str>>, args: Vec<Expr<'a>>) -> Self {
        Call { object: None, name: name.into(), type_args: Vec::new(), args }
    }

    /// `object.name(args)`.
    pub fn method(object: impl Into<Cow<'a, str>>, name: impl Into<Cow<'a, str>>, args: Vec<Expr<'a>>) -> Self {
        Call { object: Some(object.into()), name: name.into(), type_args: Vec::new(), args }
    }

    pub fn with_types(mut self, type_args: Vec<Ty<'a>>) -> Self {
        self.type_args = type_args;
        self
    }

    pub fn write(&self, out: &mut String) {
        self.write_callee(out);
        out.push('(');
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            a.write(out);
        }
        out.push(')');
    }

    /// Appends `object.name<types>`.
    fn write_callee(&self, out: &mut String) {
        if let Some(o) = &self.object {
            out.push_str(o);
            out.push('.');
        }
        out.push_str(&self.name);
        if !self.type_args.is_empty() {
            out.push('<');
            for (i, t) in self.type_args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                t.write(out);
            }
            out.push('>');
        }
    }

    fn doc(&self, ids: &mut Ids) -> Doc<'a> {
        let mut parts = Vec::with_capacity(5);
        if let Some(o) = &self.object {
            parts.push(text(o.clone()));
            parts.push(text("."));
        }
        parts.push(text(self.name.clone()));
        if !self.type_args.is_empty() {
            parts.push(type_args(&self.type_args));
        }
        parts.push(self.args_doc(ids));
        // A member call is a short member chain: one group.
        if self.object.is_some() { group(concat(parts)) } else { concat(parts) }
    }

    /// prettier's `printCallArguments`.
    fn args_doc(&self, ids: &mut Ids) -> Doc<'a> {
        let args = &self.args;
        let Some((last, before)) = args.split_last() else {
            return text("()");
        };
        let group_last = last.could_expand()
            && before.last().is_none_or(|p| p.kind() != last.kind())
            && (args.len() != 2 || !matches!(before[0], Expr::Arrow(..)) || !matches!(last, Expr::Array(_)));
        // The conditional group's states hold the same arguments: shared, never copied.
        let printed: Vec<Doc<'a>> = before
            .iter()
            .map(|a| {
                let printed = concat(vec![a.doc(ids), text(","), LINE]);
                if group_last { doc::shared(printed) } else { printed }
            })
            .collect();
        let all_broken_out = |ids: &mut Ids| {
            let mut inner = Vec::with_capacity(printed.len() + 2);
            inner.push(LINE);
            inner.extend(printed.iter().cloned());
            inner.push(last.doc(ids));
            doc::broken_group(concat(vec![
                text("("),
                indent(concat(inner)),
                doc::if_break(text(","), text("")),
                LINE,
                text(")"),
            ]))
        };
        if group_last {
            let expanded = doc::shared(last.expanded_doc(ids));
            let state = |last: Doc<'a>| {
                let mut parts = Vec::with_capacity(printed.len() + 3);
                parts.push(text("("));
                parts.extend(printed.iter().cloned());
                parts.push(last);
                parts.push(text(")"));
                concat(parts)
            };
            let hugged = state(doc::broken_group(expanded.clone()));
            return doc::conditional_group(vec![state(expanded), hugged, all_broken_out(ids)]);
        }
        let mut inner = Vec::with_capacity(printed.len() + 2);
        inner.push(SOFTLINE);
        inner.extend(printed);
        inner.push(last.doc(ids));
        group(concat(vec![text("("), indent(concat(inner)), doc::if_break(text(","), text("")), SOFTLINE, text(")")]))
    }
}

/// Appends `line` (already written into `out` from `start`, at `indent`
/// spaces) as is when it fits on its line; otherwise replaces it by
/// `doc()` as prettier prints it.
fn fit_or<'a>(out: &mut String, start: usize, indent: usize, doc: impl FnOnce() -> Doc<'a>) {
    let line = &out[start..];
    if !line.contains('\n') && indent + width(line) <= WIDTH {
        return;
    }
    out.truncate(start);
    doc::print(out, doc(), indent, indent);
}

/// Whether every line written into `out` from `start` fits, the first one
/// starting at `column`.
fn lines_fit(out: &str, start: usize, column: usize) -> bool {
    let text = &out[start..];
    // A line is never wider than its bytes: text that short fits as it is.
    if column + text.len() <= WIDTH {
        return true;
    }
    text.split('\n').enumerate().all(|(i, line)| {
        let column = if i == 0 { column } else { 0 };
        column + line.len() <= WIDTH || column + width(line) <= WIDTH
    })
}

/// Appends `items` one a line at `spaces`, each followed by a comma: the
/// broken form of a list whose items all fit on their lines.
fn write_broken_list<T>(out: &mut String, spaces: usize, items: &[T], write: impl Fn(&mut String, &T)) {
    for item in items {
        out.push('\n');
        super::pad_spaces(out, spaces);
        write(out, item);
        out.push(',');
    }
    out.push('\n');
    super::pad_spaces(out, spaces - 2);
}

/// Appends a broken object type whose `{` is written at `spaces`
/// (its lines' indentation): `{`, each member (after its comment lines) on
/// its own line two spaces deeper, `}`.
fn write_broken_object(out: &mut String, spaces: usize, object: &Object<'_>) {
    out.push('{');
    for m in &object.members {
        for line in &m.comment {
            out.push('\n');
            super::pad_spaces(out, spaces + 2);
            out.push_str(line);
        }
        out.push('\n');
        if let Ty::Object(inner) = &m.ty
            && inner.broken
        {
            super::pad_spaces(out, spaces + 2);
            if m.readonly {
                out.push_str("readonly ");
            }
            layout_parts(out, &[&m.key, if m.optional { "?: " } else { ": " }]);
            write_broken_object(out, spaces + 2, inner);
            out.push(';');
        } else {
            member(out, spaces + 2, m);
        }
    }
    out.push('\n');
    super::pad_spaces(out, spaces);
    out.push('}');
}

/// Appends `  key?: T;` (a member of an interface or broken object type)
/// at `indent` spaces, the indentation included.
pub fn member(out: &mut String, indent: usize, m: &Member<'_>) {
    super::pad_spaces(out, indent);
    let start = out.len();
    if m.ty.has_flat() {
        m.write(out);
        out.push(';');
    } else {
        out.push('\n');
    }
    fit_or(out, start, indent, || concat(vec![m.doc(), text(";")]));
}

/// Appends `key: value,` (a property of an object literal written one
/// property a line) at `spaces`, the indentation included.
pub fn property(out: &mut String, spaces: usize, key: &str, value: &Expr<'_>) {
    super::pad_spaces(out, spaces);
    let start = out.len();
    out.push_str(key);
    out.push_str(": ");
    value.write(out);
    out.push(',');
    fit_or(out, start, spaces, || {
        let prop = Prop::Pair(Cow::Borrowed(key), value.clone());
        concat(vec![prop.doc(&mut Ids(0)), text(",")])
    });
}

/// Appends `export type {name} = {ty};`.
pub fn type_alias(out: &mut String, name: &str, ty: &Ty<'_>) {
    let start = out.len();
    out.push_str("export type ");
    out.push_str(name);
    if ty.has_flat() {
        out.push_str(" = ");
        ty.write(out);
        out.push(';');
        if lines_fit(out, start, 0) {
            return;
        }
    }
    // A union of members that each fit: `=`, then the members on one line,
    // or one a line after their bars (what the document below prints, without building it).
    if let Ty::Union(members) = ty
        && !hugged_union(members)
        && members.iter().all(Ty::has_flat)
    {
        out.truncate(start);
        layout_parts(out, &["export type ", name, " =\n  "]);
        let line = out.len();
        ty.write(out);
        out.push(';');
        if lines_fit(out, line, 2) {
            return;
        }
        out.truncate(line - 3);
        for (i, m) in members.iter().enumerate() {
            out.push_str("\n  | ");
            write_parenthesized(out, m, matches!(m, Ty::Intersection(_) | Ty::Function(..)));
            if i + 1 == members.len() {
                out.push(';');
            }
        }
        if lines_fit(out, start, 0) {
            return;
        }
    }
    // `Params & {` then the object one member a line.
    if let Ty::Intersection(parts) = ty
        && let [first, Ty::Object(object)] = parts.as_slice()
        && object.broken
        && first.has_flat()
    {
        out.truncate(start);
        layout_parts(out, &["export type ", name, " = "]);
        first.write(out);
        out.push_str(" & ");
        if lines_fit(out, start, 0) && width(&out[start..]) < WIDTH {
            write_broken_object(out, 0, object);
            out.push(';');
            return;
        }
    }
    out.truncate(start);
    let left = group(text(["type ", name].concat()));
    let assignment = match ty {
        // A union breaks after `=`, then one member a line.
        Ty::Union(members) if !hugged_union(members) => {
            group(concat(vec![left, text(" ="), group(indent(concat(vec![LINE, ty.doc(At::BareUnion)])))]))
        }
        _ => fluid(left, text(" ="), ty.doc(At::Inner), &mut Ids(0)),
    };
    doc::print(out, concat(vec![text("export "), assignment, text(";")]), 0, 0);
}

fn layout_parts(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

/// Appends `export function {name}({params}): {ret} {`.
pub fn function_head(out: &mut String, name: &str, params: &[Param<'_>], ret: &Ty<'_>) {
    generic_function_head(out, name, &[], params, ret);
}

/// A function's type parameter: `S = Order[]`.
#[derive(Clone, Debug)]
pub struct TypeParam<'a> {
    pub name: Cow<'a, str>,
    pub default: Option<Ty<'a>>,
}

impl<'a> TypeParam<'a> {
    fn write(&self, out: &mut String) {
        out.push_str(&self.name);
        if let Some(d) = &self.default {
            out.push_str(" = ");
            d.write(out);
        }
    }

    /// prettier lays a default out as an assignment's right side: `S =`,
    /// then the type on the next line when it does not fit after `=`.
    fn doc(&self, ids: &mut Ids) -> Doc<'a> {
        match &self.default {
            None => text(self.name.clone()),
            Some(d) => fluid(text(self.name.clone()), text(" ="), d.doc(At::Annotation), ids),
        }
    }
}

/// prettier's `printTypeParameters` for declared type parameters: never
/// hugged, broken one a line with a trailing comma.
fn type_params_doc<'a>(type_params: &[TypeParam<'a>]) -> Doc<'a> {
    if type_params.is_empty() {
        return text("");
    }
    let mut ids = Ids(0);
    let list = join(&[text(","), LINE], type_params.iter().map(|t| t.doc(&mut ids)).collect());
    group(concat(vec![
        text("<"),
        indent(concat(vec![SOFTLINE, list])),
        doc::if_break(text(","), text("")),
        SOFTLINE,
        text(">"),
    ]))
}

/// Appends `export function {name}<{type_params}>({params}): {ret} {`.
pub fn generic_function_head(
    out: &mut String,
    name: &str,
    type_params: &[TypeParam<'_>],
    params: &[Param<'_>],
    ret: &Ty<'_>,
) {
    let mut generics = String::new();
    if !type_params.is_empty() && type_params.iter().all(|t| t.default.as_ref().is_none_or(Ty::has_flat)) {
        generics.push('<');
        for (i, t) in type_params.iter().enumerate() {
            if i > 0 {
                generics.push_str(", ");
            }
            t.write(&mut generics);
        }
        generics.push('>');
    }
    let flat_generics = !generics.is_empty() || type_params.is_empty();
    let start = out.len();
    if flat_generics {
        layout_parts(out, &["export function ", name, &generics, "("]);
        write_params(out, params);
        out.push_str("): ");
        ret.write(out);
        out.push_str(" {");
        if lines_fit(out, start, 0) {
            return;
        }
        out.truncate(start);
    }
    let name = &[name, generics.as_str()].concat();
    if !flat_generics {
        let head = group(concat(vec![params_doc(params), text(": "), ret.doc(At::Annotation)]));
        let lead = concat(vec![text(["export function ", name].concat()), type_params_doc(type_params)]);
        doc::print(out, concat(vec![lead, head, text(" {")]), 0, 0);
        return;
    }
    // The params one a line, when each fits (and the return type after them).
    if !params.is_empty() && ret.has_flat() && params.iter().all(|p| p.ty.has_flat()) {
        out.truncate(start);
        layout_parts(out, &["export function ", name, "("]);
        write_broken_list(out, 2, params, |out, p| p.write(out));
        out.push_str("): ");
        ret.write(out);
        out.push_str(" {");
        if lines_fit(out, start, 0) {
            return;
        }
    }
    // No params: the return type's arguments break one a line.
    if let Ty::Generic(outer, args) = ret
        && params.is_empty()
        && !(args.len() == 1 && args[0].hugs())
        && args.iter().all(|a| a.has_flat() && !matches!(a, Ty::Union(_)))
    {
        out.truncate(start);
        layout_parts(out, &["export function ", name, "(): ", outer, "<"]);
        for (i, a) in args.iter().enumerate() {
            out.push_str(if i == 0 { "\n  " } else { ",\n  " });
            a.write(out);
        }
        out.push_str("\n> {");
        if lines_fit(out, start, 0) {
            return;
        }
    }
    out.truncate(start);
    let head = group(concat(vec![params_doc(params), text(": "), ret.doc(At::Annotation)]));
    let lead = match name.find('<') {
        // Flat type parameters that did not fit: let the printer break them.
        Some(at) if !type_params.is_empty() => {
            concat(vec![text(["export function ", &name[..at]].concat()), type_params_doc(type_params)])
        }
        _ => text(["export function ", name].concat()),
    };
    doc::print(out, concat(vec![lead, head, text(" {")]), 0, 0);
}

/// Appends `{lead}{expr};` at `indent` spaces, the indentation included
/// (`return f(a);`, `f(a);`).
pub fn statement(out: &mut String, indent: usize, lead: &str, expr: &Expr<'_>) {
    super::pad_spaces(out, indent);
    let start = out.len();
    out.push_str(lead);
    expr.write(out);
    out.push(';');
    if expr.has_flat() && lines_fit(out, start, indent) {
        return;
    }
    // A call of plain arguments: one a line, when each fits and its head does.
    if let Expr::Call(call) = expr
        && plain_args_broken(out, start, indent, lead, call)
    {
        return;
    }
    if let Expr::Call(call) = expr
        && hugged_last(out, start, indent, lead, call)
    {
        return;
    }
    out.truncate(start);
    doc::print(out, concat(vec![text(lead.to_owned()), expr.doc(&mut Ids(0)), text(";")]), indent, indent);
}

/// Writes `{lead}{call};` with its plain arguments one a line, when each
/// fits and so does `{lead}{callee}(`. Returns false, leaving `out`
/// truncated to `start`, when that is not the layout.
fn plain_args_broken(out: &mut String, start: usize, indent: usize, lead: &str, call: &Call<'_>) -> bool {
    if call.args.is_empty()
        || !call.args.iter().all(|a| matches!(a, Expr::Atom(_)))
        || !call.type_args.iter().all(Ty::has_flat)
    {
        return false;
    }
    out.truncate(start);
    out.push_str(lead);
    call.write_callee(out);
    out.push('(');
    write_broken_list(out, indent + 2, &call.args, |out, a| a.write(out));
    out.push_str(");");
    if lines_fit(out, start, indent) {
        return true;
    }
    out.truncate(start);
    false
}

/// Writes `{lead}{call};` with its last argument hugged, an object one
/// property a line (values: atoms, arrays of atoms) or an arrow with its
/// body on the next line, when the other arguments are plain and every line
/// fits: the state prettier's conditional group picks then (its all-flat
/// state does not fit). Returns false, leaving `out` truncated to `start`,
/// when that is not the layout.
fn hugged_last(out: &mut String, start: usize, indent: usize, lead: &str, call: &Call<'_>) -> bool {
    let Some((last, before)) = call.args.split_last() else {
        return false;
    };
    let plain = |a: &Expr<'_>| matches!(a, Expr::Atom(_));
    // A property's value prints flat when its line fits: an atom, or an
    // array of atoms (`uploadParams: ["file"]`).
    let flat_value = |v: &Expr<'_>| match v {
        Expr::Atom(_) => true,
        Expr::Array(items) => items.iter().all(plain),
        _ => false,
    };
    let hugs = match last {
        Expr::Object(props) => {
            !props.is_empty()
                && props.iter().all(|p| match p {
                    Prop::Spread(_) => true,
                    Prop::Pair(_, v) => flat_value(v),
                })
        }
        Expr::Arrow(_, body) => matches!(&**body, Expr::Call(c) if c.args.iter().all(plain)),
        _ => false,
    };
    if !hugs
        || !before.iter().all(plain)
        || !call.type_args.iter().all(Ty::has_flat)
        || before.last().is_some_and(|p| p.kind() == last.kind())
    {
        return false;
    }
    out.truncate(start);
    out.push_str(lead);
    call.write_callee(out);
    out.push('(');
    for a in before {
        a.write(out);
        out.push_str(", ");
    }
    match last {
        Expr::Object(props) => {
            out.push('{');
            write_broken_list(out, indent + 2, props, |out, p| match p {
                Prop::Spread(s) => layout_parts(out, &["...", s]),
                Prop::Pair(k, v) => {
                    layout_parts(out, &[k, ": "]);
                    v.write(out);
                }
            });
            out.push_str("});");
        }
        Expr::Arrow(params, body) => {
            layout_parts(out, &["(", &params.join(", "), ") =>\n"]);
            super::pad_spaces(out, indent + 2);
            body.write(out);
            out.push_str(",\n");
            super::pad_spaces(out, indent);
            out.push_str(");");
        }
        _ => unreachable!("checked above"),
    }
    if lines_fit(out, start, indent) {
        return true;
    }
    out.truncate(start);
    false
}

/// Appends `const {name} = {call};`: prettier's fluid layout (the call has
/// several arguments, so it is not "poorly breakable").
pub fn const_call(out: &mut String, name: &str, call: &Call<'_>) {
    let start = out.len();
    out.push_str("const ");
    out.push_str(name);
    out.push_str(" = ");
    call.write(out);
    out.push(';');
    // The fluid layout keeps the call after `=` when its head fits there.
    if lines_fit(out, start, 0) || plain_args_broken(out, start, 0, &["const ", name, " = "].concat(), call) {
        return;
    }
    out.truncate(start);
    let mut ids = Ids(0);
    let rhs = call.doc(&mut ids);
    let doc = concat(vec![text("const "), fluid(group(text(name.to_owned())), text(" ="), rhs, &mut ids), text(";")]);
    doc::print(out, doc, 0, 0);
}

/// Appends `if ({left} !== undefined) {then};` at `indent` spaces.
pub fn if_defined(out: &mut String, spaces: usize, left: &str, then: &Expr<'_>) {
    super::pad_spaces(out, spaces);
    let start = out.len();
    out.push_str("if (");
    out.push_str(left);
    out.push_str(" !== undefined) ");
    then.write(out);
    out.push(';');
    fit_or(out, start, spaces, || {
        let test =
            concat(vec![text(left.to_owned()), text(" "), group(concat(vec![text("!=="), LINE, text("undefined")]))]);
        let test = group(concat(vec![indent(concat(vec![SOFTLINE, test])), SOFTLINE]));
        let then = concat(vec![then.doc(&mut Ids(0)), text(";")]);
        group(concat(vec![text("if ("), test, text(")"), indent(concat(vec![LINE, then]))]))
    });
}

#[cfg(test)]
mod tests;
