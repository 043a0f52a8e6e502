// The test kernel against test doubles: a custom transport (merge without refetch,
// invalidation routing), the Tauri IPC adapter, header parsing and error mapping.

import assert from "node:assert/strict";
import { afterEach, beforeEach, test } from "node:test";
import {
  MizanError,
  createMizanClient,
  parseInvalidateHeader,
  tauriTransport,
  type CallOutcome,
  type ContextRequest,
  type MizanClient,
  type Transport,
} from "./.gen/kernel/stage1/runtime/index.js";

/** A transport whose bundles count fetches and whose calls answer with a scripted outcome. */
function stubTransport(
  outcome: CallOutcome,
): Transport & { fetched: string[] } {
  const fetched: string[] = [];
  return {
    fetched,
    call: () => Promise.resolve(outcome),
    fetchContext: (request: ContextRequest) => {
      const id = String(request.params["user_id"] ?? "");
      fetched.push(`${request.context}:${id}`);
      return Promise.resolve({
        user_profile: { id, name: `v${fetched.length}` },
        user_orders: [],
      });
    },
  };
}

/** Each test's own client: nothing crosses tests, nothing needs resetting. */
let client: MizanClient;
beforeEach(() => {
  client = createMizanClient();
});
afterEach(() => client.close());

beforeEach(() => {
  client.register("user", {
    params: ["user_id"],
    functions: { user_profile: ["user_id"], user_orders: ["user_id"] },
  });
  client.register("catalog", { params: [], functions: { product_list: [] } });
});

async function watchAll(
  transport: { fetched: string[] },
  ids: number[],
): Promise<(() => void)[]> {
  const stops = ids.map((id) =>
    client.subscribe("user", { user_id: id }, () => undefined),
  );
  await client.whenIdle();
  transport.fetched.length = 0;
  return stops;
}

test("merge alone updates the matching slot and refetches nothing", async () => {
  const merge = [
    {
      context: "user",
      slot: "user_profile",
      value: { id: 5, name: "merged" },
      params: { user_id: 5 },
    },
  ];
  const transport = stubTransport({ result: null, invalidate: [], merge });
  client.configure({ transport });
  await watchAll(transport, [5, 6]);
  const six = client.snapshot("user", { user_id: 6 });
  await client.call("update_profile", { user_id: 5, name: "merged" });
  await client.whenIdle();
  assert.deepEqual(transport.fetched, []);
  const five = client.snapshot<{
    user_profile: unknown;
    user_orders: unknown[];
  }>("user", { user_id: 5 });
  assert.deepEqual(five.data, {
    user_profile: { id: 5, name: "merged" },
    user_orders: [],
  });
  assert.equal(client.snapshot("user", { user_id: 6 }), six);
});

test("invalidate entries route to the right entries, each refetched once", async () => {
  const cases: [CallOutcome["invalidate"], string[]][] = [
    [["user"], ["user:5", "user:6"]],
    [[{ context: "user", params: { user_id: "6" } }], ["user:6"]],
    [[{ function: "user_orders" }], ["user:5", "user:6"]],
    [[{ function: "unknown_fn" }, "catalog"], []],
    [
      [
        "user",
        { context: "user", params: { user_id: 5 } },
        { function: "user_profile" },
      ],
      ["user:5", "user:6"],
    ],
  ];
  for (const [invalidate, expected] of cases) {
    const transport = stubTransport({ result: 1, invalidate, merge: [] });
    client.configure({ transport });
    const stops = await watchAll(transport, [5, 6]);
    assert.equal(await client.call("f", {}), 1);
    await client.whenIdle();
    assert.deepEqual(
      transport.fetched.sort(),
      expected,
      JSON.stringify(invalidate),
    );
    stops.forEach((stop) => stop());
  }
});

test("tauriTransport sends the protocol's envelopes and maps rejections", async () => {
  const sent: unknown[] = [];
  const invoke = (
    command: string,
    args: Record<string, unknown>,
  ): Promise<unknown> => {
    sent.push([command, args]);
    const envelope = args["envelope"] as { op: string; fn?: string };
    if (envelope.fn === "boom")
      return Promise.reject({
        code: "FORBIDDEN",
        message: "no",
        details: { why: 1 },
      });
    if (envelope.op === "fetch")
      return Promise.resolve({ user_profile: { id: 5 }, user_orders: [] });
    return Promise.resolve({
      result: "ok",
      invalidate: [{ context: "user", params: { user_id: 5 } }],
    });
  };
  client.configure({ transport: tauriTransport(invoke) });
  const stop = client.subscribe("user", { user_id: 5 }, () => undefined);
  await client.whenIdle();
  assert.equal(await client.call("ping", { a: 1 }), "ok");
  await client.whenIdle();
  const error = await client.call("boom", {}).catch((e: unknown) => e);
  assert.ok(error instanceof MizanError);
  assert.deepEqual(
    [error.code, error.status, error.details],
    ["FORBIDDEN", 403, { why: 1 }],
  );
  assert.deepEqual(sent, [
    [
      "plugin:mizan|mizan_invoke",
      { envelope: { op: "fetch", context: "user", params: { user_id: 5 } } },
    ],
    [
      "plugin:mizan|mizan_invoke",
      { envelope: { op: "call", fn: "ping", args: { a: 1 } } },
    ],
    [
      "plugin:mizan|mizan_invoke",
      { envelope: { op: "fetch", context: "user", params: { user_id: 5 } } },
    ],
    [
      "plugin:mizan|mizan_invoke",
      { envelope: { op: "call", fn: "boom", args: {} } },
    ],
  ]);
  stop();
});

test("X-Mizan-Invalidate parses contexts and URL-encoded, ;-separated params", () => {
  assert.deepEqual(parseInvalidateHeader("user;user_id=5, notifications"), [
    { context: "user", params: { user_id: "5" } },
    "notifications",
  ]);
  assert.deepEqual(parseInvalidateHeader("catalog;category=a%2Cb;slug=x%20y"), [
    { context: "catalog", params: { category: "a,b", slug: "x y" } },
  ]);
  assert.deepEqual(parseInvalidateHeader(null), []);
  assert.deepEqual(parseInvalidateHeader(" , "), []);
});

test("fieldErrors reads details.fields and tolerates its absence", () => {
  const error = new MizanError("VALIDATION_ERROR", "bad", undefined, {
    fields: { name: ["too long"], age: "x" },
  });
  assert.equal(error.status, 422);
  assert.deepEqual(error.fieldErrors(), { name: ["too long"], age: ["x"] });
  assert.deepEqual(new MizanError("NOT_FOUND", "gone").fieldErrors(), {});
});

test("fieldErrors also reads pydantic's details.errors, by param and by path", () => {
  const error = new MizanError("VALIDATION_ERROR", "bad", 422, {
    errors: [
      {
        type: "less_than_equal",
        loc: ["rating"],
        msg: "Input should be less than or equal to 5",
        input: 9,
        ctx: { le: 5 },
      },
      {
        type: "missing",
        loc: ["body", "items", 0, "qty"],
        msg: "Field required",
      },
      {
        type: "greater_than",
        loc: ["items", 1, "qty"],
        msg: "Input should be greater than 0",
      },
      { type: "string_too_short", loc: ["rating"], msg: "second" },
      { type: "value_error", loc: [], msg: "Dates overlap" },
      { type: "value_error", msg: "No loc at all" },
      "not an entry",
    ],
  });
  assert.deepEqual(error.fieldErrors(), {
    rating: ["Input should be less than or equal to 5", "second"],
    items: ["Field required", "Input should be greater than 0"],
    __all__: ["Dates overlap", "No loc at all"],
  });
  assert.deepEqual(error.fieldErrorsByPath(), {
    rating: ["Input should be less than or equal to 5", "second"],
    "items.0.qty": ["Field required"],
    "items.1.qty": ["Input should be greater than 0"],
    __all__: ["Dates overlap", "No loc at all"],
  });
  const both = new MizanError("VALIDATION_ERROR", "bad", 422, {
    fields: { name: ["Field required"] },
    errors: [{ loc: ["name"], msg: "too long" }],
  });
  assert.deepEqual(both.fieldErrors(), {
    name: ["Field required", "too long"],
  });
  assert.deepEqual(new MizanError("NOT_FOUND", "gone").fieldErrorsByPath(), {});
});

test("a malformed call response is an INTERNAL_ERROR, not a silent success", async () => {
  const bad: Transport = {
    call: () => Promise.reject(new MizanError("INTERNAL_ERROR", "x")),
    fetchContext: () => Promise.resolve({}),
  };
  client.configure({ transport: bad });
  await assert.rejects(client.call("f", {}), { code: "INTERNAL_ERROR" });
  const invoke = (): Promise<unknown> => Promise.resolve({ invalidate: [] });
  client.configure({ transport: tauriTransport(invoke) });
  await assert.rejects(client.call("f", {}), {
    code: "INTERNAL_ERROR",
    message: /no "result"/,
  });
});

test("validate sees every call result and bundle, and its return value is what callers get", async () => {
  const seen: string[] = [];
  client.configure({
    transport: stubTransport({ result: { n: 1 }, invalidate: [], merge: [] }),
    validate: (kind, name, data) => {
      seen.push(`${kind}:${name}`);
      return kind === "call" ? { checked: data } : data;
    },
  });
  assert.deepEqual(await client.call("f", {}), { checked: { n: 1 } });
  await client.fetch("user", { user_id: 5 });
  const stop = client.subscribe("user", { user_id: 6 }, () => undefined);
  await client.whenIdle();
  assert.equal(client.snapshot("user", { user_id: 6 }).status, "success");
  stop();
  assert.deepEqual(seen, ["call:f", "context:user", "context:user"]);
});

test("a reply validate rejects is INVALID_RESPONSE with the issues; merges become refetches", async () => {
  const transport = stubTransport({
    result: { id: "5" },
    invalidate: [],
    merge: [
      {
        context: "user",
        slot: "user_profile",
        value: { id: "5" },
        params: { user_id: 5 },
      },
    ],
  });
  client.configure({ transport });
  const stops = await watchAll(transport, [5]);
  const issues = [
    { code: "invalid_type", path: ["id"], message: "expected number" },
  ];
  client.configure({
    validate: () => {
      throw Object.assign(new Error("zod"), { issues });
    },
  });
  await assert.rejects(client.call("update_profile", {}), (error: unknown) => {
    assert.ok(error instanceof MizanError);
    assert.equal(error.code, "INVALID_RESPONSE");
    assert.equal(error.status, 0);
    assert.equal(
      error.message,
      'invalid reply to call "update_profile": id: expected number',
    );
    assert.deepEqual(error.details, {
      kind: "call",
      name: "update_profile",
      issues,
    });
    return true;
  });
  assert.equal(
    client.snapshot<{ user_profile: { name: string } }>("user", { user_id: 5 })
      .data?.user_profile.name,
    "v1",
  );
  await client.whenIdle();
  assert.deepEqual(
    transport.fetched,
    ["user:5"],
    "the merge's entry is refetched instead",
  );
  client.configure({
    validate: () => {
      throw new Error("not a record");
    },
  });
  await assert.rejects(client.fetch("catalog", {}), {
    code: "INVALID_RESPONSE",
    message: 'invalid reply to context "catalog": not a record',
    details: {
      kind: "context",
      name: "catalog",
      issues: [{ message: "not a record" }],
    },
  });
  client.configure({
    validate: () => {
      throw new MizanError("FORBIDDEN", "the validator's own");
    },
  });
  await assert.rejects(client.call("f", {}), { code: "FORBIDDEN" });
  for (const stop of stops) stop();
});
