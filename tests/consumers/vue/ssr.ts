// A hand-written consumer of the Vue target's `ssr.ts` for the shop
// fixture, as a Nuxt plugin and page use it. It must type-check under
// vue-tsc; every `@ts-expect-error` line must be an error.
import { createClient } from "./gen/shop/stage1/index";
import { createMizan } from "./gen/shop/vue/index";
import {
  prefetchHydration,
  useMizanPrefetch,
  type HydrationRequest,
  type MizanHydration,
} from "./gen/shop/vue/ssr";

export async function serverState(): Promise<MizanHydration> {
  const client = createClient({
    baseUrl: "http://backend/api/mizan",
    headers: () => ({ cookie: "sessionid=1" }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  createMizan(client);
  const some: MizanHydration = await prefetchHydration(client, {
    user: { user_id: 5 },
  });
  await prefetchHydration(client);
  // @ts-expect-error user_id is a number
  await prefetchHydration(client, { user: { user_id: "5" } });
  // @ts-expect-error catalog is not server-rendered (no ssr=#true)
  await prefetchHydration(client, { catalog: {} });
  return { ...some, ...client.dehydrate() };
}

export async function setup(request: HydrationRequest): Promise<void> {
  await useMizanPrefetch(request);
  await useMizanPrefetch();
  // @ts-expect-error a context's params, not a bare id
  await useMizanPrefetch({ user: 5 });
}
