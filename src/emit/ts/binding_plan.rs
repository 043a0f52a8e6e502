//! The wrapper functions of a framework binding that forwards every context
//! function, call, channel and form to a small runtime (`__mizanQuery`,
//! `__mizanMutation`, `__mizanChannel`, `__mizanForm`): Vue and both Svelte flavors. A target
//! gives its [`Spelling`] (function names, how params are passed, the
//! runtime's result types); this module decides everything else once.

use super::bindings::{Bindings, bindings};
use super::wrappers::{Wrapper, wrapper};
use super::{collect_refs, jsdoc};
use crate::model::{Api, Docs, Type};
use std::collections::BTreeSet;

/// How one target spells its bindings.
pub struct Spelling {
    pub member_fn: fn(&str) -> String,
    pub mutation_fn: fn(&str) -> String,
    pub channel_fn: fn(&str) -> String,
    pub form_fn: fn(&str) -> String,
    /// The parameter type of reactive params: `MizanParams<P>`, `P`, `() => P`.
    pub params: fn(&str) -> String,
    /// The runtime type `params` uses, to import when params are taken.
    pub params_import: Option<&'static str>,
    /// The runtime's result types: query, mutation, channel, form.
    pub results: [&'static str; 4],
}

/// The wrappers, and what they import.
pub struct Plan {
    pub wrappers: Vec<Wrapper>,
    /// Values imported from stage1 (`callX`, `subscribeX`, `xForm`), sorted.
    pub stage1_values: BTreeSet<String>,
    /// Types imported from stage1, sorted.
    pub stage1_types: BTreeSet<String>,
    /// The runtime helpers used, sorted.
    pub helpers: BTreeSet<&'static str>,
    /// The runtime result types used, sorted.
    pub result_types: BTreeSet<&'static str>,
}

pub fn plan(api: &Api, s: &Spelling) -> Plan {
    let b: Bindings = bindings(api);
    let mut p = Plan {
        wrappers: Vec::new(),
        stage1_values: BTreeSet::new(),
        stage1_types: BTreeSet::new(),
        helpers: BTreeSet::new(),
        result_types: BTreeSet::new(),
    };
    let contexts = api.contexts.iter().filter(|c| !c.members.is_empty());
    for (ctx, cb) in contexts.zip(&b.contexts) {
        for (f, m) in api.members(ctx).zip(&cb.members) {
            let mut params = Vec::new();
            let mut args = vec![cb.wire.clone(), m.wire.clone()];
            if let Some(pt) = &m.params_type {
                p.stage1_types.insert(cb.params_type.clone().unwrap_or_default());
                for q in f.params.iter().filter(|q| !q.optional) {
                    collect_refs(&q.ty, &mut p.stage1_types);
                }
                params.push(format!("params: {}", (s.params)(pt)));
                args.push("params".to_owned());
                p.result_types.extend(s.params_import);
            }
            p.stage1_types.insert(cb.bundle_type.clone());
            refs(&f.returns, &mut p.stage1_types);
            let ret = format!("{}<{}>", s.results[0], m.result_type);
            let callee = format!("__mizanQuery<{}, {}>", cb.bundle_type, m.wire);
            p.wrappers.push(wrapper(jsdoc(&f.docs, &[], 0), &(s.member_fn)(&f.name), &params, &ret, &callee, &args));
            p.helpers.insert("__mizanQuery");
            p.result_types.insert(s.results[0]);
        }
    }
    for (f, m) in api.calls().zip(&b.mutations) {
        let (args_ty, arg) = match &m.args_type {
            Some(a) => {
                p.stage1_types.insert(a.clone());
                (a.clone(), m.call_fn.clone())
            }
            None => ("void".to_owned(), format!("() => {}()", m.call_fn)),
        };
        refs(&f.returns, &mut p.stage1_types);
        p.stage1_values.insert(m.call_fn.clone());
        let ret = format!("{}<{args_ty}, {}>", s.results[1], m.result_type);
        p.wrappers.push(wrapper(
            jsdoc(&f.docs, &[], 0),
            &(s.mutation_fn)(&f.name),
            &[],
            &ret,
            "__mizanMutation",
            &[arg],
        ));
        p.helpers.insert("__mizanMutation");
        p.result_types.insert(s.results[1]);
    }
    for (c, cb) in api.channels.iter().zip(&b.channels) {
        let mut params = Vec::new();
        let mut args = vec![cb.subscribe_fn.clone()];
        if let Some(pt) = &cb.params_type {
            p.stage1_types.insert(pt.clone());
            params.push(format!("params: {}", (s.params)(pt)));
            args.push("params".to_owned());
            p.result_types.extend(s.params_import);
        }
        refs(&Some(c.server_message.clone()), &mut p.stage1_types);
        refs(&c.client_message, &mut p.stage1_types);
        p.stage1_values.insert(cb.subscribe_fn.clone());
        let ret = format!("{}<{}, {}>", s.results[2], cb.message_type, cb.send_type);
        p.wrappers.push(wrapper(
            jsdoc(&c.docs, &[], 0),
            &(s.channel_fn)(&c.name),
            &params,
            &ret,
            "__mizanChannel",
            &args,
        ));
        p.helpers.insert("__mizanChannel");
        p.result_types.insert(s.results[2]);
    }
    for (form, fb) in api.forms.iter().zip(&b.forms) {
        let submit = api.function(&form.submit);
        let takes_values = submit.is_some_and(|f| !f.params.is_empty());
        let (values, submit_arg) = if takes_values {
            p.stage1_types.insert(fb.values_type.clone());
            (fb.values_type.clone(), fb.submit_fn.clone())
        } else {
            ("Record<string, never>".to_owned(), format!("() => {}()", fb.submit_fn))
        };
        if let Some(f) = submit {
            refs(&f.returns, &mut p.stage1_types);
        }
        p.stage1_values.insert(fb.schema_const.clone());
        p.stage1_values.insert(fb.submit_fn.clone());
        let mut args = vec![fb.schema_const.clone(), "initial".to_owned(), submit_arg];
        if let Some(v) = &fb.validate_fn {
            p.stage1_values.insert(v.clone());
            args.push(v.clone());
        }
        let params = [format!("initial: Partial<{values}> = {{}}")];
        let ret = format!("{}<{values}, {}>", s.results[3], fb.result_type);
        let docs = submit.map_or_else(Docs::default, |f| f.docs.clone());
        p.wrappers.push(wrapper(jsdoc(&docs, &[], 0), &(s.form_fn)(&form.name), &params, &ret, "__mizanForm", &args));
        p.helpers.insert("__mizanForm");
        p.result_types.insert(s.results[3]);
    }
    p.stage1_types.remove("");
    p
}

fn refs(ty: &Option<Type>, out: &mut BTreeSet<String>) {
    if let Some(t) = ty {
        collect_refs(t, out);
    }
}

/// The import lines of a binding's index: stage1's values and types, then
/// the runtime's helpers and result types.
pub fn imports(plan: &Plan, stage1: &str, runtime: &str) -> String {
    let mut lines = Vec::new();
    let mut names: Vec<String> = plan.stage1_values.iter().cloned().collect();
    let type_only = names.is_empty();
    names.extend(plan.stage1_types.iter().map(|t| if type_only { t.clone() } else { format!("type {t}") }));
    if !names.is_empty() {
        lines.push(super::layout::import(&names, stage1, type_only));
    }
    let mut rt: Vec<String> = plan.helpers.iter().map(|h| (*h).to_owned()).collect();
    rt.extend(plan.result_types.iter().map(|t| format!("type {t}")));
    if !rt.is_empty() {
        lines.push(super::layout::import(&rt, runtime, false));
    }
    lines.join("\n")
}
