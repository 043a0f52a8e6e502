{{ kernel_imports }}
import { untrack } from "svelte";
import { createSubscriber } from "svelte/reactivity";

{% include "vue/shared.ts" %}
/** One context function's slot of a context entry, read reactively. */
export interface MizanQuery<T> {
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
  /** Refetches this entry of the context. */
  refetch(): Promise<void>;
}

/** Params that select the same context entry have the same key. */
function paramsKey(params: object): string {
  const defined = Object.entries(params).filter(
    ([, value]) => value !== undefined && value !== null,
  );
  return JSON.stringify(defined.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A context entry's slot. The entry is subscribed while something reads it
 * in an effect or template, and follows `params` (a getter) when they change.
 */
export function __mizanQuery<B extends object, K extends keyof B>(
  client: MizanClient,
  context: string,
  slot: K,
  params: () => object = () => ({}),
): MizanQuery<Slot<B, K>> {
  let key: string | undefined;
  let track = (): void => undefined;
  const snapshot = (): ContextSnapshot<B> => {
    const current = params();
    const next = paramsKey(current);
    if (next !== key) {
      key = next;
      track = createSubscriber((update) =>
        client.subscribe(context, current, update),
      );
    }
    track();
    return client.snapshot<B>(context, current);
  };
  return {
    get data() {
      return slotOf(snapshot().data, slot);
    },
    get error() {
      return snapshot().error;
    },
    get status() {
      return queryStatus(snapshot());
    },
    get isPending() {
      return queryStatus(snapshot()) === "pending";
    },
    get isSuccess() {
      return queryStatus(snapshot()) === "success";
    },
    get isError() {
      return queryStatus(snapshot()) === "error";
    },
    get isFetching() {
      return snapshot().isFetching;
    },
    refetch: () => client.refetch(context, params()),
  };
}

/** A call, with its reactive state (TanStack Query v5's `useMutation` names). */
export interface MizanMutation<A, R> {
  /** Calls; a failure lands in `error` (nothing thrown). */
  mutate(args: A): void;
  /** Calls; resolves with the result or rejects with a `MizanError`. */
  mutateAsync(args: A): Promise<R>;
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
  /** Back to `idle`, forgetting `data` and `error` (and the calls in flight). */
  reset(): void;
}

class Mutation<A, R> implements MizanMutation<A, R> {
  #state = $state.raw<CallState<R>>(IDLE_CALL);
  readonly #calls = new Calls<R>((next) => (this.#state = next));
  readonly #call: (args: A) => Promise<R>;

  constructor(call: (args: A) => Promise<R>) {
    this.#call = call;
  }

  get status(): CallState<R>["status"] {
    return this.#state.status;
  }
  get isIdle(): boolean {
    return this.#state.status === "idle";
  }
  get isPending(): boolean {
    return this.#state.status === "pending";
  }
  get isSuccess(): boolean {
    return this.#state.status === "success";
  }
  get isError(): boolean {
    return this.#state.status === "error";
  }
  get error(): MizanError | null {
    return this.#state.error;
  }
  get data(): R | undefined {
    return this.#state.data;
  }

  mutateAsync = (args: A): Promise<R> =>
    this.#calls.run(() => this.#call(args));

  mutate = (args: A): void =>
    void this.mutateAsync(args).catch(() => undefined);

  reset = (): void => this.#calls.reset();
}

/**
 * Wraps a stage1 call; the kernel applies what it invalidates or merges.
 * Concurrent calls: the newest one's result or error shows, and the state
 * is `pending` while any is in flight.
 */
export function __mizanMutation<A = void, R = unknown>(
  client: MizanClient,
  call: (client: MizanClient, args: A) => Promise<R>,
): MizanMutation<A, R> {
  return new Mutation((args: A) => call(client, args));
}

/** A channel subscription, open while the component that created it lives. */
export interface MizanChannel<Out, In> {
  readonly status: ChannelStatus;
  /** The newest messages (at most `buffer`) since the subscription (re)opened. */
  readonly messages: readonly Out[];
  /** Sends; queued until the subscription opens, throws a `MizanError` once the component is gone. */
  send(message: In): void;
}

type Listeners<Out> = [
  onMessage: (message: Out) => void,
  onStatus: (status: ChannelStatus) => void,
];

/** Subscribes in an effect (call it while a component initializes); follows `params`. */
export function __mizanChannel<Out, In>(
  client: MizanClient,
  open: (
    client: MizanClient,
    ...listeners: Listeners<Out>
  ) => ChannelHandle<In>,
  options: MizanChannelOptions | undefined,
): MizanChannel<Out, In>;
export function __mizanChannel<P extends object, Out, In>(
  client: MizanClient,
  open: (
    client: MizanClient,
    params: P,
    ...listeners: Listeners<Out>
  ) => ChannelHandle<In>,
  options: MizanChannelOptions | undefined,
  params: () => P,
): MizanChannel<Out, In>;
export function __mizanChannel<Out, In>(
  client: MizanClient,
  open: (...args: never[]) => ChannelHandle<In>,
  options: MizanChannelOptions = {},
  params?: () => object,
): MizanChannel<Out, In> {
  const buffer = options.buffer ?? 100;
  let status = $state<ChannelStatus>("connecting");
  let messages = $state.raw<readonly Out[]>([]);
  const link = new ChannelLink<In>();
  const connect = open as (...args: unknown[]) => ChannelHandle<In>;
  const listeners: Listeners<Out> = [
    (message) => (messages = keepLast([...messages, message], buffer)),
    (next) => (status = next),
  ];
  $effect(() => {
    const current = params?.();
    untrack(() => {
      messages = [];
      link.attach(
        current === undefined
          ? connect(client, ...listeners)
          : connect(client, current, ...listeners),
      );
    });
    return () => link.detach();
  });
  return {
    get status() {
      return status;
    },
    get messages() {
      return messages;
    },
    send: (message: In) => link.send(message),
  };
}

/** A form: values, typed `set`, field errors, `validate` and `submit`, all reactive. */
export interface MizanForm<V, R> {
  readonly values: Partial<V>;
  /** Client-side errors of the fields set so far, then the server's. */
  readonly errors: MizanFormErrors<V>;
  set<K extends keyof V>(field: K, value: V[K]): void;
  /** Checks every field here, then with the server's validate function. */
  validate(): Promise<boolean>;
  /** Validates, then submits; `undefined` when a field is invalid or it failed. */
  submit(): Promise<R | undefined>;
  readonly isSubmitting: boolean;
  /** The last failure that is not about one field. */
  readonly error: MizanError | null;
  readonly data: R | undefined;
  reset(): void;
}

class Form<V extends object, R> implements MizanForm<V, R> {
  values = $state.raw<Partial<V>>({});
  errors = $state.raw<MizanFormErrors<V>>({});
  isSubmitting = $state(false);
  error = $state.raw<MizanError | null>(null);
  data = $state.raw<R | undefined>(undefined);
  readonly #touched = new Set<string>();

  constructor(
    readonly schema: FormSchema,
    readonly initial: Partial<V>,
    readonly submitCall: (values: V) => Promise<R>,
    readonly validateCall?: (values: V) => Promise<unknown>,
  ) {
    this.values = { ...initial };
  }

  set = <K extends keyof V>(field: K, value: V[K]): void => {
    this.values = { ...this.values, [field]: value };
    this.#touched.add(String(field));
    this.errors = clientErrors(this.schema, this.values, this.#touched);
  };

  #check(): boolean {
    this.error = null;
    this.errors = clientErrors(this.schema, this.values, null);
    return Object.keys(this.errors).length === 0;
  }

  #fail(thrown: unknown): undefined {
    const failure = asMizanError(thrown);
    const errors = serverErrors(failure);
    if (Object.keys(errors).length > 0) this.errors = errors;
    else this.error = failure;
    return undefined;
  }

  validate = async (): Promise<boolean> => {
    if (!this.#check()) return false;
    if (this.validateCall === undefined) return true;
    try {
      this.errors = serverErrors(await this.validateCall(this.values as V));
    } catch (thrown) {
      this.#fail(thrown);
    }
    return Object.keys(this.errors).length === 0 && this.error === null;
  };

  submit = async (): Promise<R | undefined> => {
    if (!this.#check()) return undefined;
    this.isSubmitting = true;
    try {
      this.data = await this.submitCall(this.values as V);
      return this.data;
    } catch (thrown) {
      return this.#fail(thrown);
    } finally {
      this.isSubmitting = false;
    }
  };

  reset = (): void => {
    this.values = { ...this.initial };
    this.errors = {};
    this.error = null;
    this.data = undefined;
    this.#touched.clear();
  };
}

/** Form state over a stage1 form schema and its submit (and validate) call. */
export function __mizanForm<V extends object, R>(
  client: MizanClient,
  schema: FormSchema,
  initial: Partial<V>,
  submitCall: (client: MizanClient, values: V) => Promise<R>,
  validateCall?: (client: MizanClient, values: V) => Promise<unknown>,
): MizanForm<V, R> {
  return new Form(
    schema,
    initial,
    (values: V) => submitCall(client, values),
    validateCall === undefined
      ? undefined
      : (values: V) => validateCall(client, values),
  );
}
