//! The view model the framework bindings (React, Vue, Svelte) share: what
//! each context, mutation, channel and form is called in stage1, and how
//! param elevation shapes a context's props. Each framework adds only its
//! own spelling (`useX`, `XProvider`, `createX`) on top.

use super::{str_lit, type_expr};
use crate::model::{Api, Context, Function};
use crate::names::{self, ts};

/// A context, as bindings see it.
pub struct ContextBinding {
    /// The wire name, as a string literal.
    pub wire: String,
    /// PascalCase stem: `User`.
    pub stem: String,
    /// `UserParams`, when the context takes params.
    pub params_type: Option<String>,
    pub bundle_type: String,
    /// `fetchUser`.
    pub fetch_fn: String,
    /// Props every member takes (required props of a provider).
    pub required: Vec<String>,
    /// Props only some members take: optional, with per-function override.
    pub optional: Vec<String>,
    pub members: Vec<MemberBinding>,
    pub ssr: bool,
    pub global: bool,
}

/// A read function of a context.
pub struct MemberBinding {
    pub wire: String,
    /// PascalCase stem: `UserProfile` (for `useUserProfile`).
    pub stem: String,
    /// `.user_profile` or `["contact.schema"]`: reads its slot from a bundle.
    pub access: String,
    pub result_type: String,
    /// The elevated params this function takes, as property keys.
    pub params: Vec<String>,
    /// What a binding of this one function takes: the context's params
    /// type, narrowed where this function requires a param the context
    /// only has as optional (`CatalogParams & { slug: string }`). `None`
    /// when the context takes no params.
    pub params_type: Option<String>,
}

/// A client-callable call function.
pub struct MutationBinding {
    pub wire: String,
    pub stem: String,
    /// `callUpdateProfile`.
    pub call_fn: String,
    /// `UpdateProfileArgs`, when it takes params.
    pub args_type: Option<String>,
    pub result_type: String,
}

pub struct ChannelBinding {
    pub wire: String,
    pub stem: String,
    /// `subscribeChat`.
    pub subscribe_fn: String,
    pub params_type: Option<String>,
    pub message_type: String,
    /// `never` when the browser only listens.
    pub send_type: String,
}

pub struct FormBinding {
    pub wire: String,
    pub stem: String,
    /// `contactForm`, the field schema constant.
    pub schema_const: String,
    /// `callContactSubmit`.
    pub submit_fn: String,
    /// `callContactValidate`, when the form has a validate function.
    pub validate_fn: Option<String>,
    /// The submit function's args type: the form's values.
    pub values_type: String,
    pub result_type: String,
}

pub struct Bindings {
    pub contexts: Vec<ContextBinding>,
    pub mutations: Vec<MutationBinding>,
    pub channels: Vec<ChannelBinding>,
    pub forms: Vec<FormBinding>,
}

pub fn bindings(api: &Api) -> Bindings {
    Bindings {
        contexts: api.contexts.iter().filter(|c| !c.members.is_empty()).map(|c| context(api, c)).collect(),
        mutations: api.calls().map(mutation).collect(),
        channels: api
            .channels
            .iter()
            .map(|c| ChannelBinding {
                wire: str_lit(&c.name),
                stem: ts::stem(&c.name),
                subscribe_fn: ts::subscribe_fn(&c.name),
                params_type: (!c.params.is_empty()).then(|| ts::channel_params_type(&c.name)),
                message_type: type_expr(&c.server_message),
                send_type: c.client_message.as_ref().map_or_else(|| "never".to_owned(), type_expr),
            })
            .collect(),
        forms: api
            .forms
            .iter()
            .map(|f| FormBinding {
                wire: str_lit(&f.name),
                stem: ts::stem(&f.name),
                schema_const: ts::form_const(&f.name),
                submit_fn: ts::call_fn(&f.submit),
                validate_fn: f.validate.as_deref().map(ts::call_fn),
                values_type: ts::args_type(&f.submit),
                result_type: api.function(&f.submit).map_or_else(|| "null".to_owned(), result_type),
            })
            .collect(),
    }
}

fn result_type(f: &Function) -> String {
    f.returns.as_ref().map_or_else(|| "null".to_owned(), type_expr)
}

fn context(api: &Api, ctx: &Context) -> ContextBinding {
    let (required, optional): (Vec<_>, Vec<_>) = ctx.params.iter().partition(|p| p.required);
    ContextBinding {
        wire: str_lit(&ctx.name),
        stem: ts::stem(&ctx.name),
        params_type: (!ctx.params.is_empty()).then(|| ts::context_params_type(&ctx.name)),
        bundle_type: ts::bundle_type(&ctx.name),
        fetch_fn: ts::fetch_fn(&ctx.name),
        required: required.iter().map(|p| ts::property(&p.name)).collect(),
        optional: optional.iter().map(|p| ts::property(&p.name)).collect(),
        members: api
            .members(ctx)
            .map(|f| MemberBinding {
                wire: str_lit(&f.name),
                stem: ts::stem(&f.name),
                access: ts::member_access(&f.name),
                result_type: result_type(f),
                params: f.params.iter().map(|p| ts::property(&p.name)).collect(),
                params_type: member_params_type(ctx, f),
            })
            .collect(),
        ssr: ctx.ssr,
        global: ctx.is_global(),
    }
}

/// See [`MemberBinding::params_type`].
fn member_params_type(ctx: &Context, f: &Function) -> Option<String> {
    if ctx.params.is_empty() {
        return None;
    }
    let base = ts::context_params_type(&ctx.name);
    let narrowed: Vec<String> = f
        .params
        .iter()
        .filter(|q| !q.optional && ctx.params.iter().any(|p| p.name == q.name && !p.required))
        .map(|q| format!("{}: {}", ts::property(&q.name), type_expr(&q.ty)))
        .collect();
    Some(if narrowed.is_empty() { base } else { format!("{base} & {{ {} }}", narrowed.join("; ")) })
}

fn mutation(f: &Function) -> MutationBinding {
    MutationBinding {
        wire: str_lit(&f.name),
        stem: ts::stem(&f.name),
        call_fn: ts::call_fn(&f.name),
        args_type: (!f.params.is_empty()).then(|| ts::args_type(&f.name)),
        result_type: result_type(f),
    }
}

/// The stem of a context's module file, shared with stage1.
pub fn context_module(context: &str) -> String {
    names::snake(context).replace('_', "-")
}
