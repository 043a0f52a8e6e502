//! MizanError: the one error type every kernel call rejects with.

/**
 * The protocol's error codes, plus two the kernel raises itself: `NETWORK_ERROR` (no response at all) and
 * `INVALID_RESPONSE` (a reply the configured `validate` rejected).
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION_ERROR"
  | "INTERNAL_ERROR"
  | "NOT_IMPLEMENTED"
  | "NETWORK_ERROR"
  | "INVALID_RESPONSE";

const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_ERROR: 422,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  NETWORK_ERROR: 0,
  INVALID_RESPONSE: 0,
};

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(STATUS, value);
}

/** The code a bare HTTP status stands for, when the body names none we know. */
function codeForStatus(status: number): ErrorCode {
  const found = (Object.keys(STATUS) as ErrorCode[]).find(
    (code) => STATUS[code] === status,
  );
  if (found !== undefined) return found;
  return status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
}

/** A failed call or fetch: the server's `{"error": {code, message, details}}`, typed. */
export class MizanError extends Error {
  override readonly name = "MizanError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    status?: number,
    details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.code = code;
    this.status = status ?? STATUS[code];
    this.details = details;
  }

  /**
   * A `VALIDATION_ERROR`'s messages per param, in order: `details.fields`
   * (`{param: [message, ...]}`) and `details.errors` (pydantic's list, keyed by
   * the first element of each `loc`). A message with no usable `loc` is under
   * `"__all__"` (the form as a whole). `{}` when there are none.
   */
  fieldErrors(): Record<string, string[]> {
    return collect(this.details, (path) => path[0] ?? FORM_KEY);
  }

  /**
   * The same messages keyed by their dotted path (`"items.0.qty"`, or just the
   * param for `details.fields` and top-level errors): for forms with nested fields.
   */
  fieldErrorsByPath(): Record<string, string[]> {
    return collect(this.details, (path) =>
      path.length === 0 ? FORM_KEY : path.join("."),
    );
  }
}

/** The key of messages that belong to no param. */
const FORM_KEY = "__all__";

/** Leading `loc` elements that name the request part, not a param (FastAPI's own request errors). */
const LOC_ROOTS: ReadonlySet<unknown> = new Set(["body", "query", "args"]);

/** A `loc` as a path of strings: the request-part prefix dropped; `[]` when unusable. */
function pathOf(loc: unknown): string[] {
  if (!Array.isArray(loc)) return [];
  const parts = loc.length > 1 && LOC_ROOTS.has(loc[0]) ? loc.slice(1) : loc;
  const usable = parts.every(
    (p) => (typeof p === "string" && p !== "") || typeof p === "number",
  );
  return usable ? parts.map(String) : [];
}

/** Every validation message of `details` with its path, grouped under `keyOf(path)`. */
function collect(
  details: Readonly<Record<string, unknown>> | undefined,
  keyOf: (path: readonly string[]) => string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (path: readonly string[], messages: readonly string[]): void => {
    if (messages.length > 0) (out[keyOf(path)] ??= []).push(...messages);
  };
  const fields = details?.["fields"];
  if (typeof fields === "object" && fields !== null && !Array.isArray(fields)) {
    for (const [name, messages] of Object.entries(fields)) {
      if (Array.isArray(messages)) add([name], messages.map(String));
      else if (typeof messages === "string") add([name], [messages]);
    }
  }
  const errors = details?.["errors"];
  if (Array.isArray(errors)) {
    for (const entry of errors) {
      const record = asRecord(entry);
      if (record === undefined) continue;
      const msg = record["msg"];
      add(pathOf(record["loc"]), [
        typeof msg === "string" ? msg : "Invalid value",
      ]);
    }
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * Builds the error for an error payload `{code, message, details?}` (the inner
 * object of an HTTP error body, a WebSocket `error`, or a Tauri rejection).
 * `status` is the HTTP status when there was one.
 */
export function errorFromPayload(
  payload: unknown,
  status?: number,
): MizanError {
  const body = asRecord(payload);
  const rawCode = body?.["code"];
  const code = isErrorCode(rawCode) ? rawCode : codeForStatus(status ?? 500);
  const message =
    typeof body?.["message"] === "string"
      ? body["message"]
      : `request failed (${code})`;
  return new MizanError(
    code,
    message,
    status ?? STATUS[code],
    asRecord(body?.["details"]),
  );
}

/** The error for a non-2xx HTTP response whose (maybe non-JSON) body was `body`. */
export function errorFromResponse(status: number, body: unknown): MizanError {
  const inner = asRecord(body)?.["error"];
  if (inner !== undefined) return errorFromPayload(inner, status);
  return new MizanError(codeForStatus(status), `HTTP ${status}`, status);
}

/**
 * The error of a reply that `validate` rejected: `INVALID_RESPONSE`, status 0, `details` = `{kind, name,
 * issues}` with the validator's `issues` (zod's, each `{code, path, message, ...}`), or one issue holding the
 * message of whatever it threw. A `MizanError` thrown by the validator is kept as is.
 */
export function invalidResponse(
  kind: "call" | "context",
  name: string,
  error: unknown,
): MizanError {
  if (error instanceof MizanError) return error;
  const listed = asRecord(error)?.["issues"];
  const issues: readonly unknown[] = Array.isArray(listed)
    ? listed
    : [{ message: error instanceof Error ? error.message : String(error) }];
  const first = asRecord(issues[0]);
  const path = Array.isArray(first?.["path"]) ? first["path"].join(".") : "";
  const message =
    typeof first?.["message"] === "string" ? first["message"] : "invalid";
  const what = kind === "call" ? "call" : "context";
  return new MizanError(
    "INVALID_RESPONSE",
    `invalid reply to ${what} "${name}": ${path === "" ? "" : `${path}: `}${message}`,
    0,
    { kind, name, issues },
  );
}

/** Wraps anything thrown below the kernel (DNS, refused socket, bad JSON) as `NETWORK_ERROR`; aborts pass through. */
export function asMizanError(error: unknown): unknown {
  if (error instanceof MizanError) return error;
  if (error instanceof Error && error.name === "AbortError") return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MizanError("NETWORK_ERROR", message);
}
