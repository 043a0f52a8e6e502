// The generated stage1 client for shop.kdl, driven through the test kernel
// against the live protocol server. `tests/stage1_e2e.rs` generates the
// client into `.gen/stage1/shop/` before running this file.

import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { WebSocket } from "ws";
import {
  MizanError,
  configure,
  getContextSnapshot,
  resetKernel,
  subscribeContext,
  whenIdle,
} from "../.gen/stage1/shop/runtime/index.js";
import {
  callAttachDocuments,
  callPlaceOrder,
  callPing,
  callSendMessage,
  callSetNickname,
  callUpdateProfile,
  callUploadAvatar,
  fetchCatalog,
  fetchGlobal,
  fetchUser,
  invalidationGraph,
  subscribeChat,
  type ChatOut,
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
beforeEach(async () => {
  await server.reset();
  configure({
    baseUrl: server.baseUrl,
    WebSocket,
    headers: () => ({ Authorization: "Bearer test-token" }),
  });
});
afterEach(() => resetKernel());

/** Context GETs the server saw, as `context?query`. */
async function contextFetches(): Promise<string[]> {
  return (await server.log())
    .filter((e) => e.method === "GET" && e.path.includes("/ctx/"))
    .map((e) => `${e.path.replace(/^.*\/ctx\/|\/$/g, "")}?${new URLSearchParams(e.query)}`);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test("calls and context fetches round-trip typed values", async () => {
  const profile = await callUpdateProfile({ user_id: 5, name: "Ada" });
  assert.equal(profile.id, 5);
  assert.equal(profile.name, "Ada");
  const bundle: UserBundle = await fetchUser({ user_id: 5, page: 1 });
  assert.equal(bundle.user_profile.name, "Ada");
  assert.ok(Array.isArray(bundle.user_orders));
  const site = await fetchGlobal();
  assert.equal(typeof site.site_config.name, "string");
  const catalog = await fetchCatalog({});
  assert.ok(catalog.product_list.length > 0);
  assert.equal(catalog.product_detail, undefined, "a member whose param is omitted is left out");
  const first = catalog.product_list[0]!;
  const detail = await fetchCatalog({ slug: first.slug });
  assert.equal(detail.product_detail?.id, first.id);
  assert.equal(await callPing(), null);
  const order = await callPlaceOrder({ user_id: 5, lines: [{ product: first.id, quantity: 2 }] });
  assert.equal(order.lines[0]?.quantity, 2);
});

test("a mutation's invalidation refetches exactly the scoped entry", async () => {
  const five = subscribeContext("user", { user_id: 5 }, () => undefined);
  const six = subscribeContext("user", { user_id: 6 }, () => undefined);
  await until(() => getContextSnapshot("user", { user_id: 6 }).status === "success", "first fetches");
  await whenIdle();
  await server.reset();
  assert.deepEqual(invalidationGraph.upload_avatar.affects[0].scopedParams, ["user_id"]);
  await callUploadAvatar({ user_id: 5, file: new Blob(["png-bytes"], { type: "image/png" }) });
  await whenIdle();
  assert.deepEqual(await contextFetches(), ["user?user_id=5"]);
  const data = getContextSnapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.match(data?.user_profile.avatar ?? "", /size=9$/);
  five();
  six();
});

test("a kind=function edge is unscoped in the graph, as on the wire", async () => {
  const edge = invalidationGraph.place_order.affects.find((a) => "function" in a);
  assert.deepEqual(edge, { context: "user", function: "user_orders", scopedParams: [] });
  const response = await fetch(`${server.baseUrl}/call/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer test-token" },
    body: JSON.stringify({
      fn: "place_order",
      args: { user_id: 5, lines: [{ product: "00000000-0000-4000-8000-000000000001", quantity: 1 }] },
    }),
  });
  const body = (await response.json()) as { invalidate: unknown[] };
  assert.deepEqual(body.invalidate, [{ function: "user_orders" }, "catalog"]);
});

test("an upload arrives as multipart with one part per file", async () => {
  const count = await callAttachDocuments({
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
  const stop = subscribeContext("user", { user_id: 5 }, () => undefined);
  await until(() => getContextSnapshot("user", { user_id: 5 }).status === "success", "fetch");
  await whenIdle();
  assert.deepEqual(invalidationGraph.update_profile.merges, [{ context: "user", slot: "user_profile" }]);
  await callUpdateProfile({ user_id: 5, name: "Merged" });
  // No await of the refetch: the merged value is already in the slot.
  const data = getContextSnapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.equal(data?.user_profile.name, "Merged");
  await whenIdle();
  stop();
});

test("a merge-only call updates its slot without a refetch", async () => {
  const stop = subscribeContext("user", { user_id: 5 }, () => undefined);
  await until(() => getContextSnapshot("user", { user_id: 5 }).status === "success", "fetch");
  await whenIdle();
  await server.reset();
  assert.deepEqual(invalidationGraph.set_nickname.affects, []);
  await callSetNickname({ user_id: 5, nickname: "ace" });
  await whenIdle();
  const data = getContextSnapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.equal(data?.user_profile.nickname, "ace");
  assert.deepEqual(await contextFetches(), [], "nothing refetched");
  stop();
});

test("errors surface as MizanError with code and field details", async () => {
  await assert.rejects(callUpdateProfile({ user_id: 5, name: "x".repeat(101) }), (error: unknown) => {
    assert.ok(error instanceof MizanError);
    assert.equal(error.code, "VALIDATION_ERROR");
    assert.equal(error.status, 422);
    assert.ok(error.fieldErrors()["name"]?.length);
    return true;
  });
  configure({ baseUrl: server.baseUrl, WebSocket, headers: () => ({}) });
  await assert.rejects(callUpdateProfile({ user_id: 5, name: "Ada" }), (error: unknown) => {
    assert.ok(error instanceof MizanError);
    assert.equal(error.code, "UNAUTHORIZED");
    return true;
  });
});

test("websocket calls and channels", async () => {
  const received: ChatOut[] = [];
  const chat = subscribeChat({ room: "lobby" }, (m) => received.push(m));
  const message = await callSendMessage({ room: "lobby", text: "hello" });
  assert.equal(message.text, "hello");
  await until(() => received.length > 0, "a chat message");
  const first = received[0]!;
  assert.equal(first.kind, "message");
  if (first.kind === "message") assert.equal(first.text, "hello");
  chat.close();
});
