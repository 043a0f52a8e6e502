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
 * into the kernel, and returns what `<MizanProvider hydration>` takes, so
 * the first paint carries data. Entries that failed are left out (the
 * client fetches them). Isolate requests on a shared server (one kernel per
 * request, or `resetKernel` between them): the kernel's store is global.
 * A server module (no "use client"): it imports only the kernel, and the
 * runtime's types.
 */
export async function prefetchHydration(
  {{ request_param }}: HydrationRequest = {},
): Promise<$mizan.MizanHydration> {
{{ entries }}
{%- for p in pushes %}
{{ p }}
{%- endfor %}
  await Promise.all(entries.map(([c, p]) => prefetchContext(c, p)));
  const hydration: Record<string, unknown> = {};
  for (const [context, params] of entries) {
    const snapshot = getContextSnapshot(context, params);
    if (snapshot.status === "success")
      hydration[entryKey(context, params)] = snapshot.data;
  }
  return hydration;
}
