// The test kernel against the live protocol server (fixture shop.kdl): HTTP, uploads,
// context store, invalidation, merge, errors, WebSocket RPC and channels.

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
  parseInvalidateHeader,
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
  client.configure({
    baseUrl: server.baseUrl,
    WebSocket,
  });
  client.register("user", {
    params: ["page", "status", "user_id"],
    functions: {
      user_orders: ["user_id", "page", "status"],
      user_profile: ["user_id"],
    },
  });
  client.register("catalog", {
    params: ["category", "slug"],
    functions: { product_detail: ["slug"], product_list: ["category"] },
  });
});

/** Context GETs in the server log, as `path?query` strings. */
async function fetchesLogged(): Promise<string[]> {
  return (await server.log())
    .filter((e) => e.method === "GET" && e.path.includes("/ctx/"))
    .map(
      (e) =>
        `${e.path.replace(/^.*\/ctx\//, "")}?${new URLSearchParams(e.query).toString()}`,
    );
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Subscribes and waits for the first successful fetch; returns the unsubscribe. */
async function watch(
  context: string,
  params: Record<string, unknown>,
): Promise<() => void> {
  const stop = client.subscribe(context, params, () => undefined);
  await until(
    () => client.snapshot(context, params).status === "success",
    `${context} ${JSON.stringify(params)}`,
  );
  return stop;
}

async function rejection(promise: Promise<unknown>): Promise<MizanError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof MizanError,
      `expected a MizanError, got ${String(error)}`,
    );
    return error;
  }
  assert.fail("expected the call to fail");
}

/** A fetch with a cookie jar, as a browser would keep the session cookie. */
function cookieFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0)
      headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return response;
  };
}

describe("HTTP", () => {
  test("initSession stores the CSRF token; session cookie + X-CSRFToken authenticate a call", async () => {
    client.configure({ fetch: cookieFetch() });
    await assert.rejects(
      client.call("update_profile", { user_id: 5, name: "Ada L." }),
      { code: "UNAUTHORIZED" },
    );
    await client.initSession();
    assert.match(client.csrfToken() ?? "", /^[0-9a-f]{32}$/);
    const profile = await client.call<{ name: string }>("update_profile", {
      user_id: 5,
      name: "Ada L.",
    });
    assert.equal(profile.name, "Ada L.");
  });

  test("a call round-trips args and result", async () => {
    assert.equal(await client.call("ping", {}), null);
    const report = await client.call("contact.validate", {
      email: "nope",
      topic: "sales",
      body: "short",
    });
    assert.deepEqual(report, {
      ok: false,
      errors: {
        email: ["must be a valid email"],
        body: ["must have at least 10 items/characters"],
      },
    });
  });

  test("client.fetch GETs the flat bundle, omitting absent params", async () => {
    const bundle = await client.fetch<Record<string, unknown>>("user", {
      user_id: 5,
      page: undefined,
      status: null,
    });
    assert.deepEqual(Object.keys(bundle).sort(), [
      "user_orders",
      "user_profile",
    ]);
    assert.equal(
      (bundle["user_profile"] as { email: string }).email,
      "ada@shop.example",
    );
    const kitchen = await client.fetch<{ product_list: unknown[] }>("catalog", {
      category: "kitchen",
    });
    assert.equal(kitchen.product_list.length, 2);
    assert.deepEqual(await fetchesLogged(), [
      "user/?user_id=5",
      "catalog/?category=kitchen",
    ]);
  });

  test("errors become MizanError with code, status and field errors; nothing is invalidated", async () => {
    client.configure({ headers: () => BEARER });
    const stop = await watch("user", { user_id: 5 });
    await server.reset();
    const invalid = await rejection(
      client.call("update_profile", { user_id: "five", name: "x".repeat(101) }),
    );
    assert.equal(invalid.code, "VALIDATION_ERROR");
    assert.equal(invalid.status, 422);
    assert.deepEqual(Object.keys(invalid.fieldErrors()).sort(), [
      "name",
      "user_id",
    ]);
    assert.deepEqual(invalid.fieldErrors()["user_id"], ["must be an integer"]);
    // Non-empty args: the reference adapter's `details.errors` list, not `details.fields`.
    assert.ok(Array.isArray(invalid.details?.["errors"]), "details.errors");
    assert.equal(invalid.details?.["fields"], undefined);
    const empty = await rejection(client.call("update_profile", {}));
    assert.deepEqual(Object.keys(empty.details ?? {}), ["fields"]);
    assert.deepEqual(Object.keys(empty.fieldErrors()).sort(), [
      "name",
      "user_id",
    ]);
    const nested = await rejection(
      client.call("place_order", {
        user_id: 5,
        lines: [
          { product: "00000000-0000-4000-8000-000000000001", quantity: 1 },
          { product: "not-a-uuid", quantity: 1 },
        ],
      }),
    );
    assert.deepEqual(nested.fieldErrors(), { lines: ["must be a uuid"] });
    assert.deepEqual(nested.fieldErrorsByPath(), {
      "lines.1.product": ["must be a uuid"],
    });
    const missing = await rejection(client.call("no_such_fn", {}));
    assert.deepEqual([missing.code, missing.status], ["NOT_FOUND", 404]);
    const noCtx = await rejection(client.fetch("nope", {}));
    assert.deepEqual([noCtx.code, noCtx.status], ["NOT_FOUND", 404]);
    await client.whenIdle();
    assert.deepEqual(await fetchesLogged(), ["nope/?"]);
    stop();
  });

  test("an aborted call rejects with the signal's reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("user left"));
    const options = { signal: controller.signal };
    await assert.rejects(client.call("ping", {}, options), {
      message: "user left",
    });
  });

  test("a failed context fetch shows in the snapshot", async () => {
    const stop = client.subscribe("user", { user_id: 999 }, () => undefined);
    await until(
      () => client.snapshot("user", { user_id: 999 }).status === "error",
      "error status",
    );
    const snapshot = client.snapshot("user", { user_id: 999 });
    assert.equal(snapshot.error?.code, "NOT_FOUND");
    assert.equal(snapshot.isFetching, false);
    stop();
  });

  test("multipart: file parts arrive named by param, repeated for lists", async () => {
    client.configure({ headers: () => BEARER });
    const avatar = new File([new Uint8Array([1, 2, 3])], "me.png", {
      type: "image/png",
    });
    const profile = await client.call<{ avatar: string }>(
      "upload_avatar",
      { user_id: 5, file: avatar, caption: "hello" },
      { uploadParams: ["file"] },
    );
    assert.equal(
      profile.avatar,
      "https://cdn.shop.example/avatars/5/me.png?size=3",
    );
    const count = await client.call<number>(
      "attach_documents",
      { order_id: 101, files: [new File(["a"], "a.pdf"), new Blob(["bb"])] },
      { uploadParams: ["files"] },
    );
    assert.equal(count, 2);
    const calls = (await server.log()).filter((e) => e.fn !== undefined);
    assert.deepEqual(calls[0]?.files, [
      { field: "file", filename: "me.png", size: 3, contentType: "image/png" },
    ]);
    assert.deepEqual(
      calls[1]?.files?.map((f) => [f.field, f.filename, f.size]),
      [
        ["files", "a.pdf", 1],
        ["files", "files", 2],
      ],
    );
  });
});

describe("server wire format", () => {
  async function rawCall(
    fn: string,
    args: unknown,
  ): Promise<[unknown, string | null, string | null]> {
    const response = await fetch(`${server.baseUrl}/call/`, {
      method: "POST",
      headers: { ...BEARER, "Content-Type": "application/json" },
      body: JSON.stringify({ fn, args }),
    });
    const header = response.headers.get("X-Mizan-Invalidate");
    return [
      await response.json(),
      header,
      response.headers.get("Cache-Control"),
    ];
  }

  test("update_profile: scoped context, function slot, merge", async () => {
    const [body, header, cache] = await rawCall("update_profile", {
      user_id: 5,
      name: "Ada",
    });
    const { result, ...rest } = body as { result: { id: number } };
    assert.equal(result.id, 5);
    assert.deepEqual(rest, {
      invalidate: [
        { context: "user", params: { user_id: 5 } },
        { function: "user_orders" },
      ],
      merge: [
        {
          context: "user",
          slot: "user_profile",
          value: result,
          params: { user_id: 5 },
        },
      ],
    });
    assert.equal(header, "user;user_id=5");
    assert.equal(cache, "no-store");
  });

  test("place_order: unscoped context and function slot, no merge", async () => {
    const line = {
      product: "00000000-0000-4000-8000-000000000002",
      quantity: 1,
    };
    const [body, header] = await rawCall("place_order", {
      user_id: 5,
      lines: [line],
    });
    const { result, ...rest } = body as { result: { total: unknown } };
    assert.deepEqual(result.total, { amount: "39.00", currency: "EUR" });
    assert.deepEqual(rest, {
      invalidate: [{ function: "user_orders" }, "catalog"],
    });
    assert.equal(header, "catalog");
  });
});

describe("context store", () => {
  test("snapshots keep their identity until the entry changes", async () => {
    const first = client.snapshot("user", { user_id: 5 });
    assert.equal(client.snapshot("user", { user_id: 5 }), first);
    assert.equal(first.status, "idle");
    const stop = await watch("user", { user_id: 5 });
    const loaded = client.snapshot("user", { user_id: 5 });
    assert.notEqual(loaded, first);
    assert.equal(
      client.snapshot("user", { user_id: "5" }),
      loaded,
      "params compare as strings",
    );
    stop();
  });

  test("a mutation refetches exactly the auto-scoped entry", async () => {
    client.configure({ headers: () => BEARER });
    const stops = [
      await watch("user", { user_id: 5 }),
      await watch("user", { user_id: 6 }),
    ];
    const other = client.snapshot("user", { user_id: 6 });
    await server.reset();
    const file = new File(["xyz"], "a.png");
    await client.call(
      "upload_avatar",
      { user_id: 5, file },
      { uploadParams: ["file"] },
    );
    await client.whenIdle();
    assert.deepEqual(await fetchesLogged(), ["user/?user_id=5"]);
    const profile = client.snapshot<{ user_profile: { avatar: string } }>(
      "user",
      { user_id: 5 },
    );
    assert.match(profile.data?.user_profile.avatar ?? "", /a\.png/);
    assert.equal(client.snapshot("user", { user_id: 6 }), other);
    stops.forEach((stop) => stop());
  });

  test("{function} and whole-context invalidation refetch every entry of the context", async () => {
    client.configure({ headers: () => BEARER });
    const stops = [
      await watch("user", { user_id: 5 }),
      await watch("user", { user_id: 6 }),
      await watch("catalog", {}),
    ];
    await server.reset();
    const line = {
      product: "00000000-0000-4000-8000-000000000001",
      quantity: 3,
    };
    await client.call("place_order", { user_id: 6, lines: [line] });
    await client.whenIdle();
    assert.deepEqual((await fetchesLogged()).sort(), [
      "catalog/?",
      "user/?user_id=5",
      "user/?user_id=6",
    ]);
    const catalog = client.snapshot<{ product_list: { stock: number }[] }>(
      "catalog",
      {},
    );
    assert.equal(catalog.data?.product_list[0]?.stock, 7);
    stops.forEach((stop) => stop());
  });

  test("entries without subscribers are marked stale, and refetch on the next subscribe", async () => {
    client.configure({ headers: () => BEARER });
    (await watch("user", { user_id: 5 }))();
    await server.reset();
    await client.call(
      "upload_avatar",
      { user_id: 5, file: new Blob(["1"]) },
      { uploadParams: ["file"] },
    );
    await client.whenIdle();
    assert.deepEqual(await fetchesLogged(), []);
    const stop = client.subscribe("user", { user_id: 5 }, () => undefined);
    await client.whenIdle();
    assert.deepEqual(await fetchesLogged(), ["user/?user_id=5"]);
    stop();
  });

  test("merge writes the result into the slot before the refetch lands", async () => {
    client.configure({ headers: () => BEARER });
    const stop = await watch("user", { user_id: 5 });
    await client.call("update_profile", { user_id: 5, name: "Countess" });
    const merged = client.snapshot<{ user_profile: { name: string } }>("user", {
      user_id: 5,
    });
    assert.equal(merged.data?.user_profile.name, "Countess");
    assert.equal(
      merged.isFetching,
      true,
      "update_profile also invalidates user;user_id=5",
    );
    await client.whenIdle();
    stop();
  });

  test("X-Mizan-Invalidate from a view route is applied", async () => {
    const stops = [
      await watch("user", { user_id: 5 }),
      await watch("user", { user_id: 6 }),
    ];
    await server.reset();
    const response = await fetch(`${server.origin}/webhooks/stripe/`, {
      method: "POST",
      body: '{"user_id":5}',
    });
    const header = response.headers.get("X-Mizan-Invalidate");
    assert.equal(header, "user;user_id=5");
    await client.applyInvalidation(parseInvalidateHeader(header));
    assert.deepEqual(await fetchesLogged(), ["user/?user_id=5"]);
    const tags = client.snapshot<{ user_profile: { tags: string[] } }>("user", {
      user_id: 5,
    }).data?.user_profile.tags;
    assert.deepEqual(tags, ["paid"]);
    stops.forEach((stop) => stop());
  });

  test("dehydrate then hydrate restores entries without refetching", async () => {
    (await watch("user", { user_id: 5 }))();
    const bundles = client.dehydrate();
    assert.deepEqual(Object.keys(bundles), ["user?user_id=5"]);
    client.close();
    client = createMizanClient({ baseUrl: server.baseUrl });
    await server.reset();
    client.hydrate(
      JSON.parse(JSON.stringify(bundles)) as Record<string, unknown>,
    );
    const stop = client.subscribe("user", { user_id: 5 }, () => undefined);
    assert.equal(client.snapshot("user", { user_id: 5 }).status, "success");
    await client.whenIdle();
    assert.deepEqual(await fetchesLogged(), []);
    stop();
  });
});

describe("WebSocket", () => {
  test("RPC over the socket, with the bearer token on the URL", async () => {
    client.configure({ headers: () => BEARER });
    const message = await client.call<{ id: number; text: string }>(
      "send_message",
      { room: "lobby", text: "hi" },
      { transport: "websocket" },
    );
    assert.deepEqual(message, {
      id: 1,
      room: "lobby",
      text: "hi",
      "sent-at": "2024-01-01T00:00:00Z",
    });
    const ws = (await server.log()).find((e) => e.method === "WS");
    assert.equal(ws?.query["fn"], "send_message");
  });

  test("RPC errors are MizanErrors", async () => {
    const error = await rejection(
      client.call(
        "send_message",
        { room: "lobby", text: "hi" },
        { transport: "websocket" },
      ),
    );
    assert.deepEqual([error.code, error.status], ["UNAUTHORIZED", 401]);
  });

  test("a channel receives its messages; the subscription reports its status", async () => {
    client.configure({ headers: () => BEARER });
    const received: unknown[] = [];
    const statuses: ChannelStatus[] = [];
    const chat = client.subscribeChannel<
      { kind: string; text: string },
      { text: string }
    >(
      "chat",
      { room: "lobby" },
      (m) => received.push(m),
      (s) => statuses.push(s),
    );
    await until(() => statuses.includes("open"), "subscribed");
    chat.send({ text: "hello" });
    await client.call(
      "send_message",
      { room: "lobby", text: "via rpc" },
      { transport: "websocket" },
    );
    await client.call(
      "send_message",
      { room: "elsewhere", text: "not for us" },
      { transport: "websocket" },
    );
    await until(() => received.length >= 2, "two messages");
    assert.deepEqual(
      received.map((m) => (m as { text: string }).text),
      ["hello", "via rpc"],
    );
    assert.equal((received[0] as { kind: string }).kind, "message");
    const announcements: string[] = [];
    const news = client.subscribeChannel<string>("announcements", {}, (m) =>
      announcements.push(m),
    );
    await until(() => announcements.length === 1, "welcome");
    assert.deepEqual(announcements, ["Welcome to the shop"]);
    chat.close();
    news.close();
    assert.deepEqual(statuses, ["connecting", "open", "closed"]);
  });

  test("an unauthorized channel subscription reports an error", async () => {
    const errors: string[] = [];
    const chat = client.subscribeChannel(
      "chat",
      { room: "lobby" },
      () => undefined,
      (s, e) => {
        if (s === "error") errors.push(e ?? "");
      },
    );
    await until(() => errors.length === 1, "error status");
    assert.deepEqual(errors, ["authentication required"]);
    chat.close();
  });
});
