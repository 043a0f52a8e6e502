//! Lowering: a checked `ast::Document` becomes the resolved, canonically
//! ordered `model::Api`.
//!
//! It runs only after `ir::check` found nothing wrong, so it resolves names
//! without reporting: a lookup that cannot fail on a checked document falls
//! back quietly instead of panicking.

use crate::ir::ast::{self, AffectKind, GLOBAL_CONTEXT};
use crate::model::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

pub const DEFAULT_BASE_URL: &str = "/api/mizan";
pub const DEFAULT_PROJECT: &str = "mizan";

pub fn lower(doc: &ast::Document) -> Api {
    let mut types: Vec<TypeDef> = doc.types.iter().map(type_def).collect();
    types.sort_by(|a, b| a.name.cmp(&b.name));

    let index = Index::new(doc);
    let mut functions: Vec<Function> = doc.functions.iter().map(|f| function(f, &index)).collect();
    functions.sort_by(|a, b| a.name.cmp(&b.name));

    let contexts = contexts(doc, &functions);
    let mut channels: Vec<Channel> = doc.channels.iter().map(channel).collect();
    channels.sort_by(|a, b| a.name.cmp(&b.name));
    let forms = forms(&functions);

    Api {
        project: doc.project.as_ref().map_or(DEFAULT_PROJECT.to_owned(), |p| p.value.clone()),
        base_url: doc.base_url.as_ref().map_or(DEFAULT_BASE_URL.to_owned(), |b| b.value.clone()),
        types,
        functions,
        contexts,
        channels,
        forms,
    }
}

pub fn ty(expr: &ast::TypeExpr) -> Type {
    match &expr.kind {
        ast::TypeExprKind::Prim(p) => Type::Prim(*p),
        ast::TypeExprKind::Named(n) => Type::Ref(n.clone()),
        ast::TypeExprKind::List(t) => Type::List(Box::new(ty(t))),
        ast::TypeExprKind::Map(t) => Type::Map(Box::new(ty(t))),
        ast::TypeExprKind::Nullable(t) => Type::Nullable(Box::new(ty(t))),
    }
}

fn docs(d: &ast::Docs) -> Docs {
    Docs { doc: d.doc.clone(), deprecated: d.deprecated.clone() }
}

fn field(f: &ast::Field) -> Field {
    let c = &f.constraints;
    Field {
        name: f.name.wire.clone(),
        ty: ty(&f.ty),
        optional: f.optional || f.default.is_some(),
        default: f.default.as_ref().map(|d| d.value.clone()),
        docs: docs(&f.docs),
        constraints: Constraints {
            min_length: c.min_length.as_ref().map(|s| s.value),
            max_length: c.max_length.as_ref().map(|s| s.value),
            min: c.min.as_ref().map(|s| s.value),
            max: c.max.as_ref().map(|s| s.value),
            pattern: c.pattern.as_ref().map(|s| s.value.clone()),
            format: c.format.as_ref().map(|s| s.value),
        },
    }
}

fn type_def(t: &ast::NamedType) -> TypeDef {
    let kind = match &t.kind {
        ast::TypeKind::Object { fields } => TypeDefKind::Object { fields: fields.iter().map(field).collect() },
        ast::TypeKind::Enum { values } => TypeDefKind::Enum {
            values: values.iter().map(|v| EnumValue { value: v.value.wire.clone(), docs: docs(&v.docs) }).collect(),
        },
        ast::TypeKind::Union { tag, variants } => TypeDefKind::Union {
            tag: tag.as_ref().map(|t| t.value.clone()),
            variants: variants
                .iter()
                .map(|v| Variant {
                    ty: v.ty.wire.clone(),
                    tag_value: tag
                        .as_ref()
                        .map(|_| v.tag_value.as_ref().map_or_else(|| v.ty.wire.clone(), |tv| tv.value.clone())),
                })
                .collect(),
        },
        ast::TypeKind::Alias { target } => TypeDefKind::Alias { target: ty(target) },
    };
    TypeDef { name: t.name.wire.clone(), docs: docs(&t.docs), kind }
}

fn kind(f: &ast::Function) -> FnKind {
    let context = f.context.as_ref().map(|c| c.wire.clone());
    if f.view.is_some() {
        FnKind::View { context }
    } else if f.private.is_some() {
        FnKind::Private
    } else if let Some(context) = context {
        FnKind::Read { context }
    } else {
        FnKind::Call
    }
}

/// Lookups over the document, built once, so that lowering one function
/// does not scan every other one (large IRs have thousands).
struct Index<'a> {
    /// Functions by name (the first, should a name repeat).
    functions: FxHashMap<&'a str, &'a ast::Function>,
    /// The read members (views excluded) of each context, in document order.
    reads: FxHashMap<&'a str, Vec<&'a ast::Function>>,
    /// The param names of each context's read members.
    params: FxHashMap<&'a str, BTreeSet<&'a str>>,
}

impl<'a> Index<'a> {
    fn new(doc: &'a ast::Document) -> Index<'a> {
        let mut index =
            Index { functions: FxHashMap::default(), reads: FxHashMap::default(), params: FxHashMap::default() };
        for f in &doc.functions {
            index.functions.entry(f.name.wire.as_str()).or_insert(f);
            let Some(ctx) = f.context.as_ref().filter(|_| f.view.is_none()) else { continue };
            index.reads.entry(ctx.wire.as_str()).or_default().push(f);
            index.params.entry(ctx.wire.as_str()).or_default().extend(f.params.iter().map(|p| p.name.wire.as_str()));
        }
        index
    }
}

fn function(f: &ast::Function, index: &Index) -> Function {
    let own_params: BTreeSet<&str> = f.params.iter().map(|p| p.name.wire.as_str()).collect();
    let scoped = |ctx: &str| -> Vec<String> {
        index
            .params
            .get(ctx)
            .map_or_else(Vec::new, |names| names.intersection(&own_params).map(|s| (*s).to_owned()).collect())
    };
    let affects = f
        .affects
        .iter()
        .map(|a| match a.kind {
            AffectKind::Context => {
                Affect { context: a.target.wire.clone(), function: None, scoped_params: scoped(&a.target.wire) }
            }
            AffectKind::Function => {
                let context = index
                    .functions
                    .get(a.target.wire.as_str())
                    .and_then(|g| g.context.as_ref())
                    .map_or_else(String::new, |c| c.wire.clone());
                // The server sends `{"function": "<fn>"}` without params: every
                // entry of the context refetches that slot, so nothing scopes it.
                Affect { context, function: Some(a.target.wire.clone()), scoped_params: Vec::new() }
            }
        })
        .collect();
    let returns = f.returns.as_ref().map(ty);
    let merges = f
        .merges
        .iter()
        .map(|m| Merge {
            context: m.wire.clone(),
            slot: index
                .reads
                .get(m.wire.as_str())
                .and_then(|reads| reads.iter().find(|g| g.returns.as_ref().map(ty) == returns))
                .map_or_else(String::new, |g| g.name.wire.clone()),
        })
        .collect();
    Function {
        name: f.name.wire.clone(),
        docs: docs(&f.docs),
        kind: kind(f),
        transport: f.transport.value,
        auth: f.auth.as_ref().map(|a| a.value),
        params: f.params.iter().map(field).collect(),
        returns,
        route: f.route.as_ref().map(|r| r.value.clone()),
        methods: f.methods.as_ref().map(|m| m.value.clone()),
        rev: f.rev.as_ref().map(|r| r.value),
        cache: f.cache.as_ref().map(|c| c.value),
        form: f.form.as_ref().map(|fr| (fr.name.wire.clone(), fr.role.value)),
        affects,
        merges,
    }
}

fn contexts(doc: &ast::Document, functions: &[Function]) -> Vec<Context> {
    let mut by_name: BTreeMap<&str, Context> = BTreeMap::new();
    for f in functions {
        let Some(name) = f.context() else { continue };
        let ctx = by_name.entry(name).or_insert_with(|| Context {
            name: name.to_owned(),
            docs: Docs::default(),
            ssr: false,
            transport: Transport::Http,
            members: Vec::new(),
            views: Vec::new(),
            params: Vec::new(),
        });
        match f.kind {
            FnKind::View { .. } => ctx.views.push(f.name.clone()),
            _ => {
                ctx.members.push(f.name.clone());
                ctx.transport = f.transport;
            }
        }
    }
    for decl in &doc.contexts {
        if let Some(ctx) = by_name.get_mut(decl.name.wire.as_str()) {
            ctx.docs = docs(&decl.docs);
            ctx.ssr = decl.ssr || decl.name.wire == GLOBAL_CONTEXT;
        }
    }
    if let Some(global) = by_name.get_mut(GLOBAL_CONTEXT) {
        global.ssr = true;
    }
    for ctx in by_name.values_mut() {
        ctx.params = elevate(ctx, functions);
    }
    by_name.into_values().collect()
}

/// Param elevation (spec §5): params every member has are required props.
fn elevate(ctx: &Context, functions: &[Function]) -> Vec<ContextParam> {
    // `functions` is sorted by name; members are listed in that order.
    let members: Vec<&Function> = ctx
        .members
        .iter()
        .filter_map(|name| functions.binary_search_by(|f| f.name.cmp(name)).ok().map(|i| &functions[i]))
        .collect();
    let mut params: BTreeMap<&str, ContextParam> = BTreeMap::new();
    for f in &members {
        for p in &f.params {
            let entry = params.entry(p.name.as_str()).or_insert_with(|| ContextParam {
                name: p.name.clone(),
                ty: p.ty.clone(),
                required: false,
                functions: Vec::new(),
            });
            entry.functions.push(f.name.clone());
        }
    }
    for p in params.values_mut() {
        p.required = p.functions.len() == members.len();
    }
    params.into_values().collect()
}

fn channel(c: &ast::Channel) -> Channel {
    Channel {
        name: c.name.wire.clone(),
        docs: docs(&c.docs),
        auth: c.auth.as_ref().map(|a| a.value),
        params: c.params.iter().map(field).collect(),
        client_message: c.client_message.as_ref().map(ty),
        server_message: c.server_message.as_ref().map_or(Type::Prim(Prim::Json), ty),
    }
}

/// A form's schema, validate and submit functions, as found.
type FormSlots = (Option<String>, Option<String>, Option<String>);

fn forms(functions: &[Function]) -> Vec<Form> {
    let mut forms: BTreeMap<&str, FormSlots> = BTreeMap::new();
    for f in functions {
        let Some((form, role)) = &f.form else { continue };
        let slot = forms.entry(form.as_str()).or_default();
        let target = match role {
            FormRole::Schema => &mut slot.0,
            FormRole::Validate => &mut slot.1,
            FormRole::Submit => &mut slot.2,
        };
        *target = Some(f.name.clone());
    }
    forms
        .into_iter()
        .filter_map(|(name, (schema, validate, submit))| {
            Some(Form { name: name.to_owned(), schema, validate, submit: submit? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    const IR: &str = r#"mizan-ir 1
function user_profile context=user {
    param user_id int
    returns int
}
function user_orders context=user {
    param user_id int
    returns int
}
function rename {
    param user_id int
    affects user
    affects user_orders kind=function
}
"#;

    /// A `kind=function` edge arrives as `{"function": "<fn>"}`, never scoped;
    /// a context edge is scoped by the params it shares with the context.
    #[test]
    fn function_edges_are_unscoped() {
        let api = crate::compile(IR).expect("valid IR");
        let rename = api.functions.iter().find(|f| f.name == "rename").expect("rename");
        let edges: Vec<(Option<&str>, &[String])> =
            rename.affects.iter().map(|a| (a.function.as_deref(), a.scoped_params.as_slice())).collect();
        assert_eq!(edges, [(None, &["user_id".to_owned()][..]), (Some("user_orders"), &[][..])]);
    }

    /// `ssr` is the context declaration's (always on for `global`, declared
    /// or not); a param every read member has is required, one only some
    /// have is not, and a view's params count for nothing.
    #[test]
    fn contexts_take_ssr_and_elevate_shared_params() {
        let ir = r#"mizan-ir 1
context user ssr=#true
context news
function profile context=user {
    param user_id int
    returns int
}
function orders context=user {
    param user_id int
    param page int
    returns int
}
function page context=user view=#true route="/u/" {
    param slug string
}
function headlines context=news {
    returns int
}
function site context=global {
    returns int
}
"#;
        let api = crate::compile(ir).expect("valid IR");
        let ssr: Vec<(&str, bool)> = api.contexts.iter().map(|c| (c.name.as_str(), c.ssr)).collect();
        assert_eq!(ssr, [("global", true), ("news", false), ("user", true)]);
        let user = api.contexts.iter().find(|c| c.name == "user").expect("user");
        let params: Vec<(&str, bool)> = user.params.iter().map(|p| (p.name.as_str(), p.required)).collect();
        assert_eq!(params, [("page", false), ("user_id", true)]);
        assert_eq!(user.members, ["orders", "profile"]);
        assert_eq!(user.views, ["page"]);
    }

    /// Docs and deprecations carry over; a param with a default is optional;
    /// a merge's slot is the context's read that returns the same type; a
    /// form is kept only when it has a submit function.
    #[test]
    fn docs_defaults_merge_slots_and_forms() {
        let ir = r#"mizan-ir 1
type Profile {
    field name string
}
function profile context=user {
    param user_id int
    returns Profile
}
function orders context=user {
    param user_id int
    returns int
}
function rename doc="Renames" deprecated="use retitle" {
    param user_id int
    param page int default=1
    returns Profile
    merge user
}
function "signup.submit" form=signup role=submit {
    param email string
}
function "draft.validate" form=draft role=validate {
    param text string
    returns int
}
"#;
        let api = crate::compile(ir).expect("valid IR");
        let rename = api.functions.iter().find(|f| f.name == "rename").expect("rename");
        assert_eq!(rename.docs.doc.as_deref(), Some("Renames"));
        assert!(rename.docs.deprecated.is_some());
        let optional: Vec<(&str, bool)> = rename.params.iter().map(|p| (p.name.as_str(), p.optional)).collect();
        assert_eq!(optional, [("user_id", false), ("page", true)]);
        let merges: Vec<(&str, &str)> = rename.merges.iter().map(|m| (m.context.as_str(), m.slot.as_str())).collect();
        assert_eq!(merges, [("user", "profile")]);
        let forms: Vec<(&str, Option<&str>, &str)> =
            api.forms.iter().map(|f| (f.name.as_str(), f.validate.as_deref(), f.submit.as_str())).collect();
        assert_eq!(forms, [("signup", None, "signup.submit")]);
    }
}
