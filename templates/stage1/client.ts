{{ imports }}
{%- if has_contexts %}
import { contexts } from "./contexts.js";
{%- endif %}

export type { MizanClient, MizanClientOptions };

/** Where the backend mounts the protocol: the IR's `base-url` (or `mizan.toml`'s `base_url`). */
const BASE_URL = {{ base_url }};

/**
 * A new client of this API: the kernel's `createMizanClient` with the API's
 * base URL as the default `baseUrl`{% if has_contexts %} and every context registered{% endif %}.
 * One per server request; in the browser, one per backend.
 */
export function createClient(options: MizanClientOptions = {}): MizanClient {
  return createMizanClient({
    ...options,
    baseUrl: options.baseUrl ?? BASE_URL,
{%- if has_contexts %}
    contexts: { ...contexts, ...options.contexts },
{%- endif %}
  });
}
