//! The transport contract: how a call or a context fetch reaches a backend.

import { MizanError } from "./errors.js";
import type { InvalidateEntry, MergeEntry, Params } from "./params.js";

/** Which wire a function is declared on (the IR's `transport=`). */
export type Wire = "http" | "websocket";

/** One `client.call`, as a transport sees it. */
export interface CallRequest {
  readonly fn: string;
  readonly args: Params;
  /** Names of the params holding `File`/`Blob` values; present means "send as multipart". */
  readonly uploadParams: readonly string[] | undefined;
  readonly wire: Wire;
  /** Aborts the call: the caller's signal, or the kernel's when a `timeout` elapses. */
  readonly signal: AbortSignal | undefined;
  /** Per-call headers, set over the configured `headers()` (HTTP only; a socket frame has none). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** A successful call: its result plus what the server says changed. */
export interface CallOutcome {
  readonly result: unknown;
  readonly invalidate: readonly InvalidateEntry[];
  readonly merge: readonly MergeEntry[];
}

/** One context bundle fetch. `functions` maps each function to its own param names. */
export interface ContextRequest {
  readonly context: string;
  readonly params: Params;
  readonly functions: Readonly<Record<string, readonly string[]>> | undefined;
  readonly wire: Wire;
  readonly signal: AbortSignal | undefined;
  /** Per-fetch headers, set over the configured `headers()` (HTTP only). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/** Anything that can carry calls and context fetches (HTTP, WebSocket, Tauri IPC, a test double). */
export interface Transport {
  call(request: CallRequest): Promise<CallOutcome>;
  fetchContext(request: ContextRequest): Promise<Record<string, unknown>>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isInvalidateEntry(value: unknown): value is InvalidateEntry {
  if (typeof value === "string") return true;
  if (!isRecord(value)) return false;
  if (typeof value["function"] === "string") return true;
  return typeof value["context"] === "string" && isRecord(value["params"]);
}

function isMergeEntry(value: unknown): value is MergeEntry {
  return (
    isRecord(value) &&
    typeof value["context"] === "string" &&
    typeof value["slot"] === "string" &&
    "value" in value &&
    (value["params"] === undefined || isRecord(value["params"]))
  );
}

/** Reads `{<resultKey>, invalidate?, merge?}` from a response body; malformed entries are a protocol error. */
export function outcomeFrom(
  body: unknown,
  resultKey: "result" | "data",
): CallOutcome {
  if (!isRecord(body) || !(resultKey in body)) {
    throw new MizanError(
      "INTERNAL_ERROR",
      `malformed call response: no "${resultKey}"`,
    );
  }
  const invalidate = body["invalidate"] ?? [];
  const merge = body["merge"] ?? [];
  if (!Array.isArray(invalidate) || !invalidate.every(isInvalidateEntry)) {
    throw new MizanError(
      "INTERNAL_ERROR",
      'malformed call response: bad "invalidate"',
    );
  }
  if (!Array.isArray(merge) || !merge.every(isMergeEntry)) {
    throw new MizanError(
      "INTERNAL_ERROR",
      'malformed call response: bad "merge"',
    );
  }
  return { result: body[resultKey], invalidate, merge };
}

/** Checks a context bundle is a JSON object. */
export function bundleFrom(
  body: unknown,
  context: string,
): Record<string, unknown> {
  if (!isRecord(body))
    throw new MizanError(
      "INTERNAL_ERROR",
      `malformed bundle for context "${context}"`,
    );
  return body;
}

/** The error a request rejects with when its `timeout` elapses: `NETWORK_ERROR`, `details.timeout` = the ms. */
export function timeoutError(ms: number): MizanError {
  return new MizanError("NETWORK_ERROR", `timed out after ${ms} ms`, 0, {
    timeout: ms,
  });
}

/**
 * Runs `run` with a signal that aborts when `signal` does (with its reason) or
 * after `timeout` ms (with `timeoutError`). The result also rejects the moment
 * that signal aborts, so a transport that ignores signals still gives up.
 */
export async function withDeadline<T>(
  signal: AbortSignal | undefined,
  timeout: number | undefined,
  run: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (timeout === undefined || !(timeout > 0) || !Number.isFinite(timeout))
    return run(signal);
  const controller = new AbortController();
  const forward = (): void => controller.abort(signal?.reason);
  if (signal?.aborted === true) forward();
  else signal?.addEventListener("abort", forward);
  const timer = setTimeout(
    () => controller.abort(timeoutError(timeout)),
    timeout,
  );
  const aborted = new Promise<never>((_, reject) => {
    const fail = (): void => reject(controller.signal.reason);
    if (controller.signal.aborted) fail();
    else controller.signal.addEventListener("abort", fail);
  });
  try {
    return await Promise.race([run(controller.signal), aborted]);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forward);
  }
}
