//! Per-context-entry state: snapshots, subscriptions, fetching, invalidation, merge, hydration.

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

interface Entry {
  readonly context: string;
  readonly params: Params;
  snapshot: ContextSnapshot<Record<string, unknown>>;
  readonly listeners: Set<() => void>;
  /** Data no longer current: refetch on the next subscribe. */
  stale: boolean;
  /** Bumped per fetch; a response from an older fetch is dropped. */
  generation: number;
  inflight: Promise<void> | null;
}

type Fetcher = (request: ContextRequest) => Promise<Record<string, unknown>>;

const IDLE: ContextSnapshot<never> = Object.freeze({
  data: undefined,
  status: "idle",
  error: null,
  isFetching: false,
});

const registry = new Map<string, ContextSpec>();
const entries = new Map<string, Entry>();
let fetcher: Fetcher = () =>
  Promise.reject(new Error("@mizan/base: no context fetcher installed"));

/** Installs the function that fetches bundles (the kernel's transport router). */
export function setFetcher(fn: Fetcher): void {
  fetcher = fn;
}

/** Declares a context: its params, its functions (for `{function}` invalidation) and its wire. */
export function registerContext(name: string, spec: ContextSpec): void {
  registry.set(name, spec);
}

/** The spec registered for a context, if any. */
export function contextSpec(name: string): ContextSpec | undefined {
  return registry.get(name);
}

/** Drops the params a context does not declare (when registered), so keys stay canonical. */
function ownParams(context: string, params: Params): Params {
  const spec = registry.get(context);
  const kept: Record<string, unknown> = {};
  for (const [key, value] of canonicalPairs(params)) {
    if (spec === undefined || spec.params.includes(key))
      kept[key] = params[key] ?? value;
  }
  return kept;
}

function entryFor(context: string, params: object): Entry {
  const own = ownParams(context, params as Params);
  const key = entryKey(context, own);
  let entry = entries.get(key);
  if (entry === undefined) {
    entry = {
      context,
      params: own,
      snapshot: IDLE,
      listeners: new Set(),
      stale: true,
      generation: 0,
      inflight: null,
    };
    entries.set(key, entry);
  }
  return entry;
}

function update(
  entry: Entry,
  patch: Partial<ContextSnapshot<Record<string, unknown>>>,
): void {
  entry.snapshot = Object.freeze({ ...entry.snapshot, ...patch });
  for (const listener of [...entry.listeners]) listener();
}

function load(entry: Entry): Promise<void> {
  const generation = ++entry.generation;
  entry.stale = false;
  update(entry, {
    isFetching: true,
    status:
      entry.snapshot.status === "idle" ? "pending" : entry.snapshot.status,
  });
  const spec = registry.get(entry.context);
  const request = {
    context: entry.context,
    params: entry.params,
    functions: spec?.functions,
    wire: spec?.transport ?? "http",
    signal: undefined,
  };
  const done = fetcher(request).then(
    (bundle) => {
      if (generation === entry.generation)
        update(entry, {
          data: bundle,
          status: "success",
          error: null,
          isFetching: false,
        });
    },
    (error: unknown) => {
      if (generation !== entry.generation) return;
      const failure = asMizanError(error);
      const mizanError =
        failure instanceof MizanError
          ? failure
          : new MizanError("NETWORK_ERROR", String(failure));
      update(entry, { status: "error", error: mizanError, isFetching: false });
    },
  );
  entry.inflight = done.finally(() => {
    if (generation === entry.generation) entry.inflight = null;
  });
  return entry.inflight;
}

/** The cached snapshot of an entry: the same object until the entry changes (for `useSyncExternalStore`). */
export function getContextSnapshot<T>(
  context: string,
  params: object,
): ContextSnapshot<T> {
  return entryFor(context, params)
    .snapshot as ContextSnapshot<unknown> as ContextSnapshot<T>;
}

/** Watches an entry, fetching it if it was never fetched or is stale. Returns the unsubscribe. */
export function subscribeContext(
  context: string,
  params: object,
  onChange: () => void,
): () => void {
  const entry = entryFor(context, params);
  entry.listeners.add(onChange);
  if (entry.stale && entry.inflight === null) void load(entry);
  return () => void entry.listeners.delete(onChange);
}

/** Fetches an entry into the store now (e.g. on the server before `dehydrate`). */
export function prefetchContext(
  context: string,
  params: object,
): Promise<void> {
  const entry = entryFor(context, params);
  return entry.inflight ?? load(entry);
}

/** Entries with subscribers refetch now; the rest are marked stale (refetched on next subscribe). */
function refresh(targets: Iterable<Entry>): Promise<void> {
  const loads: Promise<void>[] = [];
  for (const entry of targets) {
    if (entry.listeners.size > 0) loads.push(load(entry));
    else entry.stale = true;
  }
  return Promise.all(loads).then(() => undefined);
}

function entriesOf(context: string, filter?: Params): Entry[] {
  return [...entries.values()].filter(
    (e) =>
      e.context === context &&
      (filter === undefined || paramsMatch(e.params, filter)),
  );
}

/** Refetches one entry (when `params` is given) or every entry of a context. */
export function refetchContext(
  context: string,
  params?: object,
): Promise<void> {
  return refresh(
    params === undefined ? entriesOf(context) : [entryFor(context, params)],
  );
}

function contextOfFunction(fn: string): string | undefined {
  for (const [name, spec] of registry)
    if (Object.hasOwn(spec.functions, fn)) return name;
  return undefined;
}

function targetsOf(item: InvalidateEntry): Entry[] {
  if (typeof item === "string") return entriesOf(item);
  if ("function" in item) {
    const context = contextOfFunction(item.function);
    return context === undefined ? [] : entriesOf(context);
  }
  return entriesOf(item.context, item.params);
}

/** Writes each merge's value into its slot of every matching entry that has data. */
function applyMerge(merges: readonly MergeEntry[]): void {
  for (const merge of merges) {
    for (const entry of entriesOf(merge.context, merge.params)) {
      const data = entry.snapshot.data;
      if (data !== undefined)
        update(entry, { data: { ...data, [merge.slot]: merge.value } });
    }
  }
}

/** Applies a successful call's `merge` then `invalidate` (each entry refetched at most once). */
export function applyChanges(
  invalidate: readonly InvalidateEntry[],
  merge: readonly MergeEntry[] = [],
): Promise<void> {
  applyMerge(merge);
  const targets = new Set<Entry>();
  for (const item of invalidate)
    for (const entry of targetsOf(item)) targets.add(entry);
  return refresh(targets);
}

/** Seeds entries from `dehydrate()` output (keys from `entryKey`, values the bundles), marking them fresh. */
export function hydrate(bundles: Readonly<Record<string, unknown>>): void {
  for (const [key, bundle] of Object.entries(bundles)) {
    const query = key.indexOf("?");
    const context = query < 0 ? key : key.slice(0, query);
    const params = Object.fromEntries(
      new URLSearchParams(query < 0 ? "" : key.slice(query + 1)),
    );
    const entry = entryFor(context, params);
    entry.stale = false;
    update(entry, {
      data: bundle as Record<string, unknown>,
      status: "success",
      error: null,
    });
  }
}

/** Every entry that has data, keyed by `entryKey` — the input of `hydrate` on the client. */
export function dehydrate(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of entries)
    if (entry.snapshot.data !== undefined) out[key] = entry.snapshot.data;
  return out;
}

/** Resolves once no entry is fetching (fetches started meanwhile are awaited too). */
export async function whenIdle(): Promise<void> {
  for (;;) {
    const inflight = [...entries.values()].flatMap((e) =>
      e.inflight === null ? [] : [e.inflight],
    );
    if (inflight.length === 0) return;
    await Promise.all(inflight);
  }
}

/** Forgets every entry and registration (tests; per-request isolation in SSR). */
export function resetStore(): void {
  registry.clear();
  entries.clear();
}
