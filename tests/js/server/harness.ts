//! Starts the test server as a child process for a test suite, and talks to its test endpoints.

import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { LogEntry } from "./auth.js";

/** A running server: where it listens, its request log, and how to reset or stop it. */
export interface RunningServer {
  readonly origin: string;
  /** `origin` + the protocol base path (what `configure({baseUrl})` takes). */
  readonly baseUrl: string;
  log(): Promise<LogEntry[]>;
  reset(): Promise<void>;
  /** Holds every call, bundle and socket RPC answer back `ms` (until `reset`). */
  delay(ms: number): Promise<void>;
  /** Drops every open WebSocket; resolves with how many. */
  dropSockets(): Promise<number>;
  /** The next `count` context fetches answer `status` (default 503) with an error body. */
  failContexts(count: number, status?: number): Promise<void>;
  /** The next `count` successful call results and context bundles arrive with every number turned into a string. */
  malformed(count: number): Promise<void>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

/** Spawns `node --import tsx server/main.ts` on a free loopback port and waits for `listening <port>`. */
export async function startServer(base = "/api/mizan"): Promise<RunningServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", MAIN],
    {
      env: { ...process.env, PORT: "0", MIZAN_BASE: base },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match === null)
        reject(new Error(`unexpected first line from server: ${line}`));
      else resolve(Number(match[1]));
    });
    child.once("exit", (code) =>
      reject(new Error(`server exited early (code ${code})`)),
    );
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}${base}`,
    log: async () =>
      (await (await fetch(`${origin}/__log`)).json()) as LogEntry[],
    reset: async () =>
      void (
        await fetch(`${origin}/__reset`, { method: "POST" })
      ).body?.cancel(),
    delay: async (ms) =>
      void (
        await fetch(`${origin}/__delay?ms=${ms}`, { method: "POST" })
      ).body?.cancel(),
    dropSockets: async () =>
      (
        (await (
          await fetch(`${origin}/__drop-sockets`, { method: "POST" })
        ).json()) as { dropped: number }
      ).dropped,
    failContexts: async (count, status = 503) =>
      void (
        await fetch(
          `${origin}/__fail-contexts?count=${count}&status=${status}`,
          {
            method: "POST",
          },
        )
      ).body?.cancel(),
    malformed: async (count) =>
      void (
        await fetch(`${origin}/__malformed?count=${count}`, { method: "POST" })
      ).body?.cancel(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
