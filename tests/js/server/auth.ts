//! Server state shared by the HTTP and WebSocket sides, and who counts as signed in.

import type http from "node:http";
import type { ShopState } from "./shop.js";

/** One request the server saw, as `GET /__log` lists it. */
export interface LogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  fn?: string;
  /** The request's `X-Test-*` headers (lower-cased names), when it had any. */
  headers?: Record<string, string>;
  files?: {
    field: string;
    filename: string;
    size: number;
    contentType: string;
  }[];
}

/** Everything the server keeps; `/__reset` replaces `shop`, empties `log` and zeroes `delay`. */
export interface ServerState {
  shop: ShopState;
  log: LogEntry[];
  sessions: Set<string>;
  /** Milliseconds every call, bundle and socket RPC waits before answering (`POST /__delay?ms=`). */
  delay: number;
  /** Set by `POST /__fail-contexts`: the next `remaining` context fetches answer `status`. */
  contextFailures?: { remaining: number; status: number };
  /** Set by `POST /__malformed`: how many more call results and bundles to send malformed. */
  malformed?: number;
}

/** The bearer token the server accepts (`Authorization: Bearer test-token`, or `?token=` on the socket). */
export const TEST_TOKEN = "test-token";

function cookies(req: http.IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const item of (req.headers.cookie ?? "").split(";")) {
    const eq = item.indexOf("=");
    if (eq > 0)
      jar.set(
        item.slice(0, eq).trim(),
        decodeURIComponent(item.slice(eq + 1).trim()),
      );
  }
  return jar;
}

/** Bearer `test-token`, or a session cookie (plus a matching `X-CSRFToken` on unsafe methods). */
export function isAuthenticated(
  req: http.IncomingMessage,
  state: ServerState,
): boolean {
  if (req.headers.authorization === `Bearer ${TEST_TOKEN}`) return true;
  const session = cookies(req).get("csrftoken");
  if (session === undefined || !state.sessions.has(session)) return false;
  return req.method === "GET" || req.headers["x-csrftoken"] === session;
}
