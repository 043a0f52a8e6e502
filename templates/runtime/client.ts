//! The Mizan client: everything the kernel keeps (configuration, CSRF token, context
//! registrations and cache, WebSocket) lives in one instance. A server render creates one
//! per request; two backends on one page are two clients; tests need no reset.

import {
  defaults,
  mergeConfig,
  type Config,
  type KernelOptions,
} from "./config.js";
import { invalidResponse } from "./errors.js";
import { httpCall, httpFetchContext, httpSession } from "./http.js";
import {
  Mutation,
  type MutationObserver,
  type MutationOptions,
} from "./mutation.js";
import type { InvalidateEntry, MergeEntry, Params } from "./params.js";
import {
  Observer,
  ObserverHub,
  callKey,
  type AnyContextKey,
  type BundleOf,
  type ContextName,
  type MizanCache,
  type ParamsOf,
  type QueryObserver,
  type QueryOptions,
  type Updater,
} from "./query.js";
import { SocketClient, type ChannelStatus } from "./socket.js";
import {
  ContextCache,
  type ContextSnapshot,
  type ContextSpec,
} from "./store.js";
import {
  withDeadline,
  type CallOutcome,
  type CallRequest,
  type ContextRequest,
  type Transport,
  type Wire,
} from "./transport.js";

/** Options of `createMizanClient`: the kernel options, and the contexts to register. */
export interface MizanClientOptions extends KernelOptions {
  /** Context registrations (generated stage1 `contexts`): params, functions, wire. */
  readonly contexts?: Readonly<Record<string, ContextSpec>>;
}

/** Options of `client.fetch` (and of every call). */
export interface RequestOptions {
  /** Aborts the request; it rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Headers for this request only, set over the configured `headers()` (HTTP; ignored over the socket). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds before the request is given up with a `NETWORK_ERROR` (`details.timeout`); default: the client's `timeout`, `0` = none. */
  readonly timeout?: number;
}

/** Options of `client.call`. */
export interface CallOptions extends RequestOptions {
  /** The function's declared wire (IR `transport=`); default `"http"`. */
  readonly transport?: Wire;
  /** Names of the params holding `File`/`Blob` (or arrays of them). Present ⇒ sent as multipart over HTTP. */
  readonly uploadParams?: readonly string[];
}

/** A live channel subscription. */
export interface ChannelHandle<In> {
  send(message: In): void;
  close(): void;
}

/** One Mizan client: its configuration, session, context cache and socket. */
export interface MizanClient {
  /** Calls a backend function; on success applies its `merge` then `invalidate` before resolving. */
  call<T>(fn: string, args: object, options?: CallOptions): Promise<T>;
  /** Fetches a context bundle directly, bypassing the cache (no caching, no subscribers notified). */
  fetch<T>(
    context: string,
    params: object,
    options?: RequestOptions,
  ): Promise<T>;
  /** Watches an entry, fetching it if it is stale or errored and nothing is in flight. Returns the unsubscribe. */
  subscribe(context: string, params: object, onChange: () => void): () => void;
  /** The cached snapshot of an entry: the same object until the entry changes (for `useSyncExternalStore`). */
  snapshot<T>(context: string, params: object): ContextSnapshot<T>;
  /** Refetches one entry (when `params` is given) or every entry of a context. */
  refetch(context: string, params?: object): Promise<void>;
  /** Fetches an entry into the cache now unless it is fresh (e.g. on the server before `dehydrate`). */
  prefetch(context: string, params: object): Promise<void>;
  /** Seeds entries from `dehydrate()` output (keys from `entryKey`, values the bundles), marking them fresh. */
  hydrate(bundles: Readonly<Record<string, unknown>>): void;
  /** Every entry that has data, keyed by `entryKey` — the input of `hydrate` on the browser. */
  dehydrate(): Record<string, unknown>;
  /** Applies invalidation that arrived some other way (e.g. an `X-Mizan-Invalidate` header on a view response). */
  applyInvalidation(
    invalidate: readonly InvalidateEntry[],
    merge?: readonly MergeEntry[],
  ): Promise<void>;
  /** Subscribes to a channel over the client's socket; `onMessage` gets each server message's `data`. */
  subscribeChannel<Out, In = never>(
    channel: string,
    params: object,
    onMessage: (message: Out) => void,
    onStatus?: (status: ChannelStatus, error?: string) => void,
  ): ChannelHandle<In>;
  /** Listens to server pushes `{"type": "push", "topic": <topic>}`. Returns the unsubscribe. */
  subscribePush<T>(topic: string, onData: (data: T) => void): () => void;
  /** `GET <base>/session/`: keeps the CSRF token the client sends as `X-CSRFToken` on every later POST. */
  initSession(): Promise<void>;
  /** The CSRF token from `initSession`, if any. */
  csrfToken(): string | null;
  /** Resolves once no entry is fetching (fetches started meanwhile are awaited too). */
  whenIdle(): Promise<void>;
  /** How many entries the cache holds. */
  cacheSize(): number;
  /** Declares a context: its params, its functions (for `{function}` invalidation) and its wire. */
  register(name: string, spec: ContextSpec): void;
  /** Merges options over the client's configuration (`contexts` are registered). */
  configure(options: MizanClientOptions): void;
  /**
   * A query observer of one entry (a binding's hook, composable or store): `subscribe`/`getSnapshot` with
   * TanStack Query's options and result. Typed by a `ContextKey`, or by `B` (the bundle) and `S` (what `select` returns).
   */
  observe<K extends AnyContextKey, S = BundleOf<K>>(
    context: K,
    params: ParamsOf<K>,
    options?: QueryOptions<BundleOf<K>, S>,
  ): QueryObserver<BundleOf<K>, S>;
  observe<B = unknown, S = B>(
    context: ContextName,
    params: object,
    options?: QueryOptions<B, S>,
  ): QueryObserver<B, S>;
  /**
   * A query observer of a client function called for its result (a search, a form's schema): its entries are
   * cached by args under `callKey(fn)`, fetched by `run` (the stage1 `callX`), with the options and result
   * of `observe`. The server's invalidations never reach them (such a function changes nothing); `staleTime`,
   * `refetch` and `client.cache.invalidate(callKey(fn))` do.
   */
  observeCall<A extends object, R, S = R>(
    fn: string,
    run: (client: MizanClient, args: A, options: CallOptions) => Promise<R>,
    args: A,
    options?: QueryOptions<R, S>,
  ): QueryObserver<R, S>;
  /** A mutation observer: `mutate`/`mutateAsync`/`reset`, statuses, and `onMutate`/`onSuccess`/`onError`/`onSettled`. */
  mutation<D, V = void, C = unknown>(
    options: MutationOptions<D, V, C>,
  ): MutationObserver<D, V, C>;
  /** Typed reads and writes of the cache: `get`, `set`, `invalidate`, `cancel`. */
  readonly cache: MizanCache;
  /** Closes the socket, stops timers (observers' too), aborts fetches and forgets the cache. */
  close(): void;
}

/** A new client: defaults, then `options`. */
export function createMizanClient(
  options: MizanClientOptions = {},
): MizanClient {
  let config: Config = defaults();
  let token: string | null = null;
  const current = (): Readonly<Config> => config;
  const session = { config: current, csrfToken: () => token };
  const socket = new SocketClient(current);
  const cache = new ContextCache(current);
  const hub = new ObserverHub(() => config.environment);

  /** The wire used by the built-in router: per-call wire, else the configured default; uploads force HTTP. */
  const pickWire = (declared: Wire | undefined, uploads: boolean): Wire => {
    if (uploads) return "http";
    return (
      declared ?? (config.transport === "websocket" ? "websocket" : "http")
    );
  };

  /** A websocket context has no bundle endpoint: call each function by RPC with its own params. */
  const fetchOverSocket = async (
    request: ContextRequest,
  ): Promise<Record<string, unknown>> => {
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
  };

  const router: Transport = {
    call: (request: CallRequest): Promise<CallOutcome> =>
      request.wire === "websocket"
        ? socket.rpc(request.fn, request.args, request.signal)
        : httpCall(session, request),
    fetchContext: (
      request: ContextRequest,
    ): Promise<Record<string, unknown>> =>
      request.wire === "websocket"
        ? fetchOverSocket(request)
        : httpFetchContext(session, request),
  };

  const transport = (): Transport =>
    typeof config.transport === "string" ? router : config.transport;

  /** A reply as the configured `validate` returns it; `INVALID_RESPONSE` when it throws. */
  const checked = (
    kind: "call" | "context",
    name: string,
    data: unknown,
  ): unknown => {
    const validate = config.validate;
    if (validate === undefined) return data;
    try {
      return validate(kind, name, data);
    } catch (error) {
      throw invalidResponse(kind, name, error);
    }
  };

  /** A context fetch through the transport, its bundle checked. */
  const fetchChecked = async (
    request: ContextRequest,
  ): Promise<Record<string, unknown>> => {
    const bundle = await transport().fetchContext(request);
    return checked("context", request.context, bundle) as Record<
      string,
      unknown
    >;
  };

  /** The timeout in force: the request's own, else the configured default. */
  const timeoutOf = (options: RequestOptions): number =>
    options.timeout ?? config.timeout;

  /** How each query function's entries are fetched, by cache name (`observeCall` registers them). */
  const runners = new Map<
    string,
    (args: Params, signal: AbortSignal | undefined) => Promise<unknown>
  >();

  // Cache fetches get the configured default timeout too.
  cache.setFetcher((request) =>
    withDeadline(request.signal, config.timeout, async (signal) => {
      const run = runners.get(request.context);
      if (run === undefined) return fetchChecked({ ...request, signal });
      return (await run(request.params, signal)) as Record<string, unknown>;
    }),
  );

  const access = {
    get: (context: string, params: object): unknown =>
      cache.peek(context, params)?.snapshot.data,
    set(context: string, params: object, updater: Updater<unknown>): unknown {
      const entry = cache.entry(context, params);
      const next =
        typeof updater === "function" ? updater(entry.snapshot.data) : updater;
      cache.write(entry, next as Record<string, unknown> | undefined);
      return next;
    },
    invalidate: (context: string, params?: object): Promise<void> =>
      cache.applyChanges(
        [
          params === undefined
            ? context
            : { context, params: params as Params },
        ],
        [],
      ),
    cancel(context: string, params?: object): Promise<void> {
      cache.cancel(cache.entriesOf(context, params as Params | undefined));
      return Promise.resolve();
    },
  };

  const client: MizanClient = {
    async call<T>(
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
            wire: pickWire(
              options.transport,
              options.uploadParams !== undefined,
            ),
            signal,
            headers: options.headers,
          }),
      );
      let result: unknown;
      try {
        result = checked("call", fn, outcome.result);
      } catch (error) {
        // The call ran, so what it changed is refetched; but nothing is merged from a reply that failed its check.
        const refetched = outcome.merge.map(
          ({ context, params }): InvalidateEntry =>
            params === undefined ? context : { context, params },
        );
        void cache.applyChanges([...outcome.invalidate, ...refetched], []);
        throw error;
      }
      // Refetches run in the background; the caller gets its result as soon as merges are applied.
      void cache.applyChanges(outcome.invalidate, outcome.merge);
      return result as T;
    },
    async fetch<T>(
      context: string,
      params: object,
      options: RequestOptions = {},
    ): Promise<T> {
      const spec = cache.spec(context);
      const bundle = await withDeadline(
        options.signal,
        timeoutOf(options),
        (signal) =>
          fetchChecked({
            context,
            params: params as Params,
            functions: spec?.functions,
            wire: spec?.transport ?? "http",
            signal,
            headers: options.headers,
          }),
      );
      return bundle as T;
    },
    subscribe: (context, params, onChange) =>
      cache.subscribe(cache.entry(context, params), onChange),
    snapshot: <T>(context: string, params: object): ContextSnapshot<T> =>
      cache.entry(context, params)
        .snapshot as ContextSnapshot<unknown> as ContextSnapshot<T>,
    refetch: (context, params) => cache.refetch(context, params),
    prefetch: (context, params) => cache.prefetch(cache.entry(context, params)),
    hydrate: (bundles) => cache.hydrate(bundles),
    dehydrate: () => cache.dehydrate(),
    applyInvalidation: (invalidate, merge = []) =>
      cache.applyChanges(invalidate, merge),
    subscribeChannel: <Out, In = never>(
      channel: string,
      params: object,
      onMessage: (message: Out) => void,
      onStatus?: (status: ChannelStatus, error?: string) => void,
    ): ChannelHandle<In> =>
      socket.subscribe(channel, params as Params, {
        onMessage: (data) => onMessage(data as Out),
        onStatus: (status, error) => onStatus?.(status, error),
      }),
    subscribePush: <T>(topic: string, onData: (data: T) => void) =>
      socket.onPush(topic, (data) => onData(data as T)),
    async initSession(): Promise<void> {
      token = await httpSession(session);
    },
    csrfToken: () => token,
    whenIdle: () => cache.whenIdle(),
    cacheSize: () => cache.size(),
    register: (name, spec) => cache.register(name, spec),
    configure(next: MizanClientOptions): void {
      config = mergeConfig(config, next);
      for (const [name, spec] of Object.entries(next.contexts ?? {}))
        cache.register(name, spec);
    },
    observe: <B, S>(
      context: string,
      params: object,
      options: QueryOptions<B, S> = {},
    ): QueryObserver<B, S> =>
      new Observer<B, S>(
        { cache, config: current, hub },
        context,
        params,
        options,
      ),
    observeCall<A extends object, R, S>(
      fn: string,
      run: (client: MizanClient, args: A, options: CallOptions) => Promise<R>,
      args: A,
      options: QueryOptions<R, S> = {},
    ): QueryObserver<R, S> {
      const key = callKey<A, R>(fn);
      // The cache's fetch already runs under the client's timeout.
      runners.set(key, (params, signal) =>
        run(
          client,
          params as A,
          signal ? { signal, timeout: 0 } : { timeout: 0 },
        ),
      );
      return new Observer<R, S>(
        { cache, config: current, hub },
        key,
        args,
        options,
      );
    },
    mutation: <D, V, C>(options: MutationOptions<D, V, C>) =>
      new Mutation<D, V, C>(options),
    cache: access as MizanCache,
    close(): void {
      socket.shutdown();
      hub.close();
      cache.clear();
    },
  };
  client.configure(options);
  return client;
}
