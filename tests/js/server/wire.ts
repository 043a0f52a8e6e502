//! A second backend under `/api/wire` for the Python wire-name test
//! (`tests/python/e2e_wire.py`, IR `tests/python/wire.kdl`), kept apart from
//! the shop: `app.ts` calls `wireEndpoint` and nothing else here.
//!
//! - `POST /api/wire/call/` with `echo_tagged`: the args are checked against
//!   the IR's wire names (`{"item": {"class", "sent-at"}}`, nothing else: a
//!   field sent under its Python name `class_` is a 422 `extra_forbidden`),
//!   and the item comes back with `!` appended to `class` and `sent-at` + 1.
//! - `GET /api/wire/ctx/probe/?count=&flag=&label=`: the bundle's
//!   `probe_query` slot echoes each query value as the server parsed it, or
//!   `null` when the param was not sent (so `0`, `false` and `""` are told
//!   apart from "left out").
//!
//! Requests are logged in `/__log` like the shop's.

import type http from "node:http";
import { ApiError, type Api, type CallContext } from "./api.js";
import type { ServerState } from "./auth.js";
import { fetchBundle, runCall } from "./dispatch.js";

export const WIRE_BASE = "/api/wire";

const wire: Api<null> = {
  schema: {
    records: {
      Tagged: { class: { type: "string" }, "sent-at": { type: "int" } },
      Seen: {
        count: { type: "int?" },
        flag: { type: "bool?" },
        label: { type: "string?" },
      },
    },
    enums: {},
    aliases: {},
    unions: {},
  },
  functions: {
    echo_tagged: {
      params: { item: { type: "Tagged" } },
      returns: "Tagged",
      run: (args) => {
        const item = args["item"] as { class: string; "sent-at": number };
        return { class: `${item.class}!`, "sent-at": item["sent-at"] + 1 };
      },
    },
    probe_query: {
      context: "probe",
      params: {
        count: { type: "int", optional: true },
        flag: { type: "bool", optional: true },
        label: { type: "string", optional: true },
      },
      returns: "Seen",
      run: (args) => ({
        count: args["count"] ?? null,
        flag: args["flag"] ?? null,
        label: args["label"] ?? null,
      }),
    },
  },
};

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
  });
  res.end(JSON.stringify(body));
}

async function jsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new ApiError("BAD_REQUEST", "body is not valid JSON");
  }
}

/** Answers a request under `/api/wire/` (true), or leaves it to the shop (false). */
export async function wireEndpoint(
  req: http.IncomingMessage,
  url: URL,
  method: string,
  state: ServerState,
  res: http.ServerResponse,
): Promise<boolean> {
  if (!url.pathname.startsWith(`${WIRE_BASE}/`)) return false;
  const entry = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
  } as ServerState["log"][number];
  state.log.push(entry);
  const ctx: CallContext<null> = {
    state: null,
    authenticated: false,
    broadcast: () => undefined,
  };
  try {
    if (url.pathname === `${WIRE_BASE}/call/` && method === "POST") {
      const body = (await jsonBody(req)) as { fn?: unknown; args?: unknown };
      if (typeof body.fn === "string") entry.fn = body.fn;
      const answer = runCall(wire, body.fn, body.args, ctx);
      reply(res, 200, { result: answer.result, invalidate: [] });
      return true;
    }
    const probe = `${WIRE_BASE}/ctx/probe/`;
    if (url.pathname === probe && method === "GET") {
      reply(res, 200, fetchBundle(wire, "probe", url.searchParams, ctx));
      return true;
    }
    throw new ApiError("NOT_FOUND", `no route ${method} ${url.pathname}`);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    reply(res, error.status, error.body());
    return true;
  }
}
