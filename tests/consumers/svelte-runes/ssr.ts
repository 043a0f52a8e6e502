// A hand-written consumer of the Svelte target's `ssr.ts` for the shop
// fixture, as a SvelteKit `load` and page use it. It must pass
// svelte-check; every `@ts-expect-error` line must be an error.
import { createClient } from "./gen/shop/stage1/index";
import { loadHydration, type MizanHydration } from "./gen/shop/svelte-runes/ssr";

interface Event {
  readonly fetch: typeof fetch;
  readonly params: { readonly id: string };
}

export async function load(event: Event): Promise<{ mizan: MizanHydration }> {
  const mizan = await loadHydration(
    event,
    { user: { user_id: Number(event.params.id) } },
    { baseUrl: "http://backend/api/mizan", headers: () => ({ cookie: "a=b" }) },
  );
  await loadHydration(event);
  // @ts-expect-error the event must bring its fetch
  await loadHydration({}, {});
  // @ts-expect-error an unknown context
  await loadHydration(event, { users: { user_id: 5 } });
  return { mizan };
}

export function pageClient(data: { mizan: MizanHydration }) {
  const client = createClient();
  client.hydrate(data.mizan);
  return client;
}
