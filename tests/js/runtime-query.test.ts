// The kernel's query observers, typed cache access and mutation observers, against
// hand-driven transports (each context fetch answered by the test), an injected
// focus/network environment, and the live server (optimistic updates confirmed by a
// merge, or rolled back on a validation error).

import assert from "node:assert/strict";
import {
  after,
  afterEach,
  before,
  beforeEach,
  describe,
  mock,
  test,
} from "node:test";
import {
  MizanError,
  browserEnvironment,
  callKey,
  contextKey,
  createMizanClient,
  keepPreviousData,
  type CallOutcome,
  type CallRequest,
  type ContextRequest,
  type MergeEntry,
  type MizanClient,
  type QueryEnvironment,
  type Retry,
  type Transport,
} from "./.gen/kernel/stage1/runtime/index.js";
import type {
  UserBundle,
  UserParams,
  UserProfile,
} from "./.gen/kernel/stage1/index.js";
import { startServer, type RunningServer } from "./server/harness.js";

/** A context fetch the test answers by hand. */
interface Pending {
  readonly request: ContextRequest;
  resolve(bundle: Record<string, unknown>): void;
  reject(error: unknown): void;
}

/** A transport whose context fetches wait for the test, and whose calls answer `merge` once `gate` resolves. */
function handTransport(): Transport & {
  pending: Pending[];
  merge: MergeEntry[];
  gate: Promise<void>;
} {
  const pending: Pending[] = [];
  const self = {
    pending,
    merge: [] as MergeEntry[],
    gate: Promise.resolve(),
    call: async (): Promise<CallOutcome> => {
      await self.gate;
      return { result: null, invalidate: [], merge: self.merge };
    },
    fetchContext: (request: ContextRequest) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        pending.push({ request, resolve, reject }),
      ),
  };
  return self;
}

/** A transport answering every fetch at once with `{cart_lines: [n]}` (n counts fetches). */
function autoTransport(): Transport & { fetches: number } {
  const self = {
    fetches: 0,
    call: (): Promise<CallOutcome> =>
      Promise.resolve({ result: null, invalidate: [], merge: [] }),
    fetchContext: () => {
      self.fetches += 1;
      return Promise.resolve({ cart_lines: [{ sku: `v${self.fetches}` }] });
    },
  };
  return self;
}

/** Focus and network events the test fires by hand. */
function fakeEnvironment(): QueryEnvironment & {
  focused: boolean;
  focus(): void;
  online(): void;
  listeners(): number;
} {
  const focus = new Set<() => void>();
  const online = new Set<() => void>();
  const self = {
    focused: true,
    onFocus(listener: () => void) {
      focus.add(listener);
      return () => void focus.delete(listener);
    },
    onOnline(listener: () => void) {
      online.add(listener);
      return () => void online.delete(listener);
    },
    isFocused: () => self.focused,
    focus: () => [...focus].forEach((listener) => listener()),
    online: () => [...online].forEach((listener) => listener()),
    listeners: () => focus.size + online.size,
  };
  return self;
}

/** Lets settled promises run their callbacks. */
const flush = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

type Cart = { cart_lines: { sku: string }[] };
type CartParams = { user_id: number };
const cart = contextKey<CartParams, Cart>("cart");
const CART: CartParams = { user_id: 5 };
const noop = (): void => undefined;
const failure = (status: number): MizanError =>
  new MizanError(
    status >= 500 ? "INTERNAL_ERROR" : "NOT_FOUND",
    "nope",
    status,
  );

/** Each test's own client: nothing crosses tests, nothing needs resetting. */
let client: MizanClient;
let hand: ReturnType<typeof handTransport>;
let env: ReturnType<typeof fakeEnvironment>;
beforeEach(() => {
  hand = handTransport();
  env = fakeEnvironment();
  client = createMizanClient({ transport: hand, environment: env });
  client.register("cart", {
    params: ["user_id"],
    functions: { cart_lines: ["user_id"] },
  });
});
afterEach(() => client.close());

describe("enabled", () => {
  test("a disabled observer never fetches: not on subscribe, invalidation, focus, reconnect or interval", async () => {
    const observer = client.observe(cart, CART, {
      enabled: false,
      refetchInterval: 5,
      refetchOnWindowFocus: "always",
      refetchOnReconnect: "always",
    });
    const stop = observer.subscribe(noop);
    await client.cache.invalidate(cart);
    env.focus();
    env.online();
    await sleep(30);
    assert.equal(hand.pending.length, 0);
    const snapshot = observer.getSnapshot();
    assert.equal(snapshot.status, "pending");
    assert.equal(snapshot.fetchStatus, "idle");
    assert.equal(snapshot.isLoading, false);
    assert.equal(snapshot.isEnabled, false);
    // It still shows what reaches the cache.
    client.cache.set(cart, CART, { cart_lines: [] });
    assert.deepEqual(observer.getSnapshot().data, { cart_lines: [] });
    assert.equal(hand.pending.length, 0);
    stop();
  });

  test("refetch() fetches even when disabled; enabling fetches stale data", async () => {
    const observer = client.observe(cart, CART, { enabled: false });
    const stop = observer.subscribe(noop);
    const refetched = observer.refetch();
    assert.equal(hand.pending.length, 1);
    hand.pending[0]!.resolve({ cart_lines: [] });
    await refetched;
    assert.equal(observer.getSnapshot().status, "success");
    observer.setOptions(CART, { enabled: true, staleTime: 60_000 });
    assert.equal(hand.pending.length, 1, "fresh: enabling does not refetch");
    observer.setOptions(CART, { enabled: false });
    observer.setOptions(CART, { enabled: true });
    assert.equal(hand.pending.length, 2, "stale: enabling refetches");
    stop();
  });
});

/** Subscribes an observer, answers its fetch, returns the unsubscribe. */
async function loaded(bundle: Cart, params = CART): Promise<() => void> {
  const stop = client.observe(cart, params).subscribe(noop);
  hand.pending.at(-1)!.resolve(bundle);
  await flush();
  return stop;
}

describe("staleTime and gcTime per observer", () => {
  test("an observer's staleTime decides whether its subscribe refetches", async () => {
    (await loaded({ cart_lines: [] }))();
    const fresh = client.observe(cart, CART, { staleTime: 60_000 });
    const stopFresh = fresh.subscribe(noop);
    assert.equal(hand.pending.length, 1, "fresh for this observer");
    assert.equal(fresh.getSnapshot().isFetching, false);
    const eager = client.observe(cart, CART);
    const stopEager = eager.subscribe(noop);
    assert.equal(hand.pending.length, 2, "the client's staleTime 0: stale");
    stopFresh();
    stopEager();
  });

  test("client defaults (defaultQueryOptions) apply to observers, and their own options win", async () => {
    client.configure({ defaultQueryOptions: { staleTime: 60_000 } });
    (await loaded({ cart_lines: [] }))();
    client.observe(cart, CART).subscribe(noop)();
    assert.equal(hand.pending.length, 1, "the default staleTime applies");
    client.observe(cart, CART, { staleTime: 0 }).subscribe(noop)();
    assert.equal(hand.pending.length, 2, "the observer's own wins");
    client.configure({ defaultQueryOptions: { enabled: false } });
    await flush();
    client.observe(cart, { user_id: 9 }).subscribe(noop)();
    assert.equal(hand.pending.length, 2, "a default can disable");
  });

  test("an entry is kept for the longest gcTime of its observers", async () => {
    const observe = (user_id: number, gcTime?: number) =>
      client
        .observe(cart, { user_id }, gcTime === undefined ? {} : { gcTime })
        .subscribe(noop);
    const stops = [
      observe(1, 20),
      observe(2, Infinity),
      observe(3),
      observe(4, 20),
      observe(4, Infinity),
    ];
    hand.pending.forEach((fetch) => fetch.resolve({ cart_lines: [] }));
    await client.whenIdle();
    assert.equal(client.cacheSize(), 4);
    stops.forEach((stop) => stop());
    await sleep(80);
    assert.equal(client.cache.get(cart, { user_id: 1 }), undefined);
    assert.equal(
      client.cacheSize(),
      3,
      "only the entry whose observers all said 20 ms is gone",
    );
  });
});

describe("placeholderData", () => {
  test("keepPreviousData shows the previous params' data while the new ones load", async () => {
    const observer = client.observe(cart, CART, {
      placeholderData: keepPreviousData,
    });
    const stop = observer.subscribe(noop);
    hand.pending[0]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await flush();
    const before = observer.getSnapshot();
    assert.equal(before.isPlaceholderData, false);
    observer.setOptions({ user_id: 6 }, { placeholderData: keepPreviousData });
    let snapshot = observer.getSnapshot();
    assert.equal(hand.pending[1]!.request.params["user_id"], 6);
    assert.equal(snapshot.data, before.data, "the same data object");
    assert.equal(snapshot.isPlaceholderData, true);
    assert.equal(snapshot.status, "success");
    assert.equal(snapshot.fetchStatus, "fetching");
    assert.equal(client.cache.get(cart, { user_id: 6 }), undefined);
    hand.pending[1]!.resolve({ cart_lines: [] });
    await flush();
    snapshot = observer.getSnapshot();
    assert.equal(snapshot.isPlaceholderData, false);
    assert.deepEqual(snapshot.data, { cart_lines: [] });
    // Without it, new params start empty.
    observer.setOptions({ user_id: 7 });
    snapshot = observer.getSnapshot();
    assert.equal(snapshot.data, undefined);
    assert.equal(snapshot.status, "pending");
    assert.equal(snapshot.isLoading, true);
    stop();
  });

  test("a placeholder value shows until data arrives and is never cached", async () => {
    const placeholder: Cart = { cart_lines: [{ sku: "skeleton" }] };
    const observer = client.observe(cart, CART, {
      placeholderData: placeholder,
    });
    const stop = observer.subscribe(noop);
    assert.equal(observer.getSnapshot().data, placeholder);
    assert.equal(observer.getSnapshot().isPlaceholderData, true);
    assert.equal(client.cache.get(cart, CART), undefined);
    hand.pending[0]!.reject(failure(404));
    await flush();
    const failed = observer.getSnapshot();
    assert.equal(failed.status, "error", "an error shows no placeholder");
    assert.equal(failed.data, undefined);
    stop();
  });
});

describe("select", () => {
  test("select is typed, runs once per bundle, and equal results keep their identity", async () => {
    let runs = 0;
    const skus = (bundle: Cart): string[] => (
      (runs += 1),
      bundle.cart_lines.map((line) => line.sku)
    );
    const observer = client.observe(cart, CART, { select: skus });
    const stop = observer.subscribe(noop);
    hand.pending[0]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await flush();
    const first: string[] | undefined = observer.getSnapshot().data;
    assert.deepEqual(first, ["mug"]);
    observer.getSnapshot();
    void client.refetch("cart", CART);
    assert.equal(observer.getSnapshot().isFetching, true);
    assert.equal(runs, 1, "the same bundle is not selected again");
    hand.pending[1]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await flush();
    assert.equal(runs, 2, "a new bundle is");
    assert.equal(
      observer.getSnapshot().data,
      first,
      "an equal result: same array",
    );
    client.cache.set(cart, CART, { cart_lines: [{ sku: "lamp" }] });
    assert.deepEqual(observer.getSnapshot().data, ["lamp"]);
    assert.equal(runs, 3);
    const count = client.observe(cart, CART, {
      select: (bundle) => bundle.cart_lines.length,
    });
    const n: number | undefined = count.getSnapshot().data;
    assert.equal(n, 1);
    stop();
  });

  test("a select that throws: getSnapshot throws it, the cache and other observers are unaffected", async () => {
    const broken = client.observe(cart, CART, {
      select: (): string => {
        throw new Error("bad select");
      },
    });
    const plain = client.observe(cart, CART);
    const stops = [broken.subscribe(noop), plain.subscribe(noop)];
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    assert.throws(() => broken.getSnapshot(), /bad select/);
    assert.deepEqual(plain.getSnapshot().data, { cart_lines: [] });
    broken.setOptions(CART, { select: () => "fixed" });
    assert.equal(broken.getSnapshot().data, "fixed");
    stops.forEach((stop) => stop());
  });

  test("an observer's snapshot keeps its identity until something in it changes", async () => {
    const observer = client.observe(cart, CART);
    let changes = 0;
    const stop = observer.subscribe(() => (changes += 1));
    const pending = observer.getSnapshot();
    assert.equal(observer.getSnapshot(), pending);
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    const done = observer.getSnapshot();
    assert.notEqual(done, pending);
    assert.equal(observer.getSnapshot(), done);
    observer.setOptions({ user_id: "5" as unknown as number });
    assert.equal(observer.getSnapshot(), done, "the same entry");
    assert.equal(changes, 2, "told twice: fetching, then fetched");
    stop();
  });
});

describe("refetchInterval", () => {
  test("refetches every interval while focused (or always, in background); stops when unwatched", async () => {
    const auto = autoTransport();
    client.configure({ transport: auto });
    mock.timers.enable({ apis: ["setInterval"] });
    try {
      const observer = client.observe(cart, CART, { refetchInterval: 100 });
      const stop = observer.subscribe(noop);
      await flush();
      assert.equal(auto.fetches, 1);
      mock.timers.tick(99);
      await flush();
      assert.equal(auto.fetches, 1);
      mock.timers.tick(1);
      await flush();
      assert.equal(auto.fetches, 2);
      assert.deepEqual(observer.getSnapshot().data, {
        cart_lines: [{ sku: "v2" }],
      });
      env.focused = false;
      mock.timers.tick(300);
      await flush();
      assert.equal(auto.fetches, 2, "paused without focus");
      observer.setOptions(CART, {
        refetchInterval: 100,
        refetchIntervalInBackground: true,
      });
      mock.timers.tick(100);
      await flush();
      assert.equal(auto.fetches, 3, "in background when asked");
      observer.setOptions(CART, { refetchInterval: false });
      mock.timers.tick(1000);
      await flush();
      assert.equal(auto.fetches, 3, "false: no interval");
      observer.setOptions(CART, {
        refetchInterval: 50,
        refetchIntervalInBackground: true,
      });
      stop();
      mock.timers.tick(1000);
      await flush();
      assert.equal(auto.fetches, 3, "unsubscribed: stopped");
      const closing = client.observe(cart, CART, {
        refetchInterval: 50,
        refetchIntervalInBackground: true,
      });
      closing.subscribe(noop);
      await flush();
      assert.equal(auto.fetches, 4);
      client.close();
      mock.timers.tick(1000);
      await flush();
      assert.equal(auto.fetches, 4, "close() stops observers' timers");
    } finally {
      mock.timers.reset();
    }
  });
});

describe("focus and reconnect", () => {
  test("refetchOnWindowFocus and refetchOnReconnect: when stale, always, or never", async () => {
    const auto = autoTransport();
    client.configure({ transport: auto });
    const observer = client.observe(cart, CART, { staleTime: 60_000 });
    const stop = observer.subscribe(noop);
    await flush();
    assert.equal(auto.fetches, 1);
    env.focus();
    env.online();
    await flush();
    assert.equal(auto.fetches, 1, "fresh: no refetch");
    observer.setOptions(CART, { staleTime: 0 });
    assert.equal(auto.fetches, 1, "a new staleTime alone fetches nothing");
    env.focus();
    await flush();
    assert.equal(auto.fetches, 2, "stale: focus refetches");
    env.online();
    await flush();
    assert.equal(auto.fetches, 3, "stale: reconnect refetches");
    observer.setOptions(CART, {
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    });
    env.focus();
    env.online();
    await flush();
    assert.equal(auto.fetches, 3, "false: never");
    observer.setOptions(CART, {
      staleTime: 60_000,
      refetchOnWindowFocus: "always",
      refetchOnReconnect: "always",
    });
    env.focus();
    await flush();
    env.online();
    await flush();
    assert.equal(auto.fetches, 5, '"always": even when fresh');
    stop();
  });

  test("one pair of environment listeners per client, removed when no observer watches", () => {
    const stops = [
      client.observe(cart, { user_id: 1 }).subscribe(noop),
      client.observe(cart, { user_id: 2 }).subscribe(noop),
    ];
    assert.equal(env.listeners(), 2);
    stops.forEach((stop) => stop());
    assert.equal(env.listeners(), 0);
  });

  test("the default environment listens to the browser's visibilitychange, focus and online", async () => {
    const scope = globalThis as { window?: unknown; document?: unknown };
    const window = new EventTarget();
    const document = Object.assign(new EventTarget(), {
      visibilityState: "visible",
    });
    Object.assign(scope, { window, document });
    try {
      const auto = autoTransport();
      const browser = createMizanClient({ transport: auto });
      browser.register("cart", {
        params: ["user_id"],
        functions: { cart_lines: ["user_id"] },
      });
      const stop = browser.observe(cart, CART).subscribe(noop);
      await flush();
      assert.equal(auto.fetches, 1);
      document.visibilityState = "hidden";
      document.dispatchEvent(new Event("visibilitychange"));
      await flush();
      assert.equal(auto.fetches, 1, "hidden is no focus");
      document.visibilityState = "visible";
      document.dispatchEvent(new Event("visibilitychange"));
      await flush();
      assert.equal(auto.fetches, 2);
      window.dispatchEvent(new Event("focus"));
      await flush();
      assert.equal(auto.fetches, 3);
      window.dispatchEvent(new Event("online"));
      await flush();
      assert.equal(auto.fetches, 4);
      stop();
      window.dispatchEvent(new Event("focus"));
      await flush();
      assert.equal(auto.fetches, 4, "listeners removed");
      browser.close();
    } finally {
      delete scope.window;
      delete scope.document;
    }
    const node = browserEnvironment();
    node.onFocus(noop)();
    assert.equal(node.isFocused(), true, "no document: always focused");
  });
});

describe("retry", () => {
  const watch = (retry: Retry) => {
    const observer = client.observe<Cart>("cart", CART, {
      retryDelay: () => 1,
      retry,
    });
    return { observer, stop: observer.subscribe(noop) };
  };
  /** Fails the fetches in flight until `count` were made. */
  async function failUntil(count: number, status: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      await until(() => hand.pending.length > i, `fetch ${i + 1}`);
      hand.pending[i]!.reject(failure(status));
    }
    await client.whenIdle();
  }

  test("retry: false fails at the first error", async () => {
    const { observer, stop } = watch(false);
    await failUntil(1, 503);
    assert.equal(observer.getSnapshot().status, "error");
    assert.equal(hand.pending.length, 1);
    stop();
  });

  test("retry: 2 tries three times", async () => {
    const { observer, stop } = watch(2);
    await failUntil(3, 503);
    assert.equal(hand.pending.length, 3);
    assert.equal(observer.getSnapshot().error?.status, 503);
    stop();
  });

  test("retry: true retries until the fetch succeeds", async () => {
    const { observer, stop } = watch(true);
    for (let i = 0; i < 6; i++) {
      await until(() => hand.pending.length > i, `fetch ${i + 1}`);
      if (i < 5) hand.pending[i]!.reject(failure(503));
      else hand.pending[i]!.resolve({ cart_lines: [] });
    }
    await client.whenIdle();
    assert.equal(observer.getSnapshot().status, "success");
    assert.equal(hand.pending.length, 6);
    stop();
  });

  test("a retry function decides alone, even for a 4xx", async () => {
    const seen: [number, number][] = [];
    const { observer, stop } = watch((failureCount, error) => {
      seen.push([failureCount, error.status]);
      return failureCount < 1;
    });
    await failUntil(2, 404);
    assert.deepEqual(seen, [
      [0, 404],
      [1, 404],
    ]);
    assert.equal(observer.getSnapshot().error?.code, "NOT_FOUND");
    stop();
  });

  test("the client default (defaultQueryOptions.retry) applies; the client's own retry stays for plain subscribes", async () => {
    client.configure({
      retry: 1,
      retryDelay: () => 1,
      defaultQueryOptions: { retry: false },
    });
    const stop = client.observe(cart, CART).subscribe(noop);
    await failUntil(1, 503);
    assert.equal(hand.pending.length, 1);
    stop();
    await flush();
    const plain = client.subscribe("cart", { user_id: 6 }, noop);
    await until(() => hand.pending.length === 2, "the plain fetch");
    hand.pending[1]!.reject(failure(503));
    await until(() => hand.pending.length === 3, "its one retry");
    hand.pending[2]!.reject(failure(503));
    await client.whenIdle();
    assert.equal(hand.pending.length, 3);
    plain();
  });
});

describe("cache", () => {
  test("get reads without fetching or creating; set writes a value or an update and tells subscribers", () => {
    assert.equal(client.cache.get(cart, CART), undefined);
    assert.equal(client.cacheSize(), 0, "get creates no entry");
    let changes = 0;
    const observer = client.observe(cart, CART, { enabled: false });
    const stop = observer.subscribe(() => (changes += 1));
    const written = client.cache.set(cart, CART, { cart_lines: [] });
    assert.deepEqual(written, { cart_lines: [] });
    assert.equal(changes, 1);
    const snapshot = observer.getSnapshot();
    assert.equal(snapshot.status, "success");
    assert.ok(snapshot.dataUpdatedAt > 0);
    client.cache.set(cart, CART, (old) => ({
      cart_lines: [...(old?.cart_lines ?? []), { sku: "mug" }],
    }));
    assert.deepEqual(client.cache.get(cart, { user_id: "5" as never }), {
      cart_lines: [{ sku: "mug" }],
    });
    assert.equal(changes, 2);
    assert.equal(
      client.cache.set(cart, CART, () => undefined),
      undefined,
    );
    assert.equal(changes, 2, "undefined writes nothing");
    assert.equal(hand.pending.length, 0);
    stop();
  });

  test("set supersedes a fetch in flight: it is aborted and its response never overwrites the value", async () => {
    const stop = client.observe(cart, CART).subscribe(noop);
    const fetch = hand.pending[0]!;
    client.cache.set(cart, CART, { cart_lines: [{ sku: "optimistic" }] });
    assert.equal(fetch.request.signal?.aborted, true);
    assert.equal(client.snapshot("cart", CART).isFetching, false);
    fetch.resolve({ cart_lines: [] });
    await flush();
    assert.deepEqual(client.cache.get(cart, CART), {
      cart_lines: [{ sku: "optimistic" }],
    });
    assert.equal(hand.pending.length, 1, "and it is not restarted");
    stop();
  });

  test("invalidate refetches the watched entries it names and leaves the others stale", async () => {
    const stops = [
      client.observe(cart, { user_id: 5 }).subscribe(noop),
      client.observe(cart, { user_id: 6 }).subscribe(noop),
    ];
    hand.pending.forEach((fetch) => fetch.resolve({ cart_lines: [] }));
    const prefetched = client.prefetch("cart", { user_id: 7 });
    hand.pending[2]!.resolve({ cart_lines: [] });
    await prefetched;
    const invalidated = client.cache.invalidate(cart, { user_id: 5 });
    assert.deepEqual(
      hand.pending.slice(3).map((f) => f.request.params["user_id"]),
      [5],
    );
    hand.pending[3]!.resolve({ cart_lines: [{ sku: "new" }] });
    await invalidated;
    void client.cache.invalidate(cart);
    assert.deepEqual(
      hand.pending.slice(4).map((f) => f.request.params["user_id"]),
      [5, 6],
      "the whole context: the watched entries",
    );
    const late = client.observe(cart, { user_id: 7 }, { staleTime: Infinity });
    stops.push(late.subscribe(noop));
    assert.equal(
      hand.pending.at(-1)!.request.params["user_id"],
      7,
      "the unwatched one was marked stale",
    );
    stops.forEach((stop) => stop());
  });

  test("cancel aborts the fetch in flight (and its retries); the data stays, the response is dropped", async () => {
    client.configure({ retryDelay: () => 10_000 });
    const observer = client.observe(cart, CART);
    const stop = observer.subscribe(noop);
    hand.pending[0]!.resolve({ cart_lines: [{ sku: "old" }] });
    await flush();
    void observer.refetch();
    const inflight = hand.pending[1]!;
    await client.cache.cancel(cart, { user_id: 5 });
    assert.equal(inflight.request.signal?.aborted, true);
    const snapshot = observer.getSnapshot();
    assert.equal(snapshot.isFetching, false);
    assert.deepEqual(snapshot.data, { cart_lines: [{ sku: "old" }] });
    inflight.resolve({ cart_lines: [] });
    await flush();
    assert.deepEqual(client.cache.get(cart, CART), {
      cart_lines: [{ sku: "old" }],
    });
    // A fetch waiting for its retry is cancelled too.
    void observer.refetch();
    hand.pending[2]!.reject(failure(503));
    await flush();
    assert.equal(observer.getSnapshot().isFetching, true, "waiting to retry");
    await client.cache.cancel(cart);
    assert.equal(observer.getSnapshot().isFetching, false);
    await client.whenIdle();
    assert.equal(hand.pending.length, 3, "no retry after the cancel");
    stop();
  });
});

/** A promise the test settles. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve: (value: T) => void = noop;
  let reject: (error: unknown) => void = noop;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe("query functions (observeCall)", () => {
  /** A transport answering each call with its args and a count of the calls so far. */
  function echoTransport(): Transport & { calls: CallRequest[] } {
    const self = {
      calls: [] as CallRequest[],
      call: (request: CallRequest): Promise<CallOutcome> => {
        self.calls.push(request);
        const result = { q: request.args.q, n: self.calls.length };
        return Promise.resolve({ result, invalidate: [], merge: [] });
      },
      fetchContext: () => Promise.reject(new Error("no context here")),
    };
    return self;
  }
  type Hit = { q: unknown; n: number };
  const search = (c: MizanClient, args: { q: string }): Promise<Hit> =>
    c.call("search", args);

  test("cached by args: equal args share one call, other args get their own entry", async () => {
    const echo = echoTransport();
    const c = createMizanClient({ transport: echo, environment: env });
    const a = c.observeCall("search", search, { q: "tea" });
    const select = (hit: Hit): unknown => hit.q;
    const b = c.observeCall("search", search, { q: "tea" }, { select });
    const stops = [a.subscribe(noop), b.subscribe(noop)];
    await c.whenIdle();
    assert.equal(echo.calls.length, 1, "one call for equal args");
    assert.deepEqual(echo.calls[0]?.args, { q: "tea" });
    assert.deepEqual(a.getSnapshot().data, { q: "tea", n: 1 });
    assert.equal(b.getSnapshot().data, "tea");
    b.setOptions(
      { q: "coffee" },
      { select, placeholderData: keepPreviousData },
    );
    assert.equal(
      b.getSnapshot().data,
      "tea",
      "the previous args' data meanwhile",
    );
    assert.equal(b.getSnapshot().isPlaceholderData, true);
    await c.whenIdle();
    assert.equal(b.getSnapshot().data, "coffee");
    assert.equal(echo.calls.length, 2);
    assert.deepEqual(
      c.cache.get(callKey<{ q: string }, Hit>("search"), { q: "tea" }),
      { q: "tea", n: 1 },
    );
    stops.forEach((stop) => stop());
    c.close();
  });

  test("invalidated by its key, never by the server's context invalidations", async () => {
    const echo = echoTransport();
    const c = createMizanClient({ transport: echo, environment: env });
    const a = c.observeCall("search", search, { q: "tea" });
    const stop = a.subscribe(noop);
    await c.whenIdle();
    await c.applyInvalidation(["search", "cart"]);
    await c.whenIdle();
    assert.equal(
      echo.calls.length,
      1,
      "a context named like the function is another thing",
    );
    await c.cache.invalidate(callKey<{ q: string }, Hit>("search"));
    assert.equal(echo.calls.length, 2);
    assert.deepEqual(a.getSnapshot().data, { q: "tea", n: 2 });
    stop();
    c.close();
  });
});

describe("mutations", () => {
  test("concurrent calls: pending while any is in flight, the latest call's result wins", async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const events: string[] = [];
    const mutation = client.mutation({
      mutationFn: (n: number) => {
        const call = deferred<string>();
        calls.push(call);
        return call.promise;
      },
      onMutate: (n) => `ctx${n}`,
      onSuccess: (data, n, context) =>
        void events.push(`success ${n} ${data} ${context}`),
      onSettled: (_data, _error, n) => void events.push(`settled ${n}`),
    });
    assert.equal(mutation.getSnapshot().status, "idle");
    const first = mutation.mutateAsync(1, {
      onSuccess: () => void events.push("call 1"),
    });
    const second = mutation.mutateAsync(2, {
      onSuccess: (data, n, context) =>
        void events.push(`call ${n} ${data} ${context}`),
    });
    await flush();
    let snapshot = mutation.getSnapshot();
    assert.equal(snapshot.status, "pending");
    assert.equal(snapshot.variables, 2);
    assert.equal(snapshot.context, "ctx2");
    calls[1]!.resolve("two");
    assert.equal(await second, "two");
    snapshot = mutation.getSnapshot();
    assert.equal(snapshot.isPending, true, "the first call is in flight");
    assert.equal(snapshot.data, "two");
    calls[0]!.resolve("one");
    assert.equal(await first, "one");
    snapshot = mutation.getSnapshot();
    assert.equal(snapshot.status, "success");
    assert.equal(snapshot.data, "two", "the older result does not show");
    assert.equal(snapshot.variables, 2);
    assert.deepEqual(events, [
      "success 2 two ctx2",
      "settled 2",
      "call 2 two ctx2",
      "success 1 one ctx1",
      "settled 1",
    ]);
  });

  test("a failure: mutateAsync rejects with a MizanError, mutate does not throw; reset forgets the call", async () => {
    const errors: string[] = [];
    let fail: MizanError | Error = new MizanError("FORBIDDEN", "no");
    const mutation = client.mutation<string, number, number>({
      mutationFn: () => Promise.reject(fail),
      onMutate: (n) => n * 10,
      onError: (error, n, context) =>
        void errors.push(`${error.code} ${n} ${context}`),
    });
    await assert.rejects(mutation.mutateAsync(1), { code: "FORBIDDEN" });
    assert.equal(mutation.getSnapshot().status, "error");
    assert.equal(mutation.getSnapshot().error?.code, "FORBIDDEN");
    fail = new TypeError("boom");
    mutation.mutate(2);
    await flush();
    assert.equal(mutation.getSnapshot().error?.code, "NETWORK_ERROR");
    assert.equal(mutation.getSnapshot().error?.message, "boom");
    assert.deepEqual(errors, ["FORBIDDEN 1 10", "NETWORK_ERROR 2 20"]);
    mutation.reset();
    const reset = mutation.getSnapshot();
    assert.equal(reset.status, "idle");
    assert.equal(reset.error, null);
    assert.equal(reset.variables, undefined);
    // A call in flight when reset is forgotten by the snapshot; its promise still settles.
    const slow = deferred<string>();
    const later = client.mutation({ mutationFn: () => slow.promise });
    const called = later.mutateAsync();
    later.reset();
    slow.resolve("done");
    assert.equal(await called, "done");
    assert.equal(later.getSnapshot().status, "idle");
  });
});

describe("optimistic updates", () => {
  test("a refetch in flight when the optimistic set lands, and the merge after it, never overwrite it", async () => {
    const observer = client.observe(cart, CART);
    const stop = observer.subscribe(noop);
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    void client.refetch("cart", CART);
    const older = hand.pending[1]!;
    const mutation = client.mutation({
      mutationFn: (sku: string) => client.call<null>("add_to_cart", { sku }),
      onMutate: (sku) => {
        const previous = client.cache.get(cart, CART);
        client.cache.set(cart, CART, (old) => ({
          cart_lines: [...(old?.cart_lines ?? []), { sku: `${sku}…` }],
        }));
        return previous;
      },
    });
    hand.merge = [
      {
        context: "cart",
        slot: "cart_lines",
        value: [{ sku: "mug" }],
        params: CART,
      },
    ];
    const answer = deferred<void>();
    hand.gate = answer.promise;
    const called = mutation.mutateAsync("mug");
    await flush();
    assert.deepEqual(observer.getSnapshot().data, {
      cart_lines: [{ sku: "mug…" }],
    });
    answer.resolve();
    await called;
    assert.deepEqual(observer.getSnapshot().data, {
      cart_lines: [{ sku: "mug" }],
    });
    older.resolve({ cart_lines: [] });
    await flush();
    assert.deepEqual(
      observer.getSnapshot().data,
      { cart_lines: [{ sku: "mug" }] },
      "the merged value stays",
    );
    assert.equal(hand.pending.length, 2);
    stop();
  });

  describe("against the live server", () => {
    let server: RunningServer;
    before(async () => {
      server = await startServer();
    });
    after(() => server.stop());
    const user = contextKey<UserParams, UserBundle>("user");
    const ADA = { user_id: 5 };
    beforeEach(async () => {
      await server.reset();
      client.configure({
        transport: "http",
        baseUrl: server.baseUrl,
        headers: () => ({ Authorization: "Bearer test-token" }),
      });
      client.register("user", {
        params: ["page", "status", "user_id"],
        functions: {
          user_orders: ["user_id", "page", "status"],
          user_profile: ["user_id"],
        },
      });
    });
    const contextFetches = async (): Promise<number> =>
      (await server.log()).filter((e) => e.path.includes("/ctx/")).length;

    /** A `set_nickname` mutation that shows `<nickname> (saving)` at once, and rolls back on error. */
    const setNickname = () =>
      client.mutation({
        mutationFn: (args: { user_id: number; nickname: string }) =>
          client.call<UserProfile>("set_nickname", args),
        onMutate: async ({ user_id, nickname }) => {
          await client.cache.cancel(user, { user_id });
          const previous = client.cache.get(user, { user_id });
          client.cache.set(user, { user_id }, (old) =>
            old === undefined
              ? undefined
              : {
                  ...old,
                  user_profile: {
                    ...old.user_profile,
                    nickname: `${nickname} (saving)`,
                  },
                },
          );
          return { previous };
        },
        onError: (_error, { user_id }, context) =>
          void client.cache.set(user, { user_id }, context?.previous),
      });

    test("shown at once, then confirmed by the server's merge (no refetch)", async () => {
      const observer = client.observe(user, ADA, {
        select: (bundle) => bundle.user_profile.nickname,
      });
      const stop = observer.subscribe(noop);
      await client.whenIdle();
      assert.equal(observer.getSnapshot().data, null);
      const fetched = await contextFetches();
      await server.delay(50);
      const mutation = setNickname();
      const called = mutation.mutateAsync({ user_id: 5, nickname: "Countess" });
      await until(
        () => observer.getSnapshot().data === "Countess (saving)",
        "the optimistic value",
      );
      assert.equal(mutation.getSnapshot().status, "pending");
      const profile = await called;
      assert.equal(profile.nickname, "Countess");
      assert.equal(observer.getSnapshot().data, "Countess", "merged");
      assert.deepEqual(client.cache.get(user, ADA)?.user_profile, profile);
      assert.equal(mutation.getSnapshot().status, "success");
      await client.whenIdle();
      assert.equal(await contextFetches(), fetched, "nothing refetched");
      stop();
    });

    test("rolled back when the server refuses it", async () => {
      const observer = client.observe(user, ADA);
      const stop = observer.subscribe(noop);
      await client.whenIdle();
      const before = observer.getSnapshot().data;
      const mutation = setNickname();
      const shown: (string | null | undefined)[] = [];
      const watch = observer.subscribe(() =>
        shown.push(observer.getSnapshot().data?.user_profile.nickname),
      );
      const error = await mutation
        .mutateAsync({ user_id: 5, nickname: "x".repeat(41) })
        .then(
          () => assert.fail("the server accepted a 41-character nickname"),
          (e: unknown) => e,
        );
      assert.ok(error instanceof MizanError);
      assert.equal(error.code, "VALIDATION_ERROR");
      assert.deepEqual(shown, [`${"x".repeat(41)} (saving)`, null]);
      assert.equal(
        observer.getSnapshot().data,
        before,
        "the previous bundle, as it was",
      );
      assert.equal(mutation.getSnapshot().status, "error");
      assert.equal(mutation.getSnapshot().error?.code, "VALIDATION_ERROR");
      watch();
      stop();
    });
  });
});
