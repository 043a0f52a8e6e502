{#- Helpers every binding runtime shares; included, never rendered alone. -#}
/** Field errors of a form, by field. */
export type MizanFormErrors<V> = {
  readonly [K in keyof V]?: readonly string[];
};

/** A query's status, as TanStack Query v5 names it: `pending` until the entry's first fetch settles. */
type QueryStatus = "pending" | "success" | "error";

function queryStatus(snapshot: ContextSnapshot<unknown>): QueryStatus {
  return snapshot.status === "idle" ? "pending" : snapshot.status;
}

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

{% include "bindings/calls.ts" %}

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

/** Options of a channel composable or store (the same in React, Vue and Svelte). */
export interface MizanChannelOptions {
  /** How many messages `messages` keeps, newest last; older ones are dropped. Default 100 (`Infinity`: all). */
  readonly buffer?: number;
}

/** `all` without the messages beyond the newest `buffer`. */
function keepLast<T>(all: readonly T[], buffer: number): readonly T[] {
  return all.length > buffer
    ? all.slice(all.length - Math.max(0, buffer))
    : all;
}

/**
 * A binding's end of a kernel subscription: `send` queues until the
 * subscription starts (the kernel then queues until the server confirms it),
 * and throws the kernel's "the channel is closed" `MizanError` once it ended.
 */
class ChannelLink<In> {
  private handle: ChannelHandle<In> | null = null;
  private ended = false;
  private readonly early: In[] = [];

  attach(handle: ChannelHandle<In>): void {
    this.handle = handle;
    this.ended = false;
    for (const message of this.early.splice(0)) handle.send(message);
  }

  detach(): void {
    this.handle?.close();
    this.handle = null;
    this.ended = true;
  }

  send(message: In): void {
    if (this.handle !== null) this.handle.send(message);
    else if (this.ended)
      throw new MizanError("NETWORK_ERROR", "the channel is closed");
    else this.early.push(message);
  }
}
