//! The HTTP side of the test server: session, call (JSON and multipart), context bundles,
//! the fixture's view routes, and the test endpoints `/__log`, `/__reset`,
//! `/__delay`, `/__drop-sockets`, `/__fail-contexts`, `/__malformed`, and
//! `/__fail`, `/__drift` and `/__refuse-sockets` (`faults.ts`); a second backend
//! under `/api/wire` (`wire.ts`).

import { randomBytes } from "node:crypto";
import http from "node:http";
import {
  ApiError,
  changes,
  invalidateHeader,
  validateArgs,
  type CallContext,
} from "./api.js";
import { fetchBundle, runCall } from "./dispatch.js";
import { boundaryOf, parseMultipart } from "./multipart.js";
import { seed, shop, stripeWebhook, type ShopState } from "./shop.js";
import type { Upload } from "./types.js";
import { isAuthenticated, type LogEntry, type ServerState } from "./auth.js";
import { attachSockets } from "./ws.js";
import {
  createFaults,
  drift,
  faultRoute,
  injectFailure,
  refuseUpgrade,
  resetFaults,
} from "./faults.js";
import { rustFault, rustTestEndpoint } from "./rust-faults.js";
import { wireEndpoint } from "./wire.js";

const MAX_BODY = 16 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY)
        reject(new ApiError("BAD_REQUEST", "body too large"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    ...headers,
  });
  res.end(text);
}

/** The `{fn, args}` of a call body: JSON, or multipart with file parts folded into args. */
async function callBody(
  req: http.IncomingMessage,
  entry: LogEntry,
): Promise<{ fn: unknown; args: unknown }> {
  const body = await readBody(req);
  const boundary = boundaryOf(req.headers["content-type"]);
  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError("BAD_REQUEST", "body is not valid JSON");
    }
  };
  if (boundary === undefined)
    return (parseJson(body.toString("utf8")) ?? {}) as {
      fn: unknown;
      args: unknown;
    };
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    throw new ApiError("BAD_REQUEST", (error as Error).message);
  }
  const text = (name: string): string | undefined =>
    parts
      .find((p) => p.name === name && p.filename === undefined)
      ?.data.toString("utf8");
  const args = parseJson(text("args") ?? "{}") as Record<string, unknown>;
  const fn = text("fn");
  const spec = fn === undefined ? undefined : shop.functions[fn];
  entry.files = [];
  for (const part of parts.filter((p) => p.filename !== undefined)) {
    const upload: Upload = {
      kind: "upload",
      filename: part.filename!,
      contentType: part.contentType,
      size: part.data.length,
    };
    entry.files.push({
      field: part.name,
      filename: upload.filename,
      size: upload.size,
      contentType: upload.contentType,
    });
    const isList = spec?.params[part.name]?.type.startsWith("list<") === true;
    if (isList)
      args[part.name] = [
        ...((args[part.name] as Upload[] | undefined) ?? []),
        upload,
      ];
    else args[part.name] = upload;
  }
  // A declared list<upload> with no file parts is an empty list, not a missing param.
  for (const [name, slot] of Object.entries(spec?.params ?? {}))
    if (slot.type === "list<upload>") args[name] ??= [];
  return { fn, args };
}

/** `value` with every number turned into its string: the reply of a server whose types drifted. */
function malform(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(malform);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, malform(item)]),
    );
  return value;
}

/** Whether the next successful reply is to be malformed (`POST /__malformed`); counts it. */
function takeMalformed(state: ServerState): boolean {
  if ((state.malformed ?? 0) <= 0) return false;
  state.malformed = (state.malformed ?? 0) - 1;
  return true;
}

/** Builds the request handler for `base` (e.g. `/api/mizan`) over `state`. */
export function createApp(
  base: string,
  state: ServerState,
): { server: http.Server } {
  const faults = createFaults();
  const callContext = (authenticated: boolean): CallContext<ShopState> => ({
    state: state.shop,
    authenticated,
    broadcast: (channel, params, data) =>
      sockets.broadcast(channel, params, data),
  });

  const route = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
  ): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = req.method ?? "GET";
    if (rustTestEndpoint(url, method, state, res)) return;
    if (await wireEndpoint(req, url, method, state, res)) return;
    if (url.pathname === "/__log" && method === "GET")
      return send(res, 200, state.log);
    if (url.pathname === "/__reset" && method === "POST") {
      state.shop = seed();
      state.log.length = 0;
      state.delay = 0;
      delete state.contextFailures;
      delete state.malformed;
      resetFaults(faults);
      return send(res, 200, { ok: true });
    }
    if (faultRoute(faults, url, method, res, send)) return;
    if (url.pathname === "/__malformed" && method === "POST") {
      state.malformed = Number(url.searchParams.get("count") ?? "1");
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__fail-contexts" && method === "POST") {
      state.contextFailures = {
        remaining: Number(url.searchParams.get("count") ?? "1"),
        status: Number(url.searchParams.get("status") ?? "503"),
      };
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__delay" && method === "POST") {
      state.delay = Number(url.searchParams.get("ms") ?? 0);
      return send(res, 200, { ok: true });
    }
    if (url.pathname === "/__drop-sockets" && method === "POST")
      return send(res, 200, { dropped: sockets.dropAll() });
    const entry: LogEntry = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
    };
    const tests = Object.entries(req.headers).filter(
      ([name, value]) =>
        name.startsWith("x-test-") && typeof value === "string",
    );
    if (tests.length > 0)
      entry.headers = Object.fromEntries(tests) as Record<string, string>;
    state.log.push(entry);
    if (rustFault(url, method, base, state, res)) return;
    if (state.delay > 0)
      await new Promise((resolve) => setTimeout(resolve, state.delay));
    const authenticated = isAuthenticated(req, state);

    if (url.pathname === `${base}/session/` && method === "GET") {
      const token = randomBytes(16).toString("hex");
      state.sessions.add(token);
      return send(
        res,
        200,
        { csrfToken: token },
        { "Set-Cookie": `csrftoken=${token}; Path=/; SameSite=Lax` },
      );
    }
    if (url.pathname === `${base}/call/` && method === "POST") {
      const { fn, args } = await callBody(req, entry);
      if (typeof fn === "string") entry.fn = fn;
      if (injectFailure(faults, "call", res, send)) return;
      const answer = runCall(shop, fn, args, callContext(authenticated));
      const header = invalidateHeader(answer.invalidate);
      const result = drift(faults, answer.result);
      const body: Record<string, unknown> = {
        result: takeMalformed(state) ? malform(result) : result,
        invalidate: answer.invalidate,
      };
      if (answer.merge.length > 0) body["merge"] = answer.merge;
      return send(
        res,
        200,
        body,
        header === "" ? {} : { "X-Mizan-Invalidate": header },
      );
    }
    const ctx = url.pathname.startsWith(`${base}/ctx/`)
      ? /^([^/]+)\/$/.exec(url.pathname.slice(base.length + 5))?.[1]
      : undefined;
    const failure = state.contextFailures;
    if (ctx !== undefined && failure !== undefined && failure.remaining > 0) {
      failure.remaining -= 1;
      const code = failure.status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
      return send(res, failure.status, {
        error: { code, message: "injected failure (/__fail-contexts)" },
      });
    }
    if (ctx !== undefined && injectFailure(faults, "context", res, send))
      return;
    if (ctx !== undefined && method === "GET") {
      const bundle = drift(
        faults,
        fetchBundle(
          shop,
          decodeURIComponent(ctx),
          url.searchParams,
          callContext(authenticated),
        ),
      );
      return send(res, 200, takeMalformed(state) ? malform(bundle) : bundle);
    }
    if (url.pathname === "/webhooks/stripe/" && method === "POST") {
      const args = JSON.parse(
        (await readBody(req)).toString("utf8") || "{}",
      ) as Record<string, unknown>;
      validateArgs(stripeWebhook, args, shop.schema);
      stripeWebhook.run(args, callContext(authenticated));
      const header = invalidateHeader(
        changes(shop, stripeWebhook, args, null).invalidate,
      );
      return send(res, 200, { ok: true }, { "X-Mizan-Invalidate": header });
    }
    const profile = /^\/profile\/(\d+)\/$/.exec(url.pathname);
    if (profile !== null && method === "GET") {
      const user = state.shop.users.get(Number(profile[1]));
      if (user === undefined) throw new ApiError("NOT_FOUND", "no such user");
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      res.end(
        `<!doctype html><title>${user.email}</title><h1>${user.email}</h1>`,
      );
      return;
    }
    throw new ApiError("NOT_FOUND", `no route ${method} ${url.pathname}`);
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof ApiError)
        return send(res, error.status, error.body());
      console.error(error);
      send(res, 500, new ApiError("INTERNAL_ERROR", String(error)).body());
    });
  });
  const sockets = attachSockets(server, base, state, callContext, () =>
    refuseUpgrade(faults),
  );
  return { server };
}
