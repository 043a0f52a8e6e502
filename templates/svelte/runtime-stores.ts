{{ kernel_imports }}
import { get, readable, writable, type Readable } from "svelte/store";

{% include "vue/shared.ts" %}
export { keepPreviousData };

/** Params as a value or a store of them (followed while the store is subscribed), like TanStack Svelte Query v4's options. */
export type MizanParams<P> = P | Readable<P>;

/**
 * A read's options: TanStack Query's (`enabled`, `staleTime`, `select`,
 * `placeholderData`...), a value or a store of them; `S` is what `select`
 * returns.
 */
export type MizanQueryOptions<T, S = T> =
  QueryOptions<T, S> | Readable<QueryOptions<T, S>>;

/** A mutation's options: TanStack Query's callbacks (`onMutate`'s result is `C`, the rollback context). */
export type MizanMutationOptions<A, R, C = unknown> = Omit<
  MutationOptions<R, A, C>,
  "mutationFn"
>;

/** What a read store holds: the kernel's query result (TanStack Query's fields). */
export type MizanQueryState<S> = QueryResult<S>;

/**
 * A read as a store: one kernel observer, watched while the store has
 * subscribers (unsubscribed when the last one leaves).
 */
export interface MizanQueryStore<S> extends Readable<MizanQueryState<S>> {
  /** Fetches now (even when disabled); resolves once it settled. */
  refetch(): Promise<void>;
  /**
   * Resolves once the read settled (enabled, not fetching, real data or an
   * error), watching it meanwhile: for an `#await` block (`store.load()`), or
   * in a `load` function.
   */
  load(): Promise<MizanQueryState<S>>;
}

function isStore<T>(value: T | Readable<T>): value is Readable<T> {
  return typeof (value as Partial<Readable<T>>).subscribe === "function";
}

function valueOf<T>(value: T | Readable<T>): T {
  return isStore(value) ? get(value) : value;
}

/**
 * The store over one observer, subscribed while the store is; params and
 * options given as stores are followed meanwhile (`setOptions`).
 */
function observed<B, O, S>(
  make: (params: object, options: QueryOptions<B, S>) => QueryObserver<B, S>,
  params: MizanParams<object>,
  options: O | Readable<O> | undefined,
  kernel: (options: O | undefined) => QueryOptions<B, S>,
): MizanQueryStore<S> {
  let current = valueOf(params);
  let tuned = kernel(options === undefined ? undefined : valueOf(options));
  const observer = make(current, tuned);
  const follow = (): void => observer.setOptions(current, tuned);
  const { subscribe } = readable(observer.getSnapshot(), (set) => {
    const stops = [observer.subscribe(() => set(observer.getSnapshot()))];
    if (isStore(params))
      stops.push(params.subscribe((next) => ((current = next), follow())));
    if (options !== undefined && isStore(options))
      stops.push(
        options.subscribe((next) => ((tuned = kernel(next)), follow())),
      );
    set(observer.getSnapshot());
    return () => stops.forEach((stop) => stop());
  });
  return {
    subscribe,
    refetch: observer.refetch,
    load: () => whenSettled(observer),
  };
}

/** The store of one context function's slot of a context entry; follows params and options given as stores. */
export function __mizanQuery<
  B extends object,
  K extends keyof B,
  S = Slot<B, K>,
>(
  client: MizanClient,
  context: string,
  slot: K,
  options?: MizanQueryOptions<Slot<B, K>, S>,
  params: MizanParams<object> = {},
): MizanQueryStore<S> {
  const slotOptions = new SlotOptions<B, K, S>(slot);
  return observed<B, QueryOptions<Slot<B, K>, S>, S>(
    (current, kernel) => client.observe<B, S>(context, current, kernel),
    params,
    options,
    (next) => slotOptions.map(next),
  );
}

/** The store of a call function's result, cached by args; follows args and options given as stores. */
export function __mizanCallQuery<A extends object, R, S = R>(
  client: MizanClient,
  fn: string,
  run: (client: MizanClient, args: A, options: CallOptions) => Promise<R>,
  options: MizanQueryOptions<R, S> | undefined,
  args: MizanParams<A>,
): MizanQueryStore<S>;
export function __mizanCallQuery<R, S = R>(
  client: MizanClient,
  fn: string,
  run: (client: MizanClient, options: CallOptions) => Promise<R>,
  options: MizanQueryOptions<R, S> | undefined,
): MizanQueryStore<S>;
export function __mizanCallQuery<R, S>(
  client: MizanClient,
  fn: string,
  run: (client: MizanClient, ...rest: never[]) => Promise<R>,
  options?: MizanQueryOptions<R, S>,
  args?: MizanParams<object>,
): MizanQueryStore<S> {
  const call = callRunner<R>(run, args === undefined);
  return observed<R, QueryOptions<R, S>, S>(
    (current, kernel) => client.observeCall(fn, call, current, kernel),
    args ?? {},
    options,
    (next) => next ?? {},
  );
}

/** What a mutation store holds: the latest call's state (TanStack Query v5's `useMutation` names). */
export type MizanMutationState<A, R, C = unknown> = MutationSnapshot<R, A, C>;

/** A call, with its state as a store. */
export interface MizanMutationStore<A, R, C = unknown> extends Readable<
  MizanMutationState<A, R, C>
> {
  /** Calls; a failure lands in `error` (nothing thrown). The callbacks run if it is still the latest call when it settles. */
  mutate(args: A, callbacks?: MutateCallbacks<R, A, C>): void;
  /** Calls; resolves with the result or rejects with a `MizanError`. */
  mutateAsync(args: A, callbacks?: MutateCallbacks<R, A, C>): Promise<R>;
  /** Back to `idle`, forgetting `data` and `error` (and the calls in flight). */
  reset(): void;
}

/**
 * Wraps a stage1 call in the kernel's mutation observer (which applies what
 * it invalidates or merges). Concurrent calls: the latest one's result or
 * error shows, and the state is `pending` while any is in flight.
 */
export function __mizanMutation<A = void, R = unknown, C = unknown>(
  client: MizanClient,
  call: (client: MizanClient, args: A) => Promise<R>,
  options: MizanMutationOptions<A, R, C> = {},
): MizanMutationStore<A, R, C> {
  const observer = client.mutation<R, A, C>({
    ...options,
    mutationFn: (args: A) => call(client, args),
  });
  const { subscribe } = readable(observer.getSnapshot(), (set) => {
    const unsubscribe = observer.subscribe(() => set(observer.getSnapshot()));
    set(observer.getSnapshot());
    return unsubscribe;
  });
  return {
    subscribe,
    mutate: observer.mutate,
    mutateAsync: observer.mutateAsync,
    reset: observer.reset,
  };
}

export interface MizanChannelState<Out> {
  readonly status: ChannelStatus;
  /** The newest messages (at most `buffer`) since the subscription opened. */
  readonly messages: readonly Out[];
}

/** A channel as a store: subscribed while the store has subscribers. */
export interface MizanChannelStore<Out, In> extends Readable<
  MizanChannelState<Out>
> {
  /** Sends; queued until the store is subscribed and open, throws a `MizanError` once its last subscriber left. */
  send(message: In): void;
}

type Listeners<Out> = [
  onMessage: (message: Out) => void,
  onStatus: (status: ChannelStatus) => void,
];

/** The store of a channel subscription, for fixed params. */
export function __mizanChannel<Out, In>(
  client: MizanClient,
  open: (
    client: MizanClient,
    ...listeners: Listeners<Out>
  ) => ChannelHandle<In>,
  options: MizanChannelOptions | undefined,
): MizanChannelStore<Out, In>;
export function __mizanChannel<P extends object, Out, In>(
  client: MizanClient,
  open: (
    client: MizanClient,
    params: P,
    ...listeners: Listeners<Out>
  ) => ChannelHandle<In>,
  options: MizanChannelOptions | undefined,
  params: MizanParams<P>,
): MizanChannelStore<Out, In>;
export function __mizanChannel<Out, In>(
  client: MizanClient,
  open: (...args: never[]) => ChannelHandle<In>,
  options: MizanChannelOptions = {},
  params?: MizanParams<object>,
): MizanChannelStore<Out, In> {
  const buffer = options.buffer ?? 100;
  const link = new ChannelLink<In>();
  const connect = open as (...args: unknown[]) => ChannelHandle<In>;
  const initial: MizanChannelState<Out> = {
    status: "connecting",
    messages: [],
  };
  const { subscribe } = readable(initial, (_set, update) => {
    const listeners: Listeners<Out> = [
      (message) =>
        update((s) => ({
          ...s,
          messages: keepLast([...s.messages, message], buffer),
        })),
      (status) => update((s) => ({ ...s, status })),
    ];
    const open = (current: object | undefined): void => {
      update(() => initial);
      link.attach(
        current === undefined
          ? connect(client, ...listeners)
          : connect(client, current, ...listeners),
      );
    };
    // Params given as a store: a new subscription for each value.
    if (params !== undefined && isStore(params)) {
      const stop = params.subscribe((next) => {
        link.detach();
        open(next);
      });
      return () => {
        stop();
        link.detach();
      };
    }
    open(params as object | undefined);
    return () => link.detach();
  });
  return { subscribe, send: (message: In) => link.send(message) };
}

export interface MizanFormState<V, R> {
  readonly values: Partial<V>;
  /** Client-side errors of the fields set so far, then the server's. */
  readonly errors: MizanFormErrors<V>;
  readonly isSubmitting: boolean;
  /** The last failure that is not about one field. */
  readonly error: MizanError | null;
  readonly data: R | undefined;
}

/** A form as a store: values, typed `set`, field errors, `validate`, `submit`. */
export interface MizanFormStore<V, R> extends Readable<MizanFormState<V, R>> {
  set<K extends keyof V>(field: K, value: V[K]): void;
  /** Checks every field here, then with the server's validate function. */
  validate(): Promise<boolean>;
  /** Validates, then submits; `undefined` when a field is invalid or it failed. */
  submit(): Promise<R | undefined>;
  reset(): void;
}

/** Form state over a stage1 form schema and its submit (and validate) call. */
export function __mizanForm<V extends object, R>(
  client: MizanClient,
  schema: FormSchema,
  initial: Partial<V>,
  submitCall: (client: MizanClient, values: V) => Promise<R>,
  validateCall?: (client: MizanClient, values: V) => Promise<unknown>,
): MizanFormStore<V, R> {
  const start = (): MizanFormState<V, R> => ({
    values: { ...initial },
    errors: {},
    isSubmitting: false,
    error: null,
    data: undefined,
  });
  const state = writable(start());
  const touched = new Set<string>();
  const patch = (next: Partial<MizanFormState<V, R>>): void =>
    state.update((s) => ({ ...s, ...next }));
  const check = (): boolean => {
    const errors = clientErrors(schema, get(state).values, null);
    patch({ errors, error: null });
    return Object.keys(errors).length === 0;
  };
  const fail = (thrown: unknown): undefined => {
    const failure = asMizanError(thrown);
    const errors = serverErrors(failure);
    if (Object.keys(errors).length > 0) patch({ errors });
    else patch({ error: failure });
    return undefined;
  };
  return {
    subscribe: state.subscribe,
    set: (field, value) => {
      touched.add(String(field));
      const values = { ...get(state).values, [field]: value };
      patch({ values, errors: clientErrors(schema, values, touched) });
    },
    validate: async () => {
      if (!check()) return false;
      if (validateCall === undefined) return true;
      try {
        const report = await validateCall(client, get(state).values as V);
        patch({ errors: serverErrors(report) });
      } catch (thrown) {
        fail(thrown);
      }
      const { errors, error } = get(state);
      return Object.keys(errors).length === 0 && error === null;
    },
    submit: async () => {
      if (!check()) return undefined;
      patch({ isSubmitting: true });
      try {
        const data = await submitCall(client, get(state).values as V);
        patch({ data });
        return data;
      } catch (thrown) {
        return fail(thrown);
      } finally {
        patch({ isSubmitting: false });
      }
    },
    reset: () => {
      touched.clear();
      state.set(start());
    },
  };
}
