//! The typed AST of a Mizan IR document, exactly as written.
//!
//! Parsing (`parse.rs`) fills it; checking (`check/`) reads it and reports
//! every rule it breaks; lowering (`crate::model`) turns a checked document
//! into the resolved model the emitters consume. Every node keeps its span so
//! a late check can still point at the source. Names here are *wire* names:
//! rendered names are decided per target in `crate::names`.

use std::fmt;

/// A byte range in the IR source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

impl Span {
    pub const fn new(offset: usize, len: usize) -> Self {
        Span { offset, len }
    }
    pub const fn end(self) -> usize {
        self.offset + self.len
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        miette::SourceSpan::new(s.offset.into(), s.len)
    }
}

impl From<miette::SourceSpan> for Span {
    fn from(s: miette::SourceSpan) -> Self {
        Span::new(s.offset(), s.len())
    }
}

/// A value with the span it was written at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A declared name: the wire name, sent verbatim, and where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub wire: String,
    pub span: Span,
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wire)
    }
}

/// A whole IR document (spec §1).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The `mizan-ir <version>` header; `version` is the integer written.
    pub version: Spanned<u32>,
    pub project: Option<Spanned<String>>,
    pub base_url: Option<Spanned<String>>,
    /// Named types of every kind share one namespace (spec §4).
    pub types: Vec<NamedType>,
    pub functions: Vec<Function>,
    pub contexts: Vec<ContextDecl>,
    pub channels: Vec<Channel>,
}

/// `doc` and `deprecated`, which most declarations carry.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Docs {
    pub doc: Option<String>,
    pub deprecated: Option<Deprecated>,
}

/// `deprecated=#true` or `deprecated="reason"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecated {
    pub reason: Option<String>,
}

/// `type`, `enum`, `union` or `alias` (spec §4).
#[derive(Clone, Debug, PartialEq)]
pub struct NamedType {
    pub name: Ident,
    pub docs: Docs,
    pub kind: TypeKind,
    /// The whole declaration node.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Object { fields: Vec<Field> },
    Enum { values: Vec<EnumValue> },
    Union { tag: Option<Spanned<String>>, variants: Vec<Variant> },
    Alias { target: TypeExpr },
}

impl TypeKind {
    /// The keyword that declares this kind, for messages.
    pub fn keyword(&self) -> &'static str {
        match self {
            TypeKind::Object { .. } => "type",
            TypeKind::Enum { .. } => "enum",
            TypeKind::Union { .. } => "union",
            TypeKind::Alias { .. } => "alias",
        }
    }
}

/// A `field` of a type or a `param` of a function or channel: both take the
/// same properties (spec §4, §5).
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Any non-empty string for fields; an identifier for params.
    pub name: Ident,
    pub ty: TypeExpr,
    pub optional: bool,
    pub default: Option<Spanned<Literal>>,
    pub docs: Docs,
    pub constraints: Constraints,
    pub span: Span,
}

/// Functions and channels take `param` nodes, which are fields by shape.
pub type Param = Field;

/// Validation constraints on a field or param.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<Spanned<u64>>,
    pub max_length: Option<Spanned<u64>>,
    pub min: Option<Spanned<Number>>,
    pub max: Option<Spanned<Number>>,
    pub pattern: Option<Spanned<String>>,
    pub format: Option<Spanned<Format>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x:?}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Email,
    Url,
    Uuid,
    Slug,
    Ipv4,
    Ipv6,
}

impl Format {
    pub const ALL: [(&'static str, Format); 6] = [
        ("email", Format::Email),
        ("url", Format::Url),
        ("uuid", Format::Uuid),
        ("slug", Format::Slug),
        ("ipv4", Format::Ipv4),
        ("ipv6", Format::Ipv6),
    ];

    pub fn as_str(self) -> &'static str {
        Format::ALL.iter().find(|(_, f)| *f == self).map(|(s, _)| *s).unwrap_or("")
    }
}

/// A KDL scalar, as written for `default=`.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    String(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    Null,
}

/// `value <string>` of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    pub value: Ident,
    pub docs: Docs,
    pub span: Span,
}

/// `variant <TypeName> [tag-value=<string>]` of a union.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub ty: Ident,
    pub tag_value: Option<Spanned<String>>,
    pub span: Span,
}

/// A type expression (spec §3). Its span covers exactly the characters of
/// this sub-expression inside the KDL string, so `"map<list<Usr>>"` can point
/// at `Usr`.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    pub span: Span,
}

impl TypeExpr {
    /// Whether both denote the same type (as written, aliases not followed;
    /// spans ignored).
    pub fn same_type(&self, other: &TypeExpr) -> bool {
        use TypeExprKind::*;
        match (&self.kind, &other.kind) {
            (Prim(a), Prim(b)) => a == b,
            (Named(a), Named(b)) => a == b,
            (List(a), List(b)) | (Map(a), Map(b)) | (Nullable(a), Nullable(b)) => a.same_type(b),
            _ => false,
        }
    }

    /// `upload` reached through `?` and `list<>` only, like
    /// `model::Type::is_upload`.
    pub fn is_upload(&self) -> bool {
        match &self.kind {
            TypeExprKind::Prim(Prim::Upload) => true,
            TypeExprKind::Nullable(inner) | TypeExprKind::List(inner) => inner.is_upload(),
            _ => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExprKind {
    Prim(Prim),
    Named(String),
    List(Box<TypeExpr>),
    Map(Box<TypeExpr>),
    Nullable(Box<TypeExpr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Prim {
    String,
    Int,
    Float,
    Bool,
    Datetime,
    Date,
    Time,
    Uuid,
    Decimal,
    Json,
    Upload,
}

impl Prim {
    pub const ALL: [(&'static str, Prim); 11] = [
        ("string", Prim::String),
        ("int", Prim::Int),
        ("float", Prim::Float),
        ("bool", Prim::Bool),
        ("datetime", Prim::Datetime),
        ("date", Prim::Date),
        ("time", Prim::Time),
        ("uuid", Prim::Uuid),
        ("decimal", Prim::Decimal),
        ("json", Prim::Json),
        ("upload", Prim::Upload),
    ];

    pub fn from_name(name: &str) -> Option<Prim> {
        Prim::ALL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    pub fn as_str(self) -> &'static str {
        Prim::ALL.iter().find(|(_, p)| *p == self).map(|(n, _)| *n).unwrap_or("")
    }
}

/// `function` (spec §5), with every property as written; `crate::model`
/// turns the flags into a `FnKind`.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: Ident,
    pub docs: Docs,
    pub context: Option<Ident>,
    pub transport: Spanned<Transport>,
    pub auth: Option<Spanned<Auth>>,
    /// Span of `private=#true`, when set.
    pub private: Option<Span>,
    /// Span of `view=#true`, when set.
    pub view: Option<Span>,
    pub route: Option<Spanned<String>>,
    pub methods: Option<Spanned<Vec<Method>>>,
    pub rev: Option<Spanned<u32>>,
    pub cache: Option<Spanned<Cache>>,
    pub form: Option<FormRef>,
    pub params: Vec<Param>,
    pub returns: Option<TypeExpr>,
    pub affects: Vec<Affect>,
    pub merges: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Transport {
    #[default]
    Http,
    WebSocket,
}

impl Transport {
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Http => "http",
            Transport::WebSocket => "websocket",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Auth {
    /// `auth=#true`: any signed-in user.
    User,
    Staff,
    Superuser,
    Custom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub const ALL: [(&'static str, Method); 5] = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("PATCH", Method::Patch),
        ("DELETE", Method::Delete),
    ];

    pub fn as_str(self) -> &'static str {
        Method::ALL.iter().find(|(_, m)| *m == self).map(|(s, _)| *s).unwrap_or("")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cache {
    Ttl(u64),
    Never,
}

/// `form=<name> role=<role>`.
#[derive(Clone, Debug, PartialEq)]
pub struct FormRef {
    pub name: Ident,
    pub role: Spanned<FormRole>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FormRole {
    Schema,
    Validate,
    Submit,
}

impl FormRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FormRole::Schema => "schema",
            FormRole::Validate => "validate",
            FormRole::Submit => "submit",
        }
    }
}

/// `affects <name> [kind=context|function]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Affect {
    pub target: Ident,
    pub kind: AffectKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AffectKind {
    #[default]
    Context,
    Function,
}

/// An optional `context` node (spec §6).
#[derive(Clone, Debug, PartialEq)]
pub struct ContextDecl {
    pub name: Ident,
    pub docs: Docs,
    pub ssr: bool,
    pub span: Span,
}

/// `channel` (spec §6).
#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    pub name: Ident,
    pub docs: Docs,
    pub auth: Option<Spanned<Auth>>,
    pub params: Vec<Param>,
    pub client_message: Option<TypeExpr>,
    /// Required; `None` only in a document that failed to parse.
    pub server_message: Option<TypeExpr>,
    pub span: Span,
}

/// The one reserved context name.
pub const GLOBAL_CONTEXT: &str = "global";
