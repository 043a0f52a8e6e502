// The call path against the live server (fixture shop.kdl): per-call headers
// and timeouts, aborts, and channels that queue before they open, refuse to
// send once closed, and come back after the server drops the socket.

import assert from "node:assert/strict";
import {
  after,
  afterEach,
  before,
  beforeEach,
  describe,
  test,
} from "node:test";
import { WebSocket } from "ws";
import {
  MizanError,
  createMizanClient,
  type ChannelStatus,
  type MizanClient,
} from "./.gen/kernel/stage1/runtime/index.js";
import { startServer, type RunningServer } from "./server/harness.js";

let server: RunningServer;
const BEARER = { Authorization: "Bearer test-token" };

before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});
/** Each test's own client: nothing crosses tests, nothing needs resetting. */
let client: MizanClient;
beforeEach(() => {
  client = createMizanClient();
});
afterEach(() => client.close());

beforeEach(async () => {
  await server.reset();
  client.configure({ baseUrl: server.baseUrl, WebSocket });
  client.register("catalog", {
    params: ["category", "slug"],
    functions: { product_detail: ["slug"], product_list: ["category"] },
  });
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Resolves with how long `promise` took to reject, and what it rejected with. */
async function rejection(
  promise: Promise<unknown>,
): Promise<{ error: unknown; ms: number }> {
  const start = Date.now();
  try {
    await promise;
  } catch (error) {
    return { error, ms: Date.now() - start };
  }
  throw new Error("expected a rejection");
}

function assertTimeout(error: unknown, ms: number): void {
  assert.ok(error instanceof MizanError, String(error));
  assert.equal(error.code, "NETWORK_ERROR");
  assert.equal(error.status, 0);
  assert.match(error.message, new RegExp(`timed out after ${ms} ms`));
  assert.deepEqual(error.details, { timeout: ms });
}

describe("per-call options", () => {
  test("per-call headers reach the server, over the configured ones", async () => {
    client.configure({
      headers: () => ({ "X-Test-Tenant": "configured", "X-Test-Keep": "1" }),
    });
    await client.call(
      "product_list",
      {},
      { headers: { "X-Test-Tenant": "per-call", "X-Test-Trace": "abc" } },
    );
    await client.fetch("catalog", {}, { headers: { "X-Test-Trace": "fetch" } });
    await client.call("product_list", {});
    const log = (await server.log()).filter((e) => e.path !== "/__delay");
    assert.deepEqual(
      log.map((e) => e.headers),
      [
        {
          "x-test-tenant": "per-call",
          "x-test-keep": "1",
          "x-test-trace": "abc",
        },
        {
          "x-test-tenant": "configured",
          "x-test-keep": "1",
          "x-test-trace": "fetch",
        },
        { "x-test-tenant": "configured", "x-test-keep": "1" },
      ],
    );
  });

  test("a call's timeout rejects with NETWORK_ERROR within bounds", async () => {
    await server.delay(1000);
    const { error, ms } = await rejection(
      client.call("product_list", {}, { timeout: 100 }),
    );
    assertTimeout(error, 100);
    assert.ok(ms >= 90 && ms < 800, `rejected after ${ms} ms`);
  });

  test("a context fetch's timeout rejects too", async () => {
    await server.delay(1000);
    const { error, ms } = await rejection(
      client.fetch("catalog", {}, { timeout: 80 }),
    );
    assertTimeout(error, 80);
    assert.ok(ms >= 70 && ms < 800, `rejected after ${ms} ms`);
  });

  test("configure's timeout is the default; a per-call one wins", async () => {
    client.configure({ timeout: 60 });
    await server.delay(300);
    assertTimeout((await rejection(client.call("product_list", {}))).error, 60);
    // Longer than the delay: the call succeeds.
    const products = await client.call<unknown[]>(
      "product_list",
      {},
      { timeout: 3000 },
    );
    assert.ok(Array.isArray(products));
    // The cache's own fetches get the default too.
    await client.prefetch("catalog", {});
    const snapshot = client.snapshot("catalog", {});
    assert.equal(snapshot.status, "error");
    assertTimeout(snapshot.error, 60);
  });

  test("no timeout: a slow answer still arrives", async () => {
    await server.delay(150);
    const products = await client.call<unknown[]>("product_list", {});
    assert.ok(Array.isArray(products));
  });

  test("the signal still aborts, with its own reason, timeout or not", async () => {
    await server.delay(1000);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    const call = client.call(
      "product_list",
      {},
      {
        signal: controller.signal,
        timeout: 5000,
      },
    );
    setTimeout(() => controller.abort(reason), 50);
    const { error, ms } = await rejection(call);
    assert.equal(error, reason);
    assert.ok(ms < 800, `aborted after ${ms} ms`);
    const plain = new AbortController();
    const fetch = client.fetch("catalog", {}, { signal: plain.signal });
    plain.abort(reason);
    assert.equal((await rejection(fetch)).error, reason);
  });

  test("a WebSocket RPC times out, and its late answer is ignored", async () => {
    client.configure({ headers: () => BEARER });
    await server.delay(400);
    const { error, ms } = await rejection(
      client.call("product_list", {}, { transport: "websocket", timeout: 100 }),
    );
    assertTimeout(error, 100);
    assert.ok(ms >= 90 && ms < 390, `rejected after ${ms} ms`);
    await server.delay(0);
    const products = await client.call<unknown[]>(
      "product_list",
      {},
      { transport: "websocket", timeout: 2000 },
    );
    assert.ok(Array.isArray(products));
  });
});

type ChatOut = { kind: string; text: string };

describe("channels", () => {
  test("send before the subscription opens is queued, then delivered", async () => {
    client.configure({ headers: () => BEARER });
    const received: ChatOut[] = [];
    const statuses: ChannelStatus[] = [];
    const chat = client.subscribeChannel<ChatOut, { text: string }>(
      "chat",
      { room: "early" },
      (m) => received.push(m),
      (s) => statuses.push(s),
    );
    chat.send({ text: "before open" });
    assert.deepEqual(statuses, ["connecting"]);
    await until(() => received.length === 1, "the queued message");
    assert.equal(received[0]?.text, "before open");
    assert.deepEqual(statuses, ["connecting", "open"]);
    chat.close();
  });

  test("send after close throws a MizanError", () => {
    client.configure({ headers: () => BEARER });
    const chat = client.subscribeChannel<ChatOut, { text: string }>(
      "chat",
      { room: "closed" },
      () => undefined,
    );
    chat.close();
    assert.throws(
      () => chat.send({ text: "too late" }),
      (error: unknown) =>
        error instanceof MizanError &&
        error.code === "NETWORK_ERROR" &&
        error.message === "the channel is closed",
    );
  });

  test("a second subscriber of an open channel is told it is open", async () => {
    client.configure({ headers: () => BEARER });
    const first: ChannelStatus[] = [];
    const second: ChannelStatus[] = [];
    const a = client.subscribeChannel(
      "chat",
      { room: "shared" },
      () => undefined,
      (s) => first.push(s),
    );
    await until(() => first.includes("open"), "first open");
    const b = client.subscribeChannel(
      "chat",
      { room: "shared" },
      () => undefined,
      (s) => second.push(s),
    );
    assert.deepEqual(second, ["open"]);
    a.close();
    b.close();
  });

  test("after the server drops the socket, it reconnects, resubscribes and delivers", async () => {
    client.configure({ headers: () => BEARER });
    const received: ChatOut[] = [];
    const statuses: ChannelStatus[] = [];
    const chat = client.subscribeChannel<ChatOut, { text: string }>(
      "chat",
      { room: "flaky" },
      (m) => received.push(m),
      (s) => statuses.push(s),
    );
    await until(() => statuses.includes("open"), "open");
    assert.equal(await server.dropSockets(), 1);
    await until(() => statuses.at(-1) === "connecting", "the drop seen");
    // Sent while disconnected: queued until the subscription is back.
    chat.send({ text: "during the outage" });
    await until(() => statuses.at(-1) === "open", "open again");
    assert.deepEqual(statuses, ["connecting", "open", "connecting", "open"]);
    // A message sent by someone else after the drop arrives too.
    await client.call(
      "send_message",
      { room: "flaky", text: "after the drop" },
      { transport: "websocket" },
    );
    await until(() => received.length === 2, "both messages");
    assert.deepEqual(
      received.map((m) => m.text),
      ["during the outage", "after the drop"],
    );
    const subscribes = (await server.log()).filter(
      (e) => e.method === "WS" && e.query["action"] === "subscribe",
    );
    assert.equal(subscribes.length, 2);
    chat.close();
  });
});
