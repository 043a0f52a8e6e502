//! The wrapper functions of a framework binding that forwards every context
//! function, call, channel and form to a small runtime (`__mizanQuery`,
//! `__mizanMutation`, `__mizanCallQuery`, `__mizanChannel`, `__mizanForm`):
//! Vue and both Svelte flavors. A target gives its [`Spelling`] (function
//! names, how params are passed, the runtime's result types); this module
//! decides everything else once.
//!
//! Reads take TanStack Query's options (`MizanQueryOptions<T, S>`, `S` what
//! `select` returns) and calls a mutation's (`MizanMutationOptions<A, R, C>`,
//! `C` what `onMutate` returns), so those wrappers are generic in `S` or `C`.

use super::bindings::{Bindings, bindings};
use super::layout::{
    self,
    syntax::{Call, Expr, Param, Ty},
};
use super::wrappers::{Wrapper, generic_wrapper, wrapper};
use super::{Types, doc_comment, sorted};
use crate::model::{Api, Docs, Type};
use crate::target::symbols::{self, Source, Symbols};
use std::borrow::Cow;

/// How one target spells its bindings.
pub struct Spelling {
    pub member_fn: fn(&str) -> String,
    pub mutation_fn: fn(&str) -> String,
    /// The query form of a call read for its result (`bindings::is_query`).
    pub query_fn: fn(&str) -> String,
    pub channel_fn: fn(&str) -> String,
    pub form_fn: fn(&str) -> String,
    /// The parameter type of reactive params.
    pub params: ParamsStyle,
    /// The runtime type `params` uses, to import when params are taken.
    pub params_import: Option<&'static str>,
    /// The runtime's result types: query, mutation, channel, form.
    pub results: [&'static str; 4],
    /// Every wrapper takes the client first (`client: MizanClient`) and
    /// hands it to the helper; otherwise the helper finds it (Vue: inject).
    pub client_param: bool,
}

impl Spelling {
    /// The wrappers' names, with what each is generated for.
    pub fn symbols<'a>(&self, ix: &crate::ir::check::Index<'a>, out: &mut Symbols<'a>) {
        for f in symbols::client_functions(ix) {
            let name =
                if f.context.is_some() { (self.member_fn)(&f.name.wire) } else { (self.mutation_fn)(&f.name.wire) };
            out.generated(name, Source::Function(&f.name.wire), f.name.span);
            if f.context.is_none() && is_query(f) {
                out.generated((self.query_fn)(&f.name.wire), Source::Function(&f.name.wire), f.name.span);
            }
        }
        for c in &ix.doc.channels {
            out.generated((self.channel_fn)(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
        for form in symbols::forms(ix) {
            out.generated((self.form_fn)(&form.wire), Source::Form(&form.wire), form.span);
        }
    }
}

/// [`super::bindings::is_query`] on the checked document: no `affects`, no
/// `merge`, no upload, and a result.
fn is_query(f: &crate::ir::ast::Function) -> bool {
    f.affects.is_empty() && f.merges.is_empty() && f.returns.is_some() && !f.params.iter().any(|p| p.ty.is_upload())
}

/// How a wrapper takes reactive params `P`.
#[derive(Clone, Copy)]
pub enum ParamsStyle {
    /// `P` inside the runtime's generic type: `MizanParams<P>` (Vue: a
    /// value, ref or getter; Svelte stores: a value or a store).
    Generic(&'static str),
    /// `() => P` (Svelte runes).
    Getter,
}

/// The first parameter of every wrapper of a [`Spelling::client_param`] target.
fn client_param<'a>() -> Param<'a> {
    Param::new("client", Ty::name("MizanClient"))
}

/// `items` with `first` in front when `yes`.
fn prepend<T>(yes: bool, first: impl FnOnce() -> T, items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = if yes { vec![first()] } else { Vec::new() };
    out.extend(items);
    out
}

/// The last parameter of every channel wrapper: `buffer` (same in every framework).
fn channel_options_param<'a>() -> Param<'a> {
    Param::optional("options", Ty::name("MizanChannelOptions"))
}

/// A call of the runtime helper `name`.
fn helper_call<'a>(name: &'static str, args: Vec<Expr<'a>>) -> Call<'a> {
    Call::new(name, args)
}

/// The runtime helpers, in the order of [`Spelling::results`], then the
/// query form of a call (its result type is the query's).
const HELPERS: [&str; 5] = ["__mizanQuery", "__mizanMutation", "__mizanChannel", "__mizanForm", "__mizanCallQuery"];

/// The runtime's options types of reads and of mutations.
const QUERY_OPTIONS: &str = "MizanQueryOptions";
const MUTATION_OPTIONS: &str = "MizanMutationOptions";

/// The wrappers, and the import lines they need.
pub struct Plan {
    pub wrappers: Vec<Wrapper>,
    /// Stage1's values and types, then the runtime's helpers and result
    /// types; "" when nothing is imported.
    pub imports: String,
}

/// What the wrappers use, collected while they are built.
struct Uses<'a> {
    /// Values imported from stage1 (`callX`, `subscribeX`, `xForm`).
    values: Vec<&'a str>,
    /// Types imported from stage1.
    types: Vec<Cow<'a, str>>,
    /// Which of [`HELPERS`] (and result types) are used.
    helpers: [bool; 5],
    params: bool,
}

impl<'a> Uses<'a> {
    fn refs(&mut self, types: &'a Types<'a>, ty: Option<&Type>) {
        if let Some(t) = ty {
            types.refs(t, &mut self.types);
        }
    }
}

/// The wrappers of `api` spelled `s`, importing stage1 from `stage1` and the
/// runtime from `runtime`.
pub fn plan(api: &Api, s: &Spelling, stage1: &str, runtime: &str) -> Plan {
    let types = Types::new(api);
    let b = bindings(api, &types);
    let mut uses = Uses { values: Vec::new(), types: Vec::new(), helpers: [false; 5], params: false };
    let mut wrappers = Vec::with_capacity(api.functions.len() + b.channels.len() + b.forms.len());
    queries(&b, &types, s, &mut uses, &mut wrappers);
    mutations(&b, &types, s, &mut uses, &mut wrappers);
    call_queries(&b, &types, s, &mut uses, &mut wrappers);
    channels(&b, &types, s, &mut uses, &mut wrappers);
    forms(&b, &types, s, &mut uses, &mut wrappers);
    if s.client_param && !wrappers.is_empty() {
        uses.types.push(Cow::Borrowed("MizanClient"));
    }
    Plan { wrappers, imports: imports(uses, s, stage1, runtime) }
}

fn params_param<'a>(s: &Spelling, params_type: Ty<'a>) -> Param<'a> {
    let ty = match s.params {
        ParamsStyle::Generic(outer) => Ty::generic(outer, vec![params_type]),
        ParamsStyle::Getter => Ty::Function(Vec::new(), Box::new(params_type)),
    };
    Param::new("params", ty)
}

/// The last parameter of a read: `options?: MizanQueryOptions<T, S>` (a
/// getter of them when params are a getter).
fn query_options_param<'a>(s: &Spelling, result: Ty<'a>) -> Param<'a> {
    let ty = Ty::generic(QUERY_OPTIONS, vec![result, Ty::name("S")]);
    match s.params {
        ParamsStyle::Getter => Param::optional("options", Ty::Function(Vec::new(), Box::new(ty))),
        ParamsStyle::Generic(_) => Param::optional("options", ty),
    }
}

fn queries<'a>(b: &'a Bindings<'a>, types: &'a Types<'a>, s: &Spelling, uses: &mut Uses<'a>, out: &mut Vec<Wrapper>) {
    for cb in &b.contexts {
        for m in &cb.members {
            let f = m.function;
            let param = m.params_type.clone().map(|pt| params_param(s, pt));
            if param.is_some() {
                uses.types.extend(cb.params_type.as_deref().map(Cow::Borrowed));
                for q in f.params.iter().filter(|q| !q.optional) {
                    types.refs(&q.ty, &mut uses.types);
                }
                uses.params = true;
            }
            uses.types.push(Cow::Borrowed(&cb.bundle_type));
            uses.refs(types, f.returns.as_ref());
            // Options before params: the runtime tells a context without params by arity.
            let args = [cb.wire.as_str(), &m.wire, "options", "params"];
            let ret = Ty::generic(s.results[0], vec![Ty::name("S")]);
            let name = (s.member_fn)(&f.name);
            let args = prepend(
                s.client_param,
                || Expr::atom("client"),
                args[..3 + usize::from(param.is_some())].iter().map(|a| Expr::atom(*a)),
            );
            let call = helper_call("__mizanQuery", args).with_types(vec![
                Ty::name(cb.bundle_type.as_str()),
                Ty::Literal(m.wire.as_str().into()),
                Ty::name("S"),
            ]);
            let mut params = prepend(s.client_param, client_param, param);
            params.push(query_options_param(s, m.result_type.clone()));
            let type_params = [("S", m.result_type.clone())];
            let body = Expr::Call(Box::new(call));
            out.push(generic_wrapper(doc_comment(&f.docs, 0), &name, &type_params, &params, &ret, &body));
            uses.helpers[0] = true;
        }
    }
}

/// `(client) => {function}(client)`: a call function without args, as the
/// runtime calls it.
fn client_arrow(function: &str) -> Expr<'_> {
    let call = Call::new(function, vec![Expr::atom("client")]);
    Expr::Arrow(vec!["client".into()], Box::new(Expr::Call(Box::new(call))))
}

fn mutations<'a>(b: &'a Bindings<'a>, types: &'a Types<'a>, s: &Spelling, uses: &mut Uses<'a>, out: &mut Vec<Wrapper>) {
    for m in &b.mutations {
        let (args_ty, arg) = match &m.args_type {
            Some(a) => {
                uses.types.push(Cow::Borrowed(a));
                (Ty::name(a.as_str()), Expr::atom(m.call_fn.as_str()))
            }
            None => (Ty::Keyword("void"), client_arrow(&m.call_fn)),
        };
        uses.refs(types, m.function.returns.as_ref());
        uses.values.push(&m.call_fn);
        let types_of = vec![args_ty, m.result_type.clone(), Ty::name("C")];
        let ret = Ty::generic(s.results[1], types_of.clone());
        let name = (s.mutation_fn)(&m.function.name);
        let docs = doc_comment(&m.function.docs, 0);
        let options = Param::optional("options", Ty::generic(MUTATION_OPTIONS, types_of));
        let params = prepend(s.client_param, client_param, [options]);
        let args = prepend(s.client_param, || Expr::atom("client"), [arg, Expr::atom("options")]);
        let call = helper_call("__mizanMutation", args);
        let type_params = [("C", Ty::Keyword("unknown"))];
        out.push(generic_wrapper(docs, &name, &type_params, &params, &ret, &Expr::Call(Box::new(call))));
        uses.helpers[1] = true;
    }
}

/// The query form of each call read for its result: cached by args
/// (`client.observeCall`), with a read's options and result.
fn call_queries<'a>(
    b: &'a Bindings<'a>,
    types: &'a Types<'a>,
    s: &Spelling,
    uses: &mut Uses<'a>,
    out: &mut Vec<Wrapper>,
) {
    for m in b.mutations.iter().filter(|m| m.query) {
        let f = m.function;
        let param = m.args_type.as_deref().map(|a| {
            uses.types.push(Cow::Borrowed(a));
            uses.params = true;
            params_param(s, Ty::name(a))
        });
        uses.refs(types, f.returns.as_ref());
        uses.values.push(&m.call_fn);
        let mut type_args: Vec<Ty<'a>> = m.args_type.as_deref().map(Ty::name).into_iter().collect();
        type_args.extend([m.result_type.clone(), Ty::name("S")]);
        let wire = super::str_lit(&f.name);
        let args = [wire.as_str(), &m.call_fn, "options", "args"];
        let args = prepend(
            s.client_param,
            || Expr::atom("client"),
            args[..3 + usize::from(param.is_some())].iter().map(|a| Expr::atom(a.to_string())),
        );
        let call = helper_call("__mizanCallQuery", args).with_types(type_args);
        let mut params = prepend(s.client_param, client_param, param.map(|p| Param { name: "args".into(), ..p }));
        params.push(query_options_param(s, m.result_type.clone()));
        let ret = Ty::generic(s.results[0], vec![Ty::name("S")]);
        let type_params = [("S", m.result_type.clone())];
        let docs = doc_comment(&f.docs, 0);
        let body = Expr::Call(Box::new(call));
        out.push(generic_wrapper(docs, &(s.query_fn)(&f.name), &type_params, &params, &ret, &body));
        uses.helpers[4] = true;
    }
}

fn channels<'a>(b: &'a Bindings<'a>, types: &'a Types<'a>, s: &Spelling, uses: &mut Uses<'a>, out: &mut Vec<Wrapper>) {
    for cb in &b.channels {
        let c = cb.channel;
        let mut params =
            prepend(s.client_param, client_param, cb.params_type.as_deref().map(|pt| params_param(s, Ty::name(pt))));
        if let Some(pt) = &cb.params_type {
            uses.types.push(Cow::Borrowed(pt));
            uses.params = true;
        }
        params.push(channel_options_param());
        uses.refs(types, Some(&c.server_message));
        uses.refs(types, c.client_message.as_ref());
        uses.values.push(&cb.subscribe_fn);
        // Options before params: the runtime tells the two overloads apart by arity.
        let args = [cb.subscribe_fn.as_str(), "options", "params"];
        let args = prepend(
            s.client_param,
            || Expr::atom("client"),
            args[..2 + usize::from(cb.params_type.is_some())].iter().map(|a| Expr::atom(*a)),
        );
        let ret = Ty::generic(s.results[2], vec![cb.message_type.clone(), cb.send_type.clone()]);
        let name = (s.channel_fn)(&c.name);
        let docs = doc_comment(&c.docs, 0);
        let call = helper_call("__mizanChannel", args);
        out.push(wrapper(docs, &name, &params, &ret, &Expr::Call(Box::new(call))));
        uses.helpers[2] = true;
    }
}

fn forms<'a>(b: &'a Bindings<'a>, types: &'a Types<'a>, s: &Spelling, uses: &mut Uses<'a>, out: &mut Vec<Wrapper>) {
    for fb in &b.forms {
        let takes_values = fb.submit.is_some_and(|f| !f.params.is_empty());
        let (values, submit_arg) = if takes_values {
            uses.types.push(Cow::Borrowed(&fb.values_type));
            (Ty::name(fb.values_type.as_str()), Expr::atom(fb.submit_fn.as_str()))
        } else {
            (Ty::generic("Record", vec![Ty::Keyword("string"), Ty::Keyword("never")]), client_arrow(&fb.submit_fn))
        };
        uses.refs(types, fb.submit.and_then(|f| f.returns.as_ref()));
        uses.values.extend([fb.schema_const.as_str(), &fb.submit_fn]);
        let mut args = prepend(
            s.client_param,
            || Expr::atom("client"),
            [Expr::atom(fb.schema_const.as_str()), Expr::atom("initial"), submit_arg],
        );
        if let Some(v) = &fb.validate_fn {
            uses.values.push(v);
            args.push(Expr::atom(v.as_str()));
        }
        let initial =
            Param { default: Some("{}"), ..Param::new("initial", Ty::generic("Partial", vec![values.clone()])) };
        let params = prepend(s.client_param, client_param, [initial]);
        let ret = Ty::generic(s.results[3], vec![values, fb.result_type.clone()]);
        let docs = doc_comment(fb.submit.map_or(&Docs::default(), |f| &f.docs), 0);
        let call = helper_call("__mizanForm", args);
        out.push(wrapper(docs, &(s.form_fn)(&fb.form.name), &params, &ret, &Expr::Call(Box::new(call))));
        uses.helpers[3] = true;
    }
}

/// The import lines of a binding's index: stage1's values and types, then
/// the runtime's helpers and result types.
fn imports(uses: Uses<'_>, s: &Spelling, stage1: &str, runtime: &str) -> String {
    let values = sorted(uses.values);
    let mut types = sorted(uses.types);
    types.retain(|t| !t.is_empty());
    let mut out = String::with_capacity(16 * (values.len() + types.len()) + 256);
    if !values.is_empty() || !types.is_empty() {
        layout::import(&mut out, &values, &types, stage1);
    }
    let helpers: Vec<&str> = sorted((0..5).filter(|&i| uses.helpers[i]).map(|i| HELPERS[i]).collect());
    let mut results: Vec<&str> = (0..4).filter(|&i| uses.helpers[i]).map(|i| s.results[i]).collect();
    if uses.helpers[4] && !uses.helpers[0] {
        results.push(s.results[0]);
    }
    if uses.helpers[0] || uses.helpers[4] {
        results.push(QUERY_OPTIONS);
    }
    if uses.helpers[1] {
        results.push(MUTATION_OPTIONS);
    }
    results.extend(s.params_import.filter(|_| uses.params));
    if uses.helpers[2] {
        results.push("MizanChannelOptions");
    }
    let results = sorted(results);
    if !helpers.is_empty() || !results.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        layout::named(&mut out, "import", &helpers, &results, "type ", runtime);
    }
    out
}
