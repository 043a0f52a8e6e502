//! Fault injection for the clients' resilience tests, apart from the rest of the
//! server: `POST /__fail?kind=call|context&count=&status=&retry-after=` makes the
//! next `count` calls (or context fetches) answer `status` (with `Retry-After`
//! when given), after they are logged; `POST /__drift?from=&to=&count=` makes the
//! next `count` successful call results and bundles carry `to` wherever they
//! held the string `from` (an enum value a newer server sends);
//! `POST /__refuse-sockets?count=` makes the next `count` WebSocket upgrades fail
//! (the connection is destroyed: reconnect limits). `/__reset` clears all three.

import type http from "node:http";

/** A failure armed by `/__fail`. */
interface Failure {
  kind: "call" | "context";
  remaining: number;
  status: number;
  retryAfter: string | null;
}

/** A rewrite armed by `/__drift`. */
interface Drift {
  from: string;
  to: string;
  remaining: number;
}

export interface Faults {
  failures: Failure[];
  drift?: Drift;
  /** WebSocket upgrades still to refuse (`/__refuse-sockets`). */
  refusedUpgrades: number;
}

export function createFaults(): Faults {
  return { failures: [], refusedUpgrades: 0 };
}

export function resetFaults(faults: Faults): void {
  faults.failures.length = 0;
  delete faults.drift;
  faults.refusedUpgrades = 0;
}

/** Whether to refuse this WebSocket upgrade (counting it). */
export function refuseUpgrade(faults: Faults): boolean {
  if (faults.refusedUpgrades <= 0) return false;
  faults.refusedUpgrades -= 1;
  return true;
}

type Send = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
) => void;

/** Answers `/__fail`, `/__drift` and `/__refuse-sockets`; true when the request was one of them. */
export function faultRoute(
  faults: Faults,
  url: URL,
  method: string,
  res: http.ServerResponse,
  send: Send,
): boolean {
  const count = Number(url.searchParams.get("count") ?? "1");
  if (url.pathname === "/__fail" && method === "POST") {
    const kind = url.searchParams.get("kind") === "call" ? "call" : "context";
    faults.failures.push({
      kind,
      remaining: count,
      status: Number(url.searchParams.get("status") ?? "503"),
      retryAfter: url.searchParams.get("retry-after"),
    });
    send(res, 200, { ok: true });
    return true;
  }
  if (url.pathname === "/__refuse-sockets" && method === "POST") {
    faults.refusedUpgrades = count;
    send(res, 200, { ok: true });
    return true;
  }
  if (url.pathname === "/__drift" && method === "POST") {
    faults.drift = {
      from: url.searchParams.get("from") ?? "",
      to: url.searchParams.get("to") ?? "",
      remaining: count,
    };
    send(res, 200, { ok: true });
    return true;
  }
  return false;
}

const CODES: Record<number, string> = {
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  422: "VALIDATION_ERROR",
  501: "NOT_IMPLEMENTED",
};

/** Answers with the next armed failure of `kind`, if any (counting it); true when it did. */
export function injectFailure(
  faults: Faults,
  kind: "call" | "context",
  res: http.ServerResponse,
  send: Send,
): boolean {
  const failure = faults.failures.find(
    (f) => f.kind === kind && f.remaining > 0,
  );
  if (failure === undefined) return false;
  failure.remaining -= 1;
  const code =
    CODES[failure.status] ??
    (failure.status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST");
  const headers: Record<string, string> =
    failure.retryAfter === null ? {} : { "Retry-After": failure.retryAfter };
  send(
    res,
    failure.status,
    { error: { code, message: `injected failure (/__fail)` } },
    headers,
  );
  return true;
}

/** `value` with the armed drift applied (counting it), or as it is. */
export function drift(faults: Faults, value: unknown): unknown {
  const armed = faults.drift;
  if (armed === undefined || armed.remaining <= 0) return value;
  armed.remaining -= 1;
  const rewrite = (item: unknown): unknown => {
    if (item === armed.from) return armed.to;
    if (Array.isArray(item)) return item.map(rewrite);
    if (typeof item === "object" && item !== null)
      return Object.fromEntries(
        Object.entries(item).map(([key, v]) => [key, rewrite(v)]),
      );
    return item;
  };
  return rewrite(value);
}
