// The kernel's cache against a hand-driven transport (each context fetch resolved by the
// test) and the live server: ordering of merges and fetches, dedupe, staleTime, gcTime,
// retries, refetch after an error, and aborting fetches nobody waits for.

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
  createMizanClient,
  type CallOutcome,
  type ContextRequest,
  type MergeEntry,
  type MizanClient,
  type Transport,
} from "./.gen/kernel/stage1/runtime/index.js";
import { startServer, type RunningServer } from "./server/harness.js";

/** A context fetch the test answers by hand. */
interface Pending {
  readonly request: ContextRequest;
  resolve(bundle: Record<string, unknown>): void;
  reject(error: unknown): void;
}

/** A transport whose context fetches wait for the test, and whose calls answer `merge`. */
function handTransport(): Transport & {
  pending: Pending[];
  merge: MergeEntry[];
  calls: number;
  callError: MizanError | null;
} {
  const pending: Pending[] = [];
  const self = {
    pending,
    merge: [] as MergeEntry[],
    calls: 0,
    callError: null as MizanError | null,
    call: (): Promise<CallOutcome> => {
      self.calls += 1;
      return self.callError !== null
        ? Promise.reject(self.callError)
        : Promise.resolve({ result: null, invalidate: [], merge: self.merge });
    },
    fetchContext: (request: ContextRequest) =>
      new Promise<Record<string, unknown>>((resolve, reject) =>
        pending.push({ request, resolve, reject }),
      ),
  };
  return self;
}

/** Lets settled promises run their callbacks. */
const flush = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

type Cart = { cart_lines: { sku: string }[] };
const CART = { user_id: 5 };
const noop = (): void => undefined;
const lines = (): number | undefined =>
  client.snapshot<Cart>("cart", CART).data?.cart_lines.length;

/** Each test's own client: nothing crosses tests, nothing needs resetting. */
let client: MizanClient;
beforeEach(() => {
  client = createMizanClient();
});
afterEach(() => client.close());

let hand: ReturnType<typeof handTransport>;
beforeEach(() => {
  client.register("cart", {
    params: ["user_id"],
    functions: { cart_lines: ["user_id"] },
  });
  hand = handTransport();
  client.configure({ transport: hand });
});

describe("ordering", () => {
  test("a refetch in flight when a merge lands never overwrites the merge", async () => {
    const stop = client.subscribe("cart", CART, noop);
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(lines(), 0);
    void client.refetch("cart", CART);
    assert.equal(hand.pending.length, 2);
    hand.merge = [
      {
        context: "cart",
        slot: "cart_lines",
        value: [{ sku: "mug" }],
        params: CART,
      },
    ];
    await client.call("add_to_cart", { user_id: 5, sku: "mug" });
    assert.equal(lines(), 1, "the merge shows at once");
    // The refetch started before the merge answers with the older bundle.
    hand.pending[1]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(lines(), 1, "the older response is dropped");
    assert.equal(hand.pending[1]!.request.signal?.aborted, true);
    // The superseded fetch is replaced by one started after the merge.
    assert.equal(hand.pending.length, 3);
    assert.equal(client.snapshot("cart", CART).isFetching, true);
    hand.pending[2]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await flush();
    assert.equal(lines(), 1);
    assert.equal(client.snapshot("cart", CART).isFetching, false);
    stop();
  });

  test("a merge supersedes a prefetch's fetch; the prefetch waits for the newer one", async () => {
    client.hydrate({ "cart?user_id=5": { cart_lines: [] } });
    let done = false;
    const prefetched = client.prefetch("cart", CART).then(() => (done = true));
    assert.equal(hand.pending.length, 1);
    hand.merge = [
      { context: "cart", slot: "cart_lines", value: [{ sku: "mug" }] },
    ];
    await client.call("add_to_cart", { user_id: 5, sku: "mug" });
    assert.equal(hand.pending[0]!.request.signal?.aborted, true);
    assert.equal(
      hand.pending.length,
      2,
      "the waiter gets a fetch started after the merge",
    );
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(lines(), 1);
    assert.equal(done, false);
    hand.pending[1]!.resolve({ cart_lines: [{ sku: "mug" }, { sku: "lamp" }] });
    await prefetched;
    assert.equal(lines(), 2);
  });

  test("an invalidation supersedes the fetch in flight, whichever answers first", async () => {
    const stop = client.subscribe("cart", CART, noop);
    void client.applyInvalidation(["cart"]);
    assert.equal(hand.pending.length, 2);
    assert.equal(hand.pending[0]!.request.signal?.aborted, true);
    hand.pending[1]!.resolve({ cart_lines: [{ sku: "new" }] });
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(lines(), 1);
    stop();
  });

  test("a merge into an entry with no data yet still supersedes its first fetch", async () => {
    const stop = client.subscribe("cart", CART, noop);
    hand.merge = [
      { context: "cart", slot: "cart_lines", value: [{ sku: "mug" }] },
    ];
    await client.call("add_to_cart", { user_id: 5, sku: "mug" });
    assert.equal(client.snapshot("cart", CART).status, "pending");
    assert.equal(hand.pending.length, 2);
    hand.pending[0]!.resolve({ cart_lines: [] });
    hand.pending[1]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await flush();
    assert.equal(lines(), 1);
    stop();
  });
});

describe("dedupe", () => {
  test("concurrent subscribers and prefetches of one entry share one fetch", async () => {
    const stops = [
      client.subscribe("cart", CART, noop),
      client.subscribe("cart", { user_id: "5" }, noop),
    ];
    const prefetches = [
      client.prefetch("cart", CART),
      client.prefetch("cart", CART),
    ];
    assert.equal(hand.pending.length, 1);
    hand.pending[0]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await Promise.all(prefetches);
    assert.equal(lines(), 1);
    assert.equal(hand.pending.length, 1);
    stops.forEach((stop) => stop());
  });

  test("params given in any order are one entry under one canonical key", async () => {
    client.register("orders", {
      params: ["user_id", "page"],
      functions: { orders: ["user_id", "page"] },
    });
    const stops = [
      client.subscribe("orders", { user_id: 5, page: 2 }, noop),
      client.subscribe("orders", { page: 2, user_id: 5 }, noop),
    ];
    assert.equal(hand.pending.length, 1, "one fetch for both orders");
    hand.pending[0]!.resolve({ orders: [] });
    await flush();
    assert.deepEqual(Object.keys(client.dehydrate()), [
      "orders?page=2&user_id=5",
    ]);
    stops.forEach((stop) => stop());
  });
});

describe("scoped invalidation", () => {
  test("an entry is hit only when every param of the scope matches", async () => {
    client.register("orders", {
      params: ["user_id", "page"],
      functions: { orders: ["user_id", "page"] },
    });
    const scopes = [
      { user_id: 5, page: 1 },
      { user_id: 6, page: 1 },
      { user_id: 5, page: 2 },
    ];
    const stops = scopes.map((p) => client.subscribe("orders", p, noop));
    assert.equal(hand.pending.length, 3);
    hand.pending.forEach((p) => p.resolve({ orders: [] }));
    await flush();
    void client.applyInvalidation([
      { context: "orders", params: { user_id: 5, page: 1 } },
    ]);
    assert.deepEqual(
      hand.pending.slice(3).map((p) => p.request.params),
      [{ page: 1, user_id: 5 }],
    );
    void client.applyInvalidation([{ context: "orders", params: {} }]);
    assert.equal(hand.pending.length, 7, "an empty scope hits every entry");
    stops.forEach((stop) => stop());
  });
});

/** Subscribes, answers the fetch, and returns the unsubscribe. */
async function watched(bundle: Cart): Promise<() => void> {
  const stop = client.subscribe("cart", CART, noop);
  hand.pending.at(-1)!.resolve(bundle);
  await flush();
  return stop;
}

describe("staleTime", () => {
  test("by default data is stale at once: a new subscriber refetches", async () => {
    (await watched({ cart_lines: [] }))();
    const stop = client.subscribe("cart", CART, noop);
    assert.equal(hand.pending.length, 2);
    assert.equal(client.snapshot("cart", CART).isFetching, true);
    stop();
  });

  test("fresh data is not refetched on subscribe; stale data is", async () => {
    client.configure({ staleTime: 40 });
    (await watched({ cart_lines: [] }))();
    client.subscribe("cart", CART, noop)();
    assert.equal(hand.pending.length, 1, "fresh");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stop = client.subscribe("cart", CART, noop);
    assert.equal(hand.pending.length, 2, "stale after 40 ms");
    stop();
  });

  test("an invalidated entry is stale whatever staleTime says", async () => {
    client.configure({ staleTime: Infinity });
    (await watched({ cart_lines: [] }))();
    await client.applyInvalidation(["cart"]);
    assert.equal(hand.pending.length, 1, "nobody watches: marked stale only");
    const stop = client.subscribe("cart", CART, noop);
    assert.equal(hand.pending.length, 2);
    stop();
  });

  test("hydrated entries are not refetched until their first subscribers all left", async () => {
    client.hydrate({ "cart?user_id=5": { cart_lines: [{ sku: "mug" }] } });
    const first = [
      client.subscribe("cart", CART, noop),
      client.subscribe("cart", CART, noop),
    ];
    assert.equal(hand.pending.length, 0);
    assert.equal(lines(), 1);
    first[0]!();
    first[1]!();
    client.subscribe("cart", CART, noop)(); // a StrictMode remount, in the same tick
    assert.equal(hand.pending.length, 0);
    await flush();
    const stop = client.subscribe("cart", CART, noop);
    assert.equal(
      hand.pending.length,
      1,
      "staleTime 0: a subscribe after they left refetches",
    );
    stop();
  });
});

describe("gcTime", () => {
  test("entries without subscribers are collected after gcTime; watched ones stay", async () => {
    client.configure({ gcTime: 20 });
    const kept = await watched({ cart_lines: [] });
    const stops = Array.from({ length: 5000 }, (_, id) =>
      client.subscribe("cart", { user_id: 1000 + id }, noop),
    );
    hand.pending.forEach((fetch) => fetch.resolve({ cart_lines: [] }));
    await client.whenIdle();
    assert.equal(client.cacheSize(), 5001);
    stops.forEach((stop) => stop());
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(client.cacheSize(), 1);
    assert.equal(lines(), 0);
    kept();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(client.cacheSize(), 0);
    assert.equal(client.snapshot("cart", CART).status, "idle");
  });

  test("gcTime Infinity keeps every entry; so does a pending prefetch", async () => {
    client.configure({ gcTime: Infinity });
    (await watched({ cart_lines: [] }))();
    client.configure({ gcTime: 1 });
    const prefetched = client.prefetch("cart", { user_id: 6 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(client.cacheSize(), 2);
    hand.pending.at(-1)!.resolve({ cart_lines: [] });
    await prefetched;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(
      client.cacheSize(),
      1,
      "the prefetched entry goes once its fetch settled",
    );
  });
});

const failure = (status: number): MizanError =>
  new MizanError(
    status >= 500 ? "INTERNAL_ERROR" : "NOT_FOUND",
    "nope",
    status,
  );

describe("retries", () => {
  test("a network error or a 5xx is retried after 1 s, 2 s, 4 s, then fails", async () => {
    mock.timers.enable({ apis: ["setTimeout"] });
    try {
      const stop = client.subscribe("cart", CART, noop);
      hand.pending[0]!.reject(new MizanError("NETWORK_ERROR", "offline"));
      for (const [i, delay] of [1000, 2000, 4000].entries()) {
        await flush();
        mock.timers.tick(delay - 1);
        await flush();
        assert.equal(hand.pending.length, i + 1, `not before ${delay} ms`);
        mock.timers.tick(1);
        await flush();
        assert.equal(
          hand.pending.length,
          i + 2,
          `retry ${i + 1} after ${delay} ms`,
        );
        assert.equal(client.snapshot("cart", CART).isFetching, true);
        hand.pending.at(-1)!.reject(failure(503));
      }
      await flush();
      const snapshot = client.snapshot("cart", CART);
      assert.equal(snapshot.status, "error");
      assert.equal(snapshot.error?.status, 503);
      assert.equal(snapshot.isFetching, false);
      assert.equal(hand.pending.length, 4);
      stop();
    } finally {
      mock.timers.reset();
    }
  });

  test("retry and retryDelay are configurable; a 4xx is never retried", async () => {
    const attempts: number[] = [];
    client.configure({
      retry: 1,
      retryDelay: (attempt) => (attempts.push(attempt), 1),
    });
    const stop = client.subscribe("cart", CART, noop);
    hand.pending[0]!.reject(failure(500));
    await new Promise((resolve) => setTimeout(resolve, 10));
    hand.pending[1]!.resolve({ cart_lines: [] });
    await client.whenIdle();
    assert.deepEqual(attempts, [0]);
    assert.equal(client.snapshot("cart", CART).status, "success");
    void client.refetch("cart", CART);
    hand.pending[2]!.reject(failure(404));
    await client.whenIdle();
    assert.equal(hand.pending.length, 3);
    assert.equal(client.snapshot("cart", CART).error?.code, "NOT_FOUND");
    client.configure({ retry: false });
    stop();
  });

  test("calls are never retried", async () => {
    hand.callError = new MizanError("NETWORK_ERROR", "offline");
    await assert.rejects(client.call("add_to_cart", {}), {
      code: "NETWORK_ERROR",
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(hand.calls, 1);
  });
});

describe("errored entries", () => {
  test("refetch when they get a new subscriber, and only then", async () => {
    client.configure({ retry: false, staleTime: Infinity });
    let changes = 0;
    const first = client.subscribe("cart", CART, () => (changes += 1));
    hand.pending[0]!.reject(failure(500));
    await flush();
    assert.equal(client.snapshot("cart", CART).status, "error");
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(hand.pending.length, 1, "no refetch loop");
    const second = client.subscribe("cart", CART, noop);
    assert.equal(hand.pending.length, 2);
    hand.pending[1]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(client.snapshot("cart", CART).status, "success");
    assert.ok(changes > 0);
    first();
    second();
  });
});

describe("abort", () => {
  test("the last unsubscribe aborts the fetch nobody waits for; the entry stays stale", async () => {
    const stop = client.subscribe("cart", CART, noop);
    const signal = hand.pending[0]!.request.signal;
    stop();
    await flush();
    assert.equal(signal?.aborted, true);
    const snapshot = client.snapshot("cart", CART);
    assert.equal(snapshot.isFetching, false);
    assert.equal(snapshot.status, "idle");
    hand.pending[0]!.resolve({ cart_lines: [{ sku: "late" }] });
    await flush();
    assert.equal(lines(), undefined, "the aborted response is dropped");
    client.configure({ staleTime: Infinity });
    const again = client.subscribe("cart", CART, noop);
    assert.equal(
      hand.pending.length,
      2,
      "stale: refetched on the next subscribe",
    );
    again();
  });

  test("a refetch dropped by the last unsubscribe leaves fresh data stale", async () => {
    client.configure({ staleTime: Infinity });
    const stop = await watched({ cart_lines: [] });
    void client.refetch("cart", CART);
    assert.equal(hand.pending.length, 2);
    stop();
    await flush();
    assert.equal(hand.pending[1]!.request.signal?.aborted, true);
    const again = client.subscribe("cart", CART, noop);
    assert.equal(
      hand.pending.length,
      3,
      "fetched within staleTime, yet refetched: its refetch was dropped",
    );
    again();
  });

  test("a fetch a prefetch awaits, or an immediate resubscribe, is not aborted", async () => {
    const prefetched = client.prefetch("cart", CART);
    client.subscribe("cart", CART, noop)();
    await flush();
    assert.equal(hand.pending[0]!.request.signal?.aborted, false);
    hand.pending[0]!.resolve({ cart_lines: [] });
    await prefetched;
    const stop = client.subscribe("cart", CART, noop);
    stop();
    const remount = client.subscribe("cart", CART, noop);
    await flush();
    assert.equal(hand.pending[1]!.request.signal?.aborted, false);
    remount();
  });
});

describe("retries against the live server", () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer();
  });
  after(() => server.stop());
  beforeEach(async () => {
    await server.reset();
    client.configure({
      transport: "http",
      baseUrl: server.baseUrl,
      retryDelay: () => 5,
    });
    client.register("catalog", {
      params: ["category", "slug"],
      functions: { product_detail: ["slug"], product_list: ["category"] },
    });
  });
  const fetches = async (): Promise<number> =>
    (await server.log()).filter((e) => e.path.includes("/ctx/")).length;

  test("503 twice, then the bundle: three requests, one success", async () => {
    await server.failContexts(2, 503);
    const stop = client.subscribe("catalog", {}, noop);
    await client.whenIdle();
    const snapshot = client.snapshot<{ product_list: unknown[] }>(
      "catalog",
      {},
    );
    assert.equal(snapshot.status, "success");
    assert.equal(snapshot.data?.product_list.length, 3);
    assert.equal(await fetches(), 3);
    stop();
  });

  test("a 422 is not retried: one request, an error", async () => {
    await server.failContexts(5, 422);
    const stop = client.subscribe("catalog", {}, noop);
    await client.whenIdle();
    const snapshot = client.snapshot("catalog", {});
    assert.equal(snapshot.status, "error");
    assert.equal(snapshot.error?.status, 422);
    assert.equal(await fetches(), 1);
    stop();
  });
});
