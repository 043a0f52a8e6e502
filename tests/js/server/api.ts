//! The server's model of a backend: function specs, errors, and the protocol's
//! invalidation rules (auto-scoping, `{function}` entries, merge slots, the header).

import { checkSlot, checkType, type Schema, type Slot } from "./types.js";

/** A protocol error: `{"error": {code, message, details?}}` with the code's status. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: keyof typeof STATUS,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
  }

  /** The messages per param of a `VALIDATION_ERROR`, from `details.fields` or `details.errors`. */
  fieldMessages(): Record<string, string[]> {
    const fields: Record<string, string[]> = {};
    const byParam = this.details?.["fields"];
    if (typeof byParam === "object" && byParam !== null)
      Object.assign(fields, byParam);
    const entries = this.details?.["errors"];
    if (Array.isArray(entries))
      for (const e of entries as ErrorEntry[])
        (fields[String(e.loc[0])] ??= []).push(e.msg);
    return fields;
  }

  /** The wire body of this error. */
  body(): { error: Record<string, unknown> } {
    const error: Record<string, unknown> = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) error["details"] = this.details;
    return { error };
  }
}

export const STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_ERROR: 422,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
} as const;

/** What a handler may use besides its args. */
export interface CallContext<S> {
  readonly state: S;
  readonly authenticated: boolean;
  /** Sends a server message to every subscriber of `channel` with `params`. */
  broadcast(
    channel: string,
    params: Record<string, unknown>,
    data: unknown,
  ): void;
}

/** One function of the IR, as the server implements it. */
export interface FnSpec<S> {
  readonly params: Readonly<Record<string, Slot>>;
  /** The return type string; absent means JSON `null`. */
  readonly returns?: string;
  readonly context?: string;
  readonly auth?: boolean;
  readonly affects?: readonly {
    readonly name: string;
    readonly kind: "context" | "function";
  }[];
  readonly merge?: readonly string[];
  /** The handler checks its own args (a form's `validate` role reports instead of failing). */
  readonly selfValidating?: boolean;
  run(args: Record<string, unknown>, ctx: CallContext<S>): unknown;
}

/** A backend: its schema and functions by wire name. */
export interface Api<S> {
  readonly schema: Schema;
  readonly functions: Readonly<Record<string, FnSpec<S>>>;
}

/** One entry of `details.errors`, as pydantic reports it: `loc` is the param, then the path inside it. */
export interface ErrorEntry {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
  readonly input?: unknown;
}

/**
 * `VALIDATION_ERROR` unless every declared param is well-typed and no other is given,
 * in the reference adapter's two shapes: `details.fields` (`{param: [message]}`) when
 * the args are empty and required params are missing, else pydantic's
 * `details.errors` list (one `ErrorEntry` per problem).
 */
export function validateArgs<S>(
  spec: FnSpec<S>,
  args: Record<string, unknown>,
  schema: Schema,
): void {
  const errors: ErrorEntry[] = [];
  for (const [name, slot] of Object.entries(spec.params)) {
    const value = args[name];
    if (value === undefined) {
      if (slot.optional !== true)
        errors.push({
          type: "missing",
          loc: [name],
          msg: "this field is required",
          input: args,
        });
      continue;
    }
    for (const found of checkSlot(value, slot, schema))
      errors.push({ ...found, loc: [name, ...found.loc] });
  }
  for (const name of Object.keys(args))
    if (!(name in spec.params))
      errors.push({
        type: "extra_forbidden",
        loc: [name],
        msg: "unexpected parameter",
        input: args[name],
      });
  if (errors.length === 0) return;
  if (Object.keys(args).length > 0)
    throw new ApiError("VALIDATION_ERROR", "invalid arguments", { errors });
  const fields: Record<string, string[]> = {};
  for (const e of errors) (fields[String(e.loc[0])] ??= []).push(e.msg);
  throw new ApiError("VALIDATION_ERROR", "invalid arguments", { fields });
}

/** Asserts a handler's result conforms to its declared return type (a server bug otherwise). */
export function checkResult<S>(
  name: string,
  spec: FnSpec<S>,
  result: unknown,
  schema: Schema,
): void {
  const errors =
    spec.returns === undefined
      ? result === null
        ? []
        : ["must be null"]
      : checkType(result, spec.returns, schema);
  if (errors.length > 0)
    throw new Error(
      `server bug: ${name} returned a non-conforming value: ${errors.join("; ")}`,
    );
}

function contextParams<S>(api: Api<S>, context: string): Set<string> {
  const names = new Set<string>();
  for (const spec of Object.values(api.functions)) {
    if (spec.context === context)
      for (const param of Object.keys(spec.params)) names.add(param);
  }
  return names;
}

/** The mutation's args that scope an affected context (auto-scoping), absent values skipped. */
function scope<S>(
  api: Api<S>,
  spec: FnSpec<S>,
  context: string,
  args: Record<string, unknown>,
): Record<string, unknown> {
  const shared = contextParams(api, context);
  const scoped: Record<string, unknown> = {};
  for (const name of Object.keys(spec.params).sort()) {
    if (shared.has(name) && args[name] !== undefined && args[name] !== null)
      scoped[name] = args[name];
  }
  return scoped;
}

export type Invalidate =
  | string
  | { context: string; params: Record<string, unknown> }
  | { function: string };
export interface Merge {
  context: string;
  slot: string;
  value: unknown;
  params?: Record<string, unknown>;
}

/** The `invalidate` and `merge` lists a successful call answers with. */
export function changes<S>(
  api: Api<S>,
  spec: FnSpec<S>,
  args: Record<string, unknown>,
  result: unknown,
): { invalidate: Invalidate[]; merge: Merge[] } {
  const invalidate: Invalidate[] = (spec.affects ?? []).map((target) => {
    if (target.kind === "function") return { function: target.name };
    const params = scope(api, spec, target.name, args);
    return Object.keys(params).length === 0
      ? target.name
      : { context: target.name, params };
  });
  const merge = (spec.merge ?? []).map((context) => {
    const slot = Object.entries(api.functions).find(
      ([, f]) => f.context === context && f.returns === spec.returns,
    )?.[0];
    if (slot === undefined)
      throw new Error(`server spec: no merge slot in ${context}`);
    const params = scope(api, spec, context, args);
    const entry: Merge = { context, slot, value: result };
    if (Object.keys(params).length > 0) entry.params = params;
    return entry;
  });
  return { invalidate, merge };
}

/** `X-Mizan-Invalidate` for the context entries (`{function}` entries have no header form). */
export function invalidateHeader(invalidate: readonly Invalidate[]): string {
  const items: string[] = [];
  for (const entry of invalidate) {
    if (typeof entry === "string") items.push(entry);
    else if ("context" in entry) {
      const pairs = Object.keys(entry.params)
        .sort()
        .map(
          (k) =>
            `${encodeURIComponent(k)}=${encodeURIComponent(String(entry.params[k]))}`,
        );
      items.push([entry.context, ...pairs].join(";"));
    }
  }
  return items.join(", ");
}
