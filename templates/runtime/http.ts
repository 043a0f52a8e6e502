//! The HTTP transport: `POST <base>/call/` (JSON or multipart), `GET <base>/ctx/<name>/`, `GET <base>/session/`.

import { fetchFn, type Config } from "./config.js";
import { MizanError, asMizanError, errorFromResponse } from "./errors.js";
import { parseInvalidateHeader, queryString, type Params } from "./params.js";
import {
  bundleFrom,
  outcomeFrom,
  type CallOutcome,
  type CallRequest,
  type ContextRequest,
} from "./transport.js";

/** What the HTTP transport reads from its client: the configuration and the CSRF token. */
export interface HttpSession {
  readonly config: () => Readonly<Config>;
  readonly csrfToken: () => string | null;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!response.ok) return undefined;
    throw new MizanError(
      "INTERNAL_ERROR",
      `response is not JSON (HTTP ${response.status})`,
      response.status,
    );
  }
}

/** Sends one request: the kernel's headers, then `headers()`, then the request's own `extra` headers. */
async function send(
  session: HttpSession,
  path: string,
  init: RequestInit,
  extra: Readonly<Record<string, string>> = {},
): Promise<{ body: unknown; response: Response }> {
  const config = session.config();
  const { baseUrl, credentials, headers } = config;
  const merged = new Headers(init.headers);
  merged.set("Accept", "application/json");
  for (const [name, value] of Object.entries({ ...headers(), ...extra }))
    merged.set(name, value);
  let response: Response;
  let body: unknown;
  try {
    response = await fetchFn(config)(`${baseUrl}${path}`, {
      ...init,
      headers: merged,
      credentials,
    });
    body = await readJson(response);
  } catch (error) {
    if (init.signal?.aborted === true) throw init.signal.reason;
    throw asMizanError(error);
  }
  if (!response.ok) throw errorFromResponse(response.status, body);
  return { body, response };
}

/** Splits args into the multipart parts the protocol names: `fn`, `args` (JSON), one file part per upload. */
function multipartBody(
  fn: string,
  args: Params,
  uploadParams: readonly string[],
): FormData {
  const form = new FormData();
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (!uploadParams.includes(name)) plain[name] = value;
  }
  form.append("fn", fn);
  form.append("args", JSON.stringify(plain));
  for (const name of uploadParams) {
    const value = args[name];
    const files = Array.isArray(value)
      ? value
      : value === undefined || value === null
        ? []
        : [value];
    for (const file of files) {
      if (!(file instanceof Blob))
        throw new MizanError(
          "BAD_REQUEST",
          `upload param "${name}" must be a File or Blob`,
        );
      form.append(name, file, file instanceof File ? file.name : name);
    }
  }
  return form;
}

/** `POST <base>/call/`; the `X-Mizan-Invalidate` header's entries join the body's. */
export async function httpCall(
  session: HttpSession,
  request: CallRequest,
): Promise<CallOutcome> {
  const headers: Record<string, string> = {};
  const token = session.csrfToken();
  if (token !== null) headers["X-CSRFToken"] = token;
  let body: BodyInit;
  if (request.uploadParams !== undefined) {
    body = multipartBody(request.fn, request.args, request.uploadParams);
  } else {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify({ fn: request.fn, args: request.args });
  }
  const init: RequestInit = { method: "POST", headers, body };
  if (request.signal !== undefined) init.signal = request.signal;
  const { body: json, response } = await send(
    session,
    "/call/",
    init,
    request.headers,
  );
  const outcome = outcomeFrom(json, "result");
  const fromHeader = parseInvalidateHeader(
    response.headers.get("X-Mizan-Invalidate"),
  );
  return fromHeader.length === 0
    ? outcome
    : { ...outcome, invalidate: [...outcome.invalidate, ...fromHeader] };
}

/** `GET <base>/ctx/<context>/?k=v` with absent params omitted. */
export async function httpFetchContext(
  session: HttpSession,
  request: ContextRequest,
): Promise<Record<string, unknown>> {
  const query = queryString(request.params);
  const path = `/ctx/${encodeURIComponent(request.context)}/${query === "" ? "" : `?${query}`}`;
  const init: RequestInit = { method: "GET" };
  if (request.signal !== undefined) init.signal = request.signal;
  const { body } = await send(session, path, init, request.headers);
  return bundleFrom(body, request.context);
}

/** `GET <base>/session/`: the CSRF token the client sends back as `X-CSRFToken` on every later POST. */
export async function httpSession(
  session: HttpSession,
): Promise<string | null> {
  const { body } = await send(session, "/session/", { method: "GET" });
  const token = (body as { csrfToken?: unknown } | undefined)?.csrfToken;
  return typeof token === "string" ? token : null;
}
