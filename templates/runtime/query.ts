//! Query observers: one reader's (hook's, composable's, store's) view of a context entry with TanStack
//! Query's options, framework-agnostic — a `subscribe`/`getSnapshot` pair each binding adapts. Also the
//! typed context keys and the typed cache access they make possible.

import type {
  Config,
  DefaultQueryOptions,
  QueryEnvironment,
  RefetchOn,
  Retry,
} from "./config.js";
import type { MizanError } from "./errors.js";
import {
  IDLE,
  type ContextCache,
  type ContextSnapshot,
  type Entry,
} from "./store.js";

declare const contextTypes: unique symbol;

/**
 * A context's name carrying its params and bundle types (`contextKey<UserParams, UserBundle>("user")`): given
 * one, `client.observe` and `client.cache` infer both. It is the name itself at run time.
 */
export type ContextKey<P extends object, B> = string & {
  readonly [contextTypes]: { readonly params: P; readonly bundle: B };
};

/** Any typed key. */
export type AnyContextKey = ContextKey<object, unknown>;

/** The params type of a typed key. */
export type ParamsOf<K extends AnyContextKey> =
  K extends ContextKey<infer P, unknown> ? P : never;

/** The bundle type of a typed key. */
export type BundleOf<K extends AnyContextKey> =
  K extends ContextKey<object, infer B> ? B : never;

/**
 * A plain context name, as opposed to a `ContextKey`: the untyped overloads take these, so a misused typed key
 * is an error rather than a fall back to `unknown`.
 */
export type ContextName = string & { readonly [contextTypes]?: undefined };

/** The typed key of a context: `name`, typed with its params `P` and bundle `B` (stage1's `XParams`, `XBundle`). */
export function contextKey<P extends object, B>(
  name: string,
): ContextKey<P, B> {
  return name as ContextKey<P, B>;
}

/** The prefix of a query function's cache name: its entries live beside the contexts' (`$call:search`). */
const CALL_PREFIX = "$call:";

/**
 * The typed cache name of a query function's entries (a client function with no `affects`, `merge` or upload,
 * read through `client.observeCall`): `callKey<SearchArgs, SearchResult>("search")`. `client.cache` takes it
 * like a `ContextKey` (get, set, invalidate, cancel; params are the function's args).
 */
export function callKey<A extends object, R>(fn: string): ContextKey<A, R> {
  return `${CALL_PREFIX}${fn}` as ContextKey<A, R>;
}

/** A value, or a function of the current value; `undefined` (given or returned) writes nothing. */
export type Updater<B> =
  B | undefined | ((old: B | undefined) => B | undefined);

/**
 * Typed access to a client's cache (`client.cache`). Each method takes a `ContextKey` (types inferred) or a
 * plain context name (bundle type given, `unknown` by default).
 */
export interface MizanCache {
  /** The entry's data, if the cache holds any (never fetches, never creates the entry). */
  get<K extends AnyContextKey>(
    context: K,
    params: ParamsOf<K>,
  ): BundleOf<K> | undefined;
  get<B = unknown>(context: ContextName, params: object): B | undefined;
  /**
   * Writes the entry's data (`updater`: the value, or `(old) => new`): `success`, fresh, subscribers told. A
   * fetch in flight is aborted and never overwrites it. Returns what was written (`undefined`: nothing).
   */
  set<K extends AnyContextKey>(
    context: K,
    params: ParamsOf<K>,
    updater: Updater<BundleOf<K>>,
  ): BundleOf<K> | undefined;
  set<B = unknown>(
    context: ContextName,
    params: object,
    updater: Updater<B>,
  ): B | undefined;
  /**
   * Marks the context's entries (those whose params include `params`) stale; the watched ones refetch.
   * Resolves once those refetches settled.
   */
  invalidate<K extends AnyContextKey>(
    context: K,
    params?: Partial<ParamsOf<K>>,
  ): Promise<void>;
  invalidate(context: ContextName, params?: object): Promise<void>;
  /**
   * Aborts the fetches in flight of the context's entries (those whose params include `params`): their
   * responses are dropped, the data stays as it was, the entries are stale.
   */
  cancel<K extends AnyContextKey>(
    context: K,
    params?: Partial<ParamsOf<K>>,
  ): Promise<void>;
  cancel(context: ContextName, params?: object): Promise<void>;
}

/** `placeholderData: keepPreviousData`: while new params load, show the data of the previous ones. */
export function keepPreviousData<T>(
  previousData: T | undefined,
): T | undefined {
  return previousData;
}

/** An observer's options: TanStack Query's, with the same names and meaning. Unset ones take the client's defaults. */
export interface QueryOptions<B, S = B> {
  /** `false`: never fetches by itself (only `refetch()` does); shows what the cache has. Default `true`. */
  readonly enabled?: boolean | undefined;
  /** How long (ms) data stays fresh for this observer: watching stale data fetches it. */
  readonly staleTime?: number | undefined;
  /** How long (ms) the entry is kept once nobody watches it (the longest of its observers' wins). */
  readonly gcTime?: number | undefined;
  /**
   * Shown while the entry has no data yet (`isPlaceholderData`, status `success`): a bundle, or a function of
   * the previous data this observer showed (`keepPreviousData`). Never written to the cache.
   */
  readonly placeholderData?:
    B | ((previousData: B | undefined) => B | undefined) | undefined;
  /** Derives the observer's `data` from the bundle; run again only when the bundle or the function changes. */
  readonly select?: ((bundle: B) => S) | undefined;
  /** Refetches every so many ms while watched (`false`: never). */
  readonly refetchInterval?: number | false | undefined;
  /** Keeps `refetchInterval` going while the app has no focus. Default `false`. */
  readonly refetchIntervalInBackground?: boolean | undefined;
  /** Refetches on focus: `true` when stale (default), `"always"`, `false`. */
  readonly refetchOnWindowFocus?: RefetchOn | undefined;
  /** Refetches when the network comes back: `true` when stale (default), `"always"`, `false`. */
  readonly refetchOnReconnect?: RefetchOn | undefined;
  /** Retries of a failed fetch (`Retry`): a count of `NETWORK_ERROR`/5xx retries, a boolean, or a function. */
  readonly retry?: Retry | undefined;
  /** Delay (ms) before retry number `attempt` (0 first). */
  readonly retryDelay?:
    ((attempt: number, error: MizanError) => number) | undefined;
}

/** What an observer shows: TanStack Query's result fields, frozen, the same object until one changes. */
export interface QueryResult<D> {
  /** The selected data (the placeholder's while `isPlaceholderData`). */
  readonly data: D | undefined;
  readonly error: MizanError | null;
  /** `pending`: no data yet; `success`: data (maybe a placeholder); `error`: the last fetch failed. */
  readonly status: "pending" | "success" | "error";
  /** `fetching` while a fetch (or its retries) is in flight. */
  readonly fetchStatus: "fetching" | "idle";
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  readonly isFetching: boolean;
  /** Pending and fetching: the first load. */
  readonly isLoading: boolean;
  /** Fetching with data already there. */
  readonly isRefetching: boolean;
  readonly isPlaceholderData: boolean;
  readonly isEnabled: boolean;
  /** When the entry's data arrived (fetched, hydrated or set), ms since the epoch; 0: never. */
  readonly dataUpdatedAt: number;
}

/** A framework-agnostic reader of one context entry; bindings adapt its `subscribe`/`getSnapshot` pair. */
export interface QueryObserver<B, S = B> {
  /** Watches the entry (fetching per the options) while anything is subscribed; returns the unsubscribe. Bound. */
  subscribe(onChange: () => void): () => void;
  /** The current result (`useSyncExternalStore`'s `getSnapshot`). Bound. Throws what `select` threw. */
  getSnapshot(): QueryResult<S>;
  /** New params and options; a new entry (or `enabled` turned on) fetches as a first subscribe would. Subscribers are told when the result changes. */
  setOptions(params: object, options?: QueryOptions<B, S>): void;
  /** Fetches the entry now (even when disabled), superseding a fetch in flight; resolves once it settled. Bound. */
  refetch(): Promise<void>;
}

/** The options in force: the observer's, else the client's defaults, else the client's cache options. */
interface Resolved {
  readonly enabled: boolean;
  readonly staleTime: number;
  readonly gcTime: number;
  readonly placeholderData: unknown;
  readonly refetchInterval: number | false;
  readonly inBackground: boolean;
  readonly onFocus: RefetchOn;
  readonly onReconnect: RefetchOn;
  readonly retry: Retry | undefined;
  readonly retryDelay: QueryOptions<unknown>["retryDelay"];
}

function resolve(
  options: QueryOptions<unknown, unknown>,
  config: Readonly<Config>,
): Resolved {
  const d: DefaultQueryOptions = config.defaultQueryOptions;
  return {
    enabled: options.enabled ?? d.enabled ?? true,
    staleTime: options.staleTime ?? d.staleTime ?? config.staleTime,
    gcTime: options.gcTime ?? d.gcTime ?? config.gcTime,
    placeholderData: options.placeholderData ?? d.placeholderData,
    refetchInterval: options.refetchInterval ?? d.refetchInterval ?? false,
    inBackground:
      options.refetchIntervalInBackground ??
      d.refetchIntervalInBackground ??
      false,
    onFocus: options.refetchOnWindowFocus ?? d.refetchOnWindowFocus ?? true,
    onReconnect: options.refetchOnReconnect ?? d.refetchOnReconnect ?? true,
    retry: options.retry ?? d.retry,
    retryDelay: options.retryDelay ?? d.retryDelay,
  };
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * `next`, reusing every part of `previous` that is deeply equal (plain objects and arrays), so an equal
 * result keeps its identity (TanStack Query's structural sharing).
 */
export function replaceEqualDeep<T>(previous: unknown, next: T): T {
  if (previous === next) return next;
  const arrays = Array.isArray(previous) && Array.isArray(next);
  if (!arrays && !(isPlain(previous) && isPlain(next))) return next;
  const a = previous as Record<string, unknown>;
  const b = next as Record<string, unknown>;
  const keys = Object.keys(b);
  const copy = (arrays ? [] : {}) as Record<string, unknown>;
  let equal = Object.keys(a).length === keys.length;
  for (const key of keys) {
    const value = replaceEqualDeep(a[key], b[key]);
    copy[key] = value;
    if (value !== a[key] || !Object.hasOwn(a, key)) equal = false;
  }
  return (equal ? previous : copy) as T;
}

function shallowEqual(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(x).every((key) => x[key] === y[key]);
}

/** A timer that never keeps a node process alive. */
function backgroundInterval(
  fn: () => void,
  ms: number,
): ReturnType<typeof setInterval> {
  const timer = setInterval(fn, ms);
  (timer as unknown as { unref?: () => void }).unref?.();
  return timer;
}

/** What an observer is told by the client's environment. */
interface Triggered {
  onFocus(): void;
  onOnline(): void;
  /** Stops everything (the client closed). */
  detach(): void;
}

/** One client's watching observers and the one pair of environment listeners they share. */
export class ObserverHub {
  private readonly observers = new Set<Triggered>();
  private stop: (() => void) | undefined;

  constructor(private readonly environment: () => QueryEnvironment) {}

  /** Registers a watching observer; returns its removal. */
  add(observer: Triggered): () => void {
    this.observers.add(observer);
    if (this.stop === undefined) {
      const env = this.environment();
      const stops = [
        env.onFocus(() => this.each((o) => o.onFocus())),
        env.onOnline(() => this.each((o) => o.onOnline())),
      ];
      this.stop = () => stops.forEach((stop) => stop());
    }
    return () => {
      if (!this.observers.delete(observer) || this.observers.size > 0) return;
      this.stop?.();
      this.stop = undefined;
    };
  }

  isFocused(): boolean {
    return this.environment().isFocused();
  }

  /** Detaches every observer (the client closed). */
  close(): void {
    this.each((o) => o.detach());
  }

  private each(fn: (observer: Triggered) => void): void {
    for (const observer of [...this.observers]) fn(observer);
  }
}

/** What an observer needs of its client. */
export interface ObserverDeps {
  readonly cache: ContextCache;
  readonly config: () => Readonly<Config>;
  readonly hub: ObserverHub;
}

/** The kernel's `QueryObserver`: `client.observe` makes them. */
export class Observer<B, S> implements QueryObserver<B, S>, Triggered {
  private readonly listeners = new Set<() => void>();
  /** The entry watched while subscribed. */
  private entry: Entry | undefined;
  private stopWatch = (): void => undefined;
  private stopHub = (): void => undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private intervalMs: number | false = false;
  private current: QueryResult<S>;
  /** What `select` threw on the last computation, rethrown by `getSnapshot`. */
  private failure: { readonly error: unknown } | undefined;
  /** The last bundle this observer saw (for `placeholderData` functions). */
  private lastData: B | undefined;
  private placeholderMemo:
    | { option: unknown; previous: B | undefined; value: B | undefined }
    | undefined;
  private selectMemo: { fn: (bundle: B) => S; input: B; output: S } | undefined;

  constructor(
    private readonly deps: ObserverDeps,
    private readonly context: string,
    private params: object,
    private options: QueryOptions<B, S>,
  ) {
    this.current = IDLE_RESULT as QueryResult<S>;
    this.recompute();
  }

  subscribe = (onChange: () => void): (() => void) => {
    this.listeners.add(onChange);
    if (this.listeners.size === 1) this.attach();
    return () => {
      if (this.listeners.delete(onChange) && this.listeners.size === 0)
        this.detach();
    };
  };

  getSnapshot = (): QueryResult<S> => {
    // Unwatched, nothing tells it of changes: read the cache at each call.
    if (this.entry === undefined) this.recompute();
    if (this.failure !== undefined) throw this.failure.error;
    return this.current;
  };

  setOptions(params: object, options: QueryOptions<B, S> = {}): void {
    const { cache } = this.deps;
    const before = this.resolved();
    const moved =
      cache.keyOf(this.context, params) !==
      cache.keyOf(this.context, this.params);
    this.params = params;
    this.options = options;
    const after = this.resolved();
    const entry = this.entry;
    if (entry !== undefined) {
      if (moved || before.enabled !== after.enabled) {
        this.detach();
        this.attach();
      } else {
        cache.tune(entry, after);
        if (after.refetchInterval !== this.intervalMs) this.schedule(after);
      }
    }
    if (this.recompute()) this.notify();
  }

  refetch = (): Promise<void> => {
    const { cache } = this.deps;
    const entry = this.entry ?? cache.entry(this.context, this.params);
    cache.tune(entry, this.resolved());
    return cache.fetchNow(entry);
  };

  onFocus(): void {
    this.refetchOn(this.resolved().onFocus);
  }

  onOnline(): void {
    this.refetchOn(this.resolved().onReconnect);
  }

  /** Stops watching (the last subscriber left, or the client closed). */
  detach(): void {
    const entry = this.entry;
    if (entry === undefined) return;
    if (entry.snapshot.data !== undefined)
      this.lastData = entry.snapshot.data as B;
    this.entry = undefined;
    this.stopWatch();
    this.stopHub();
    clearInterval(this.interval);
    this.interval = undefined;
  }

  private resolved(): Resolved {
    return resolve(
      this.options as QueryOptions<unknown, unknown>,
      this.deps.config(),
    );
  }

  private attach(): void {
    const { cache, hub } = this.deps;
    const r = this.resolved();
    const entry = cache.entry(this.context, this.params);
    this.entry = entry;
    cache.tune(entry, r);
    this.stopWatch = cache.watch(entry, () => this.changed(), {
      active: r.enabled,
      staleTime: r.staleTime,
    });
    this.stopHub = hub.add(this);
    this.schedule(r);
    if (this.recompute()) this.notify();
  }

  private changed(): void {
    if (this.recompute()) this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** (Re)starts the `refetchInterval` timer. */
  private schedule(r: Resolved): void {
    clearInterval(this.interval);
    this.interval = undefined;
    this.intervalMs = r.refetchInterval;
    const ms = r.refetchInterval;
    if (!r.enabled || ms === false || !(ms > 0) || !Number.isFinite(ms)) return;
    // Only while enabled: a change of `enabled` re-attaches the observer, which reschedules.
    this.interval = backgroundInterval(() => {
      if (this.entry === undefined) return;
      if (this.resolved().inBackground || this.deps.hub.isFocused())
        this.deps.cache.ensureFetching(this.entry);
    }, ms);
  }

  /** A focus or reconnect: refetch when enabled and `when` says so (`true`: if stale). */
  private refetchOn(when: RefetchOn): void {
    const entry = this.entry;
    const r = this.resolved();
    if (entry === undefined || !r.enabled || when === false) return;
    if (when === "always" || this.deps.cache.isStale(entry, r.staleTime))
      this.deps.cache.ensureFetching(entry);
  }

  /** Computes the result; keeps the current object when nothing changed. Returns whether it changed. */
  private recompute(): boolean {
    let next: QueryResult<S>;
    try {
      next = this.compute();
    } catch (error) {
      this.failure = { error };
      return true;
    }
    const changed =
      this.failure !== undefined || !shallowEqual(next, this.current);
    this.failure = undefined;
    if (changed) this.current = next;
    return changed;
  }

  private compute(): QueryResult<S> {
    const { cache } = this.deps;
    const entry = this.entry ?? cache.peek(this.context, this.params);
    const snapshot = (entry?.snapshot ?? IDLE) as ContextSnapshot<B>;
    const r = this.resolved();
    let bundle = snapshot.data;
    let status = snapshot.status === "idle" ? "pending" : snapshot.status;
    let isPlaceholderData = false;
    if (bundle !== undefined) this.lastData = bundle;
    else if (status === "pending") {
      const placeholder = this.placeholder(r.placeholderData);
      if (placeholder !== undefined) {
        bundle = placeholder;
        status = "success";
        isPlaceholderData = true;
      }
    }
    const data = bundle === undefined ? undefined : this.selected(bundle);
    const isFetching = snapshot.isFetching;
    return Object.freeze({
      data,
      error: snapshot.error,
      status,
      fetchStatus: isFetching ? "fetching" : "idle",
      isPending: status === "pending",
      isSuccess: status === "success",
      isError: status === "error",
      isFetching,
      isLoading: status === "pending" && isFetching,
      isRefetching: status !== "pending" && isFetching,
      isPlaceholderData,
      isEnabled: r.enabled,
      dataUpdatedAt: entry === undefined ? 0 : cache.updatedAt(entry),
    });
  }

  /** The placeholder for the current options and previous data, computed once for each pair. */
  private placeholder(option: unknown): B | undefined {
    if (typeof option !== "function") return option as B | undefined;
    const memo = this.placeholderMemo;
    if (memo?.option === option && memo.previous === this.lastData)
      return memo.value;
    const fn = option as (previous: B | undefined) => B | undefined;
    const value = replaceEqualDeep(memo?.value, fn(this.lastData));
    this.placeholderMemo = { option, previous: this.lastData, value };
    return value;
  }

  /** `select(bundle)`, run once for each bundle and function; equal results keep their identity. */
  private selected(bundle: B): S {
    const select = this.options.select;
    if (select === undefined) return bundle as unknown as S;
    const memo = this.selectMemo;
    if (memo?.fn === select && memo.input === bundle) return memo.output;
    const output = replaceEqualDeep(memo?.output, select(bundle));
    this.selectMemo = { fn: select, input: bundle, output };
    return output;
  }
}

const IDLE_RESULT: QueryResult<never> = Object.freeze({
  data: undefined,
  error: null,
  status: "pending",
  fetchStatus: "idle",
  isPending: true,
  isSuccess: false,
  isError: false,
  isFetching: false,
  isLoading: false,
  isRefetching: false,
  isPlaceholderData: false,
  isEnabled: true,
  dataUpdatedAt: 0,
});
