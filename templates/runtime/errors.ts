//! MizanError: the one error type every kernel call rejects with.

/** The protocol's error codes, plus `NETWORK_ERROR` (kernel-only: no response at all). */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION_ERROR"
  | "INTERNAL_ERROR"
  | "NOT_IMPLEMENTED"
  | "NETWORK_ERROR";

const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_ERROR: 422,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
  NETWORK_ERROR: 0,
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

  /** `details.fields` of a `VALIDATION_ERROR` (`{param: [message, ...]}`); `{}` when absent. */
  fieldErrors(): Record<string, string[]> {
    const fields = this.details?.["fields"];
    const out: Record<string, string[]> = {};
    if (typeof fields !== "object" || fields === null) return out;
    for (const [name, messages] of Object.entries(fields)) {
      if (Array.isArray(messages)) out[name] = messages.map(String);
      else if (typeof messages === "string") out[name] = [messages];
    }
    return out;
  }
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

/** Wraps anything thrown below the kernel (DNS, refused socket, bad JSON) as `NETWORK_ERROR`; aborts pass through. */
export function asMizanError(error: unknown): unknown {
  if (error instanceof MizanError) return error;
  if (error instanceof Error && error.name === "AbortError") return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MizanError("NETWORK_ERROR", message);
}
