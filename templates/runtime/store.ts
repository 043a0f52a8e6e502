//! Per-context-entry state: snapshots, subscriptions, fetching (dedupe, retries, cancellation),
//! staleness, garbage collection, invalidation, merge, direct writes, hydration.

import type { Config, Retry } from "./config.js";
import { MizanError, asMizanError } from "./errors.js";
import {
  canonicalPairs,
  entryKey,
  paramsMatch,
  type InvalidateEntry,
  type MergeEntry,
  type Params,
} from "./params.js";
import type { ContextRequest, Wire } from "./transport.js";

/** What generated code tells the kernel about a context. */
export interface ContextSpec {
  /** Union of the member functions' param names. */
  readonly params: readonly string[];
  /** Each member function's wire name → its own param names. */
  readonly functions: Readonly<Record<string, readonly string[]>>;
  /** The wire the context's functions are declared on (default `"http"`). */
  readonly transport?: Wire;
}

/** One context entry's state. A new object whenever anything in it changes, else the same object. */
export interface ContextSnapshot<T> {
  readonly data: T | undefined;
  readonly status: "idle" | "pending" | "success" | "error";
  readonly error: MizanError | null;
  readonly isFetching: boolean;
}

type Snapshot = ContextSnapshot<Record<string, unknown>>;
type Timer = ReturnType<typeof setTimeout>;

/** One fetch of an entry (its retries included). Only the entry's current fetch may write. */
interface Fetch {
  readonly controller: AbortController;
  /** Resolves when the fetch lands, fails for good, or is superseded or aborted. */
  readonly settled: Promise<void>;
  readonly settle: () => void;
}

/** One context entry (context + canonical params): its snapshot and what decides its fetches. */
export interface Entry {
  readonly key: string;
  readonly context: string;
  readonly params: Params;
  snapshot: Snapshot;
  readonly listeners: Set<() => void>;
  /** The listeners (also in `listeners`) of disabled observers: told of changes, never a reason to fetch. */
  readonly passive: Set<() => void>;
  /** When the data was fetched, hydrated or written; `undefined` = never. */
  fetchedAt: number | undefined;
  /** Invalidated, or its fetch was dropped: stale whatever `staleTime` says. */
  invalidated: boolean;
  /** Hydrated, and its first subscribers have not all left: subscribes do not refetch. */
  hydrated: boolean;
  fetch: Fetch | null;
  /** `prefetch` callers awaiting this entry. */
  waiters: number;
  gcTimer: Timer | undefined;
  /** The longest `gcTime` an observer asked for; `undefined`: the client's. */
  gcTime: number | undefined;
  /** The retry policy of the last observer that watched it; `undefined` fields: the client's. */
  retry: Retry | undefined;
  retryDelay: ((attempt: number, error: MizanError) => number) | undefined;
}

/** What an observer asks of the entry it watches. */
export interface WatchOptions {
  /** `false`: only told of changes (a disabled observer); never fetches, nor refetches on invalidation. */
  readonly active: boolean;
  /** Data older than this (ms) is stale: watching it fetches. */
  readonly staleTime: number;
}

/** An entry's fetch policy, as an observer sets it. */
export interface EntryPolicy {
  readonly gcTime: number;
  readonly retry: Retry | undefined;
  readonly retryDelay:
    ((attempt: number, error: MizanError) => number) | undefined;
}

/** The cache options of the client (read at each use, so later `configure` calls apply). */
export interface CacheOptions {
  readonly staleTime: number;
  readonly gcTime: number;
  readonly retry: Config["retry"];
  readonly retryDelay: (attempt: number, error: MizanError) => number;
}

export type Fetcher = (
  request: ContextRequest,
) => Promise<Record<string, unknown>>;

/** The snapshot of an entry nothing has fetched or written. */
export const IDLE: ContextSnapshot<never> = Object.freeze({
  data: undefined,
  status: "idle",
  error: null,
  isFetching: false,
});

/** A timer that never keeps a node process alive. */
function backgroundTimer(fn: () => void, ms: number): Timer {
  const timer = setTimeout(fn, ms);
  (timer as unknown as { unref?: () => void }).unref?.();
  return timer;
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done);
  });
}

function failureOf(error: unknown): MizanError {
  const failure = asMizanError(error);
  return failure instanceof MizanError
    ? failure
    : new MizanError("NETWORK_ERROR", String(failure));
}

/** Reads are retried when the server may answer next time: no response at all, or a 5xx. */
function retryable(error: MizanError): boolean {
  return error.code === "NETWORK_ERROR" || error.status >= 500;
}

/** Whether failure number `failureCount` (0 = the first) is tried again: a count for retryable errors, or the function's word. */
function retries(
  retry: Retry,
  failureCount: number,
  error: MizanError,
): boolean {
  if (typeof retry === "function") return retry(failureCount, error);
  const count = retry === true ? Infinity : retry === false ? 0 : retry;
  return failureCount < count && retryable(error);
}

/** The context registry and the entries: everything a client instance owns about contexts. */
export class ContextCache {
  private readonly registry = new Map<string, ContextSpec>();
  private readonly entries = new Map<string, Entry>();
  private fetcher: Fetcher = () =>
    Promise.reject(new Error("@mizan/base: no context fetcher installed"));

  constructor(private readonly options: () => CacheOptions) {}

  /** Installs the function that fetches bundles. */
  setFetcher(fn: Fetcher): void {
    this.fetcher = fn;
  }

  /** Declares a context (a later declaration replaces it). */
  register(name: string, spec: ContextSpec): void {
    this.registry.set(name, spec);
  }

  /** The spec registered for a context, if any. */
  spec(name: string): ContextSpec | undefined {
    return this.registry.get(name);
  }

  /** How many entries the cache holds. */
  size(): number {
    return this.entries.size;
  }

  /** Drops the params a context does not declare (when registered), so keys stay canonical. */
  private ownParams(context: string, params: Params): Params {
    const spec = this.registry.get(context);
    const kept: Record<string, unknown> = {};
    for (const [key, value] of canonicalPairs(params)) {
      if (spec === undefined || spec.params.includes(key))
        kept[key] = params[key] ?? value;
    }
    return kept;
  }

  /** The entry for context + params, created (idle, due for collection) when new. */
  entry(context: string, params: object): Entry {
    const own = this.ownParams(context, params as Params);
    const key = entryKey(context, own);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = {
        key,
        context,
        params: own,
        snapshot: IDLE,
        listeners: new Set(),
        passive: new Set(),
        fetchedAt: undefined,
        invalidated: false,
        hydrated: false,
        fetch: null,
        waiters: 0,
        gcTimer: undefined,
        gcTime: undefined,
        retry: undefined,
        retryDelay: undefined,
      };
      this.entries.set(key, entry);
      this.scheduleGc(entry);
    }
    return entry;
  }

  private update(entry: Entry, patch: Partial<Snapshot>): void {
    entry.snapshot = Object.freeze({ ...entry.snapshot, ...patch });
    for (const listener of [...entry.listeners]) listener();
  }

  /** The key of the entry for context + params (its canonical params). */
  keyOf(context: string, params: object): string {
    return entryKey(context, this.ownParams(context, params as Params));
  }

  /** The entry for context + params if the cache holds it (never creates one). */
  peek(context: string, params: object): Entry | undefined {
    return this.entries.get(this.keyOf(context, params));
  }

  /** Stale: never fetched, invalidated, or fetched `staleTime` ms ago or more (default: the client's). */
  isStale(entry: Entry, staleTime = this.options().staleTime): boolean {
    return (
      entry.invalidated ||
      entry.fetchedAt === undefined ||
      Date.now() - entry.fetchedAt >= staleTime
    );
  }

  /** Whether a listener that is not passive watches the entry. */
  private watched(entry: Entry): boolean {
    return entry.listeners.size > entry.passive.size;
  }

  /** When the entry's data was fetched, hydrated or set (ms since the epoch); 0 = never. */
  updatedAt(entry: Entry): number {
    return entry.fetchedAt ?? 0;
  }

  /** An observer's policy for the entry: the longest `gcTime` wins; the retry policy is the latest. */
  tune(entry: Entry, policy: EntryPolicy): void {
    entry.gcTime = Math.max(entry.gcTime ?? 0, policy.gcTime);
    entry.retry = policy.retry;
    entry.retryDelay = policy.retryDelay;
  }

  /** (Re)starts the timer that drops an entry nobody subscribes to. */
  private scheduleGc(entry: Entry): void {
    clearTimeout(entry.gcTimer);
    entry.gcTimer = undefined;
    const gcTime = entry.gcTime ?? this.options().gcTime;
    if (entry.listeners.size > 0 || gcTime === Infinity) return;
    entry.gcTimer = backgroundTimer(() => {
      entry.gcTimer = undefined;
      // A fetch in flight has a waiter; the entry is rescheduled when it settles.
      if (entry.listeners.size > 0 || entry.fetch !== null) return;
      if (this.entries.get(entry.key) === entry) this.entries.delete(entry.key);
    }, gcTime);
  }

  /** Ends the entry's current fetch: the snapshot takes `patch`, waiters wake up. */
  private settle(entry: Entry, patch: Partial<Snapshot>): void {
    const fetch = entry.fetch;
    if (fetch === null) return;
    entry.fetch = null;
    this.update(entry, { ...patch, isFetching: false });
    fetch.settle();
    if (entry.listeners.size === 0) this.scheduleGc(entry);
  }

  /** Drops the fetch in flight (its response is ignored) and leaves the entry stale. */
  private drop(entry: Entry): void {
    const fetch = entry.fetch;
    if (fetch === null) return;
    entry.invalidated = true;
    const status = entry.snapshot.status;
    this.settle(entry, { status: status === "pending" ? "idle" : status });
    fetch.controller.abort();
  }

  /** Starts a fetch of the entry, superseding (aborting) any fetch in flight. */
  load(entry: Entry): void {
    const previous = entry.fetch;
    const controller = new AbortController();
    let settle = (): void => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const fetch: Fetch = { controller, settled, settle };
    entry.fetch = fetch;
    entry.invalidated = false;
    entry.hydrated = false;
    this.update(entry, {
      isFetching: true,
      status:
        entry.snapshot.status === "idle" ? "pending" : entry.snapshot.status,
    });
    if (previous !== null) {
      previous.controller.abort();
      previous.settle();
    }
    void this.run(entry, fetch);
  }

  /** Fetches, retrying reads that may succeed later; writes only while still the entry's fetch. */
  private async run(entry: Entry, fetch: Fetch): Promise<void> {
    const spec = this.registry.get(entry.context);
    const request: ContextRequest = {
      context: entry.context,
      params: entry.params,
      functions: spec?.functions,
      wire: spec?.transport ?? "http",
      signal: fetch.controller.signal,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const bundle = await this.fetcher(request);
        if (entry.fetch !== fetch) return;
        entry.fetchedAt = Date.now();
        this.settle(entry, { data: bundle, status: "success", error: null });
        return;
      } catch (error) {
        if (entry.fetch !== fetch) return;
        const failure = failureOf(error);
        const options = this.options();
        if (!retries(entry.retry ?? options.retry, attempt, failure)) {
          this.settle(entry, { status: "error", error: failure });
          return;
        }
        const delay = entry.retryDelay ?? options.retryDelay;
        await sleep(delay(attempt, failure), fetch.controller.signal);
        if (entry.fetch !== fetch) return;
      }
    }
  }

  /** Subscribes; fetches when nothing is in flight and the entry is stale or errored. */
  subscribe(entry: Entry, onChange: () => void): () => void {
    const staleTime = this.options().staleTime;
    return this.watch(entry, onChange, { active: true, staleTime });
  }

  /**
   * Subscribes with an observer's options: an active watch fetches when nothing is in flight and the entry
   * is stale (by `staleTime`) or errored; a passive one only listens.
   */
  watch(entry: Entry, onChange: () => void, options: WatchOptions): () => void {
    entry.listeners.add(onChange);
    if (!options.active) entry.passive.add(onChange);
    clearTimeout(entry.gcTimer);
    entry.gcTimer = undefined;
    const due =
      entry.snapshot.status === "error" ||
      entry.invalidated ||
      (!entry.hydrated && this.isStale(entry, options.staleTime));
    if (options.active && entry.fetch === null && due) this.load(entry);
    return () => {
      entry.passive.delete(onChange);
      if (!entry.listeners.delete(onChange) || entry.listeners.size > 0) return;
      this.scheduleGc(entry);
      // Deferred, so an immediate resubscribe (React StrictMode) changes nothing.
      queueMicrotask(() => {
        if (entry.listeners.size > 0) return;
        entry.hydrated = false;
        if (entry.waiters === 0) this.drop(entry);
      });
    };
  }

  /** Resolves once the entry is fetched: joins the fetch in flight, else fetches unless fresh. */
  async prefetch(entry: Entry): Promise<void> {
    if (
      entry.fetch === null &&
      (this.isStale(entry) || entry.snapshot.status === "error")
    )
      this.load(entry);
    entry.waiters++;
    try {
      // A superseded fetch settles early; follow its successor.
      while (entry.fetch !== null) await entry.fetch.settled;
    } finally {
      entry.waiters--;
    }
  }

  /** Starts a fetch unless one is in flight (a focus, reconnect or interval refetch: it never supersedes). */
  ensureFetching(entry: Entry): void {
    if (entry.fetch === null) this.load(entry);
  }

  /** Fetches the entry now, superseding a fetch in flight; resolves once it settled (an observer's `refetch`). */
  async fetchNow(entry: Entry): Promise<void> {
    this.load(entry);
    entry.waiters++;
    try {
      await this.idle(entry);
    } finally {
      entry.waiters--;
    }
  }

  /** Entries someone watches or awaits refetch now; the rest are left stale. */
  private refresh(targets: Iterable<Entry>): Promise<void> {
    const loads: Promise<void>[] = [];
    for (const entry of targets) {
      if (this.watched(entry) || entry.waiters > 0) {
        this.load(entry);
        loads.push(this.idle(entry));
      } else {
        entry.invalidated = true;
        this.drop(entry);
      }
    }
    return Promise.all(loads).then(() => undefined);
  }

  /** Resolves once the entry has no fetch in flight. */
  private async idle(entry: Entry): Promise<void> {
    while (entry.fetch !== null) await entry.fetch.settled;
  }

  /** The entries of a context whose params include `filter`'s (every entry without one). */
  entriesOf(context: string, filter?: Params): Entry[] {
    return [...this.entries.values()].filter(
      (e) =>
        e.context === context &&
        (filter === undefined || paramsMatch(e.params, filter)),
    );
  }

  /** Refetches one entry, or every entry of a context. */
  refetch(context: string, params?: object): Promise<void> {
    return this.refresh(
      params === undefined
        ? this.entriesOf(context)
        : [this.entry(context, params)],
    );
  }

  private contextOfFunction(fn: string): string | undefined {
    for (const [name, spec] of this.registry)
      if (Object.hasOwn(spec.functions, fn)) return name;
    return undefined;
  }

  private targetsOf(item: InvalidateEntry): Entry[] {
    if (typeof item === "string") return this.entriesOf(item);
    if ("function" in item) {
      const context = this.contextOfFunction(item.function);
      return context === undefined ? [] : this.entriesOf(context);
    }
    return this.entriesOf(item.context, item.params);
  }

  /**
   * Applies `merge` then `invalidate`. A merge writes into every matching entry that has data;
   * a fetch in flight for a merged entry started before the merge, so it is superseded and
   * refreshed like an invalidated entry. Each entry refetches at most once.
   */
  applyChanges(
    invalidate: readonly InvalidateEntry[],
    merge: readonly MergeEntry[],
  ): Promise<void> {
    const targets = new Set<Entry>();
    for (const item of merge) {
      for (const entry of this.entriesOf(item.context, item.params)) {
        const data = entry.snapshot.data;
        if (data !== undefined)
          this.update(entry, { data: { ...data, [item.slot]: item.value } });
        if (entry.fetch !== null) targets.add(entry);
      }
    }
    for (const item of invalidate)
      for (const entry of this.targetsOf(item)) targets.add(entry);
    return this.refresh(targets);
  }

  /**
   * Writes an entry's data directly (an optimistic update, a rollback): `success`, updated now, fresh. A
   * fetch in flight was asked before this write, so it is aborted and dropped (not restarted): it can never
   * overwrite the value. `undefined` changes nothing.
   */
  write(entry: Entry, data: Record<string, unknown> | undefined): void {
    if (data === undefined) return;
    const fetch = entry.fetch;
    entry.fetch = null;
    entry.fetchedAt = Date.now();
    entry.invalidated = false;
    this.update(entry, {
      data,
      status: "success",
      error: null,
      isFetching: false,
    });
    if (fetch !== null) {
      fetch.controller.abort();
      fetch.settle();
    }
    if (entry.listeners.size === 0) this.scheduleGc(entry);
  }

  /** Aborts the fetches in flight of these entries: their responses are dropped and the entries left stale. */
  cancel(entries: Iterable<Entry>): void {
    for (const entry of entries) this.drop(entry);
  }

  /** Seeds entries: fetched now, and not refetched by subscribes until their first subscribers left. */
  hydrate(bundles: Readonly<Record<string, unknown>>): void {
    for (const [key, bundle] of Object.entries(bundles)) {
      const query = key.indexOf("?");
      const context = query < 0 ? key : key.slice(0, query);
      const params = Object.fromEntries(
        new URLSearchParams(query < 0 ? "" : key.slice(query + 1)),
      );
      const entry = this.entry(context, params);
      entry.fetchedAt = Date.now();
      entry.invalidated = false;
      entry.hydrated = true;
      this.update(entry, {
        data: bundle as Record<string, unknown>,
        status: "success",
        error: null,
      });
    }
  }

  /** Every entry that has data, keyed by `entryKey`. */
  dehydrate(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of this.entries)
      if (entry.snapshot.data !== undefined) out[key] = entry.snapshot.data;
    return out;
  }

  /** Resolves once no entry is fetching. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const inflight = [...this.entries.values()].flatMap((e) =>
        e.fetch === null ? [] : [e.fetch.settled],
      );
      if (inflight.length === 0) return;
      await Promise.all(inflight);
    }
  }

  /** Forgets every entry, aborting fetches and stopping timers (registrations stay). */
  clear(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.gcTimer);
      entry.fetch?.controller.abort();
      entry.fetch?.settle();
      entry.fetch = null;
    }
    this.entries.clear();
  }
}
