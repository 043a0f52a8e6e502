//! The `manifest` target: `edge-manifest.json`, the CDN-purge map of spec §7.
//!
//! The document is streamed into one buffer ([`json::Writer`]), members in
//! the sorted key order a `serde_json` map would print: contexts and
//! mutations by name (the model's order), and each object's keys written
//! in alphabetical order.

use super::File;
use super::json::Writer;
use crate::ir::check;
use crate::model::{Api, Cache, Context, FnKind, Function, Method};
use crate::target::{Symbols, Table, Target};

/// Params whose presence makes a context's entries per-user.
const USER_SCOPE_PARAMS: [&str; 4] = ["user_id", "user", "owner_id", "account_id"];

pub struct Manifest;

impl Target for Manifest {
    type Options = ();
    const NAME: &'static str = "manifest";
    const COST: usize = 1;

    fn options(_table: &mut Table) {}

    /// The manifest is JSON keyed by wire names: it generates no names.
    fn symbols(_ix: &check::Index, _out: &mut Symbols) {}

    fn emit(api: &Api, _options: &()) -> Result<Vec<File>, askama::Error> {
        Ok(emit(api))
    }
}

fn emit(api: &Api) -> Vec<File> {
    let mut w = Writer::with_capacity(128 * api.functions.len() + 64);
    w.begin_object();
    w.key("contexts");
    w.begin_object();
    for (c, functions) in api.contexts.iter().zip(by_context(api)) {
        w.key(&c.name);
        context(&mut w, api, c, &functions);
    }
    w.end_object();
    w.key("mutations");
    w.begin_object();
    for f in api.functions.iter().filter(|f| !f.affects.is_empty()) {
        w.key(&f.name);
        mutation(&mut w, f);
    }
    w.end_object();
    w.key("version");
    w.literal("1");
    w.end_object();
    vec![File { path: "edge-manifest.json".to_owned(), contents: w.finish() }]
}

/// `items`, sorted and without repeats (a JSON set).
fn set<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut items: Vec<&str> = items.collect();
    items.sort_unstable();
    items.dedup();
    items
}

fn methods(list: &[Method]) -> Vec<&'static str> {
    set(list.iter().map(|m| m.as_str()))
}

/// The functions of each context (its members and its views, which are
/// the functions naming it), in name order. One pass over the functions:
/// looking each name up costs a cache miss per step at 10,000 functions.
fn by_context(api: &Api) -> Vec<Vec<&Function>> {
    let mut groups = vec![Vec::new(); api.contexts.len()];
    for f in &api.functions {
        let index = f.context().and_then(|c| api.contexts.binary_search_by(|x| x.name.as_str().cmp(c)).ok());
        if let Some(i) = index {
            groups[i].push(f);
        }
    }
    groups
}

/// `functions`: the context's, from [`by_context`].
fn context(w: &mut Writer, api: &Api, ctx: &Context, functions: &[&Function]) {
    let params: Vec<&str> = ctx.params.iter().map(|p| p.name.as_str()).collect();
    let user_scoped = params.iter().any(|p| USER_SCOPE_PARAMS.contains(p));
    w.begin_object();
    w.key("endpoints");
    let endpoint = [api.base_url.trim_end_matches('/'), "/ctx/", &ctx.name, "/"].concat();
    w.strings(&[&endpoint], 1);
    w.key("functions");
    w.begin_array();
    for f in functions {
        w.element();
        context_function(w, f);
    }
    w.end_array();
    // Like `generate_edge_manifest()`: no key for an empty list.
    let routes = set(functions.iter().filter_map(|f| f.route.as_deref()));
    if !routes.is_empty() {
        w.key("page_routes");
        w.strings(&routes, 1);
    }
    w.key("params");
    w.strings(&params, 1);
    w.key("render_strategy");
    w.string(if user_scoped { "dynamic_cached" } else { "psr" });
    w.key("user_scoped");
    w.literal(if user_scoped { "true" } else { "false" });
    w.end_object();
}

fn context_function(w: &mut Writer, f: &Function) {
    w.begin_object();
    match f.cache {
        Some(Cache::Ttl(seconds)) => {
            w.key("cache");
            w.literal(&seconds.to_string());
        }
        Some(Cache::Never) => {
            w.key("cache");
            w.literal("false");
        }
        None => {}
    }
    if f.route.is_some() {
        w.key("methods");
        w.strings(&methods(f.methods.as_deref().unwrap_or(&[Method::Get])), 1);
    }
    w.key("name");
    w.string(&f.name);
    w.key("path");
    w.string(if matches!(f.kind, FnKind::View { .. }) { "view" } else { "rpc" });
    if let Some(rev) = f.rev.filter(|r| *r != 0) {
        w.key("rev");
        w.literal(&rev.to_string());
    }
    if let Some(route) = &f.route {
        w.key("route");
        w.string(route);
    }
    w.end_object();
}

fn mutation(w: &mut Writer, f: &Function) {
    let private = matches!(f.kind, FnKind::Private);
    let methods_listed = f.route.is_some() || f.methods.is_some();
    w.begin_object();
    let more = methods_listed || private || f.route.is_some();
    // Like `generate_edge_manifest()`: no key for an empty list.
    let scoped = set(f.affects.iter().flat_map(|a| a.scoped_params.iter().map(String::as_str)));
    w.key("affects");
    w.strings(&set(f.affects.iter().map(|a| a.context.as_str())), usize::from(more || !scoped.is_empty()));
    if !scoped.is_empty() {
        w.key("auto_scoped_params");
        w.strings(&scoped, usize::from(more));
    }
    if methods_listed {
        w.key("methods");
        w.strings(&methods(f.methods.as_deref().unwrap_or(&[Method::Post])), usize::from(private || f.route.is_some()));
    }
    if private {
        w.key("private");
        w.literal("true");
    }
    if let Some(route) = &f.route {
        w.key("route");
        w.string(route);
    }
    w.end_object();
}

#[cfg(test)]
mod tests {
    /// `auto_scoped_params` comes from context edges only: a `kind=function`
    /// edge is unscoped on the wire, though its context is listed.
    #[test]
    fn function_edges_scope_nothing() {
        let ir = "mizan-ir 1
function orders context=user {
    param user_id int
    returns int
}
function order {
    param user_id int
    affects orders kind=function
}";
        let api = crate::compile(ir).expect("valid IR");
        let json = &super::emit(&api)[0].contents;
        let order = "\"order\": {\n      \"affects\": [\"user\"]\n    }";
        assert!(json.contains(order), "{json}");
    }

    /// Empty `page_routes` and `auto_scoped_params` are left out, as the
    /// reference `generate_edge_manifest()` does (consumers test presence).
    #[test]
    fn empty_lists_are_omitted_like_the_reference() {
        let ir = "mizan-ir 1
function profile context=user {
    param user_id int
    returns int
}
function page context=user view=#true route=\"/u/<user_id>/\" {
    param user_id int
}
function feed context=news {
    returns int
}
function rename {
    param user_id int
    affects user
    affects feed kind=function
}
function ping {
    affects news
}";
        let api = crate::compile(ir).expect("valid IR");
        let json: serde_json::Value = serde_json::from_str(&super::emit(&api)[0].contents).unwrap();
        assert_eq!(json["contexts"]["user"]["page_routes"], serde_json::json!(["/u/<user_id>/"]));
        assert!(json["contexts"]["news"].get("page_routes").is_none(), "{json:#}");
        assert_eq!(json["mutations"]["rename"]["auto_scoped_params"], serde_json::json!(["user_id"]));
        assert!(json["mutations"]["ping"].get("auto_scoped_params").is_none(), "{json:#}");
        assert_eq!(json["mutations"]["ping"], serde_json::json!({ "affects": ["news"] }));
    }
}
