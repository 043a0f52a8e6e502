{{ kernel_imports }}
import {
  computed,
  inject,
  onScopeDispose,
  shallowRef,
  toValue,
  watch,
  type App,
  type InjectionKey,
  type MaybeRefOrGetter,
  type Ref,
  type ShallowRef,
} from "vue";

export { keepPreviousData };

/** Reactive params: a plain object, a ref, or a getter (read with `toValue`). */
export type MizanParams<P> = MaybeRefOrGetter<P>;

/** Client options, as `createClient` takes them (`baseUrl` defaults to the IR's `base-url`). */
export type MizanOptions = MizanClientOptions;

/** What the plugin provides: the client, and its session start. */
interface MizanRoot {
  readonly client: MizanClient;
  /** Settles once `initSession()` did (calls wait for it: CSRF). */
  readonly session: Promise<void>;
}

const mizanKey: InjectionKey<MizanRoot> = Symbol("mizan");

function isClient(
  value: MizanClientOptions | MizanClient,
): value is MizanClient {
  return typeof (value as Partial<MizanClient>).subscribe === "function";
}

/** How the plugin starts its client. */
export interface MizanPluginOptions {
  /** Start the session (`initSession`, CSRF) when installed in the browser; default `true`. */
  readonly session?: boolean;
  /**
   * Defaults of every read's options, merged over the client's own
   * (`createClient({ defaultQueryOptions })`) field by field: a read's own
   * options win over these, these over the client's.
   */
  readonly defaultQueryOptions?: DefaultQueryOptions;
}

/**
 * The plugin: `app.use(createMizan())`, `app.use(createMizan({ baseUrl }))`
 * (a new client from these options) or `app.use(createMizan(client))` (on
 * the server: the request's client). Provides the client to every
 * composable of the app and, installed in a browser, starts the session
 * once, as React's `MizanProvider` does: calls, forms and refetches wait
 * for it. On the server (no `window`) no session is started.
 */
export function createMizan(
  options?: MizanClientOptions | MizanClient,
  plugin: MizanPluginOptions = {},
): {
  readonly client: MizanClient;
  install(app: App): void;
} {
  const client =
    options !== undefined && isClient(options)
      ? options
      : createClient(options);
  if (plugin.defaultQueryOptions !== undefined)
    client.configure({ defaultQueryOptions: plugin.defaultQueryOptions });
  let start = (): void => undefined;
  const session = new Promise<void>((resolve) => {
    start = () => {
      start = () => undefined;
      if (plugin.session === false || typeof window === "undefined")
        return resolve();
      // A failed session start leaves calls to report their own errors.
      client.initSession().then(resolve, () => resolve());
    };
  });
  const root: MizanRoot = { client, session };
  return {
    client,
    install(app: App): void {
      app.provide(mizanKey, root);
      start();
    },
  };
}

/** The plugin's root; throws a clear error when the plugin is missing. */
function useRoot(): MizanRoot {
  const root = inject(mizanKey, null);
  if (root === null)
    throw new Error(
      "Mizan composables need the plugin: call app.use(createMizan()) before mounting, and use composables inside setup().",
    );
  return root;
}

/** The app's client (typed cache access: `useMizanClient().cache.set(userContext, params, updater)`); throws a clear error when the plugin is missing. */
export function useMizanClient(): MizanClient {
  return useRoot().client;
}

{% include "vue/shared.ts" %}
/**
 * A read's options: TanStack Query's (`enabled`, `staleTime`, `select`,
 * `placeholderData`, `refetchOnWindowFocus`...), as a plain object, a ref
 * or a getter (read with `toValue`, followed when they change). `S` is what
 * `select` returns.
 */
export type MizanQueryOptions<T, S = T> = MaybeRefOrGetter<
  QueryOptions<T, S> | undefined
>;

/** A mutation's options: TanStack Query's callbacks (`onMutate`'s result is `C`, the rollback context). */
export type MizanMutationOptions<A, R, C = unknown> = Omit<
  MutationOptions<R, A, C>,
  "mutationFn"
>;

type Refs<T> = {
  readonly [K in keyof T]: Readonly<Ref<T[K]>>;
};

/** A read: the kernel's query result (TanStack Query's fields), each a ref. */
export interface MizanQuery<S> extends Refs<Omit<QueryResult<S>, "data">> {
  /** The selected data (the placeholder's while `isPlaceholderData`). */
  readonly data: Readonly<ShallowRef<S | undefined>>;
  /** Fetches now (even when disabled); resolves once it settled. */
  refetch(): Promise<void>;
  /**
   * Resolves once the read settled (enabled, not fetching, real data or an
   * error): `await useUserProfile(params).suspense()` in an `async setup()`
   * under `<Suspense>`, or in Nuxt's setup to render with data on the server.
   */
  suspense(): Promise<QueryResult<S>>;
}

const QUERY_FIELDS = [
  "error",
  "status",
  "fetchStatus",
  "isPending",
  "isSuccess",
  "isError",
  "isFetching",
  "isLoading",
  "isRefetching",
  "isPlaceholderData",
  "isEnabled",
  "dataUpdatedAt",
] as const;

/**
 * A read over one kernel observer, made now and watched while the calling
 * scope lives (unsubscribed when it is disposed); `read` gives its params
 * and options, followed reactively (`setOptions` when they change).
 */
function observed<B, S>(
  make: (params: object, options: QueryOptions<B, S>) => QueryObserver<B, S>,
  read: () => readonly [object, QueryOptions<B, S>],
): MizanQuery<S> {
  const { session } = useRoot();
  const [params, options] = read();
  const observer = make(params, options);
  const result = shallowRef(observer.getSnapshot());
  const unsubscribe = observer.subscribe(
    () => (result.value = observer.getSnapshot()),
  );
  result.value = observer.getSnapshot();
  const stop = watch(read, ([next, nextOptions]) => {
    observer.setOptions(next, nextOptions);
    result.value = observer.getSnapshot();
  });
  onScopeDispose(() => {
    stop();
    unsubscribe();
  });
  const refs = Object.fromEntries(
    QUERY_FIELDS.map((field) => [field, computed(() => result.value[field])]),
  ) as unknown as Refs<Omit<QueryResult<S>, "data">>;
  return {
    ...refs,
    data: computed(() => result.value.data),
    refetch: () => session.then(() => observer.refetch()),
    suspense: () => whenSettled(observer),
  };
}

/** The params as a plain object (each property read, so reactively followed). */
function paramsOf(params: MizanParams<object> | undefined): object {
  return params === undefined ? {} : { ...toValue(params) };
}

/** The options as a plain object (each property read, so reactively followed). */
function optionsOf<T, S>(
  options: MizanQueryOptions<T, S> | undefined,
): QueryOptions<T, S> {
  return { ...toValue(options) };
}

/** Reads one context function's slot of a context entry while the calling scope lives; follows `params` and `options`. */
export function __mizanQuery<
  B extends object,
  K extends keyof B,
  S = Slot<B, K>,
>(
  context: string,
  slot: K,
  options?: MizanQueryOptions<Slot<B, K>, S>,
  params?: MizanParams<object>,
): MizanQuery<S> {
  const { client } = useRoot();
  const slotOptions = new SlotOptions<B, K, S>(slot);
  return observed<B, S>(
    (current, kernel) => client.observe<B, S>(context, current, kernel),
    () => [paramsOf(params), slotOptions.map(optionsOf(options))],
  );
}

/** Reads a call function's result, cached by args, while the calling scope lives; follows `args` and `options`. */
export function __mizanCallQuery<A extends object, R, S = R>(
  fn: string,
  run: (client: MizanClient, args: A, options: CallOptions) => Promise<R>,
  options: MizanQueryOptions<R, S> | undefined,
  args: MizanParams<A>,
): MizanQuery<S>;
export function __mizanCallQuery<R, S = R>(
  fn: string,
  run: (client: MizanClient, options: CallOptions) => Promise<R>,
  options: MizanQueryOptions<R, S> | undefined,
): MizanQuery<S>;
export function __mizanCallQuery<R, S>(
  fn: string,
  run: (client: MizanClient, ...rest: never[]) => Promise<R>,
  options?: MizanQueryOptions<R, S>,
  args?: MizanParams<object>,
): MizanQuery<S> {
  const { client } = useRoot();
  const call = callRunner<R>(run, args === undefined);
  return observed<R, S>(
    (current, kernel) => client.observeCall(fn, call, current, kernel),
    () => [paramsOf(args), optionsOf(options)],
  );
}

/** A call with its state (TanStack Query v5's `useMutation`), each a ref. */
export interface MizanMutation<A, R, C = unknown> {
  /** Calls; a failure lands in `error` (nothing thrown). The callbacks run if it is still the latest call when it settles. */
  mutate(args: A, callbacks?: MutateCallbacks<R, A, C>): void;
  /** Calls; resolves with the result or rejects with a `MizanError`. */
  mutateAsync(args: A, callbacks?: MutateCallbacks<R, A, C>): Promise<R>;
  /** The latest call's; `pending` while any call is in flight. */
  readonly status: Readonly<Ref<"idle" | "pending" | "success" | "error">>;
  readonly isIdle: Readonly<Ref<boolean>>;
  readonly isPending: Readonly<Ref<boolean>>;
  readonly isSuccess: Readonly<Ref<boolean>>;
  readonly isError: Readonly<Ref<boolean>>;
  /** The latest call's failure. */
  readonly error: Readonly<ShallowRef<MizanError | null>>;
  /** The latest call's result (`undefined` until it succeeded). */
  readonly data: Readonly<ShallowRef<R | undefined>>;
  /** The latest call's args. */
  readonly variables: Readonly<ShallowRef<A | undefined>>;
  /** What `onMutate` returned for the latest call. */
  readonly context: Readonly<ShallowRef<C | undefined>>;
  /** Back to `idle`, forgetting `data` and `error` (and the calls in flight). */
  reset(): void;
}

/**
 * Wraps a stage1 call in the kernel's mutation observer (which applies what
 * it invalidates or merges). Concurrent calls: the latest one's result or
 * error shows, and the state is `pending` while any is in flight.
 */
export function __mizanMutation<A = void, R = unknown, C = unknown>(
  call: (client: MizanClient, args: A) => Promise<R>,
  options: MizanMutationOptions<A, R, C> = {},
): MizanMutation<A, R, C> {
  const { client, session } = useRoot();
  const observer = client.mutation<R, A, C>({
    ...options,
    mutationFn: (args: A) => session.then(() => call(client, args)),
  });
  const state = shallowRef(observer.getSnapshot());
  onScopeDispose(
    observer.subscribe(() => (state.value = observer.getSnapshot())),
  );
  return {
    mutate: observer.mutate,
    mutateAsync: observer.mutateAsync,
    status: computed(() => state.value.status),
    isIdle: computed(() => state.value.isIdle),
    isPending: computed(() => state.value.isPending),
    isSuccess: computed(() => state.value.isSuccess),
    isError: computed(() => state.value.isError),
    error: computed(() => state.value.error),
    data: computed(() => state.value.data),
    variables: computed(() => state.value.variables),
    context: computed(() => state.value.context),
    reset: observer.reset,
  };
}

/** A channel subscription while the calling scope lives. */
export interface MizanChannel<Out, In> {
  readonly status: Readonly<Ref<ChannelStatus>>;
  /** The newest messages (at most `buffer`) since the subscription (re)opened. */
  readonly messages: Readonly<ShallowRef<readonly Out[]>>;
  /** Sends; queued until the subscription opens, throws a `MizanError` once the scope ended. */
  send(message: In): void;
}

type Listeners<Out> = [
  onMessage: (message: Out) => void,
  onStatus: (status: ChannelStatus) => void,
];

/** Subscribes to a channel; re-subscribes when `params` change. */
export function __mizanChannel<Out, In>(
  open: (
    client: MizanClient,
    ...listeners: Listeners<Out>
  ) => ChannelHandle<In>,
  options: MizanChannelOptions | undefined,
): MizanChannel<Out, In>;
export function __mizanChannel<P extends object, Out, In>(
  open: (
    client: MizanClient,
    params: P,
    ...listeners: Listeners<Out>
  ) => ChannelHandle<In>,
  options: MizanChannelOptions | undefined,
  params: MizanParams<P>,
): MizanChannel<Out, In>;
export function __mizanChannel<Out, In>(
  open: (...args: never[]) => ChannelHandle<In>,
  options: MizanChannelOptions = {},
  params?: MizanParams<object>,
): MizanChannel<Out, In> {
  const { client } = useRoot();
  const buffer = options.buffer ?? 100;
  const status = shallowRef<ChannelStatus>("connecting");
  const messages = shallowRef<readonly Out[]>([]);
  const link = new ChannelLink<In>();
  const listeners: Listeners<Out> = [
    (message) =>
      (messages.value = keepLast([...messages.value, message], buffer)),
    (next) => (status.value = next),
  ];
  const connect = open as (...args: unknown[]) => ChannelHandle<In>;
  const stop = watch(
    () => (params === undefined ? undefined : { ...toValue(params) }),
    (current, _previous, onCleanup) => {
      messages.value = [];
      link.attach(
        current === undefined
          ? connect(client, ...listeners)
          : connect(client, current, ...listeners),
      );
      onCleanup(() => link.detach());
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return { status, messages, send: (message: In) => link.send(message) };
}

/** A form: values, typed `set`, field errors, `validate` and `submit`. */
export interface MizanForm<V, R> {
  readonly values: Readonly<ShallowRef<Partial<V>>>;
  /** Client-side errors of the fields set so far, then the server's. */
  readonly errors: Readonly<ShallowRef<MizanFormErrors<V>>>;
  set<K extends keyof V>(field: K, value: V[K]): void;
  /** Checks every field here, then with the server's validate function. */
  validate(): Promise<boolean>;
  /** Validates, then submits; `undefined` when a field is invalid or it failed. */
  submit(): Promise<R | undefined>;
  readonly isSubmitting: Readonly<Ref<boolean>>;
  /** The last failure that is not about one field. */
  readonly error: Readonly<ShallowRef<MizanError | null>>;
  readonly data: Readonly<ShallowRef<R | undefined>>;
  reset(): void;
}

/** Form state over a stage1 form schema and its submit (and validate) call. */
export function __mizanForm<V extends object, R>(
  schema: FormSchema,
  initial: Partial<V>,
  submitCall: (client: MizanClient, values: V) => Promise<R>,
  validateCall?: (client: MizanClient, values: V) => Promise<unknown>,
): MizanForm<V, R> {
  const { client, session } = useRoot();
  const values = shallowRef<Partial<V>>({ ...initial });
  const errors = shallowRef<MizanFormErrors<V>>({});
  const isSubmitting = shallowRef(false);
  const error = shallowRef<MizanError | null>(null);
  const data = shallowRef<R | undefined>(undefined);
  const touched = new Set<string>();
  const check = (): boolean => {
    errors.value = clientErrors(schema, values.value, null);
    return Object.keys(errors.value).length === 0;
  };
  const fail = (thrown: unknown): undefined => {
    const failure = asMizanError(thrown);
    const fields = serverErrors(failure);
    if (Object.keys(fields).length > 0) errors.value = fields;
    else error.value = failure;
    return undefined;
  };
  return {
    values,
    errors,
    set: (field, value) => {
      values.value = { ...values.value, [field]: value };
      touched.add(String(field));
      errors.value = clientErrors(schema, values.value, touched);
    },
    validate: async () => {
      error.value = null;
      if (!check()) return false;
      if (validateCall === undefined) return true;
      try {
        const sent = values.value as V;
        await session;
        errors.value = serverErrors(await validateCall(client, sent));
      } catch (thrown) {
        fail(thrown);
      }
      return Object.keys(errors.value).length === 0 && error.value === null;
    },
    submit: async () => {
      error.value = null;
      if (!check()) return undefined;
      isSubmitting.value = true;
      try {
        const sent = values.value as V;
        await session;
        data.value = await submitCall(client, sent);
        return data.value;
      } catch (thrown) {
        return fail(thrown);
      } finally {
        isSubmitting.value = false;
      }
    },
    isSubmitting,
    error,
    data,
    reset: () => {
      values.value = { ...initial };
      errors.value = {};
      error.value = null;
      data.value = undefined;
      touched.clear();
    },
  };
}
