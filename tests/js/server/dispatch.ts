//! The transport-independent core: run a call, build a context bundle.

import {
  ApiError,
  changes,
  checkResult,
  validateArgs,
  type Api,
  type CallContext,
  type Invalidate,
  type Merge,
} from "./api.js";
import { coerceQuery } from "./types.js";

/** A successful call's answer, before it is put on a wire. */
export interface CallAnswer {
  result: unknown;
  invalidate: Invalidate[];
  merge: Merge[];
}

/** Runs function `name`: existence, auth, arg validation, the handler, result check, changes. */
export function runCall<S>(
  api: Api<S>,
  name: unknown,
  args: unknown,
  ctx: CallContext<S>,
): CallAnswer {
  if (typeof name !== "string")
    throw new ApiError("BAD_REQUEST", '"fn" must be a string');
  if (typeof args !== "object" || args === null || Array.isArray(args))
    throw new ApiError("BAD_REQUEST", '"args" must be an object');
  const spec = Object.hasOwn(api.functions, name)
    ? api.functions[name]
    : undefined;
  if (spec === undefined)
    throw new ApiError("NOT_FOUND", `no function ${name}`);
  if (spec.auth === true && !ctx.authenticated)
    throw new ApiError("UNAUTHORIZED", "authentication required");
  const argsRecord = args as Record<string, unknown>;
  if (spec.selfValidating !== true) validateArgs(spec, argsRecord, api.schema);
  const result = spec.run(argsRecord, ctx);
  checkResult(name, spec, result, api.schema);
  return { result, ...changes(api, spec, argsRecord, result) };
}

/**
 * The flat bundle of `context` for query params `query`: one slot per function whose
 * required params are all present (a function missing one is left out of the bundle).
 */
export function fetchBundle<S>(
  api: Api<S>,
  context: string,
  query: URLSearchParams,
  ctx: CallContext<S>,
): Record<string, unknown> {
  const members = Object.entries(api.functions).filter(
    ([, spec]) => spec.context === context,
  );
  if (members.length === 0)
    throw new ApiError("NOT_FOUND", `no context ${context}`);
  const known = new Set(
    members.flatMap(([, spec]) => Object.keys(spec.params)),
  );
  const fields: Record<string, string[]> = {};
  const values: Record<string, unknown> = {};
  for (const [key, raw] of query) {
    if (!known.has(key)) {
      fields[key] = ["unexpected parameter"];
      continue;
    }
    const type = members
      .map(([, spec]) => spec.params[key]?.type)
      .find((t) => t !== undefined)!;
    const coerced = coerceQuery(raw, type, api.schema);
    if ("error" in coerced) fields[key] = [coerced.error];
    else values[key] = coerced.value;
  }
  if (Object.keys(fields).length > 0)
    throw new ApiError("VALIDATION_ERROR", "invalid query parameters", {
      fields,
    });
  const bundle: Record<string, unknown> = {};
  for (const [name, spec] of members) {
    const required = Object.entries(spec.params).filter(
      ([, slot]) => slot.optional !== true,
    );
    if (required.some(([param]) => values[param] === undefined)) continue;
    const args = Object.fromEntries(
      Object.keys(spec.params)
        .filter((p) => values[p] !== undefined)
        .map((p) => [p, values[p]]),
    );
    validateArgs(spec, args, api.schema);
    const result = spec.run(args, ctx);
    checkResult(name, spec, result, api.schema);
    bundle[name] = result;
  }
  return bundle;
}
