//! Params as the wire sees them: canonical (sorted, stringified) form, query strings,
//! entry keys, matching, and the `X-Mizan-Invalidate` header.

/** What a caller may pass as context or channel params. `undefined`/`null` mean "absent". */
export type Params = Readonly<Record<string, unknown>>;

/** An `invalidate` entry: a whole context, one scoped entry, or one function's slot. */
export type InvalidateEntry =
  | string
  | { readonly context: string; readonly params: Params }
  | { readonly function: string };

/** A `merge` entry: write `value` into `slot` of the matching entries of `context`. */
export interface MergeEntry {
  readonly context: string;
  readonly slot: string;
  readonly value: unknown;
  readonly params?: Params;
}

function stringify(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Sorted `[key, string value]` pairs, absent (`undefined`/`null`) params dropped. */
export function canonicalPairs(params: Params): [string, string][] {
  return Object.keys(params)
    .filter((key) => params[key] !== undefined && params[key] !== null)
    .sort()
    .map((key) => [key, stringify(params[key])]);
}

/** `a=1&b=x` from canonical pairs (`""` when there are none). */
export function queryString(params: Params): string {
  return new URLSearchParams(canonicalPairs(params)).toString();
}

/** The store key of a context entry: `ctx` alone, or `ctx?a=1&b=x`. Also the `hydrate` key. */
export function entryKey(context: string, params: object): string {
  // Generated params are interfaces, which have no index signature.
  const query = queryString(params as Params);
  return query === "" ? context : `${context}?${query}`;
}

/** Whether `entry` has every param of `filter` with the same string value. */
export function paramsMatch(entry: Params, filter: Params): boolean {
  const have = new Map(canonicalPairs(entry));
  return canonicalPairs(filter).every(
    ([key, value]) => have.get(key) === value,
  );
}

/** Parses `X-Mizan-Invalidate: user;user_id=5, notifications` into invalidate entries. */
export function parseInvalidateHeader(
  header: string | null | undefined,
): InvalidateEntry[] {
  if (header === null || header === undefined) return [];
  const entries: InvalidateEntry[] = [];
  for (const item of header.split(",")) {
    const [name, ...pairs] = item.trim().split(";");
    const context = name?.trim() ?? "";
    if (context === "") continue;
    if (pairs.length === 0) {
      entries.push(context);
      continue;
    }
    const params: Record<string, string> = {};
    for (const pair of pairs) {
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      params[decodeURIComponent(pair.slice(0, eq).trim())] = decodeURIComponent(
        pair.slice(eq + 1).trim(),
      );
    }
    entries.push({ context, params });
  }
  return entries;
}
