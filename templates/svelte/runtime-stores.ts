{{ kernel_imports }}
import { get, readable, writable, type Readable } from "svelte/store";

{% include "vue/shared.ts" %}
/** One context function's slot of a context entry. */
export interface MizanQueryState<T> {
  readonly data: T | undefined;
  readonly error: MizanError | null;
  /** `pending` until the entry's first fetch settles (TanStack Query v5's names). */
  readonly status: "pending" | "success" | "error";
  /** No data yet: the first fetch has not settled. */
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  /** A fetch (first or re-) is running. */
  readonly isFetching: boolean;
}

/** A store of one context function's slot; subscribed while it has subscribers. */
export interface MizanQueryStore<T> extends Readable<MizanQueryState<T>> {
  /** Refetches this entry of the context. */
  refetch(): Promise<void>;
}

/** The store of a context entry's slot, for fixed params (make a new one when they change). */
export function __mizanQuery<B extends object, K extends keyof B>(
  client: MizanClient,
  context: string,
  slot: K,
  params: object = {},
): MizanQueryStore<Slot<B, K>> {
  const state = (): MizanQueryState<Slot<B, K>> => {
    const snapshot = client.snapshot<B>(context, params);
    const status = queryStatus(snapshot);
    return {
      data: slotOf(snapshot.data, slot),
      error: snapshot.error,
      status,
      isPending: status === "pending",
      isSuccess: status === "success",
      isError: status === "error",
      isFetching: snapshot.isFetching,
    };
  };
  const { subscribe } = readable(state(), (set) => {
    const unsubscribe = client.subscribe(context, params, () => set(state()));
    set(state());
    return unsubscribe;
  });
  return { subscribe, refetch: () => client.refetch(context, params) };
}

/** A call's state, as TanStack Query v5's `useMutation` names it. */
export interface MizanMutationState<R> {
  /** The newest call's; `pending` while any call is in flight. */
  readonly status: "idle" | "pending" | "success" | "error";
  readonly isIdle: boolean;
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  /** The newest call's failure. */
  readonly error: MizanError | null;
  /** The newest call's result (`undefined` until it succeeded). */
  readonly data: R | undefined;
}

/** A call, with its state as a store. */
export interface MizanMutationStore<A, R> extends Readable<
  MizanMutationState<R>
> {
  /** Calls; a failure lands in `error` (nothing thrown). */
  mutate(args: A): void;
  /** Calls; resolves with the result or rejects with a `MizanError`. */
  mutateAsync(args: A): Promise<R>;
  /** Back to `idle`, forgetting `data` and `error` (and the calls in flight). */
  reset(): void;
}

function mutationState<R>(call: CallState<R>): MizanMutationState<R> {
  return {
    ...call,
    isIdle: call.status === "idle",
    isPending: call.status === "pending",
    isSuccess: call.status === "success",
    isError: call.status === "error",
  };
}

/**
 * Wraps a stage1 call; the kernel applies what it invalidates or merges.
 * Concurrent calls: the newest one's result or error shows, and the state
 * is `pending` while any is in flight.
 */
export function __mizanMutation<A = void, R = unknown>(
  client: MizanClient,
  call: (client: MizanClient, args: A) => Promise<R>,
): MizanMutationStore<A, R> {
  const state = writable(mutationState<R>(IDLE_CALL));
  const calls = new Calls<R>((next) => state.set(mutationState(next)));
  const mutateAsync = (args: A): Promise<R> =>
    calls.run(() => call(client, args));
  return {
    subscribe: state.subscribe,
    mutate: (args: A) => void mutateAsync(args).catch(() => undefined),
    mutateAsync,
    reset: () => calls.reset(),
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
  params: P,
): MizanChannelStore<Out, In>;
export function __mizanChannel<Out, In>(
  client: MizanClient,
  open: (...args: never[]) => ChannelHandle<In>,
  options: MizanChannelOptions = {},
  params?: object,
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
    update(() => initial);
    link.attach(
      params === undefined
        ? connect(client, ...listeners)
        : connect(client, params, ...listeners),
    );
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
