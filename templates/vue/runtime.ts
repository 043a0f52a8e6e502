{{ kernel_imports }}
import {
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

/** The app's client; throws a clear error when the plugin is missing. */
export function useMizanClient(): MizanClient {
  return useRoot().client;
}

{% include "vue/shared.ts" %}
/** One context function's slot of a context entry. */
export interface MizanQuery<T> {
  readonly data: Readonly<ShallowRef<T | undefined>>;
  readonly error: Readonly<ShallowRef<MizanError | null>>;
  /** `pending` until the entry's first fetch settles (TanStack Query v5's names). */
  readonly status: Readonly<Ref<"pending" | "success" | "error">>;
  /** No data yet: the first fetch has not settled. */
  readonly isPending: Readonly<Ref<boolean>>;
  readonly isSuccess: Readonly<Ref<boolean>>;
  readonly isError: Readonly<Ref<boolean>>;
  /** A fetch (first or re-) is running. */
  readonly isFetching: Readonly<Ref<boolean>>;
  /** Refetches this entry of the context. */
  refetch(): Promise<void>;
}

/** Subscribes to a context entry while the calling scope lives; follows `params`. */
export function __mizanQuery<B extends object, K extends keyof B>(
  context: string,
  slot: K,
  params: MizanParams<object> = {},
): MizanQuery<Slot<B, K>> {
  const { client, session } = useRoot();
  // Annotated: `shallowRef<T>` cannot resolve its ref-unwrapping for a generic T.
  const data = shallowRef() as ShallowRef<Slot<B, K> | undefined>;
  const error = shallowRef<MizanError | null>(null);
  const status = shallowRef<QueryStatus>("pending");
  const isPending = shallowRef(true);
  const isSuccess = shallowRef(false);
  const isError = shallowRef(false);
  const isFetching = shallowRef(false);
  const read = (current: object): void => {
    const snapshot = client.snapshot<B>(context, current);
    data.value = slotOf(snapshot.data, slot);
    error.value = snapshot.error;
    status.value = queryStatus(snapshot);
    isPending.value = status.value === "pending";
    isSuccess.value = status.value === "success";
    isError.value = status.value === "error";
    isFetching.value = snapshot.isFetching;
  };
  const stop = watch(
    () => ({ ...toValue(params) }),
    (current, _previous, onCleanup) => {
      onCleanup(client.subscribe(context, current, () => read(current)));
      read(current);
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return {
    data,
    error,
    status,
    isPending,
    isSuccess,
    isError,
    isFetching,
    refetch: () => session.then(() => client.refetch(context, toValue(params))),
  };
}

/** A call, with its state (TanStack Query v5's `useMutation` names). */
export interface MizanMutation<A, R> {
  /** Calls; a failure lands in `error` (nothing thrown). */
  mutate(args: A): void;
  /** Calls; resolves with the result or rejects with a `MizanError`. */
  mutateAsync(args: A): Promise<R>;
  /** The newest call's; `pending` while any call is in flight. */
  readonly status: Readonly<Ref<"idle" | "pending" | "success" | "error">>;
  readonly isIdle: Readonly<Ref<boolean>>;
  readonly isPending: Readonly<Ref<boolean>>;
  readonly isSuccess: Readonly<Ref<boolean>>;
  readonly isError: Readonly<Ref<boolean>>;
  /** The newest call's failure. */
  readonly error: Readonly<ShallowRef<MizanError | null>>;
  /** The newest call's result (`undefined` until it succeeded). */
  readonly data: Readonly<ShallowRef<R | undefined>>;
  /** Back to `idle`, forgetting `data` and `error` (and the calls in flight). */
  reset(): void;
}

/**
 * Wraps a stage1 call; the kernel applies what it invalidates or merges.
 * Concurrent calls: the newest one's result or error shows, and the state
 * is `pending` while any is in flight.
 */
export function __mizanMutation<A = void, R = unknown>(
  call: (client: MizanClient, args: A) => Promise<R>,
): MizanMutation<A, R> {
  const { client, session } = useRoot();
  const status = shallowRef<CallState<R>["status"]>("idle");
  const isIdle = shallowRef(true);
  const isPending = shallowRef(false);
  const isSuccess = shallowRef(false);
  const isError = shallowRef(false);
  const error = shallowRef<MizanError | null>(null);
  const data = shallowRef<R | undefined>(undefined);
  const calls = new Calls<R>((next) => {
    status.value = next.status;
    isIdle.value = next.status === "idle";
    isPending.value = next.status === "pending";
    isSuccess.value = next.status === "success";
    isError.value = next.status === "error";
    error.value = next.error;
    data.value = next.data;
  });
  const mutateAsync = (args: A): Promise<R> =>
    calls.run(() => session.then(() => call(client, args)));
  return {
    mutate: (args: A) => void mutateAsync(args).catch(() => undefined),
    mutateAsync,
    status,
    isIdle,
    isPending,
    isSuccess,
    isError,
    error,
    data,
    reset: () => calls.reset(),
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
