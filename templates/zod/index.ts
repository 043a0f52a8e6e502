import type { z } from "zod";
import { callResultSchemas, contextBundleSchemas } from "./schemas.js";

export * from "./schemas.js";

/**
 * Checks a reply against its schema and returns the parsed value (unknown
 * keys stripped); throws zod's error, with its `issues`, when it does not
 * match. A name without a schema is returned as is.
 *
 * Pass it to the client to check every call result and context bundle:
 * `createClient({ validate: validateResponse })`. The client then rejects a
 * reply that fails with a `MizanError` whose code is `INVALID_RESPONSE` and
 * whose `details.issues` are zod's issues.
 */
export function validateResponse(
  kind: "call" | "context",
  name: string,
  data: unknown,
): unknown {
  const schemas: Readonly<Record<string, z.ZodType>> =
    kind === "call" ? callResultSchemas : contextBundleSchemas;
  const schema = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
  return schema === undefined ? data : schema.parse(data);
}
