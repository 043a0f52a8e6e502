//! The server-rendering part every framework's SSR module shares: which
//! contexts a server render prefetches (`global` and every `ssr=#true`
//! context), `HydrationRequest` (the params of those that take params) and
//! `prefetchHydration(client, request)`, which fetches them into the
//! request's client and returns their bundles keyed by `entryKey`, the
//! input of `client.hydrate`.
//!
//! The Vue and Svelte targets write it into their `ssr.ts` (a template
//! whose fixed part is the framework's own glue: `useMizanPrefetch` for
//! `onServerPrefetch`, `loadHydration` for a SvelteKit `load`). React's
//! `server.ts` is the same code with its own imports (`emit/react/calls.rs`).

use super::bindings::{Bindings, ContextBinding};
use super::layout::syntax::{self, Call, Expr, Member, Ty};
use super::{layout, property};
use crate::names::ts as names;

/// What a framework's `ssr.ts` template is filled with.
pub struct Prefetch {
    /// The stage1 types the code names (`UserParams`), sorted.
    pub stage1_types: Vec<String>,
    /// `HydrationRequest` and `prefetchHydration`, laid out as prettier
    /// prints them; `prefetchHydration` returns `Promise<MizanHydration>`,
    /// a type the template declares.
    pub code: String,
}

/// The prefetch code of `b`'s server-rendered contexts, with `doc` (a JSDoc
/// block) on `prefetchHydration`, which returns `Promise<{hydration}>`;
/// `None` when the API has none.
pub fn prefetch(b: &Bindings<'_>, doc: &str, hydration: &str) -> Option<Prefetch> {
    let hydrated: Vec<&ContextBinding<'_>> =
        b.contexts.iter().filter(|c| c.context.is_global() || c.context.ssr).collect();
    if hydrated.is_empty() {
        return None;
    }
    let with_params: Vec<_> = hydrated.iter().filter_map(|c| Some((*c, c.params_type.as_deref()?))).collect();
    let mut stage1_types: Vec<String> = with_params.iter().map(|(_, t)| (*t).to_owned()).collect();
    stage1_types.sort();
    stage1_types.dedup();
    let mut code = String::with_capacity(1536 + 256 * with_params.len());
    hydration_request(&mut code, &with_params);
    code.push_str("\n\n");
    code.push_str(doc);
    prefetch_hydration(&mut code, &hydrated, &with_params, hydration);
    Some(Prefetch { stage1_types, code })
}

/// Appends `HydrationRequest`: the params of each hydrated context that
/// takes params, all optional.
fn hydration_request(out: &mut String, with_params: &[(&ContextBinding<'_>, &str)]) {
    out.push_str("/** The params of each server-rendered context to prefetch. */\n");
    out.push_str("export interface HydrationRequest {");
    for (c, params_type) in with_params {
        let context = c.context.name.as_str();
        let doc = super::jsdoc_text(&format!("Params of `{context}`: prefetched only when given."), 1);
        layout::push_parts(out, &["\n", &doc]);
        let ty = Ty::name(*params_type);
        syntax::member(
            out,
            2,
            &Member { comment: Vec::new(), readonly: true, key: property(context), optional: true, ty },
        );
    }
    out.push_str(if with_params.is_empty() { "}" } else { "\n}" });
}

/// The end of `prefetchHydration`, after the entries are collected.
const PREFETCH_END: &str = "
  await Promise.all(entries.map(([c, p]) => client.prefetch(c, p)));
  const hydration: Record<string, unknown> = {};
  for (const [context, params] of entries) {
    const snapshot = client.snapshot(context, params);
    if (snapshot.status === \"success\")
      hydration[entryKey(context, params)] = snapshot.data;
  }
  return hydration;
}";

/// Appends `prefetchHydration` (after its doc): the contexts without params
/// always, the others as the request gives their params.
fn prefetch_hydration(
    out: &mut String,
    hydrated: &[&ContextBinding<'_>],
    with_params: &[(&ContextBinding<'_>, &str)],
    hydration: &str,
) {
    out.push_str("export async function prefetchHydration(\n  client: MizanClient,\n  ");
    out.push_str(if with_params.is_empty() { "_request" } else { "request" });
    layout::push_parts(out, &[": HydrationRequest = {},\n): Promise<", hydration, "> {\n"]);
    let always = hydrated
        .iter()
        .filter(|c| c.params_type.is_none())
        .map(|c| Expr::Array(vec![Expr::atom(c.wire.as_str()), Expr::Object(Vec::new())]));
    syntax::statement(out, 2, "const entries: [string, object][] = ", &Expr::Array(always.collect()));
    for (c, _) in with_params {
        out.push('\n');
        push(out, c.context.name.as_str(), &c.wire, c.has_required);
    }
    out.push_str(PREFETCH_END);
}

/// Appends the statement adding a context's entry from the request: always
/// when none of its params is required (an empty object if the request has
/// none), else only when the request gives it.
fn push(out: &mut String, context: &str, wire: &str, has_required: bool) {
    let access = format!("request{}", names::member_access(context));
    let entry = if has_required {
        Expr::atom(access.as_str())
    } else {
        Expr::Nullish(Box::new(Expr::atom(access.as_str())), Box::new(Expr::Object(Vec::new())))
    };
    let call = Expr::Call(Box::new(Call::method("entries", "push", vec![Expr::Array(vec![Expr::atom(wire), entry])])));
    if has_required {
        syntax::if_defined(out, 2, &access, &call);
    } else {
        syntax::statement(out, 2, "", &call);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ifs_break_before_the_statement() {
        let mut out = String::new();
        push(&mut out, "user", "\"user\"", true);
        assert_eq!(out, "  if (request.user !== undefined) entries.push([\"user\", request.user]);");
        let mut out = String::new();
        push(&mut out, "a_very_long_context_name", "\"a_very_long_context_name\"", true);
        assert!(out.starts_with("  if (request.a_very_long_context_name !== undefined)\n    entries.push("), "{out}");
    }
}
