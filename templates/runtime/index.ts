//! `@mizan/base` — the kernel every generated TypeScript client calls. See docs/kernel.md.

import { currentConfig, resetConfig } from "./config.js";
import { httpCall, httpFetchContext } from "./http.js";
import type { InvalidateEntry, MergeEntry, Params } from "./params.js";
import { socket, type ChannelStatus } from "./socket.js";
import { applyChanges, contextSpec, resetStore, setFetcher } from "./store.js";
import {
  withDeadline,
  type CallOutcome,
  type CallRequest,
  type ContextRequest,
  type Transport,
  type Wire,
} from "./transport.js";

export {
  configure,
  getCsrfToken,
  type KernelOptions,
  type SocketConstructor,
  type SocketLike,
} from "./config.js";
export { MizanError, type ErrorCode } from "./errors.js";
export { initSession } from "./http.js";
export {
  entryKey,
  parseInvalidateHeader,
  type InvalidateEntry,
  type MergeEntry,
  type Params,
} from "./params.js";
export type { ChannelStatus } from "./socket.js";
export {
  cacheSize,
  dehydrate,
  getContextSnapshot,
  hydrate,
  whenIdle,
  prefetchContext,
  refetchContext,
  registerContext,
  subscribeContext,
  type ContextSnapshot,
  type ContextSpec,
} from "./store.js";
export { tauriTransport, type Invoke } from "./tauri.js";
export type {
  CallOutcome,
  CallRequest,
  ContextRequest,
  Transport,
  Wire,
} from "./transport.js";

/** Options of `mizanFetch` (and of every call). */
export interface RequestOptions {
  /** Aborts the request; it rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Headers for this request only, set over the configured `headers()` (HTTP; ignored over the socket). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds before the request is given up with a `NETWORK_ERROR` (`details.timeout`); default: `configure`'s `timeout`, `0` = none. */
  readonly timeout?: number;
}

/** Options of `mizanCall`. */
export interface CallOptions extends RequestOptions {
  /** The function's declared wire (IR `transport=`); default `"http"`. */
  readonly transport?: Wire;
  /** Names of the params holding `File`/`Blob` (or arrays of them). Present ⇒ sent as multipart over HTTP. */
  readonly uploadParams?: readonly string[];
}

/** The wire used by the built-in router: per-call wire, else the configured default; uploads force HTTP. */
function pickWire(declared: Wire | undefined, uploads: boolean): Wire {
  const configured = currentConfig().transport;
  if (uploads) return "http";
  return declared ?? (configured === "websocket" ? "websocket" : "http");
}

const router: Transport = {
  call: (request: CallRequest): Promise<CallOutcome> =>
    request.wire === "websocket"
      ? socket.rpc(request.fn, request.args, request.signal)
      : httpCall(request),
  fetchContext: (request: ContextRequest): Promise<Record<string, unknown>> =>
    request.wire === "websocket"
      ? fetchOverSocket(request)
      : httpFetchContext(request),
};

/** A websocket context has no bundle endpoint: call each function by RPC with its own params. */
async function fetchOverSocket(
  request: ContextRequest,
): Promise<Record<string, unknown>> {
  const functions = Object.entries(request.functions ?? {});
  const results = await Promise.all(
    functions.map(async ([fn, names]) => {
      const args = Object.fromEntries(
        names
          .filter((n) => request.params[n] !== undefined)
          .map((n) => [n, request.params[n]]),
      );
      const outcome = await socket.rpc(fn, args, request.signal);
      return [fn, outcome.result] as const;
    }),
  );
  return Object.fromEntries(results);
}

function transport(): Transport {
  const configured = currentConfig().transport;
  return typeof configured === "string" ? router : configured;
}

/** The timeout in force: the request's own, else the configured default. */
function timeoutOf(options: RequestOptions): number {
  return options.timeout ?? currentConfig().timeout;
}

// Cache fetches get the configured default timeout too.
setFetcher((request) =>
  withDeadline(request.signal, currentConfig().timeout, (signal) =>
    transport().fetchContext({ ...request, signal }),
  ),
);

/** Calls a backend function; on success applies its `merge` then `invalidate` before resolving. */
export async function mizanCall<T>(
  fn: string,
  args: object,
  options: CallOptions = {},
): Promise<T> {
  const outcome = await withDeadline(
    options.signal,
    timeoutOf(options),
    (signal) =>
      transport().call({
        fn,
        args: args as Params,
        uploadParams: options.uploadParams,
        wire: pickWire(options.transport, options.uploadParams !== undefined),
        signal,
        headers: options.headers,
      }),
  );
  // Refetches run in the background; the caller gets its result as soon as merges are applied.
  void applyChanges(outcome.invalidate, outcome.merge);
  return outcome.result as T;
}

/** Fetches a context bundle directly, bypassing the store (no caching, no subscribers notified). */
export async function mizanFetch<T>(
  context: string,
  params: object,
  options: RequestOptions = {},
): Promise<T> {
  const spec = contextSpec(context);
  const bundle = await withDeadline(
    options.signal,
    timeoutOf(options),
    (signal) =>
      transport().fetchContext({
        context,
        params: params as Params,
        functions: spec?.functions,
        wire: spec?.transport ?? "http",
        signal,
        headers: options.headers,
      }),
  );
  return bundle as T;
}

/** Applies invalidation that arrived some other way (e.g. an `X-Mizan-Invalidate` header on a view response). */
export function applyInvalidation(
  invalidate: readonly InvalidateEntry[],
  merge: readonly MergeEntry[] = [],
): Promise<void> {
  return applyChanges(invalidate, merge);
}

/** A live channel subscription. */
export interface ChannelHandle<In> {
  send(message: In): void;
  close(): void;
}

/** Subscribes to a channel over the shared socket; `onMessage` gets each server message's `data`. */
export function subscribeChannel<Out, In = never>(
  channel: string,
  params: object,
  onMessage: (message: Out) => void,
  onStatus?: (status: ChannelStatus, error?: string) => void,
): ChannelHandle<In> {
  return socket.subscribe(channel, params as Params, {
    onMessage: (data) => onMessage(data as Out),
    onStatus: (status, error) => onStatus?.(status, error),
  });
}

/** Listens to server pushes `{"type": "push", "topic": <topic>}`. Returns the unsubscribe. */
export function subscribePush<T>(
  topic: string,
  onData: (data: T) => void,
): () => void {
  return socket.onPush(topic, (data) => onData(data as T));
}

/** Back to a fresh kernel: default config, empty store, socket closed. For tests and SSR isolation. */
export function resetKernel(): void {
  socket.shutdown();
  resetStore();
  resetConfig();
}

export {
  validateFields,
  type AffectEdge,
  type FieldErrors,
  type FieldFormat,
  type FieldKind,
  type FieldSchema,
  type FormSchema,
  type InvalidationGraph,
  type MergeEdge,
} from "./forms.js";
