//! `ssr.ts` of the `svelte` target (either flavor): server rendering per
//! request. The shared `HydrationRequest` and `prefetchHydration`
//! (`ts::ssr`), and the SvelteKit glue of its template
//! (`templates/svelte/ssr.ts`): `loadHydration`, which prefetches in a
//! `load` through `event.fetch` and returns the state. It imports nothing
//! from Svelte, so server-only modules (`+page.server.ts`) can import it.
//! Not re-exported by `index.ts`: its names cannot meet the wrappers'.

use crate::emit::ts::{Types, bindings, layout, ssr};
use crate::emit::{self, File};
use crate::model::Api;
use askama::Template;

#[derive(Template)]
#[template(path = "svelte/ssr.ts", escape = "none")]
struct Ssr {
    imports: String,
    prefetch: String,
}

const PREFETCH_DOC: &str = "\
/**
 * On the server: fetches the `global` context and every `ssr=#true` context
 * into `client` (the request's own: `createClient()` per request, never
 * shared between users) and returns their bundles keyed by `entryKey`, for
 * `client.hydrate`. `loadHydration` runs it in a `load`. Entries that failed
 * are left out (the browser fetches them).
 */
";

/// `ssr.ts`, when the API has a `global` or an `ssr=#true` context.
pub fn file(api: &Api, kernel: &str, stage1: &str) -> Result<Option<File>, askama::Error> {
    let types = Types::new(api);
    let b = bindings::bindings(api, &types);
    let Some(prefetch) = ssr::prefetch(&b, PREFETCH_DOC, "MizanHydration") else { return Ok(None) };
    let mut imports = String::new();
    layout::import(&mut imports, &["createClient"], &prefetch.stage1_types, stage1);
    imports.push('\n');
    layout::import(&mut imports, &["entryKey"], &["MizanClient", "MizanClientOptions"], kernel);
    emit::asset("ssr.ts", &Ssr { imports, prefetch: prefetch.code }).map(Some)
}
