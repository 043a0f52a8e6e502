//! The wrapper functions of a framework binding that forwards every context
//! function, call, channel and form to a small runtime (`__mizanQuery`,
//! `__mizanMutation`, `__mizanChannel`, `__mizanForm`): Vue and both Svelte flavors. A target
//! gives its [`Spelling`] (function names, how params are passed, the
//! runtime's result types); this module decides everything else once.

use super::bindings::{Bindings, bindings};
use super::layout::{
    self,
    syntax::{Call, Expr, Param, Ty},
};
use super::wrappers::{Wrapper, wrapper};
use super::{Types, doc_comment, sorted};
use crate::model::{Api, Docs, Type};
use crate::target::symbols::{self, Source, Symbols};
use std::borrow::Cow;

/// How one target spells its bindings.
pub struct Spelling {
    pub member_fn: fn(&str) -> String,
    pub mutation_fn: fn(&str) -> String,
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
        }
        for c in &ix.doc.channels {
            out.generated((self.channel_fn)(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
        for form in symbols::forms(ix) {
            out.generated((self.form_fn)(&form.wire), Source::Form(&form.wire), form.span);
        }
    }
}

/// How a wrapper takes reactive params `P`.
#[derive(Clone, Copy)]
pub enum ParamsStyle {
    /// `P` inside the runtime's generic type: Vue's `MizanParams<P>`.
    Generic(&'static str),
    /// `P` as is (Svelte stores: fixed params).
    Plain,
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

/// The runtime helpers, in the order of [`Spelling::results`].
const HELPERS: [&str; 4] = ["__mizanQuery", "__mizanMutation", "__mizanChannel", "__mizanForm"];

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
    helpers: [bool; 4],
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
    let mut uses = Uses { values: Vec::new(), types: Vec::new(), helpers: [false; 4], params: false };
    let mut wrappers = Vec::with_capacity(api.functions.len() + b.channels.len() + b.forms.len());
    queries(&b, &types, s, &mut uses, &mut wrappers);
    mutations(&b, &types, s, &mut uses, &mut wrappers);
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
        ParamsStyle::Plain => params_type,
        ParamsStyle::Getter => Ty::Function(Vec::new(), Box::new(params_type)),
    };
    Param::new("params", ty)
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
            let args = [cb.wire.as_str(), &m.wire, "params"];
            let ret = Ty::generic(s.results[0], vec![m.result_type.clone()]);
            let name = (s.member_fn)(&f.name);
            let args = prepend(
                s.client_param,
                || Expr::atom("client"),
                args[..2 + usize::from(param.is_some())].iter().map(|a| Expr::atom(*a)),
            );
            let call = helper_call("__mizanQuery", args)
                .with_types(vec![Ty::name(cb.bundle_type.as_str()), Ty::Literal(m.wire.as_str().into())]);
            let params = prepend(s.client_param, client_param, param);
            out.push(wrapper(doc_comment(&f.docs, 0), &name, &params, &ret, &Expr::Call(Box::new(call))));
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
        let ret = Ty::generic(s.results[1], vec![args_ty, m.result_type.clone()]);
        let name = (s.mutation_fn)(&m.function.name);
        let docs = doc_comment(&m.function.docs, 0);
        let params = prepend(s.client_param, client_param, []);
        let args = prepend(s.client_param, || Expr::atom("client"), [arg]);
        let call = helper_call("__mizanMutation", args);
        out.push(wrapper(docs, &name, &params, &ret, &Expr::Call(Box::new(call))));
        uses.helpers[1] = true;
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
    let helpers: Vec<&str> = sorted((0..4).filter(|&i| uses.helpers[i]).map(|i| HELPERS[i]).collect());
    let mut results: Vec<&str> = (0..4).filter(|&i| uses.helpers[i]).map(|i| s.results[i]).collect();
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
