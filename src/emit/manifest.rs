//! The `manifest` target: `edge-manifest.json`, the CDN-purge map of spec §7.

use super::File;
use crate::model::{Api, Cache, Context, FnKind, Function, Method};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// Params whose presence makes a context's entries per-user.
const USER_SCOPE_PARAMS: [&str; 4] = ["user_id", "user", "owner_id", "account_id"];

pub fn emit(api: &Api) -> Vec<File> {
    let contexts: Map<String, Value> = api.contexts.iter().map(|c| (c.name.clone(), context(api, c))).collect();
    let mutations: Map<String, Value> =
        api.functions.iter().filter(|f| !f.affects.is_empty()).map(|f| (f.name.clone(), mutation(f))).collect();
    let manifest = json!({ "version": 1, "contexts": contexts, "mutations": mutations });
    vec![File { path: "edge-manifest.json".to_owned(), contents: super::json::to_string(&manifest) }]
}

fn methods(list: &[Method]) -> Value {
    let set: BTreeSet<&str> = list.iter().map(|m| m.as_str()).collect();
    json!(set)
}

fn context(api: &Api, ctx: &Context) -> Value {
    let mut names: Vec<&String> = ctx.members.iter().chain(&ctx.views).collect();
    names.sort();
    let functions: Vec<&Function> = names.into_iter().filter_map(|n| api.function(n)).collect();
    let entries: Vec<Value> = functions.iter().map(|f| context_function(f)).collect();
    let page_routes: BTreeSet<&str> = functions.iter().filter_map(|f| f.route.as_deref()).collect();
    let params: Vec<&str> = ctx.params.iter().map(|p| p.name.as_str()).collect();
    let user_scoped = params.iter().any(|p| USER_SCOPE_PARAMS.contains(p));
    json!({
        "endpoints": [format!("{}/ctx/{}/", api.base_url.trim_end_matches('/'), ctx.name)],
        "functions": entries,
        "page_routes": page_routes,
        "params": params,
        "render_strategy": if user_scoped { "dynamic_cached" } else { "psr" },
        "user_scoped": user_scoped,
    })
}

fn context_function(f: &Function) -> Value {
    let mut entry = Map::new();
    entry.insert("name".into(), json!(f.name));
    let path = if matches!(f.kind, FnKind::View { .. }) { "view" } else { "rpc" };
    entry.insert("path".into(), json!(path));
    if let Some(rev) = f.rev.filter(|r| *r != 0) {
        entry.insert("rev".into(), json!(rev));
    }
    match f.cache {
        Some(Cache::Ttl(seconds)) => {
            entry.insert("cache".into(), json!(seconds));
        }
        Some(Cache::Never) => {
            entry.insert("cache".into(), json!(false));
        }
        None => {}
    }
    if let Some(route) = &f.route {
        entry.insert("route".into(), json!(route));
        entry.insert("methods".into(), methods(f.methods.as_deref().unwrap_or(&[Method::Get])));
    }
    Value::Object(entry)
}

fn mutation(f: &Function) -> Value {
    let affects: BTreeSet<&str> = f.affects.iter().map(|a| a.context.as_str()).collect();
    let scoped: BTreeSet<&str> = f.affects.iter().flat_map(|a| a.scoped_params.iter().map(String::as_str)).collect();
    let mut entry = Map::new();
    entry.insert("affects".into(), json!(affects));
    entry.insert("auto_scoped_params".into(), json!(scoped));
    if matches!(f.kind, FnKind::Private) {
        entry.insert("private".into(), json!(true));
    }
    if let Some(route) = &f.route {
        entry.insert("route".into(), json!(route));
    }
    if f.route.is_some() || f.methods.is_some() {
        entry.insert("methods".into(), methods(f.methods.as_deref().unwrap_or(&[Method::Post])));
    }
    Value::Object(entry)
}
