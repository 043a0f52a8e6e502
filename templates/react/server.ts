{%- if let Some(i) = imports %}
{{ i }}
{%- endif %}
{{ kernel_import }}
import type * as $mizan from "./runtime.js";

/** The params of each server-rendered context to prefetch. */
{%- if request.is_empty() %}
export interface HydrationRequest {}
{%- else %}
export interface HydrationRequest {
{%- for (jsdoc, key, ty) in request %}
{{ jsdoc }}  readonly {{ key }}?: {{ ty }};
{%- endfor %}
}
{%- endif %}

/**
 * On the server: fetches the `global` context and every `ssr=#true` context
 * into `client` (the request's own: `createClient()` per request, never
 * shared between users), and returns what `<MizanProvider hydration>` takes,
 * so the first paint carries data; render with `<MizanProvider client>`.
 * Entries that failed are left out (the browser fetches them). A server
 * module (no "use client"): it imports only the kernel, and the runtime's
 * types.
 */
export async function prefetchHydration(
  client: MizanClient,
  {{ request_param }}: HydrationRequest = {},
): Promise<$mizan.MizanHydration> {
{{ entries }}
{%- for p in pushes %}
{{ p }}
{%- endfor %}
  await Promise.all(entries.map(([c, p]) => client.prefetch(c, p)));
  const hydration: Record<string, unknown> = {};
  for (const [context, params] of entries) {
    const snapshot = client.snapshot(context, params);
    if (snapshot.status === "success")
      hydration[entryKey(context, params)] = snapshot.data;
  }
  return hydration;
}
