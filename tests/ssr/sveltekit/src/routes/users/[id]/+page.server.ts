// The server `load`: prefetches `global` and this user's `user` entry with a
// client of its own (sending through `event.fetch`, with the request's
// credentials), and returns the dehydrated state as page data.
import { env } from "$env/dynamic/private";
import { loadHydration } from "$lib/mizan/svelte/ssr.js";
import type { PageServerLoad } from "./$types";

// The request headers passed on to the backend: its credentials
// (`x-test-user` marks the test's requests in the server's log).
const FORWARDED = ["cookie", "authorization", "x-test-user"];

export const load: PageServerLoad = async (event) => {
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = event.request.headers.get(name);
    if (value !== null) forwarded[name] = value;
  }
  const userId = Number(event.params.id);
  const mizan = await loadHydration(
    event,
    { user: { user_id: userId } },
    // The server talks to the backend directly; the browser through `/api/mizan`.
    { baseUrl: env["MIZAN_API_URL"], headers: () => forwarded },
  );
  return { userId, mizan };
};
