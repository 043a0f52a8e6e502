{{ imports }}

/*
 * Server rendering, per request (SvelteKit): a `load` prefetches with a
 * client of its own that sends through `event.fetch` (`loadHydration`) and
 * returns the dehydrated state, plain JSON; the page seeds its own client
 * with it (`client.hydrate(data.mizan)`) before its stores read it, so the
 * server render and the browser's first paint both have the data and the
 * browser fetches nothing again. No client is shared between requests.
 */

/** Bundles keyed by `entryKey` (`client.dehydrate()`'s shape), the input of `client.hydrate`. */
export type MizanHydration = Readonly<Record<string, unknown>>;

{{ prefetch }}

/** What `loadHydration` needs of a SvelteKit `load` event: its `fetch`. */
export interface MizanLoadEvent {
  readonly fetch: typeof fetch;
}

/**
 * In a SvelteKit `load` (`+page.server.ts`, `+layout.server.ts` or a
 * universal `+page.ts`): prefetches `request` with a new client that sends
 * through `event.fetch` (so `handleFetch` and SvelteKit's cookie rules
 * apply), closes it, and returns its state to return from `load`:
 * `return { mizan: await loadHydration(event, { user: { user_id } }) }`.
 * `options` are `createClient`'s: on the server, the backend's absolute
 * `baseUrl` and the request's credentials in `headers`; `staleTime`
 * defaults to `Infinity` (one load never refetches what it fetched).
 */
export async function loadHydration(
  event: MizanLoadEvent,
  request: HydrationRequest = {},
  options: MizanClientOptions = {},
): Promise<MizanHydration> {
  const client = createClient({
    staleTime: Infinity,
    ...options,
    fetch: event.fetch,
  });
  try {
    return await prefetchHydration(client, request);
  } finally {
    client.close();
  }
}
