//! The view model the framework bindings (React, Vue, Svelte) share: what
//! each context, mutation, channel and form is called in stage1, and how
//! param elevation shapes a context's props. Each framework adds only its
//! own spelling (`useX`, `XProvider`, `createX`) on top.

use super::layout::syntax::{Member, Object, Ty};
use super::{Types, str_lit};
use crate::model::{Api, Channel, Context, FnKind, Form, Function};
use crate::names::ts;

/// A context that has members, as bindings see it.
pub struct ContextBinding<'a> {
    pub context: &'a Context,
    /// The wire name, as a string literal.
    pub wire: String,
    /// `UserParams`, when the context takes params.
    pub params_type: Option<String>,
    pub bundle_type: String,
    /// Whether some param is one every member takes (a required prop).
    pub has_required: bool,
    pub members: Vec<MemberBinding<'a>>,
}

/// A read function of a context.
pub struct MemberBinding<'a> {
    pub function: &'a Function,
    pub wire: String,
    pub result_type: Ty<'a>,
    /// What a binding of this one function takes: the context's params
    /// type, narrowed where this function requires a param the context
    /// only has as optional (`CatalogParams & { slug: string }`). `None`
    /// when the context takes no params.
    pub params_type: Option<Ty<'a>>,
}

/// A client-callable call function.
pub struct MutationBinding<'a> {
    pub function: &'a Function,
    /// `callUpdateProfile`.
    pub call_fn: String,
    /// `UpdateProfileArgs`, when it takes params.
    pub args_type: Option<String>,
    pub result_type: Ty<'a>,
    /// Called for its result alone: no `affects`, no `merge`, no upload,
    /// and it returns something. Besides its mutation form, a binding
    /// gives it a query form (`useSearchQuery`) cached by args, through
    /// the kernel's `client.observeCall`.
    pub query: bool,
}

pub struct ChannelBinding<'a> {
    pub channel: &'a Channel,
    /// `subscribeChat`.
    pub subscribe_fn: String,
    pub params_type: Option<String>,
    pub message_type: Ty<'a>,
    /// `never` when the browser only listens.
    pub send_type: Ty<'a>,
}

pub struct FormBinding<'a> {
    pub form: &'a Form,
    /// The submit function (always there in a checked API).
    pub submit: Option<&'a Function>,
    /// `contactForm`, the field schema constant.
    pub schema_const: String,
    /// `callContactSubmit`.
    pub submit_fn: String,
    /// `callContactValidate`, when the form has a validate function.
    pub validate_fn: Option<String>,
    /// The submit function's args type: the form's values.
    pub values_type: String,
    pub result_type: Ty<'a>,
}

pub struct Bindings<'a> {
    pub contexts: Vec<ContextBinding<'a>>,
    pub mutations: Vec<MutationBinding<'a>>,
    pub channels: Vec<ChannelBinding<'a>>,
    pub forms: Vec<FormBinding<'a>>,
}

/// The bindings of `api`, with its types named by `types`.
pub fn bindings<'a>(api: &'a Api, types: &'a Types<'a>) -> Bindings<'a> {
    let contexts = api.contexts.iter().zip(members_by_context(api));
    Bindings {
        contexts: contexts.filter(|(c, _)| !c.members.is_empty()).map(|(c, m)| context(types, c, m)).collect(),
        mutations: api.calls().map(|f| mutation(types, f)).collect(),
        channels: api.channels.iter().map(|c| channel(types, c)).collect(),
        forms: api.forms.iter().map(|f| form(api, types, f)).collect(),
    }
}

/// The members of every context, by position in `api.contexts`: what
/// [`Api::members`] gives, found in one pass over the functions (a context's
/// members are its read functions, sorted by name like the functions)
/// rather than one search per member.
pub fn members_by_context(api: &Api) -> Vec<Vec<&Function>> {
    let mut members = vec![Vec::new(); api.contexts.len()];
    for f in &api.functions {
        if let FnKind::Read { context } = &f.kind
            && let Ok(i) = api.contexts.binary_search_by(|c| c.name.as_str().cmp(context))
        {
            members[i].push(f);
        }
    }
    members
}

fn context<'a>(types: &'a Types<'a>, ctx: &'a Context, members: Vec<&'a Function>) -> ContextBinding<'a> {
    let params_type = (!ctx.params.is_empty()).then(|| ts::context_params_type(&ctx.name));
    let members = members
        .into_iter()
        .map(|f| MemberBinding {
            function: f,
            wire: str_lit(&f.name),
            result_type: types.result_ty(f.returns.as_ref()),
            params_type: params_type.clone().map(|base| member_params_type(types, ctx, f, base)),
        })
        .collect();
    ContextBinding {
        context: ctx,
        wire: str_lit(&ctx.name),
        bundle_type: ts::bundle_type(&ctx.name),
        params_type,
        has_required: ctx.params.iter().any(|p| p.required),
        members,
    }
}

/// See [`MemberBinding::params_type`].
fn member_params_type<'a>(types: &'a Types<'a>, ctx: &Context, f: &'a Function, base: String) -> Ty<'a> {
    let narrowed =
        f.params.iter().filter(|q| !q.optional && ctx.params.iter().any(|p| p.name == q.name && !p.required));
    let members: Vec<Member<'a>> = narrowed
        .map(|q| Member {
            comment: Vec::new(),
            readonly: false,
            key: super::property(&q.name),
            optional: false,
            ty: types.ty(&q.ty),
        })
        .collect();
    if members.is_empty() {
        return Ty::name(base);
    }
    Ty::Intersection(vec![Ty::name(base), Ty::Object(Object { members, broken: false })])
}

fn mutation<'a>(types: &'a Types<'a>, f: &'a Function) -> MutationBinding<'a> {
    MutationBinding {
        function: f,
        call_fn: ts::call_fn(&f.name),
        args_type: (!f.params.is_empty()).then(|| ts::args_type(&f.name)),
        result_type: types.result_ty(f.returns.as_ref()),
        query: is_query(f),
    }
}

/// See [`MutationBinding::query`].
pub fn is_query(f: &Function) -> bool {
    f.affects.is_empty() && f.merges.is_empty() && !f.has_upload() && f.returns.is_some()
}

fn channel<'a>(types: &'a Types<'a>, c: &'a Channel) -> ChannelBinding<'a> {
    ChannelBinding {
        channel: c,
        subscribe_fn: ts::subscribe_fn(&c.name),
        params_type: (!c.params.is_empty()).then(|| ts::channel_params_type(&c.name)),
        message_type: types.ty(&c.server_message),
        send_type: c.client_message.as_ref().map_or(Ty::Keyword("never"), |m| types.ty(m)),
    }
}

fn form<'a>(api: &'a Api, types: &'a Types<'a>, f: &'a Form) -> FormBinding<'a> {
    let submit = api.function(&f.submit);
    FormBinding {
        form: f,
        submit,
        schema_const: ts::form_const(&f.name),
        submit_fn: ts::call_fn(&f.submit),
        validate_fn: f.validate.as_deref().map(ts::call_fn),
        values_type: ts::args_type(&f.submit),
        result_type: types.result_ty(submit.and_then(|s| s.returns.as_ref())),
    }
}
