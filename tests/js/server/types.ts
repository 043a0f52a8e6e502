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

/**
 * One problem with a value, where pydantic would report it: `loc` is the path
 * below the checked value (record fields and map keys by name, list items by
 * index), `type` pydantic's error type where the server knows one.
 */
export interface Issue {
  readonly loc: readonly (string | number)[];
  readonly type: string;
  readonly msg: string;
  readonly input?: unknown;
}

function issue(msg: string, input: unknown, type = "value_error"): Issue {
  return { loc: [], type, msg, input };
}

function under(key: string | number, issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ ...i, loc: [key, ...i.loc] }));
}

function checkConstraints(value: unknown, c: Constraints): Issue[] {
  const errors: Issue[] = [];
  if (typeof value === "number") {
    if (c.min !== undefined && value < c.min)
      errors.push(
        issue(`must be at least ${c.min}`, value, "greater_than_equal"),
      );
    if (c.max !== undefined && value > c.max)
      errors.push(issue(`must be at most ${c.max}`, value, "less_than_equal"));
  }
  const length =
    typeof value === "string" || Array.isArray(value)
      ? value.length
      : undefined;
  if (length !== undefined) {
    if (c.minLength !== undefined && length < c.minLength)
      errors.push(
        issue(
          `must have at least ${c.minLength} items/characters`,
          value,
          "too_short",
        ),
      );
    if (c.maxLength !== undefined && length > c.maxLength)
      errors.push(
        issue(
          `must have at most ${c.maxLength} items/characters`,
          value,
          "too_long",
        ),
      );
  }
  if (typeof value === "string") {
    if (c.pattern !== undefined && !c.pattern.test(value))
      errors.push(
        issue(
          `must match ${c.pattern.source}`,
          value,
          "string_pattern_mismatch",
        ),
      );
    if (c.format !== undefined && !FORMATS[c.format].test(value))
      errors.push(issue(`must be a valid ${c.format}`, value));
  }
  return errors;
}

function checkPrimitive(value: unknown, type: string): Issue[] | undefined {
  const fails = (msg: string): Issue[] => [issue(msg, value, `${type}_type`)];
  switch (type) {
    case "int":
      return Number.isInteger(value) ? [] : fails("must be an integer");
    case "float":
      return typeof value === "number" && Number.isFinite(value)
        ? []
        : fails("must be a number");
    case "bool":
      return typeof value === "boolean" ? [] : fails("must be a boolean");
    case "string":
      return typeof value === "string" ? [] : fails("must be a string");
    case "json":
      return [];
    case "upload":
      return isRecord(value) && value["kind"] === "upload"
        ? []
        : fails("must be a file");
  }
  const pattern = PRIMITIVE_PATTERNS[type];
  if (pattern === undefined) return undefined;
  return typeof value === "string" && pattern.test(value)
    ? []
    : fails(`must be a ${type}`);
}

function checkRecord(
  value: unknown,
  fields: Readonly<Record<string, Slot>>,
  schema: Schema,
): Issue[] {
  if (!isRecord(value))
    return [issue("must be an object", value, "model_type")];
  const errors: Issue[] = [];
  for (const [name, slot] of Object.entries(fields)) {
    if (!(name in value)) {
      if (slot.optional !== true)
        errors.push(...under(name, [issue("is required", value, "missing")]));
      continue;
    }
    errors.push(...under(name, checkSlot(value[name], slot, schema)));
  }
  for (const name of Object.keys(value))
    if (!(name in fields))
      errors.push(
        ...under(name, [
          issue("unexpected field", value[name], "extra_forbidden"),
        ]),
      );
  return errors;
}

/** The problems of `value` against type string `type`, each with its path (empty when it conforms). */
export function typeIssues(
  value: unknown,
  type: string,
  schema: Schema,
): Issue[] {
  if (type.endsWith("?"))
    return value === null ? [] : typeIssues(value, type.slice(0, -1), schema);
  const listOf = inner(type, "list");
  if (listOf !== undefined) {
    if (!Array.isArray(value))
      return [issue("must be a list", value, "list_type")];
    return value.flatMap((item, i) =>
      under(i, typeIssues(item, listOf, schema)),
    );
  }
  const mapOf = inner(type, "map");
  if (mapOf !== undefined) {
    if (!isRecord(value))
      return [issue("must be an object", value, "dict_type")];
    return Object.entries(value).flatMap(([k, v]) =>
      under(k, typeIssues(v, mapOf, schema)),
    );
  }
  const primitive = checkPrimitive(value, type);
  if (primitive !== undefined) return primitive;
  const alias = schema.aliases[type];
  if (alias !== undefined) return typeIssues(value, alias, schema);
  const values = schema.enums[type];
  if (values !== undefined)
    return typeof value === "string" && values.includes(value)
      ? []
      : [issue(`must be one of ${values.join(", ")}`, value, "enum")];
  const record = schema.records[type];
  if (record !== undefined) return checkRecord(value, record, schema);
  const union = schema.unions[type];
  if (union !== undefined) {
    const tag = isRecord(value) ? value[union.tag] : undefined;
    const variant = typeof tag === "string" ? union.variants[tag] : undefined;
    if (variant === undefined || !isRecord(value))
      return under(union.tag, [
        issue(
          `must be one of ${Object.keys(union.variants).join(", ")}`,
          tag,
          "union_tag_invalid",
        ),
      ]);
    // A variant that declares the tag field itself (an OpenAPI
    // discriminator) is checked with it.
    if (schema.records[variant]?.[union.tag] !== undefined)
      return typeIssues(value, variant, schema);
    const { [union.tag]: _tag, ...rest } = value;
    return typeIssues(rest, variant, schema);
  }
  throw new Error(`server schema: unknown type ${type}`);
}

/** An issue as one line: its path as a prefix (`[0] product: must be a uuid`). */
function describe(i: Issue): string {
  const prefix = i.loc
    .map((k) => (typeof k === "number" ? `[${k}] ` : `${k}: `))
    .join("");
  return `${prefix}${i.msg}`;
}

/** Error messages for `value` against type string `type` (empty when it conforms). */
export function checkType(
  value: unknown,
  type: string,
  schema: Schema,
): string[] {
  return typeIssues(value, type, schema).map(describe);
}

/** The problems of `value` against a slot: `typeIssues`, then the slot's constraints. */
export function checkSlot(value: unknown, slot: Slot, schema: Schema): Issue[] {
  const errors = typeIssues(value, slot.type, schema);
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
