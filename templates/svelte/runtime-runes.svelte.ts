{{ kernel_imports }}
import { untrack } from "svelte";
import { createSubscriber } from "svelte/reactivity";

{% include "vue/shared.ts" %}
export { keepPreviousData };

/** A read's options: TanStack Query's (`enabled`, `staleTime`, `select`, `placeholderData`...); `S` is what `select` returns. Reads take a getter of them. */
export type MizanQueryOptions<T, S = T> = QueryOptions<T, S>;

/** A mutation's options: TanStack Query's callbacks (`onMutate`'s result is `C`, the rollback context). */
export type MizanMutationOptions<A, R, C = unknown> = Omit<
  MutationOptions<R, A, C>,
  "mutationFn"
>;

/** A read, reactive: the kernel's query result (TanStack Query's fields). */
export interface MizanQuery<S> extends QueryResult<S> {
  /** Fetches now (even when disabled); resolves once it settled. */
  refetch(): Promise<void>;
  /**
   * The data once the read settled (enabled, not fetching, real data), or
   * its error: for an `#await` block (`query.promise`). The same promise
   * until the params or options change.
   */
  readonly promise: Promise<S>;
}

/**
 * A read over one kernel observer, made while a component initializes: the
 * observer is watched while something reads the result in an effect or the
 * template (unsubscribed when the component is destroyed), and follows
 * `read` (a getter of params and options) in an effect.
 */
class Query<B, S> implements MizanQuery<S> {
  readonly #observer: QueryObserver<B, S>;
  readonly #track: () => void;
  #promise: Promise<S> | undefined;

  constructor(
    make: (params: object, options: QueryOptions<B, S>) => QueryObserver<B, S>,
    read: () => readonly [object, QueryOptions<B, S>],
  ) {
    const [params, options] = untrack(read);
    const observer = make(params, options);
    this.#observer = observer;
    this.#track = createSubscriber((update) => observer.subscribe(update));
    let first = true;
    $effect.pre(() => {
      const [next, nextOptions] = read();
      if (first) {
        first = false;
        return;
      }
      untrack(() => {
        this.#promise = undefined;
        observer.setOptions(next, nextOptions);
      });
    });
  }

  get #result(): QueryResult<S> {
    this.#track();
    return this.#observer.getSnapshot();
  }

  get data(): S | undefined {
    return this.#result.data;
  }
  get error(): MizanError | null {
    return this.#result.error;
  }
  get status(): QueryResult<S>["status"] {
    return this.#result.status;
  }
  get fetchStatus(): QueryResult<S>["fetchStatus"] {
    return this.#result.fetchStatus;
  }
  get isPending(): boolean {
    return this.#result.isPending;
  }
  get isSuccess(): boolean {
    return this.#result.isSuccess;
  }
  get isError(): boolean {
    return this.#result.isError;
  }
  get isFetching(): boolean {
    return this.#result.isFetching;
  }
  get isLoading(): boolean {
    return this.#result.isLoading;
  }
  get isRefetching(): boolean {
    return this.#result.isRefetching;
  }
  get isPlaceholderData(): boolean {
    return this.#result.isPlaceholderData;
  }
  get isEnabled(): boolean {
    return this.#result.isEnabled;
  }
  get dataUpdatedAt(): number {
    return this.#result.dataUpdatedAt;
  }

  get promise(): Promise<S> {
    this.#track();
    this.#promise ??= whenSettled(this.#observer).then((result) =>
      result.isError ? Promise.reject(result.error) : (result.data as S),
    );
    return this.#promise;
  }

  refetch = (): Promise<void> => this.#observer.refetch();
}

/**
 * A context function's slot of a context entry, read reactively; follows
 * `params` and `options` (getters). Call it while a component initializes.
 */
export function __mizanQuery<
  B extends object,
  K extends keyof B,
  S = Slot<B, K>,
>(
  client: MizanClient,
  context: string,
  slot: K,
  options?: () => MizanQueryOptions<Slot<B, K>, S>,
  params: () => object = () => ({}),
): MizanQuery<S> {
  const slotOptions = new SlotOptions<B, K, S>(slot);
  return new Query<B, S>(
    (current, kernel) => client.observe<B, S>(context, current, kernel),
    () => [params(), slotOptions.map(options?.())],
  );
}

/** A call function's result, cached by args, read reactively; follows `args` and `options` (getters). */
export function __mizanCallQuery<A extends object, R, S = R>(
  client: MizanClient,
  fn: string,
  run: (client: MizanClient, args: A, options: CallOptions) => Promise<R>,
  options: (() => MizanQueryOptions<R, S>) | undefined,
  args: () => A,
): MizanQuery<S>;
export function __mizanCallQuery<R, S = R>(
  client: MizanClient,
  fn: string,
  run: (client: MizanClient, options: CallOptions) => Promise<R>,
  options: (() => MizanQueryOptions<R, S>) | undefined,
): MizanQuery<S>;
export function __mizanCallQuery<R, S>(
  client: MizanClient,
  fn: string,
  run: (client: MizanClient, ...rest: never[]) => Promise<R>,
  options?: () => MizanQueryOptions<R, S>,
  args?: () => object,
): MizanQuery<S> {
  const call = callRunner<R>(run, args === undefined);
  return new Query<R, S>(
    (current, kernel) => client.observeCall(fn, call, current, kernel),
    () => [args?.() ?? {}, options?.() ?? {}],
  );
}

/** A call, with its reactive state (TanStack Query v5's `useMutation` names). */
export interface MizanMutation<A, R, C = unknown> extends MutationSnapshot<
  R,
  A,
  C
> {
  /** Calls; a failure lands in `error` (nothing thrown). The callbacks run if it is still the latest call when it settles. */
  mutate(args: A, callbacks?: MutateCallbacks<R, A, C>): void;
  /** Calls; resolves with the result or rejects with a `MizanError`. */
  mutateAsync(args: A, callbacks?: MutateCallbacks<R, A, C>): Promise<R>;
  /** Back to `idle`, forgetting `data` and `error` (and the calls in flight). */
  reset(): void;
}

class Mutation<A, R, C> implements MizanMutation<A, R, C> {
  readonly #observer: MutationObserver<R, A, C>;
  #state: MutationSnapshot<R, A, C>;

  constructor(observer: MutationObserver<R, A, C>) {
    this.#observer = observer;
    this.#state = $state.raw(observer.getSnapshot());
    observer.subscribe(() => (this.#state = observer.getSnapshot()));
  }

  get status(): MutationSnapshot<R, A, C>["status"] {
    return this.#state.status;
  }
  get isIdle(): boolean {
    return this.#state.isIdle;
  }
  get isPending(): boolean {
    return this.#state.isPending;
  }
  get isSuccess(): boolean {
    return this.#state.isSuccess;
  }
  get isError(): boolean {
    return this.#state.isError;
  }
  get error(): MizanError | null {
    return this.#state.error;
  }
  get data(): R | undefined {
    return this.#state.data;
  }
  get variables(): A | undefined {
    return this.#state.variables;
  }
  get context(): C | undefined {
    return this.#state.context;
  }

  mutate = (args: A, callbacks?: MutateCallbacks<R, A, C>): void =>
    this.#observer.mutate(args, callbacks);

  mutateAsync = (args: A, callbacks?: MutateCallbacks<R, A, C>): Promise<R> =>
    this.#observer.mutateAsync(args, callbacks);

  reset = (): void => this.#observer.reset();
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
): MizanMutation<A, R, C> {
  return new Mutation(
    client.mutation<R, A, C>({
      ...options,
      mutationFn: (args: A) => call(client, args),
    }),
  );
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
