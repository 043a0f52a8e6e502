// One Mizan client per request on the server (a Nuxt plugin runs once per
// request there), serialized into Nuxt's payload once the page rendered;
// in the browser, one client seeded from that payload before the app mounts.
import { createClient } from "../../mizan/stage1/index.js";
import { createMizan } from "../../mizan/vue/index.js";
import type { MizanHydration } from "../../mizan/vue/ssr.js";

// The request headers passed on to the backend: its credentials
// (`x-test-user` marks the test's requests in the server's log).
const FORWARDED = ["cookie", "authorization", "x-test-user"];

export default defineNuxtPlugin((nuxtApp) => {
  const state = useState<MizanHydration | null>("mizan", () => null);
  if (import.meta.server) {
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(useRequestHeaders(FORWARDED)))
      if (value !== undefined) forwarded[name] = value;
    const client = createClient({
      // The server talks to the backend directly; the browser through `/api/mizan`.
      baseUrl: useRuntimeConfig().mizanApiUrl,
      headers: () => forwarded,
      // One render never refetches what it prefetched, and the client keeps
      // no timer alive once the request is done.
      staleTime: Infinity,
      gcTime: Infinity,
    });
    nuxtApp.vueApp.use(createMizan(client));
    nuxtApp.hook("app:rendered", () => {
      state.value = client.dehydrate();
      client.close();
    });
  } else {
    const client = createClient();
    if (state.value !== null) client.hydrate(state.value);
    // These pages only read: no session start (`GET /session/`) is needed.
    nuxtApp.vueApp.use(createMizan(client, { session: false }));
  }
});
