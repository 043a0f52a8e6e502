{{ imports }}
import { inject, ssrContextKey } from "vue";
import { useMizanClient } from "./runtime.js";

/*
 * Server rendering, per request (Nuxt, or Vue's own `renderToString`): the
 * app gets a client of its own for each request (`createMizan(client)`);
 * each component that renders server-rendered data first awaits
 * `useMizanPrefetch`, so its composables find the data in that client; the
 * rendered app's client is serialized with `client.dehydrate()` into the
 * page (Nuxt: its payload), and the browser's client is seeded with
 * `client.hydrate()` before the app mounts: the first paint has the data
 * and nothing is fetched again.
 */

/** Bundles keyed by `entryKey` (`client.dehydrate()`'s shape), the input of `client.hydrate`. */
export type MizanHydration = Readonly<Record<string, unknown>>;

{{ prefetch }}

/**
 * In a component's `setup`, awaited before its composables: on the server,
 * resolves once `prefetchHydration(client, request)` has fetched those
 * contexts into the app's client, so the composables below read them and
 * the HTML carries their data (like Nuxt's `await useAsyncData`); in the
 * browser it resolves at once (the client was hydrated before mounting).
 * `<script setup>` keeps the component's context across the `await`; an
 * async component renders inside `<Suspense>` (Nuxt's pages do).
 */
export async function useMizanPrefetch(
  request: HydrationRequest = {},
): Promise<void> {
  // Both read the component's context, so before the first `await`.
  const server = inject(ssrContextKey, null) !== null;
  const client = useMizanClient();
  if (server) await prefetchHydration(client, request);
}
