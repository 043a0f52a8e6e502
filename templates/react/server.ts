{%- if let Some(i) = imports %}
{{ i }}
{%- endif %}
{{ runtime_import }}

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
 */
export function prefetchHydration(
  {{ request_param }}: HydrationRequest = {},
): Promise<$mizan.MizanHydration> {
{{ entries }}
{%- for p in pushes %}
{{ p }}
{%- endfor %}
  return $mizan.collectHydration(entries);
}
