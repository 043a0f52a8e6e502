{#- Helpers every binding runtime shares; included, never rendered alone. -#}
/** Field errors of a form, by field. */
export type MizanFormErrors<V> = {
  readonly [K in keyof V]?: readonly string[];
};

/** A bundle slot's value; `undefined` stands for "not fetched in this entry". */
type Slot<B, K extends keyof B> = Exclude<B[K], undefined>;

function slotOf<B extends object, K extends keyof B>(
  data: B | undefined,
  slot: K,
): Slot<B, K> | undefined {
  return data === undefined ? undefined : (data[slot] as Slot<B, K>);
}

function asMizanError(error: unknown): MizanError {
  return error instanceof MizanError
    ? error
    : new MizanError("NETWORK_ERROR", String(error));
}

/** Field errors: `VALIDATION_ERROR` details, or a `{ errors }` report. */
function serverErrors(found: unknown): Record<string, string[]> {
  if (found instanceof MizanError) return found.fieldErrors();
  const errors =
    typeof found === "object" && found !== null && "errors" in found
      ? found.errors
      : undefined;
  if (typeof errors !== "object" || errors === null) return {};
  return Object.fromEntries(
    Object.entries(errors).filter(
      (entry): entry is [string, string[]] =>
        Array.isArray(entry[1]) && entry[1].length > 0,
    ),
  );
}

function clientErrors(
  schema: FormSchema,
  values: object,
  fields: ReadonlySet<string> | null,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const found = validateFields(
    schema,
    values as Readonly<Record<string, unknown>>,
  );
  for (const [field, messages] of Object.entries(found))
    if (messages.length > 0 && (fields === null || fields.has(field)))
      out[field] = [...messages];
  return out;
}
