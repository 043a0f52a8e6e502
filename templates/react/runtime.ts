"use client";

{{ imports }}

/*
 * The generic hooks every generated hook forwards to. The client owns the
 * truth (context entries, invalidation, merge, session); these only adapt it
 * to React, reading it from `MizanProvider`. Generated files import this module as `$mizan`.
 */

export { keepPreviousData };
export type { DefaultQueryOptions };

/** Hydration data from `prefetchHydration`, for `<MizanProvider hydration>`. */
export type MizanHydration = Readonly<Record<string, unknown>>;

/** What `MizanProvider` gives every hook below it. */
export interface MizanRoot {
  /** The client every hook below reads and calls through. */
  readonly client: MizanClient;
  /** Settles once `initSession()` did (calls wait for it: CSRF). */
  readonly session: Promise<void>;
  /** The provider's `defaultQueryOptions` (also set on the client). */
  readonly defaults: DefaultQueryOptions;
  /** The fetch each suspended entry waits for, by entry key, while in flight. */
  readonly suspended: Map<string, Promise<void>>;
}

/** The root context; `MizanProvider` fills it. */
export const MizanContext = createContext<MizanRoot | null>(null);

/** How `MizanProvider` starts its client. */
export interface RootOptions {
  readonly client: MizanClient;
  readonly hydration: MizanHydration | undefined;
  readonly session: boolean;
  readonly defaults: DefaultQueryOptions;
}

/**
 * Seeds the client with hydration data at once, so the first render (server
 * or client) reads them; `open` (from an effect) starts the session, once.
 */
export function startRoot(options: RootOptions): {
  root: MizanRoot;
  open: () => void;
} {
  const { client, defaults } = options;
  if (Object.keys(defaults).length > 0)
    client.configure({ defaultQueryOptions: defaults });
  if (options.hydration !== undefined) client.hydrate(options.hydration);
  let open = (): void => undefined;
  const session = new Promise<void>((resolve) => {
    open = () => {
      open = () => undefined;
      if (!options.session) return resolve();
      // A failed session start leaves calls to report their own errors.
      client.initSession().then(resolve, () => resolve());
    };
  });
  const root = { client, session, defaults, suspended: new Map() };
  return { root, open: () => open() };
}

/** The root, or a clear error naming the hook used outside it. */
export function useRoot(hook: string): MizanRoot {
  const root = useContext(MizanContext);
  if (root === null)
    throw new Error(`${hook} must be used inside <MizanProvider>`);
  return root;
}

/** The client of the enclosing `<MizanProvider>` (e.g. to call stage1 functions directly). */
export function useMizanClient(): MizanClient {
  return useRoot("useMizanClient").client;
}

/** Props of `MizanProvider`. */
export interface MizanProviderProps {
  /** The client to use (on the server: the request's); default: one `createClient` per mount. */
  readonly client?: MizanClient | undefined;
  /** Where the backend mounts the protocol, for the client the provider creates; default: the IR's `base-url`. */
  readonly baseUrl?: string | undefined;
  /** A custom transport (e.g. Tauri IPC) for the client the provider creates, instead of HTTP and WebSocket. */
  readonly transport?: Transport | undefined;
  /** `prefetchHydration`'s result from the server: first paint has data. */
  readonly hydration?: MizanHydration | undefined;
  /** Start the session (`initSession`, CSRF) on mount; default `true`. */
  readonly session?: boolean | undefined;
  /**
   * Defaults of every read hook's options below (read on mount), set on the
   * client: a hook's own options win over these, and these over the
   * client's own `defaultQueryOptions`.
   */
  readonly defaultQueryOptions?: DefaultQueryOptions | undefined;
  readonly children?: ReactNode;
}

/** The client a provider creates from its props. */
function ownClient(props: MizanProviderProps): MizanClient {
  const options: { baseUrl?: string; transport?: Transport } = {};
  if (props.baseUrl !== undefined) options.baseUrl = props.baseUrl;
  if (props.transport !== undefined) options.transport = props.transport;
  return createClient(options);
}

/**
 * The root of every generated hook: provides its client (given, or created
 * once per mount), hydrates it with server data before the first render,
 * and starts the session.
 */
export function MizanProvider(props: MizanProviderProps): ReactElement {
  const [started] = useState(() =>
    startRoot({
      client: props.client ?? ownClient(props),
      hydration: props.hydration,
      session: props.session ?? true,
      defaults: props.defaultQueryOptions ?? {},
    }),
  );
  useEffect(() => started.open(), [started]);
  const { root } = started;
  return createElement(MizanContext.Provider, { value: root }, props.children);
}

/** One context's provider value: its params and per-function overrides. */
export interface ScopeValue {
  readonly params: Readonly<Record<string, unknown>>;
  readonly overrides: Readonly<Record<string, object | undefined>>;
}

/** A context as hooks see it; `B` is its bundle type. */
export interface Scope<B> {
  readonly context: string;
  /** The provider's component name, for errors; `null`: none needed. */
  readonly provider: string | null;
  readonly react: Context<ScopeValue | null>;
  /** Phantom: carries the bundle type. */
  readonly bundle?: B;
}

/** A context whose hooks need its provider (`provider`), or none (`null`). */
export function createScope<B>(
  context: string,
  provider: string | null,
): Scope<B> {
  return { context, provider, react: createContext<ScopeValue | null>(null) };
}

/** Params with absent values dropped, keys sorted: equal params, equal key. */
function paramsKey(params: object): string {
  const record = params as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record).filter((k) => record[k] != null);
  return JSON.stringify(keys.sort().map((k) => [k, record[k]]));
}

/** A context provider: its params (and overrides) for the hooks below. */
export function useProvider<B>(
  scope: Scope<B>,
  params: object,
  overrides: object | undefined,
  children: ReactNode,
): ReactElement {
  const value: ScopeValue = {
    params: { ...params },
    overrides: { ...overrides },
  };
  const key = paramsKey({ ...value.params, $overrides: value.overrides });
  // The same value while the params are equal: hooks below keep their entry.
  const stable = useMemo(() => value, [key]);
  return createElement(scope.react.Provider, { value: stable }, children);
}

/**
 * A read hook's options: TanStack Query's (`enabled`, `staleTime`, `select`,
 * `placeholderData`, `refetchOnWindowFocus`...), typed by the function's
 * result `T`; `select` derives the hook's data `S` from it. Unset options
 * take `<MizanProvider defaultQueryOptions>`, then the client's defaults.
 */
export type QueryOptions<T, S = T> = KernelQueryOptions<T, S>;

/** A suspense hook's options: a read hook's, less `enabled` and `placeholderData` (it waits for the data). */
export type SuspenseQueryOptions<T, S = T> = Omit<
  QueryOptions<T, S>,
  "enabled" | "placeholderData"
>;

/** A read hook's result: the kernel observer's (TanStack Query's fields), and `refetch`. */
export interface QueryResult<T> extends KernelQueryResult<T> {
  /** Refetches this entry (every hook reading it sees the result), even when disabled. */
  refetch(): Promise<void>;
}

/** A suspense hook's result: the data is there (`status` is `error` only when a later refetch failed). */
export interface SuspenseQueryResult<T> extends Omit<
  QueryResult<T>,
  "data" | "status" | "isPending" | "isLoading" | "isPlaceholderData"
> {
  readonly data: T;
  readonly status: "success" | "error";
  readonly isPending: false;
  readonly isLoading: false;
  readonly isPlaceholderData: false;
}

/** A slot's value: a slot the bundle may omit reads as `undefined` data. */
type Slot<B, K extends keyof B> = Exclude<B[K], undefined>;

type Placeholder<T> = QueryOptions<T>["placeholderData"];

/** `select` over a bundle: the slot, then the hook's own `select`; a slot the bundle omits selects nothing. */
function slotSelect<B, K extends keyof B, S>(
  slot: K,
  select: ((value: Slot<B, K>) => S) | undefined,
): (bundle: B) => S {
  return (bundle) => {
    const value = bundle[slot] as Slot<B, K> | undefined;
    if (value === undefined) return undefined as S;
    return select === undefined ? (value as unknown as S) : select(value);
  };
}

/** `placeholderData` over bundles: the hook's, given and giving the slot. */
function slotPlaceholder<B, K extends keyof B, T = Slot<B, K>>(
  slot: K,
  placeholder: Placeholder<T>,
): Placeholder<B> {
  if (placeholder === undefined) return undefined;
  const wrap = (value: T | undefined): B | undefined =>
    value === undefined ? undefined : ({ [slot]: value } as B);
  if (typeof placeholder !== "function") return wrap(placeholder);
  const derive = placeholder as (previous: T | undefined) => T | undefined;
  return (previous) => wrap(derive(previous?.[slot] as T | undefined));
}

/**
 * Adapts one kernel observer, made once per hook instance by `create`, to
 * React: `useSyncExternalStore` over its `subscribe`/`getSnapshot`, and
 * `setOptions` (before paint) whenever params or options change.
 */
function useObserver<B, S>(
  root: MizanRoot,
  create: (client: MizanClient) => QueryObserver<B, S>,
  params: object,
  options: KernelQueryOptions<B, S>,
): QueryResult<S> {
  const { client } = root;
  const observer = useMemo(() => create(client), [client]);
  useLayoutEffect(() => observer.setOptions(params, options));
  const current = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getSnapshot,
  );
  const refetch = useCallback(
    () => root.session.then(() => observer.refetch()),
    [root, observer],
  );
  return useMemo(() => ({ ...current, refetch }), [current, refetch]);
}

/** The params a context function's hook reads: its provider's, its override there, then its own. */
function useSlotParams<B>(
  scope: Scope<B>,
  slot: string,
  override: object | undefined,
): { root: MizanRoot; params: object } {
  const hook = `the hook of \`${slot}\``;
  const root = useRoot(hook);
  const value = useContext(scope.react);
  if (value === null && scope.provider !== null)
    throw new Error(`${hook} must be used inside <${scope.provider}>`);
  const params = { ...value?.params, ...value?.overrides[slot], ...override };
  return { root, params };
}

/** Reads one function's slot of its context entry through a kernel observer. */
export function useSlot<B, K extends keyof B & string, S = Slot<B, K>>(
  scope: Scope<B>,
  slot: K,
  override?: object,
  options: QueryOptions<Slot<B, K>, S> = {},
): QueryResult<S> {
  const { root, params } = useSlotParams(scope, slot, override);
  const { select, placeholderData } = options;
  const bundleSelect = useMemo(() => slotSelect(slot, select), [slot, select]);
  const placeholder = useMemo(
    () => slotPlaceholder<B, K>(slot, placeholderData),
    [slot, placeholderData],
  );
  const bundleOptions: KernelQueryOptions<B, S> = {
    ...options,
    select: bundleSelect,
    placeholderData: placeholder,
  };
  return useObserver(
    root,
    (client) => client.observe<B, S>(scope.context, params, bundleOptions),
    params,
    bundleOptions,
  );
}

/**
 * Data at least this old (ms) is not refetched when a suspended component
 * mounts (TanStack Query's rule): its data was fetched for it just before.
 */
const SUSPENSE_STALE_TIME = 1000;

function suspenseOptions<T, S>(
  root: MizanRoot,
  options: SuspenseQueryOptions<T, S>,
): QueryOptions<T, S> {
  const staleTime = options.staleTime ?? root.defaults.staleTime ?? 0;
  return {
    ...options,
    enabled: true,
    staleTime: Math.max(staleTime, SUSPENSE_STALE_TIME),
  };
}

/**
 * The result with its data, or suspends: throws the entry's fetch (started
 * by `load`, once per entry while it is in flight) for `<Suspense>`, or its
 * error for an error boundary. The kernel keeps the entry, so the render
 * React retries reads the data.
 */
function suspended<S>(
  root: MizanRoot,
  result: QueryResult<S>,
  key: string,
  load: () => Promise<void>,
): SuspenseQueryResult<S> {
  if (result.isSuccess && !result.isPlaceholderData)
    return result as SuspenseQueryResult<S>;
  if (result.isError && result.data === undefined) throw result.error;
  let fetching = root.suspended.get(key);
  if (fetching === undefined) {
    fetching = load().finally(() => root.suspended.delete(key));
    root.suspended.set(key, fetching);
  }
  throw fetching;
}

/** `useSlot` for `<Suspense>`: suspends until the entry has data; throws its error to an error boundary. */
export function useSlotSuspense<B, K extends keyof B & string, S = Slot<B, K>>(
  scope: Scope<B>,
  slot: K,
  override?: object,
  options: SuspenseQueryOptions<Slot<B, K>, S> = {},
): SuspenseQueryResult<S> {
  const { root, params } = useSlotParams(scope, slot, override);
  const result = useSlot(scope, slot, override, suspenseOptions(root, options));
  return suspended(root, result, entryKey(scope.context, params), () =>
    root.client.prefetch(scope.context, params),
  );
}

/** A query function's stage1 call: `callSearch`. */
type Run<A, R> = (
  client: MizanClient,
  args: A,
  options: CallOptions,
) => Promise<R>;

/** A query hook: the function `fn` called by `run` for its result, cached by `args` (`client.observeCall`). */
export function useCallQuery<A extends object, R, S = R>(
  fn: string,
  run: Run<A, R>,
  args: A,
  options: QueryOptions<R, S> = {},
): QueryResult<S> {
  const root = useRoot(`the query hook of \`${fn}\``);
  return useObserver(
    root,
    (client) => client.observeCall<A, R, S>(fn, run, args, options),
    args,
    options,
  );
}

/** `useCallQuery` for `<Suspense>`. */
export function useCallQuerySuspense<A extends object, R, S = R>(
  fn: string,
  run: Run<A, R>,
  args: A,
  options: SuspenseQueryOptions<R, S> = {},
): SuspenseQueryResult<S> {
  const root = useRoot(`the query hook of \`${fn}\``);
  const full = suspenseOptions(root, options);
  const result = useCallQuery(fn, run, args, full);
  const key = callKey<A, R>(fn);
  return suspended(root, result, entryKey(key, args), () =>
    root.client.prefetch(key, args),
  );
}

/** A query function without params: `run` takes no args. */
type ParamlessRun<R> = (
  client: MizanClient,
  options: CallOptions,
) => Promise<R>;

/** `useCallQuery` for a function without params. */
export function useParamlessCallQuery<R, S = R>(
  fn: string,
  run: ParamlessRun<R>,
  options: QueryOptions<R, S> = {},
): QueryResult<S> {
  return useCallQuery(fn, (c, _: object, o) => run(c, o), {}, options);
}

/** `useCallQuerySuspense` for a function without params. */
export function useParamlessCallQuerySuspense<R, S = R>(
  fn: string,
  run: ParamlessRun<R>,
  options: SuspenseQueryOptions<R, S> = {},
): SuspenseQueryResult<S> {
  return useCallQuerySuspense(fn, (c, _: object, o) => run(c, o), {}, options);
}

/** One context's cache, bound to its typed key (`useUserCache()`): the kernel's `client.cache` without the key. */
export interface ContextCache<P extends object, B> {
  /** The entry's bundle, if the cache holds one (never fetches). */
  get(params: P): B | undefined;
  /** Writes the entry's bundle (a value, or `(old) => new`); a fetch in flight is aborted. */
  set(params: P, updater: Updater<B>): B | undefined;
  /** Marks the entries whose params include `params` stale; the watched ones refetch. */
  invalidate(params?: Partial<P>): Promise<void>;
  /** Aborts the fetches in flight of the entries whose params include `params`. */
  cancel(params?: Partial<P>): Promise<void>;
}

/** `client.cache` with its types erased: `useContextCache` restores them from the key. */
interface ErasedCache {
  get(context: string, params: object): unknown;
  set(context: string, params: object, updater: Updater<unknown>): unknown;
  invalidate(context: string, params?: object): Promise<void>;
  cancel(context: string, params?: object): Promise<void>;
}

/** The cache of the context `key` in the provider's client. */
export function useContextCache<P extends object, B>(
  key: ContextKey<P, B>,
): ContextCache<P, B> {
  const { client } = useRoot("a cache hook");
  return useMemo(() => {
    const cache = client.cache as unknown as ErasedCache;
    return {
      get: (params) => cache.get(key, params) as B | undefined,
      set: (params, updater) =>
        cache.set(key, params, updater as Updater<unknown>) as B | undefined,
      invalidate: (params) => cache.invalidate(key, params),
      cancel: (params) => cache.cancel(key, params),
    };
  }, [client, key]);
}

/**
 * A mutation hook's options: TanStack Query's callbacks, run for every call
 * (`onMutate`'s result is the `context` the others get, e.g. what an
 * optimistic `client.cache.set` replaced). The newest render's are used.
 */
export type MutationOptions<A, R, C = unknown> = Omit<
  KernelMutationOptions<R, A, C>,
  "mutationFn"
>;

/** A mutation hook's state and calls, shaped like TanStack Query's `useMutation`. */
export interface MutationResult<A, R, C = unknown> extends MutationSnapshot<
  R,
  A,
  C
> {
  /** Calls; a failure lands in `error` (nothing is thrown). `callbacks` run if it is still the newest call when it settles. */
  mutate(args: A, callbacks?: MutateCallbacks<R, A, C>): void;
  /** Calls; resolves with the result or rejects with the `MizanError`. */
  mutateAsync(args: A, callbacks?: MutateCallbacks<R, A, C>): Promise<R>;
  /** Back to `idle`, forgetting `data`, `error` and `variables`. */
  reset(): void;
}

/** Any failure as a `MizanError` (the kernel already makes most of them). */
export function asMizanError(error: unknown): MizanError {
  if (error instanceof MizanError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MizanError("NETWORK_ERROR", message);
}

/**
 * Wraps a stage1 call (given the provider's client) in one kernel mutation
 * observer per hook instance (`client.mutation`): the kernel applies the
 * merge and invalidation it answers with; concurrent calls: the newest
 * one's result or error shows, `pending` while any is in flight.
 */
export function useMutation<A, R, C = unknown>(
  call: (client: MizanClient, args: A) => Promise<R>,
  options: MutationOptions<A, R, C> = {},
): MutationResult<A, R, C> {
  const root = useRoot("a mutation hook");
  const latest = useRef({ call, options });
  latest.current = { call, options };
  const observer = useMemo(
    () =>
      root.client.mutation<R, A, C>({
        mutationFn: async (args) => {
          await root.session;
          return latest.current.call(root.client, args);
        },
        onMutate: (args) => latest.current.options.onMutate?.(args) as C,
        onSuccess: (data, args, context) =>
          latest.current.options.onSuccess?.(data, args, context),
        onError: (error, args, context) =>
          latest.current.options.onError?.(error, args, context),
        onSettled: (data, error, args, context) =>
          latest.current.options.onSettled?.(data, error, args, context),
      }),
    [root],
  );
  const state = useSyncExternalStore(
    observer.subscribe,
    observer.getSnapshot,
    observer.getSnapshot,
  );
  const { mutate, mutateAsync, reset } = observer;
  return useMemo(
    () => ({ ...state, mutate, mutateAsync, reset }),
    [state, mutate, mutateAsync, reset],
  );
}

/** A channel subscription's state. */
export interface ChannelResult<Out, In> {
  readonly status: ChannelStatus;
  /** The newest server messages (at most `buffer`) since the subscription opened, oldest first. */
  readonly messages: readonly Out[];
  /** Sends a client message (typed `never` when the channel only listens); queued until the subscription opens, throws a `MizanError` after unmount. */
  send(message: In): void;
  /** Forgets the messages received so far. */
  clear(): void;
}

/** Options of a channel hook (the same in React, Vue and Svelte). */
export interface MizanChannelOptions {
  /** How many messages `messages` keeps, newest last; older ones are dropped. Default 100 (`Infinity`: all). */
  readonly buffer?: number;
}

type OnMessage<Out> = (message: Out) => void;
type OnStatus = (status: ChannelStatus) => void;

/** `all` without the messages beyond the newest `buffer`. */
function keepLast<T>(all: readonly T[], buffer: number): readonly T[] {
  return all.length > buffer
    ? all.slice(all.length - Math.max(0, buffer))
    : all;
}

/** Subscribes while mounted (and while `params` stay equal). */
export function useChannel<P extends object, Out, In>(
  subscribe: (
    client: MizanClient,
    params: P,
    onMessage: OnMessage<Out>,
    onStatus: OnStatus,
  ) => ChannelHandle<In>,
  params: P,
  options: MizanChannelOptions = {},
): ChannelResult<Out, In> {
  const { client } = useRoot("a channel hook");
  const [status, setStatus] = useState<ChannelStatus>("connecting");
  const [messages, setMessages] = useState<readonly Out[]>([]);
  // Sends before the effect subscribed wait in `early`; after unmount, `ended`.
  const link = useRef({
    handle: null as ChannelHandle<In> | null,
    ended: false,
    early: [] as In[],
  });
  const latest = useRef({ subscribe, params, buffer: options.buffer ?? 100 });
  latest.current = { subscribe, params, buffer: options.buffer ?? 100 };
  const key = paramsKey(params);
  useEffect(() => {
    setMessages([]);
    const opened = latest.current.subscribe(
      client,
      latest.current.params,
      (message) =>
        setMessages((all) =>
          keepLast([...all, message], latest.current.buffer),
        ),
      setStatus,
    );
    const current = link.current;
    current.handle = opened;
    current.ended = false;
    for (const message of current.early.splice(0)) opened.send(message);
    return () => {
      current.handle = null;
      current.ended = true;
      opened.close();
    };
  }, [client, key]);
  const send = useCallback((message: In) => {
    const { handle, ended, early } = link.current;
    if (handle !== null) handle.send(message);
    else if (ended)
      throw new MizanError("NETWORK_ERROR", "the channel is closed");
    else early.push(message);
  }, []);
  const clear = useCallback(() => setMessages([]), []);
  return useMemo(
    () => ({ status, messages, send, clear }),
    [status, messages, send, clear],
  );
}

/** `useChannel` for a channel without params. */
export function useParamlessChannel<Out, In>(
  subscribe: (
    client: MizanClient,
    onMessage: OnMessage<Out>,
    onStatus: OnStatus,
  ) => ChannelHandle<In>,
  options: MizanChannelOptions = {},
): ChannelResult<Out, In> {
  return useChannel(
    (client, _: object, m: OnMessage<Out>, s) => subscribe(client, m, s),
    {},
    options,
  );
}

/** Field errors by field name (client-side and from the server). */
export type FormErrors = Readonly<Record<string, readonly string[]>>;

/** A form's state: values, typed `set`, field errors, `validate`, `submit`. */
export interface FormResult<V extends object, R> {
  readonly schema: FormSchema;
  readonly values: Partial<V>;
  /** Sets one field; its client-side errors show from now on. */
  set<K extends keyof V>(field: K, value: V[K]): void;
  /** Errors of the fields set so far (all fields once submitted). */
  readonly errors: FormErrors;
  /** Client-side checks, then the server's `validate` function if any. */
  validate(): Promise<boolean>;
  /** Validates, then calls `submit`; `undefined` when it did not succeed. */
  submit(): Promise<R | undefined>;
  readonly isSubmitting: boolean;
  /** The submit result. */
  readonly data: R | undefined;
  /** A failure that is not about fields (network, auth...). */
  readonly error: MizanError | null;
  reset(): void;
}

/** Field errors in a validate result (`errors` or `fields`) or an error. */
export function serverFieldErrors(found: unknown): FieldErrors {
  if (found instanceof MizanError) return found.fieldErrors();
  const record = (found ?? {}) as Record<string, unknown>;
  const fields = record["errors"] ?? record["fields"];
  if (typeof fields !== "object" || fields === null) return {};
  return new MizanError("VALIDATION_ERROR", "", 422, { fields }).fieldErrors();
}

interface FormState<V, R> {
  readonly values: Partial<V>;
  readonly touched: ReadonlySet<string>;
  readonly server: FieldErrors;
  readonly isSubmitting: boolean;
  readonly data: R | undefined;
  readonly error: MizanError | null;
}

function initialForm<V, R>(values: Partial<V>): FormState<V, R> {
  return {
    values,
    touched: new Set(),
    server: {},
    isSubmitting: false,
    data: undefined,
    error: null,
  };
}

function shownErrors(
  client: FieldErrors,
  server: FieldErrors,
  touched: ReadonlySet<string>,
): FormErrors {
  const out: Record<string, readonly string[]> = {};
  for (const [field, messages] of Object.entries(client))
    if (touched.has(field)) out[field] = messages;
  for (const [field, messages] of Object.entries(server))
    out[field] = [...(out[field] ?? []), ...messages];
  return out;
}

/**
 * Binds a form's schema and its stage1 `submit` (and `validate`) calls.
 * The state lives in a ref that `set` updates at once, so `validate` and
 * `submit` read the values as they are when called (`set` then `submit()`
 * in one handler sends the new value), not those of the last render.
 */
export function useForm<V extends object, R>(
  schema: FormSchema,
  submitCall: (client: MizanClient, values: V) => Promise<R>,
  validateCall: ((client: MizanClient, values: V) => Promise<unknown>) | null,
  initial: Partial<V> = {},
): FormResult<V, R> {
  const root = useRoot("a form hook");
  const [state, setState] = useState(() => initialForm<V, R>(initial));
  const current = useRef(state);
  const update = useCallback(
    (next: (s: FormState<V, R>) => FormState<V, R>): FormState<V, R> => {
      current.current = next(current.current);
      setState(current.current);
      return current.current;
    },
    [],
  );
  const client = useMemo(
    () => validateFields(schema, state.values),
    [schema, state.values],
  );
  const everything = useMemo(
    () => new Set(Object.keys(schema.fields)),
    [schema],
  );
  const set = useCallback(
    <K extends keyof V>(field: K, value: V[K]) => {
      update((s) => {
        const server: Record<string, string[]> = { ...s.server };
        delete server[field as string];
        return {
          ...s,
          values: { ...s.values, [field]: value },
          touched: new Set(s.touched).add(field as string),
          server,
        };
      });
    },
    [update],
  );
  const check = useCallback(async (): Promise<boolean> => {
    const { values } = update((s) => ({
      ...s,
      touched: everything,
      server: {},
    }));
    if (Object.keys(validateFields(schema, values)).length > 0) return false;
    if (validateCall === null) return true;
    let found: unknown;
    try {
      await root.session;
      found = await validateCall(root.client, values as V);
    } catch (failure) {
      found = asMizanError(failure);
    }
    const server = serverFieldErrors(found);
    update((s) => ({ ...s, server }));
    return Object.keys(server).length === 0;
  }, [everything, root, schema, update, validateCall]);
  const submit = useCallback(async (): Promise<R | undefined> => {
    const { values } = update((s) => ({
      ...s,
      touched: everything,
      error: null,
    }));
    if (Object.keys(validateFields(schema, values)).length > 0)
      return undefined;
    update((s) => ({ ...s, isSubmitting: true, server: {} }));
    try {
      await root.session;
      const data = await submitCall(root.client, values as V);
      update((s) => ({ ...s, isSubmitting: false, data }));
      return data;
    } catch (failure) {
      const error = asMizanError(failure);
      const server = serverFieldErrors(error);
      const fieldsOnly = Object.keys(server).length > 0;
      update((s) => ({
        ...s,
        isSubmitting: false,
        server,
        error: fieldsOnly ? null : error,
      }));
      return undefined;
    }
  }, [everything, root, schema, submitCall, update]);
  const reset = useCallback(() => {
    update(() => initialForm(initial));
  }, [initial, update]);
  return {
    schema,
    values: state.values,
    set,
    errors: shownErrors(client, state.server, state.touched),
    validate: check,
    submit,
    isSubmitting: state.isSubmitting,
    data: state.data,
    error: state.error,
    reset,
  };
}
