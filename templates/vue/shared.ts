{#- Helpers every binding runtime shares; included, never rendered alone. -#}
/** Field errors of a form, by field. */
export type MizanFormErrors<V> = {
  readonly [K in keyof V]?: readonly string[];
};

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
  for (const [field, messages] of Object.entries(
    validateFields(schema, values),
  ))
    if (messages !== undefined && messages.length > 0)
      if (fields === null || fields.has(field)) out[field] = [...messages];
  return out;
}
