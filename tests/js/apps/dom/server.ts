// The test server's own endpoints, seen from a test (started by
// `server.setup.ts`).
import { inject } from "vitest";

export const origin = inject("origin");
export const baseUrl = `${origin}/api/mizan`;

/** One request the server saw. */
export interface LogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  fn?: string;
}

export async function serverLog(): Promise<LogEntry[]> {
  return (await (await fetch(`${origin}/__log`)).json()) as LogEntry[];
}

/** Fresh seed data and an empty request log. */
export async function resetServer(): Promise<void> {
  await (await fetch(`${origin}/__reset`, { method: "POST" })).text();
}

/** Context GETs since the last reset, as sorted `context?query` strings. */
export async function contextFetches(): Promise<string[]> {
  return (await serverLog())
    .filter((e) => e.method === "GET" && e.path.includes("/ctx/"))
    .map((e) => {
      const query = new URLSearchParams(e.query).toString();
      return `${e.path.replace(/^.*\/ctx\//, "").replace(/\/$/, "")}?${query}`;
    })
    .sort();
}

/** Calls the server saw since the last reset, by function name. */
export async function calls(): Promise<string[]> {
  return (await serverLog()).flatMap((e) => (e.fn === undefined ? [] : [e.fn]));
}

export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Holds every later call, bundle and socket RPC answer back `ms` (0: none). */
export async function delay(ms: number): Promise<void> {
  await (await fetch(`${origin}/__delay?ms=${ms}`, { method: "POST" })).text();
}

/** Waits until `count` calls reached the server (logged on arrival, before any delay). */
export async function callsArrived(count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const log = await serverLog();
    if (log.filter((e) => e.path.endsWith("/call/")).length >= count) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} calls`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
