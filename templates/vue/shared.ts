{#- Helpers every binding runtime shares; included, never rendered alone. -#}
/** Field errors of a form, by field. */
export type MizanFormErrors<V> = {
  readonly [K in keyof V]?: readonly string[];
};

/** A bundle slot's value; `undefined` stands for "not fetched in this entry". */
type Slot<B, K extends keyof B> = Exclude<B[K], undefined>;

/**
 * The kernel options of one context function's read: `select` and
 * `placeholderData` see the function's slot of the bundle, not the bundle.
 * Each function the caller passes is wrapped once, so the kernel's memos
 * (by function identity) hold across calls.
 */
class SlotOptions<B extends object, K extends keyof B, S> {
  private select:
    { readonly user: unknown; readonly kernel: (bundle: B) => S } | undefined;
  private placeholder:
    { readonly user: unknown; readonly kernel: unknown } | undefined;

  constructor(private readonly slot: K) {}

  map(options: QueryOptions<Slot<B, K>, S> = {}): QueryOptions<B, S> {
    const slot = this.slot;
    const user = options.select;
    if (this.select === undefined || this.select.user !== user) {
      const kernel = (bundle: B): S => {
        const value = bundle[slot] as Slot<B, K> | undefined;
        if (value === undefined || user === undefined) return value as S;
        return user(value);
      };
      this.select = { user, kernel };
    }
    const placeholder = options.placeholderData;
    if (
      this.placeholder === undefined ||
      this.placeholder.user !== placeholder
    ) {
      const wrap = (value: Slot<B, K> | undefined): B | undefined =>
        value === undefined ? undefined : ({ [slot]: value } as B);
      const kernel =
        typeof placeholder === "function"
          ? (previous: B | undefined) =>
              wrap(
                (
                  placeholder as (
                    previous: Slot<B, K> | undefined,
                  ) => Slot<B, K> | undefined
                )(previous?.[slot] as Slot<B, K> | undefined),
              )
          : wrap(placeholder);
      this.placeholder = { user: placeholder, kernel };
    }
    return {
      ...options,
      select: this.select?.kernel,
      placeholderData: this.placeholder?.kernel as QueryOptions<
        B,
        S
      >["placeholderData"],
    };
  }
}

/** Whether a result is what an awaited read waits for: enabled, settled, real data or an error. */
function settled(result: QueryResult<unknown>): boolean {
  return (
    result.isEnabled &&
    result.status !== "pending" &&
    !result.isPlaceholderData &&
    !result.isFetching
  );
}

/**
 * Resolves with the observer's result once it settled (see `settled`);
 * watches the observer meanwhile (so it fetches).
 */
function whenSettled<S>(
  observer: Pick<QueryObserver<unknown, S>, "subscribe" | "getSnapshot">,
): Promise<QueryResult<S>> {
  return new Promise((resolve) => {
    let done = false;
    // Replaced by the unsubscribe once `subscribe` returned (it may notify before).
    let off = (): void => undefined;
    const check = (): void => {
      const result = observer.getSnapshot();
      if (done || !settled(result)) return;
      done = true;
      off();
      resolve(result);
    };
    off = observer.subscribe(check);
    if (done) off();
    else check();
  });
}

/** Runs a stage1 call for `client.observeCall`: with args, or without (`callPing(client, options)`). */
function callRunner<R>(
  run: (client: MizanClient, ...rest: never[]) => Promise<R>,
  withoutArgs: boolean,
): (client: MizanClient, args: object, options: CallOptions) => Promise<R> {
  const call = run as (client: MizanClient, ...rest: unknown[]) => Promise<R>;
  return withoutArgs
    ? (client, _args, options) => call(client, options)
    : (client, args, options) => call(client, args, options);
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
