//! Client configuration: the options, their defaults, and what derives from them. No state here:
//! each client holds its own `Config`.

import type { MizanError } from "./errors.js";
import type { Transport, Wire } from "./transport.js";

/**
 * Whether a failed context fetch is tried again: a number of retries (of a `NETWORK_ERROR` or a 5xx only),
 * `true` (forever) or `false` (never), or a function deciding alone for any error (`failureCount` is 0 at the
 * first failure), as in TanStack Query.
 */
export type Retry =
  number | boolean | ((failureCount: number, error: MizanError) => boolean);

/** When a watched entry refetches on an event (focus, reconnect): `true` if stale, `"always"`, or `false` (never). */
export type RefetchOn = boolean | "always";

/** Where focus and connectivity events come from; `browserEnvironment()` by default, a test double in tests. */
export interface QueryEnvironment {
  /** Calls `listener` whenever the app regains focus; returns the unsubscribe. */
  onFocus(listener: () => void): () => void;
  /** Calls `listener` whenever the network comes back; returns the unsubscribe. */
  onOnline(listener: () => void): () => void;
  /** Whether the app has focus now (a `refetchInterval` pauses while it has not). */
  isFocused(): boolean;
}

/** Client-wide defaults of every query observer's options (`client.observe`); an observer's own options win. */
export interface DefaultQueryOptions {
  readonly enabled?: boolean | undefined;
  readonly staleTime?: number | undefined;
  readonly gcTime?: number | undefined;
  /** A default `placeholderData`, e.g. `keepPreviousData` (a function: a value would not fit every context). */
  readonly placeholderData?: ((previousData: unknown) => unknown) | undefined;
  readonly refetchInterval?: number | false | undefined;
  readonly refetchIntervalInBackground?: boolean | undefined;
  readonly refetchOnWindowFocus?: RefetchOn | undefined;
  readonly refetchOnReconnect?: RefetchOn | undefined;
  readonly retry?: Retry | undefined;
  readonly retryDelay?:
    ((attempt: number, error: MizanError) => number) | undefined;
}

/** The minimal browser WebSocket surface the kernel uses (the `ws` package's class fits too). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: "message",
    listener: (event: { data: unknown }) => void,
  ): void;
  addEventListener(
    type: "open" | "close" | "error",
    listener: () => void,
  ): void;
}

/** A WebSocket constructor (`globalThis.WebSocket`, or `ws` in node). */
export type SocketConstructor = new (url: string) => SocketLike;

/**
 * Checks a reply before the client uses it: a call's `result` (`kind` `"call"`, `name` the function's wire
 * name) or a context bundle (`"context"`, the context's name). Returns the value to use (the same, or a parsed
 * copy); throws to reject it. Synchronous. The zod target's `validateResponse` is one.
 */
export type ResponseValidator = (
  kind: "call" | "context",
  name: string,
  data: unknown,
) => unknown;

/** Options of `createMizanClient` and `client.configure`; every field is optional and keeps its previous value when omitted. */
export interface KernelOptions {
  /** Prefix of every endpoint: `<baseUrl>/call/`, `/ctx/<name>/`, `/session/`, `/ws/`. Default `/api/mizan`. */
  readonly baseUrl?: string;
  /** Default wire for calls (`"http"`), or a custom transport that carries everything (e.g. `tauriTransport`). */
  readonly transport?: Wire | Transport;
  /** Extra headers for every HTTP request, e.g. `() => ({ Authorization: "Bearer " + jwt })`. */
  readonly headers?: () => Record<string, string>;
  /** The fetch to use (default `globalThis.fetch`). */
  readonly fetch?: typeof fetch;
  /** The WebSocket class to use (default `globalThis.WebSocket`). */
  readonly WebSocket?: SocketConstructor;
  /** Full WebSocket URL; default derived from `baseUrl` (`ws(s)://host<baseUrl>/ws/`). */
  readonly wsUrl?: string;
  /** `fetch` credentials mode. Default `"same-origin"`. */
  readonly credentials?: RequestCredentials;
  /** Default timeout (ms) of every call and context fetch; `0` (the default) waits forever. */
  readonly timeout?: number;
  /** How long (ms) fetched data stays fresh: a new subscriber refetches only stale data. Default 0. */
  readonly staleTime?: number;
  /** How long (ms) an entry without subscribers is kept before it is dropped. Default 5 minutes; `Infinity` keeps it. */
  readonly gcTime?: number;
  /** Retries of a context fetch failing with `NETWORK_ERROR` or a 5xx (never a 4xx, never a call), or a `Retry` function. Default 3. */
  readonly retry?: Retry;
  /** Delay (ms) before retry number `attempt` (0 for the first). Default `min(1000 * 2 ** attempt, 30000)`. */
  readonly retryDelay?: (attempt: number, error: MizanError) => number;
  /** Checks every call result and context bundle; a reply it rejects fails with `INVALID_RESPONSE`. Default: none. */
  readonly validate?: ResponseValidator;
  /** Defaults of the query observers' options (`client.observe`), over `staleTime`, `gcTime`, `retry` and `retryDelay` above. */
  readonly defaultQueryOptions?: DefaultQueryOptions;
  /** Focus and network events for `refetchOnWindowFocus`/`refetchOnReconnect`. Default: the browser's, none elsewhere. */
  readonly environment?: QueryEnvironment;
}

/** A client's configuration, every option resolved. */
export interface Config {
  baseUrl: string;
  transport: Wire | Transport;
  headers: () => Record<string, string>;
  fetch: typeof fetch | undefined;
  WebSocket: SocketConstructor | undefined;
  wsUrl: string | undefined;
  credentials: RequestCredentials;
  timeout: number;
  staleTime: number;
  gcTime: number;
  /** `true`/`false` resolved to `Infinity`/`0`. */
  retry: number | ((failureCount: number, error: MizanError) => boolean);
  retryDelay: (attempt: number, error: MizanError) => number;
  validate: ResponseValidator | undefined;
  defaultQueryOptions: DefaultQueryOptions;
  environment: QueryEnvironment;
}

/** The default configuration. */
export function defaults(): Config {
  return {
    baseUrl: "/api/mizan",
    transport: "http",
    headers: () => ({}),
    fetch: undefined,
    WebSocket: undefined,
    wsUrl: undefined,
    credentials: "same-origin",
    timeout: 0,
    staleTime: 0,
    gcTime: 5 * 60 * 1000,
    retry: 3,
    retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 30_000),
    validate: undefined,
    defaultQueryOptions: {},
    environment: browserEnvironment(),
  };
}

/** `retry` with its booleans resolved. */
function retryOf(retry: Retry): Config["retry"] {
  if (retry === true) return Infinity;
  return retry === false ? 0 : retry;
}

/** `options` merged over `config`: omitted fields keep their value. */
export function mergeConfig(config: Config, options: KernelOptions): Config {
  const next: Config = { ...config };
  if (options.baseUrl !== undefined)
    next.baseUrl = options.baseUrl.replace(/\/+$/, "");
  if (options.transport !== undefined) next.transport = options.transport;
  if (options.headers !== undefined) next.headers = options.headers;
  if (options.fetch !== undefined) next.fetch = options.fetch;
  if (options.WebSocket !== undefined) next.WebSocket = options.WebSocket;
  if (options.wsUrl !== undefined) next.wsUrl = options.wsUrl;
  if (options.credentials !== undefined) next.credentials = options.credentials;
  if (options.timeout !== undefined) next.timeout = options.timeout;
  if (options.staleTime !== undefined) next.staleTime = options.staleTime;
  if (options.gcTime !== undefined) next.gcTime = options.gcTime;
  if (options.retry !== undefined) next.retry = retryOf(options.retry);
  if (options.retryDelay !== undefined) next.retryDelay = options.retryDelay;
  if (options.validate !== undefined) next.validate = options.validate;
  if (options.defaultQueryOptions !== undefined)
    next.defaultQueryOptions = {
      ...config.defaultQueryOptions,
      ...options.defaultQueryOptions,
    };
  if (options.environment !== undefined) next.environment = options.environment;
  return next;
}

/** The fetch function in force, or a clear error when there is none. */
export function fetchFn(config: Readonly<Config>): typeof fetch {
  const fn = config.fetch ?? globalThis.fetch;
  if (typeof fn !== "function")
    throw new Error(
      "@mizan/base: no fetch available; pass one to createMizanClient()",
    );
  return fn;
}

/** The WebSocket URL: `wsUrl`, else `baseUrl` turned into ws(s)://, plus `?token=` for a bearer header. */
export function socketUrl(config: Readonly<Config>): string {
  let url = config.wsUrl;
  if (url === undefined) {
    const origin =
      (globalThis as { location?: { origin?: string } }).location?.origin ??
      "http://localhost";
    url = new URL(`${config.baseUrl}/ws/`, origin)
      .toString()
      .replace(/^http/, "ws");
  }
  const auth =
    config.headers()["Authorization"] ?? config.headers()["authorization"];
  const bearer = auth?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (bearer === undefined) return url;
  return `${url}${url.includes("?") ? "&" : "?"}token=${encodeURIComponent(bearer)}`;
}

/** Adds `listener` for `type` on `target` when there is one; returns the removal. */
function listen(
  target: EventTarget | undefined,
  type: string,
  listener: () => void,
): () => void {
  if (target === undefined) return () => undefined;
  target.addEventListener(type, listener);
  return () => target.removeEventListener(type, listener);
}

/**
 * The browser's events: focus is `visibilitychange` to visible or the window's `focus`, reconnect is `online`.
 * Outside a browser (no `window`/`document`: node, a server render) no event ever fires.
 */
export function browserEnvironment(): QueryEnvironment {
  const scope = globalThis as { window?: EventTarget; document?: Document };
  const { window, document } = scope;
  return {
    onFocus(listener) {
      const visible = (): void => {
        if (document?.visibilityState !== "hidden") listener();
      };
      const stops = [
        listen(document, "visibilitychange", visible),
        listen(window, "focus", listener),
      ];
      return () => stops.forEach((stop) => stop());
    },
    onOnline: (listener) => listen(window, "online", listener),
    isFocused: () => document?.visibilityState !== "hidden",
  };
}
