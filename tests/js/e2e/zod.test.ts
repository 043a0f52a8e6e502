// The zod target's `validateResponse` in the runtime client, against the live
// protocol server: valid replies pass, a malformed one (`/__malformed`: every
// number sent as a string) rejects with `INVALID_RESPONSE`. `tests/zod/e2e.rs`
// generates shop.kdl's stage1 and zod outputs into `.gen/zod-e2e/shop/` first.

import assert from "node:assert/strict";
import { after, afterEach, before, beforeEach, test } from "node:test";
import { WebSocket } from "ws";
import { MizanError } from "../.gen/zod-e2e/shop/stage1/runtime/index.js";
import {
  callNoticeBoard,
  callPinNotice,
  callUpdateProfile,
  createClient,
  fetchCatalog,
  fetchGlobal,
  fetchUser,
  type MizanClient,
  type UserBundle,
} from "../.gen/zod-e2e/shop/stage1/index.js";
import {
  NoticeSchema,
  UserProfileSchema,
  validateResponse,
} from "../.gen/zod-e2e/shop/zod/index.js";
import { startServer, type RunningServer } from "../server/harness.js";

let server: RunningServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

/** What the client asked its validator, as `kind:name`. */
let checked: string[];
let client: MizanClient;
beforeEach(async () => {
  await server.reset();
  checked = [];
  client = createClient({
    baseUrl: server.baseUrl,
    WebSocket,
    headers: () => ({ Authorization: "Bearer test-token" }),
    validate: (kind, name, data) => {
      checked.push(`${kind}:${name}`);
      return validateResponse(kind, name, data);
    },
  });
});
afterEach(() => client.close());

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Context GETs the server saw. */
async function contextFetches(): Promise<number> {
  return (await server.log()).filter(
    (e) => e.method === "GET" && e.path.includes("/ctx/"),
  ).length;
}

/** Asserts `error` is the client's rejection of a malformed reply to `kind` `name`. */
function invalid(kind: "call" | "context", name: string, path: string) {
  return (error: unknown): true => {
    assert.ok(error instanceof MizanError, String(error));
    assert.equal(error.code, "INVALID_RESPONSE");
    assert.equal(error.status, 0);
    assert.equal(error.details?.["kind"], kind);
    assert.equal(error.details?.["name"], name);
    const issues = error.details?.["issues"] as {
      path: unknown[];
      message: string;
    }[];
    assert.ok(
      issues.some((i) => i.path.join(".") === path),
      JSON.stringify(issues),
    );
    assert.match(
      error.message,
      new RegExp(`^invalid reply to ${kind} "${name}": `),
    );
    return true;
  };
}

test("valid replies pass the check, every call and bundle of it", async () => {
  const profile = await callUpdateProfile(client, { user_id: 5, name: "Ada" });
  assert.equal(profile.name, "Ada");
  const bundle: UserBundle = await fetchUser(client, { user_id: 5, page: 1 });
  assert.equal(bundle.user_profile.id, 5);
  assert.ok(bundle.user_orders.length > 0);
  const catalog = await fetchCatalog(client, { slug: "red-mug" });
  assert.equal(catalog.product_detail?.price.currency.length, 3);
  const site = await fetchGlobal(client);
  assert.equal(site.current_user?.id, 5);
  const stop = client.subscribe("user", { user_id: 6 }, () => undefined);
  await until(
    () => client.snapshot("user", { user_id: 6 }).status === "success",
    "the cached fetch",
  );
  stop();
  assert.deepEqual(checked, [
    "call:update_profile",
    "context:user",
    "context:catalog",
    "context:global",
    "context:user",
  ]);
  // The schemas are usable on their own, and strip unknown keys.
  const parsed = UserProfileSchema.parse({ ...profile, extra: true });
  assert.equal("extra" in parsed, false);
});

test("a union whose variants declare their tag passes both ways; a newer server's variant rejects", async () => {
  const board = await callNoticeBoard(client);
  assert.deepEqual(board.map((n) => n.kind), ["text", "link", "link"]);
  const pinned = await callPinNotice(client, { notice: board[1]! });
  assert.deepEqual(pinned, board[1]);
  assert.deepEqual(checked, ["call:notice_board", "call:pin_notice"]);
  // The union's literal tag wins over the variant's own `kind: string`.
  assert.equal(NoticeSchema.safeParse({ kind: "video", text: "x" }).success, false);
  await fetch(`${server.origin}/__drift?from=link&to=video&count=1`, { method: "POST" });
  await assert.rejects(callNoticeBoard(client), invalid("call", "notice_board", "1.kind"));
});

test("a malformed call result rejects with INVALID_RESPONSE and merges nothing", async () => {
  const stop = client.subscribe("user", { user_id: 5 }, () => undefined);
  await until(
    () => client.snapshot("user", { user_id: 5 }).status === "success",
    "the first fetch",
  );
  await client.whenIdle();
  const before = await contextFetches();
  await server.malformed(1);
  await assert.rejects(
    callUpdateProfile(client, { user_id: 5, name: "Drifted" }),
    invalid("call", "update_profile", "id"),
  );
  // Not merged: the slot still holds the last valid profile while the refetch runs.
  const kept = client.snapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.equal(kept?.user_profile.id, 5);
  assert.notEqual(kept?.user_profile.name, "Drifted");
  // The call ran: its entry is refetched (valid again) instead of merged from the bad reply.
  await client.whenIdle();
  assert.ok((await contextFetches()) > before, "the user entry was refetched");
  const data = client.snapshot<UserBundle>("user", { user_id: 5 }).data;
  assert.equal(data?.user_profile.id, 5);
  assert.equal(data?.user_profile.name, "Drifted");
  stop();
});

test("a malformed bundle rejects a fetch, and errors a cached entry without retrying", async () => {
  await server.malformed(1);
  await assert.rejects(
    fetchUser(client, { user_id: 5 }),
    invalid("context", "user", "user_profile.id"),
  );
  await server.reset();
  await server.malformed(1);
  const stop = client.subscribe("user", { user_id: 6 }, () => undefined);
  await until(
    () => client.snapshot("user", { user_id: 6 }).status === "error",
    "the failed fetch",
  );
  const snapshot = client.snapshot("user", { user_id: 6 });
  invalid("context", "user", "user_profile.id")(snapshot.error);
  await client.whenIdle();
  assert.equal(
    await contextFetches(),
    1,
    "not retried: the reply would fail again",
  );
  stop();
});

test("without validate, nothing is checked: the option is opt-in", async () => {
  const plain = createClient({
    baseUrl: server.baseUrl,
    headers: () => ({ Authorization: "Bearer test-token" }),
  });
  await server.malformed(1);
  const profile = await callUpdateProfile(plain, { user_id: 5, name: "Ada" });
  assert.equal(profile.id as unknown, "5");
  plain.close();
});
