// The kernel's cache against a hand-driven transport (each context fetch resolved by the
// test) and the live server: ordering of merges and fetches, dedupe, staleTime, gcTime,
// retries, refetch after an error, and aborting fetches nobody waits for.

import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import {
  configure,
  getContextSnapshot,
  mizanCall,
  refetchContext,
  registerContext,
  resetKernel,
  subscribeContext,
  type CallOutcome,
  type ContextRequest,
  type MergeEntry,
  type Transport,
} from "./.gen/kernel/stage1/runtime/index.js";

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
} {
  const pending: Pending[] = [];
  const self = {
    pending,
    merge: [] as MergeEntry[],
    call: (): Promise<CallOutcome> =>
      Promise.resolve({ result: null, invalidate: [], merge: self.merge }),
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
  getContextSnapshot<Cart>("cart", CART).data?.cart_lines.length;

let hand: ReturnType<typeof handTransport>;
beforeEach(() => {
  registerContext("cart", {
    params: ["user_id"],
    functions: { cart_lines: ["user_id"] },
  });
  hand = handTransport();
  configure({ transport: hand });
});
afterEach(() => resetKernel());

describe("ordering", () => {
  test("a refetch in flight when a merge lands never overwrites the merge", async () => {
    const stop = subscribeContext("cart", CART, noop);
    hand.pending[0]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(lines(), 0);
    void refetchContext("cart", CART);
    assert.equal(hand.pending.length, 2);
    hand.merge = [
      {
        context: "cart",
        slot: "cart_lines",
        value: [{ sku: "mug" }],
        params: CART,
      },
    ];
    await mizanCall("add_to_cart", { user_id: 5, sku: "mug" });
    assert.equal(lines(), 1, "the merge shows at once");
    // The refetch started before the merge answers with the older bundle.
    hand.pending[1]!.resolve({ cart_lines: [] });
    await flush();
    assert.equal(lines(), 1, "the older response is dropped");
    assert.equal(hand.pending[1]!.request.signal?.aborted, true);
    // The superseded fetch is replaced by one started after the merge.
    assert.equal(hand.pending.length, 3);
    assert.equal(getContextSnapshot("cart", CART).isFetching, true);
    hand.pending[2]!.resolve({ cart_lines: [{ sku: "mug" }] });
    await flush();
    assert.equal(lines(), 1);
    assert.equal(getContextSnapshot("cart", CART).isFetching, false);
    stop();
  });
});
