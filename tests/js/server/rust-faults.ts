//! Faults for the Rust client's end-to-end test (`tests/rust_e2e`), kept
//! apart from the other test endpoints: `app.ts` calls the two hooks below
//! and nothing else here.
//!
//! - `POST /__rust/fail?on=ctx|call&count=N&status=S[&retry_after=SECONDS]`:
//!   the next `N` context fetches (`on=ctx`, the default) or calls
//!   (`on=call`) answer `S` (default 503) with a protocol error body, and a
//!   `Retry-After` header when `retry_after` is given. The request is
//!   logged as usual, so `/__log` counts the tries.
//! - `POST /__rust/unknown-enums?count=N`: the next `N` context bundles
//!   come back with every `status` and `role` string turned into a value no
//!   client knows (`"on_hold"`, `"auditor"`), as from a newer backend.
//!
//! `POST /__reset` clears both.

import type http from "node:http";
import type { ServerState } from "./auth.js";

interface Faults {
  failures: {
    on: "ctx" | "call";
    remaining: number;
    status: number;
    retryAfter?: string;
  }[];
  unknownEnums: number;
}

const faults = new WeakMap<ServerState, Faults>();

function of(state: ServerState): Faults {
  let f = faults.get(state);
  if (f === undefined) {
    f = { failures: [], unknownEnums: 0 };
    faults.set(state, f);
  }
  return f;
}

function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** Handles `/__rust/*` (and notes `/__reset`); true when it answered. */
export function rustTestEndpoint(
  url: URL,
  method: string,
  state: ServerState,
  res: http.ServerResponse,
): boolean {
  if (url.pathname === "/__reset" && method === "POST") {
    faults.delete(state);
    return false;
  }
  if (url.pathname === "/__rust/fail" && method === "POST") {
    const on = url.searchParams.get("on") === "call" ? "call" : "ctx";
    const retryAfter = url.searchParams.get("retry_after") ?? undefined;
    of(state).failures.push({
      on,
      remaining: Number(url.searchParams.get("count") ?? "1"),
      status: Number(url.searchParams.get("status") ?? "503"),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    });
    json(res, 200, { ok: true });
    return true;
  }
  if (url.pathname === "/__rust/unknown-enums" && method === "POST") {
    of(state).unknownEnums += Number(url.searchParams.get("count") ?? "1");
    json(res, 200, { ok: true });
    return true;
  }
  return false;
}

const UNKNOWN: Record<string, string> = { status: "on_hold", role: "auditor" };

/** `value` with every `status` and `role` string replaced by a value no client knows. */
function withUnknownEnums(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withUnknownEnums);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      typeof item === "string" && UNKNOWN[key] !== undefined
        ? UNKNOWN[key]
        : withUnknownEnums(item),
    ]),
  );
}

/**
 * For a call or context fetch under `base`: answers an injected failure
 * (true), or arms the unknown-enum rewrite of this response's JSON body.
 */
export function rustFault(
  url: URL,
  method: string,
  base: string,
  state: ServerState,
  res: http.ServerResponse,
): boolean {
  const f = faults.get(state);
  if (f === undefined) return false;
  const on =
    url.pathname === `${base}/call/` && method === "POST"
      ? "call"
      : url.pathname.startsWith(`${base}/ctx/`) && method === "GET"
        ? "ctx"
        : undefined;
  if (on === undefined) return false;
  const failure = f.failures.find((x) => x.on === on && x.remaining > 0);
  if (failure !== undefined) {
    failure.remaining -= 1;
    const code = failure.status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
    const headers: Record<string, string> =
      failure.retryAfter === undefined
        ? {}
        : { "Retry-After": failure.retryAfter };
    json(
      res,
      failure.status,
      { error: { code, message: "injected failure (/__rust/fail)" } },
      headers,
    );
    return true;
  }
  if (on === "ctx" && f.unknownEnums > 0) {
    f.unknownEnums -= 1;
    // The body is written once, by `res.end(text)`, without a length.
    const end = res.end.bind(res) as (chunk: string) => http.ServerResponse;
    res.end = ((chunk: unknown) => {
      const text = typeof chunk === "string" ? chunk : String(chunk);
      return end(JSON.stringify(withUnknownEnums(JSON.parse(text) as unknown)));
    }) as typeof res.end;
  }
  return false;
}
