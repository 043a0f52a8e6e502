// The request's Mizan client, for Server Components. React's `cache` keeps
// one per request: every Server Component of a render shares it, and no two
// requests (two users) ever do.
import { headers } from "next/headers";
import { cache } from "react";
import { createClient } from "../mizan/stage1/index.js";

// The request headers passed on to the backend: its credentials
// (`x-test-user` marks the test's requests in the server's log).
const FORWARDED = ["cookie", "authorization", "x-test-user"];

export const requestClient = cache(async () => {
  const incoming = await headers();
  const forwarded: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = incoming.get(name);
    if (value !== null) forwarded[name] = value;
  }
  return createClient({
    // The server talks to the backend directly; the browser through `/api/mizan`.
    baseUrl: process.env["MIZAN_API_URL"],
    headers: () => forwarded,
    // One render never refetches what it prefetched, and the client keeps
    // no timer alive once the request is done.
    staleTime: Infinity,
    gcTime: Infinity,
  });
});
