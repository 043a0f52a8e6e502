// The generated stage1 client for shop.kdl, driven through the test kernel
// against the live protocol server. `tests/stage1_e2e.rs` generates the
// client into `.gen/stage1/shop/` before running this file.

import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { WebSocket } from "ws";
import {
  MizanError,
  createMizanClient,
  type Transport,
} from "../.gen/stage1/shop/runtime/index.js";
// The `channels` fixture's output: its IR says `base-url="/mizan"`.
import { createClient as createChannelsClient } from "../.gen/stage1/channels/index.js";
import {
  callAttachDocuments,
  callNoticeBoard,
  callPinNotice,
  callPlaceOrder,
  callPing,
  callSendMessage,
  callSetNickname,
  callUpdateProfile,
  callUploadAvatar,
  contexts,
  createClient,
  fetchCatalog,
  fetchGlobal,
  fetchUser,
  invalidationGraph,
  subscribeChat,
  type ChatOut,
  type MizanClient,
  type Notice,
  type UserBundle,
} from "../.gen/stage1/shop/index.js";
import { startServer, type RunningServer } from "../server/harness.js";

let server: RunningServer;

before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});
/** Each test's own client (stage1's `createClient`: the contexts registered). */
let client: MizanClient;
beforeEach(async () => {
  await server.reset();
  client = createClient({
    baseUrl: server.baseUrl,
    WebSocket,
    headers: () => ({ Authorization: "Bearer test-token" }),
  });
});
afterEach(() => client.close());

/** Context GETs the server saw, as `context?query`. */
async function contextFetches(): Promise<string[]> {
  return (await server.log())
    .filter((e) => e.method === "GET" && e.path.includes("/ctx/"))
    .map(
      (e) =>
        `${e.path.replace(/^.*\/ctx\/|\/$/g, "")}?${new URLSearchParams(e.query)}`,
    );
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test("calls and context fetches round-trip typed values", async () => {
  const profile = await callUpdateProfile(client, { user_id: 5, name: "Ada" });
  assert.equal(profile.id, 5);
  assert.equal(profile.name, "Ada");
  const bundle: UserBundle = await fetchUser(client, { user_id: 5, page: 1 });
  assert.equal(bundle.user_profile.name, "Ada");
  assert.ok(Array.isArray(bundle.user_orders));
  const site = await fetchGlobal(client);
  assert.equal(typeof site.site_config.name, "string");
  const catalog = await fetchCatalog(client, {});
  assert.ok(catalog.product_list.length > 0);
  assert.equal(
    catalog.product_detail,
    undefined,
    "a member whose param is omitted is left out",
  );
  const first = catalog.product_list[0]!;
  const detail = await fetchCatalog(client, { slug: first.slug });
  assert.equal(detail.product_detail?.id, first.id);
  assert.equal(await callPing(client), null);
  const order = await callPlaceOrder(client, {
    user_id: 5,
    lines: [{ product: first.id, quantity: 2 }],
  });
  assert.equal(order.lines[0]?.quantity, 2);
});

test("a union whose variants declare their tag round-trips; a newer server's variant arrives as it came", async () => {
  const board: Notice[] = await callNoticeBoard(client);
  assert.deepEqual(board.map((n) => n.kind), ["text", "link", "link"]);
  const first = board[0]!;
  assert.ok(first.kind === "text" && first.text === "Free shipping this week");
  const link: Notice = { kind: "link", url: "https://shop.example/new", title: null };
  assert.deepEqual(await callPinNotice(client, { notice: link }), link);
  // No validation without zod: a tag the types do not know is kept as it came.
  await fetch(`${server.origin}/__drift?from=link&to=video&count=1`, { method: "POST" });
  const newer: unknown[] = await callNoticeBoard(client);
  assert.deepEqual(newer[1], { kind: "video", url: "https://shop.example/sale", title: "The summer sale" });
});

test("a mutation's invalidation refetches exactly the scoped entry", async () => {
  const five = client.subscribe("user", { user_id: 5 }, () => undefined);
  const six = client.subscribe("user", { user_id: 6 }, () => undefined);
  await until(
    () => client.snapshot("user", { user_id: 6 }).status === "success",
    "first fetches",
  );
  await client.whenIdle();
  await server.reset();
  assert.deepEqual(invalidationGraph.upload_avatar.affects[0].scopedParams, [
    "user_id",
  ]);
  await callUploadAvatar(client, {
    user_id: 5,
    file: new Blob(["png-bytes"], { type: "image/png" }),
  });
  await client.whenIdle();
  assert.deepEqual(await contextFetches(), ["user?user_id=5"]);
  const data = client.snapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.match(data?.user_profile.avatar ?? "", /size=9$/);
  five();
  six();
});

test("a kind=function edge is unscoped in the graph, as on the wire", async () => {
  const edge = invalidationGraph.place_order.affects.find(
    (a) => "function" in a,
  );
  assert.deepEqual(edge, {
    context: "user",
    function: "user_orders",
    scopedParams: [],
  });
  const response = await fetch(`${server.baseUrl}/call/`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: "Bearer test-token",
    },
    body: JSON.stringify({
      fn: "place_order",
      args: {
        user_id: 5,
        lines: [
          { product: "00000000-0000-4000-8000-000000000001", quantity: 1 },
        ],
      },
    }),
  });
  const body = (await response.json()) as { invalidate: unknown[] };
  assert.deepEqual(body.invalidate, [{ function: "user_orders" }, "catalog"]);
});

test("the generated invalidation graph predicts what the server answers every call", async () => {
  // One call per function of the graph, with the args it is called with; the
  // server's `invalidate` must be exactly the graph's edges for those args (a
  // slot edge as `{function}`, a context edge scoped by the call's values of
  // its scopedParams, or the bare name), its `merge` exactly the graph's slots.
  const auth = { Authorization: "Bearer test-token" };
  const call = async (
    fn: string,
    args: Record<string, unknown>,
    file?: Blob,
  ) => {
    const body = new FormData();
    body.set("fn", fn);
    body.set("args", JSON.stringify(args));
    if (file !== undefined) body.set("file", file, "me.png");
    const response = await fetch(`${server.baseUrl}/call/`, {
      method: "POST",
      headers: auth,
      body,
    });
    assert.equal(response.status, 200, fn);
    return (await response.json()) as {
      invalidate: unknown[];
      merge?: { context: string; slot: string }[];
    };
  };
  const line = { product: "00000000-0000-4000-8000-000000000001", quantity: 1 };
  const calls: Record<
    keyof typeof invalidationGraph,
    () => Promise<[Record<string, unknown>, unknown[], unknown[]]>
  > = {
    place_order: async () => {
      const args = { user_id: 5, lines: [line] };
      const r = await call("place_order", args);
      return [args, r.invalidate, r.merge ?? []];
    },
    set_nickname: async () => {
      const args = { user_id: 6, nickname: "g" };
      const r = await call("set_nickname", args);
      return [args, r.invalidate, r.merge ?? []];
    },
    update_profile: async () => {
      const args = { user_id: 6, name: "Grace H." };
      const r = await call("update_profile", args);
      return [args, r.invalidate, r.merge ?? []];
    },
    upload_avatar: async () => {
      const args = { user_id: 5 };
      const r = await call("upload_avatar", args, new Blob(["png"]));
      return [args, r.invalidate, r.merge ?? []];
    },
    stripe_webhook: async () => {
      // Private: its route, answered with the header form only.
      const args = { user_id: 1 };
      const response = await fetch(`${server.origin}/webhooks/stripe/`, {
        method: "POST",
        body: JSON.stringify(args),
      });
      const header = response.headers.get("x-mizan-invalidate") ?? "";
      const entries = header.split(", ").map((item) => {
        const [context, ...pairs] = item.split(";");
        if (pairs.length === 0) return context;
        const params = Object.fromEntries(
          pairs.map((p) => p.split("=")).map(([k, v]) => [k, Number(v)]),
        );
        return { context, params };
      });
      return [args, entries, []];
    },
  };
  const key = (v: unknown) => JSON.stringify(v);
  for (const [fn, run] of Object.entries(calls)) {
    const [args, invalidate, merge] = await run();
    const graph = invalidationGraph[fn as keyof typeof invalidationGraph];
    const predicted = graph.affects.map((edge) => {
      const scoped: readonly string[] = edge.scopedParams;
      const params = Object.fromEntries(scoped.map((p) => [p, args[p]]));
      if ("function" in edge)
        return scoped.length === 0
          ? { function: edge.function }
          : { function: edge.function, params };
      return scoped.length === 0
        ? edge.context
        : { context: edge.context, params };
    });
    assert.deepEqual(
      predicted.map(key).sort(),
      invalidate.map(key).sort(),
      `${fn}: invalidate`,
    );
    const slots = merge.map((m) =>
      key([(m as { context: string }).context, (m as { slot: string }).slot]),
    );
    assert.deepEqual(
      graph.merges.map((m) => key([m.context, m.slot])).sort(),
      slots.sort(),
      `${fn}: merge`,
    );
  }
});

test("an upload arrives as multipart with one part per file", async () => {
  const count = await callAttachDocuments(client, {
    order_id: 101,
    files: [new Blob(["a"]), new Blob(["bc"])],
  });
  assert.equal(count, 2);
  const call = (await server.log()).find((e) => e.fn === "attach_documents");
  assert.deepEqual(
    call?.files?.map((f) => [f.field, f.size]),
    [
      ["files", 1],
      ["files", 2],
    ],
  );
});

test("a merge writes the result into its slot before the call resolves", async () => {
  const stop = client.subscribe("user", { user_id: 5 }, () => undefined);
  await until(
    () => client.snapshot("user", { user_id: 5 }).status === "success",
    "fetch",
  );
  await client.whenIdle();
  assert.deepEqual(invalidationGraph.update_profile.merges, [
    { context: "user", slot: "user_profile" },
  ]);
  await callUpdateProfile(client, { user_id: 5, name: "Merged" });
  // No await of the refetch: the merged value is already in the slot.
  const data = client.snapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.equal(data?.user_profile.name, "Merged");
  await client.whenIdle();
  stop();
});

test("a merge-only call updates its slot without a refetch", async () => {
  const stop = client.subscribe("user", { user_id: 5 }, () => undefined);
  await until(
    () => client.snapshot("user", { user_id: 5 }).status === "success",
    "fetch",
  );
  await client.whenIdle();
  await server.reset();
  assert.deepEqual(invalidationGraph.set_nickname.affects, []);
  await callSetNickname(client, { user_id: 5, nickname: "ace" });
  await client.whenIdle();
  const data = client.snapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.equal(data?.user_profile.nickname, "ace");
  assert.deepEqual(await contextFetches(), [], "nothing refetched");
  stop();
});

test("errors surface as MizanError with code and field details", async () => {
  await assert.rejects(
    callUpdateProfile(client, { user_id: 5, name: "x".repeat(101) }),
    (error: unknown) => {
      assert.ok(error instanceof MizanError);
      assert.equal(error.code, "VALIDATION_ERROR");
      assert.equal(error.status, 422);
      assert.ok(error.fieldErrors()["name"]?.length);
      return true;
    },
  );
  client.configure({ baseUrl: server.baseUrl, WebSocket, headers: () => ({}) });
  await assert.rejects(
    callUpdateProfile(client, { user_id: 5, name: "Ada" }),
    (error: unknown) => {
      assert.ok(error instanceof MizanError);
      assert.equal(error.code, "UNAUTHORIZED");
      return true;
    },
  );
});

test("websocket calls and channels", async () => {
  const received: ChatOut[] = [];
  const chat = subscribeChat(client, { room: "lobby" }, (m) =>
    received.push(m),
  );
  const message = await callSendMessage(client, {
    room: "lobby",
    text: "hello",
  });
  assert.equal(message.text, "hello");
  await until(() => received.length > 0, "a chat message");
  const first = received[0]!;
  assert.equal(first.kind, "message");
  if (first.kind === "message") assert.equal(first.text, "hello");
  chat.close();
});

/** A transport that answers every call with `invalidate: [{function: "user_profile"}]` and counts bundle fetches. */
function countingTransport(): { fetched: string[]; transport: Transport } {
  const fetched: string[] = [];
  const transport: Transport = {
    call: async () => ({
      result: null,
      invalidate: [{ function: "user_profile" }],
      merge: [],
    }),
    fetchContext: async (request) => {
      fetched.push(request.context);
      return {};
    },
  };
  return { fetched, transport };
}

test("importing the generated client registers nothing: createClient hands the contexts to its client", async () => {
  // The generated index was imported above. Its registrations are data...
  assert.deepEqual(contexts.user, {
    params: ["page", "status", "user_id"],
    functions: {
      user_orders: ["user_id", "page", "status"],
      user_profile: ["user_id"],
    },
    transport: "http",
  });
  // ...that no client knows of unless given: a bare kernel client has no `user`
  // context, so invalidating by function reaches none of its entries.
  const bare = countingTransport();
  const kernelClient = createMizanClient({ transport: bare.transport });
  const stopBare = kernelClient.subscribe(
    "user",
    { user_id: 5 },
    () => undefined,
  );
  await kernelClient.whenIdle();
  await kernelClient.call("ping", {});
  await kernelClient.whenIdle();
  assert.deepEqual(bare.fetched, ["user"]);
  stopBare();
  kernelClient.close();
  // `createClient` registers them on its own client: the same call refetches.
  const made = countingTransport();
  const generatedClient = createClient({ transport: made.transport });
  const stopMade = generatedClient.subscribe(
    "user",
    { user_id: 5 },
    () => undefined,
  );
  await generatedClient.whenIdle();
  await generatedClient.call("ping", {});
  await generatedClient.whenIdle();
  assert.deepEqual(made.fetched, ["user", "user"]);
  stopMade();
  generatedClient.close();
  // And a bare client created afterwards still knows nothing: nothing global changed.
  const later = countingTransport();
  const afterwards = createMizanClient({ transport: later.transport });
  const stopLater = afterwards.subscribe(
    "user",
    { user_id: 5 },
    () => undefined,
  );
  await afterwards.whenIdle();
  await afterwards.call("ping", {});
  await afterwards.whenIdle();
  assert.deepEqual(later.fetched, ["user"]);
  stopLater();
  afterwards.close();
});

test("the IR's base-url is createClient's default baseUrl", async () => {
  const urls: string[] = [];
  const fetchDouble = (async (input: string | URL | Request) => {
    urls.push(String(input));
    return new Response(JSON.stringify({ result: 1, invalidate: [] }), {
      headers: { "Content-Type": "application/json" },
    });
  }) as typeof fetch;
  // channels.kdl: base-url="/mizan" (the runtime's own default is /api/mizan).
  const channels = createChannelsClient({ fetch: fetchDouble });
  assert.equal(await channels.call("anything", {}), 1);
  // shop.kdl: base-url="/api/mizan"; an explicit baseUrl still wins.
  const shop = createClient({ fetch: fetchDouble });
  await callPing(shop);
  const explicit = createChannelsClient({
    fetch: fetchDouble,
    baseUrl: "https://api.example/v2/",
  });
  await explicit.call("anything", {});
  assert.deepEqual(urls, [
    "/mizan/call/",
    "/api/mizan/call/",
    "https://api.example/v2/call/",
  ]);
});

test("two clients with different base URLs in one process each reach their own server", async () => {
  const other = await startServer("/other/mizan");
  try {
    await other.reset();
    const here = client;
    const there = createClient({
      baseUrl: other.baseUrl,
      headers: () => ({
        Authorization: "Bearer test-token",
        "X-Test-Client": "there",
      }),
    });
    here.configure({
      headers: () => ({
        Authorization: "Bearer test-token",
        "X-Test-Client": "here",
      }),
    });
    const [a, b] = await Promise.all([
      callUpdateProfile(here, { user_id: 5, name: "Here" }),
      callUpdateProfile(there, { user_id: 5, name: "There" }),
    ]);
    assert.equal(a.name, "Here");
    assert.equal(b.name, "There");
    // Each server saw only its own client (and kept its own state).
    const calls = async (s: RunningServer) =>
      (await s.log()).filter(
        (e) => e.method === "POST" && e.path.endsWith("/call/"),
      );
    const hereCalls = await calls(server);
    const thereCalls = await calls(other);
    assert.deepEqual(
      hereCalls.map((e) => [e.path, e.headers?.["x-test-client"]]),
      [["/api/mizan/call/", "here"]],
    );
    assert.deepEqual(
      thereCalls.map((e) => [e.path, e.headers?.["x-test-client"]]),
      [["/other/mizan/call/", "there"]],
    );
    assert.equal(
      (await fetchUser(here, { user_id: 5 })).user_profile.name,
      "Here",
    );
    assert.equal(
      (await fetchUser(there, { user_id: 5 })).user_profile.name,
      "There",
    );
    there.close();
  } finally {
    await other.stop();
  }
});
