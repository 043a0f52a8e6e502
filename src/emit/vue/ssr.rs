//! `ssr.ts` of the `vue` target: server rendering per request. The shared
//! `HydrationRequest` and `prefetchHydration` (`ts::ssr`), and the Vue glue
//! of its template (`templates/vue/ssr.ts`): `useMizanPrefetch`, which a
//! component awaits in `setup` so that its composables read prefetched
//! data. A module of its own, not re-exported by `index.ts`: its names
//! cannot meet the composables'.

use crate::emit::ts::{Types, bindings, layout, ssr};
use crate::emit::{self, File};
use crate::model::Api;
use askama::Template;

#[derive(Template)]
#[template(path = "vue/ssr.ts", escape = "none")]
struct Ssr {
    imports: String,
    prefetch: String,
}

const PREFETCH_DOC: &str = "\
/**
 * On the server: fetches the `global` context and every `ssr=#true` context
 * into `client` (the request's own: `createClient()` per request, never
 * shared between users) and returns their bundles keyed by `entryKey`.
 * `useMizanPrefetch` awaits it in a component's `setup` on the server; the
 * app's client is then serialized whole (`client.dehydrate()`). Entries that
 * failed are left out (the browser fetches them).
 */
";

/// `ssr.ts`, when the API has a `global` or an `ssr=#true` context.
pub fn file(api: &Api, kernel: &str, stage1: &str) -> Result<Option<File>, askama::Error> {
    let types = Types::new(api);
    let b = bindings::bindings(api, &types);
    let Some(prefetch) = ssr::prefetch(&b, PREFETCH_DOC, "MizanHydration") else { return Ok(None) };
    let mut imports = String::new();
    if !prefetch.stage1_types.is_empty() {
        layout::import::<&str, _>(&mut imports, &[], &prefetch.stage1_types, stage1);
        imports.push('\n');
    }
    layout::import(&mut imports, &["entryKey"], &["MizanClient"], kernel);
    emit::asset("ssr.ts", &Ssr { imports, prefetch: prefetch.code }).map(Some)
}
