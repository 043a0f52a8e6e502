//! Client-side form validation against the IR's constraints, and the static
//! invalidation graph's type. Generated `forms.ts` and `invalidation.ts`
//! modules declare constants that satisfy these types.

/** How a field's value is checked. */
export type FieldKind =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "enum"
  | "datetime"
  | "date"
  | "time"
  | "uuid"
  | "decimal"
  | "json"
  | "upload"
  | "list"
  | "map"
  | "object";

export type FieldFormat = "email" | "url" | "uuid" | "slug" | "ipv4" | "ipv6";

/** One form field: its kind and the IR constraints on it. */
export interface FieldSchema {
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly nullable: boolean;
  readonly values?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly format?: FieldFormat;
}

/** A form: its functions (wire names) and fields. */
export interface FormSchema {
  readonly name: string;
  readonly submit: string;
  readonly validate?: string;
  readonly schema?: string;
  readonly fields: Readonly<Record<string, FieldSchema>>;
}

/** Messages per field name; a field without errors is absent. */
export type FieldErrors = Record<string, string[]>;

const FORMATS: Record<FieldFormat, RegExp> = {
  email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
  url: /^[a-z][a-z0-9+.-]*:\/\/\S+$/i,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  slug: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
  ipv6: /^[0-9a-f:]+$/i,
};

function kindError(
  kind: FieldKind,
  value: unknown,
  field: FieldSchema,
): string | null {
  switch (kind) {
    case "integer":
      return Number.isInteger(value) ? null : "Must be a whole number.";
    case "number":
      return typeof value === "number" && Number.isFinite(value)
        ? null
        : "Must be a number.";
    case "boolean":
      return typeof value === "boolean" ? null : "Must be true or false.";
    case "enum":
      return typeof value === "string" && (field.values ?? []).includes(value)
        ? null
        : `Must be one of: ${(field.values ?? []).join(", ")}.`;
    case "list":
      return Array.isArray(value) ? null : "Must be a list.";
    case "map":
    case "object":
      return typeof value === "object" && !Array.isArray(value)
        ? null
        : "Must be an object.";
    case "json":
    case "upload":
      return null;
    default:
      return typeof value === "string" ? null : "Must be text.";
  }
}

function constraintErrors(value: unknown, field: FieldSchema): string[] {
  const errors: string[] = [];
  const length =
    typeof value === "string" || Array.isArray(value)
      ? value.length
      : undefined;
  if (
    length !== undefined &&
    field.minLength !== undefined &&
    length < field.minLength
  ) {
    errors.push(`Must be at least ${field.minLength} characters.`);
  }
  if (
    length !== undefined &&
    field.maxLength !== undefined &&
    length > field.maxLength
  ) {
    errors.push(`Must be at most ${field.maxLength} characters.`);
  }
  if (
    typeof value === "number" &&
    field.min !== undefined &&
    value < field.min
  ) {
    errors.push(`Must be at least ${field.min}.`);
  }
  if (
    typeof value === "number" &&
    field.max !== undefined &&
    value > field.max
  ) {
    errors.push(`Must be at most ${field.max}.`);
  }
  if (
    typeof value === "string" &&
    field.pattern !== undefined &&
    !new RegExp(field.pattern, "u").test(value)
  ) {
    errors.push("Has the wrong format.");
  }
  if (
    typeof value === "string" &&
    field.format !== undefined &&
    !FORMATS[field.format].test(value)
  ) {
    errors.push(`Must be a valid ${field.format}.`);
  }
  return errors;
}

/** Checks values against a form's field schemas: every field's errors, or `{}`. */
export function validateFields(
  schema: FormSchema,
  values: Readonly<Record<string, unknown>>,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, field] of Object.entries(schema.fields)) {
    const value = values[name];
    let messages: string[];
    if (value === undefined || value === "") {
      messages = field.required ? ["This field is required."] : [];
    } else if (value === null) {
      messages =
        field.nullable || !field.required ? [] : ["This field is required."];
    } else {
      const kind = kindError(field.kind, value, field);
      messages = kind !== null ? [kind] : constraintErrors(value, field);
    }
    if (messages.length > 0) errors[name] = messages;
  }
  return errors;
}

/** One edge of the invalidation graph: what a successful call refetches. */
export interface AffectEdge {
  readonly context: string;
  /** Only this slot of the context, for `affects <fn> kind=function`. */
  readonly function?: string;
  /** The call's params that select the affected entry; always `[]` for a `function` edge (sent unscoped). */
  readonly scopedParams: readonly string[];
}

/** A context slot a call's result is written into. */
export interface MergeEdge {
  readonly context: string;
  readonly slot: string;
}

/** Every call with `affects` or `merge`, by wire name. */
export type InvalidationGraph = Readonly<
  Record<
    string,
    {
      readonly affects: readonly AffectEdge[];
      readonly merges: readonly MergeEdge[];
    }
  >
>;
