//! The lowered model: a checked IR document, resolved and put in canonical
//! order, which every target's view model is built from.
//!
//! Lowering (`crate::lower`) only runs on a document that passed every check,
//! so nothing here is optional "in case the IR was bad": every name resolves,
//! every context has at least one member, every merge has exactly one slot.
//! Top-level collections are sorted by wire name, so the same declarations in
//! any node order produce the same model (and the same bytes). Order inside a
//! declaration (fields, params, values, variants) is the order written.
//! Names are wire names; each target renders them in its own `names.rs`.

pub use crate::ir::ast::{Auth, Cache, Deprecated, FormRole, Format, Method, Number, Prim, Transport};

use crate::ir::ast::Literal;

/// Everything a target needs to know about the API.
#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// The IR's `project=` label (`"mizan"` when absent), for headers.
    pub project: String,
    /// Where the backend mounts the protocol: the IR's `base-url`, or
    /// `/api/mizan`; `mizan.toml`'s `base_url` overrides it before emission.
    pub base_url: String,
    /// Every named type, sorted by name.
    pub types: Vec<TypeDef>,
    /// Every function of every kind, sorted by name.
    pub functions: Vec<Function>,
    /// Every context, sorted by name (`global` sorts like any other).
    pub contexts: Vec<Context>,
    /// Every channel, sorted by name.
    pub channels: Vec<Channel>,
    /// Every form that has a `submit` function, sorted by name.
    pub forms: Vec<Form>,
}

impl Api {
    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.binary_search_by(|t| t.name.as_str().cmp(name)).ok().map(|i| &self.types[i])
    }

    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.binary_search_by(|f| f.name.as_str().cmp(name)).ok().map(|i| &self.functions[i])
    }

    pub fn context(&self, name: &str) -> Option<&Context> {
        self.contexts.binary_search_by(|c| c.name.as_str().cmp(name)).ok().map(|i| &self.contexts[i])
    }

    /// Client-callable functions that are not context reads: what gets a
    /// `callXxx` / method. Sorted by name.
    pub fn calls(&self) -> impl Iterator<Item = &Function> {
        self.functions.iter().filter(|f| matches!(f.kind, FnKind::Call))
    }

    /// The members of a context, in the context's (sorted) order.
    pub fn members<'a>(&'a self, context: &'a Context) -> impl Iterator<Item = &'a Function> + 'a {
        context.members.iter().filter_map(|name| self.function(name))
    }
}

/// `doc` and `deprecated` of a declaration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    pub doc: Option<String>,
    pub deprecated: Option<Deprecated>,
}

/// A resolved type expression. Named references are kept by name; look
/// them up with `Api::type_def`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Prim(Prim),
    Ref(String),
    List(Box<Type>),
    Map(Box<Type>),
    Nullable(Box<Type>),
}

impl Type {
    pub fn is_nullable(&self) -> bool {
        matches!(self, Type::Nullable(_))
    }

    /// `upload`, `upload?`, `list<upload>` or `list<upload>?`.
    pub fn is_upload(&self) -> bool {
        match self {
            Type::Prim(Prim::Upload) => true,
            Type::Nullable(inner) | Type::List(inner) => inner.is_upload(),
            _ => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub name: String,
    pub docs: Docs,
    pub kind: TypeDefKind,
}

impl TypeDef {
    /// Calls `f` with the name of every type this one refers to: its
    /// fields' and its alias's types at any depth (through lists, maps and
    /// `?`) and its union's variants.
    pub fn for_each_ref<'a>(&'a self, f: &mut impl FnMut(&'a str)) {
        fn walk<'a>(ty: &'a Type, f: &mut impl FnMut(&'a str)) {
            match ty {
                Type::Ref(name) => f(name),
                Type::List(inner) | Type::Map(inner) | Type::Nullable(inner) => walk(inner, f),
                Type::Prim(_) => {}
            }
        }
        match &self.kind {
            TypeDefKind::Object { fields } => fields.iter().for_each(|x| walk(&x.ty, f)),
            TypeDefKind::Alias { target } => walk(target, f),
            TypeDefKind::Union { variants, .. } => variants.iter().for_each(|v| f(&v.ty)),
            TypeDefKind::Enum { .. } => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeDefKind {
    Object {
        fields: Vec<Field>,
    },
    Enum {
        values: Vec<EnumValue>,
    },
    /// `tag: Some` for a discriminated union: every variant is an object.
    Union {
        tag: Option<String>,
        variants: Vec<Variant>,
    },
    Alias {
        target: Type,
    },
}

/// A field of an object type or a param of a function, form or channel.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub ty: Type,
    /// The key may be absent: `optional=#true` or a `default`.
    pub optional: bool,
    pub default: Option<Literal>,
    pub docs: Docs,
    pub constraints: Constraints,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub pattern: Option<String>,
    pub format: Option<Format>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    pub value: String,
    pub docs: Docs,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The variant's type name.
    pub ty: String,
    /// For tagged unions: `tag-value`, or the type name when absent.
    pub tag_value: Option<String>,
}

/// What a function is, from the client's point of view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FnKind {
    /// `context=`: bundled into that context's GET.
    Read { context: String },
    /// A client-callable call (mutation or plain RPC).
    Call,
    /// `view=#true`: HTML or redirect; no client code. May join a context.
    View { context: Option<String> },
    /// `private=#true`: not client-callable; manifest only.
    Private,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: String,
    pub docs: Docs,
    pub kind: FnKind,
    pub transport: Transport,
    pub auth: Option<Auth>,
    pub params: Vec<Field>,
    /// `None`: the function returns JSON `null`.
    pub returns: Option<Type>,
    pub route: Option<String>,
    /// As written; `None` when not set (the manifest applies its defaults).
    pub methods: Option<Vec<Method>>,
    pub rev: Option<u32>,
    pub cache: Option<Cache>,
    pub form: Option<(String, FormRole)>,
    /// The static invalidation graph: what a successful call invalidates, in
    /// written order.
    pub affects: Vec<Affect>,
    /// Contexts whose slot receives this function's result, with the slot.
    pub merges: Vec<Merge>,
}

impl Function {
    /// Has an `upload` param: sent as multipart.
    pub fn has_upload(&self) -> bool {
        self.params.iter().any(|p| p.ty.is_upload())
    }

    pub fn context(&self) -> Option<&str> {
        match &self.kind {
            FnKind::Read { context } => Some(context),
            FnKind::View { context } => context.as_deref(),
            _ => None,
        }
    }
}

/// One edge of the invalidation graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Affect {
    /// The affected context (for `kind=function`, the function's context).
    pub context: String,
    /// `Some` for `affects <fn> kind=function`: only that slot.
    pub function: Option<String>,
    /// This function's params that are also params of the affected context:
    /// the invalidation is scoped to the entry they select. Sorted. Empty for
    /// a `kind=function` edge, which the server always sends unscoped.
    pub scoped_params: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merge {
    pub context: String,
    /// The one member of `context` returning this function's type.
    pub slot: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    pub name: String,
    pub docs: Docs,
    pub ssr: bool,
    /// The one transport every member uses.
    pub transport: Transport,
    /// Read functions bundled into the context's GET, sorted by name.
    pub members: Vec<String>,
    /// `view=#true` functions that joined the context (manifest only), sorted.
    pub views: Vec<String>,
    /// Elevated params, sorted by name.
    pub params: Vec<ContextParam>,
}

impl Context {
    pub fn is_global(&self) -> bool {
        self.name == crate::ir::ast::GLOBAL_CONTEXT
    }
}

/// A param of a context after elevation (spec §5).
#[derive(Clone, Debug, PartialEq)]
pub struct ContextParam {
    pub name: String,
    pub ty: Type,
    /// Every member takes it: a required prop of the context's provider.
    pub required: bool,
    /// The members that take it, sorted.
    pub functions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Channel {
    pub name: String,
    pub docs: Docs,
    pub auth: Option<Auth>,
    pub params: Vec<Field>,
    pub client_message: Option<Type>,
    pub server_message: Type,
}

/// A form with its roles; only forms with a `submit` function are listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub name: String,
    pub schema: Option<String>,
    pub validate: Option<String>,
    pub submit: String,
}
