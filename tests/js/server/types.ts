//! A tiny checker for IR type strings (`int`, `string?`, `list<OrderLine>`, `map<T>`, named types)
//! used to validate call args, coerce query params and assert handler results conform.

/** Field/param constraints, as the IR's `min`, `max`, `min-length`, `max-length`, `pattern`, `format`. */
export interface Constraints {
  readonly min?: number;
  readonly max?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  readonly format?: "email" | "slug" | "url";
}

/** A param or record field: its type string, whether it may be absent, its constraints. */
export interface Slot extends Constraints {
  readonly type: string;
  readonly optional?: boolean;
}

/** The named types of an IR: records, enums, aliases and tagged unions. */
export interface Schema {
  readonly records: Readonly<Record<string, Readonly<Record<string, Slot>>>>;
  readonly enums: Readonly<Record<string, readonly string[]>>;
  readonly aliases: Readonly<Record<string, string>>;
  readonly unions: Readonly<
    Record<
      string,
      {
        readonly tag: string;
        readonly variants: Readonly<Record<string, string>>;
      }
    >
  >;
}

/** What the server keeps for one uploaded file part. */
export interface Upload {
  readonly kind: "upload";
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

const FORMATS: Record<NonNullable<Constraints["format"]>, RegExp> = {
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  slug: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  url: /^https?:\/\/\S+$/,
};

const PRIMITIVE_PATTERNS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/,
  decimal: /^-?\d+(\.\d+)?$/,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function inner(type: string, wrapper: "list" | "map"): string | undefined {
  return type.startsWith(`${wrapper}<`) && type.endsWith(">")
    ? type.slice(wrapper.length + 1, -1)
    : undefined;
}

function checkConstraints(value: unknown, c: Constraints): string[] {
  const errors: string[] = [];
  if (typeof value === "number") {
    if (c.min !== undefined && value < c.min)
      errors.push(`must be at least ${c.min}`);
    if (c.max !== undefined && value > c.max)
      errors.push(`must be at most ${c.max}`);
  }
  const length =
    typeof value === "string" || Array.isArray(value)
      ? value.length
      : undefined;
  if (length !== undefined) {
    if (c.minLength !== undefined && length < c.minLength)
      errors.push(`must have at least ${c.minLength} items/characters`);
    if (c.maxLength !== undefined && length > c.maxLength)
      errors.push(`must have at most ${c.maxLength} items/characters`);
  }
  if (typeof value === "string") {
    if (c.pattern !== undefined && !c.pattern.test(value))
      errors.push(`must match ${c.pattern.source}`);
    if (c.format !== undefined && !FORMATS[c.format].test(value))
      errors.push(`must be a valid ${c.format}`);
  }
  return errors;
}

function checkPrimitive(value: unknown, type: string): string[] | undefined {
  switch (type) {
    case "int":
      return Number.isInteger(value) ? [] : ["must be an integer"];
    case "float":
      return typeof value === "number" && Number.isFinite(value)
        ? []
        : ["must be a number"];
    case "bool":
      return typeof value === "boolean" ? [] : ["must be a boolean"];
    case "string":
      return typeof value === "string" ? [] : ["must be a string"];
    case "json":
      return [];
    case "upload":
      return isRecord(value) && value["kind"] === "upload"
        ? []
        : ["must be a file"];
  }
  const pattern = PRIMITIVE_PATTERNS[type];
  if (pattern === undefined) return undefined;
  return typeof value === "string" && pattern.test(value)
    ? []
    : [`must be a ${type}`];
}

function checkRecord(
  value: unknown,
  fields: Readonly<Record<string, Slot>>,
  schema: Schema,
): string[] {
  if (!isRecord(value)) return ["must be an object"];
  const errors: string[] = [];
  for (const [name, slot] of Object.entries(fields)) {
    if (!(name in value)) {
      if (slot.optional !== true) errors.push(`${name}: is required`);
      continue;
    }
    errors.push(
      ...checkSlot(value[name], slot, schema).map((e) => `${name}: ${e}`),
    );
  }
  for (const name of Object.keys(value))
    if (!(name in fields)) errors.push(`${name}: unexpected field`);
  return errors;
}

/** Error messages for `value` against type string `type` (empty when it conforms). */
export function checkType(
  value: unknown,
  type: string,
  schema: Schema,
): string[] {
  if (type.endsWith("?"))
    return value === null ? [] : checkType(value, type.slice(0, -1), schema);
  const listOf = inner(type, "list");
  if (listOf !== undefined) {
    if (!Array.isArray(value)) return ["must be a list"];
    return value.flatMap((item, i) =>
      checkType(item, listOf, schema).map((e) => `[${i}] ${e}`),
    );
  }
  const mapOf = inner(type, "map");
  if (mapOf !== undefined) {
    if (!isRecord(value)) return ["must be an object"];
    return Object.entries(value).flatMap(([k, v]) =>
      checkType(v, mapOf, schema).map((e) => `${k}: ${e}`),
    );
  }
  const primitive = checkPrimitive(value, type);
  if (primitive !== undefined) return primitive;
  const alias = schema.aliases[type];
  if (alias !== undefined) return checkType(value, alias, schema);
  const values = schema.enums[type];
  if (values !== undefined)
    return typeof value === "string" && values.includes(value)
      ? []
      : [`must be one of ${values.join(", ")}`];
  const record = schema.records[type];
  if (record !== undefined) return checkRecord(value, record, schema);
  const union = schema.unions[type];
  if (union !== undefined) {
    const tag = isRecord(value) ? value[union.tag] : undefined;
    const variant = typeof tag === "string" ? union.variants[tag] : undefined;
    if (variant === undefined || !isRecord(value))
      return [
        `${union.tag}: must be one of ${Object.keys(union.variants).join(", ")}`,
      ];
    const { [union.tag]: _tag, ...rest } = value;
    return checkType(rest, variant, schema);
  }
  throw new Error(`server schema: unknown type ${type}`);
}

/** `checkType` plus the slot's constraints. */
export function checkSlot(
  value: unknown,
  slot: Slot,
  schema: Schema,
): string[] {
  const errors = checkType(value, slot.type, schema);
  return errors.length > 0 ? errors : checkConstraints(value, slot);
}

/** Turns a query-string value into the param's declared (query-safe) type, or reports why not. */
export function coerceQuery(
  raw: string,
  type: string,
  schema: Schema,
): { value: unknown } | { error: string } {
  const base = type.endsWith("?") ? type.slice(0, -1) : type;
  const resolved = schema.aliases[base] ?? base;
  if (resolved === "int")
    return /^-?\d+$/.test(raw)
      ? { value: Number(raw) }
      : { error: "must be an integer" };
  if (resolved === "float")
    return Number.isFinite(Number(raw)) && raw !== ""
      ? { value: Number(raw) }
      : { error: "must be a number" };
  if (resolved === "bool")
    return raw === "true" || raw === "false"
      ? { value: raw === "true" }
      : { error: "must be true or false" };
  return { value: raw };
}
