"use client";

{{ imports }}

/*
 * The generic hooks every generated hook forwards to. The client owns the
 * truth (context entries, invalidation, merge, session); these only adapt it
 * to React, reading it from `MizanProvider`. Generated files import this module as `$mizan`.
 */

/** Hydration data from `prefetchHydration`, for `<MizanProvider hydration>`. */
export type MizanHydration = Readonly<Record<string, unknown>>;

/** What `MizanProvider` gives every hook below it. */
export interface MizanRoot {
  /** The client every hook below reads and calls through. */
  readonly client: MizanClient;
  /** Settles once `initSession()` did (calls wait for it: CSRF). */
  readonly session: Promise<void>;
}

/** The root context; `MizanProvider` fills it. */
export const MizanContext = createContext<MizanRoot | null>(null);

/** How `MizanProvider` starts its client. */
export interface RootOptions {
  readonly client: MizanClient;
  readonly hydration: MizanHydration | undefined;
  readonly session: boolean;
}

/**
 * Seeds the client with hydration data at once, so the first render (server
 * or client) reads them; `open` (from an effect) starts the session, once.
 */
export function startRoot(options: RootOptions): {
  root: MizanRoot;
  open: () => void;
} {
  const { client } = options;
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
  return { root: { client, session }, open: () => open() };
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

/** A context function's result, shaped like TanStack Query's. */
export interface QueryResult<T> {
  readonly data: T | undefined;
  readonly error: MizanError | null;
  /** `pending` until the entry's first fetch settles (TanStack Query v5's names). */
  readonly status: "pending" | "success" | "error";
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  readonly isFetching: boolean;
  /** Refetches this context entry (every hook reading it sees the result). */
  refetch(): Promise<void>;
}

/** A slot's value: a slot the bundle may omit reads as `undefined` data. */
type Slot<B, K extends keyof B> = Exclude<B[K], undefined>;

function queryResult<B, K extends keyof B>(
  snapshot: ContextSnapshot<B>,
  slot: K,
  refetch: () => Promise<void>,
): QueryResult<Slot<B, K>> {
  const status = snapshot.status === "idle" ? "pending" : snapshot.status;
  const data = snapshot.data == null ? undefined : snapshot.data[slot];
  return {
    data: data as Slot<B, K> | undefined,
    error: snapshot.error,
    status,
    isPending: status === "pending",
    isSuccess: status === "success",
    isError: status === "error",
    isFetching: snapshot.isFetching,
    refetch,
  };
}

/** Reads one function's slot of its context entry through the kernel store. */
export function useSlot<B, K extends keyof B & string>(
  scope: Scope<B>,
  slot: K,
  override?: object,
): QueryResult<Slot<B, K>> {
  const hook = `the hook of \`${slot}\``;
  const root = useRoot(hook);
  const value = useContext(scope.react);
  if (value === null && scope.provider !== null)
    throw new Error(`${hook} must be used inside <${scope.provider}>`);
  const params = {
    ...value?.params,
    ...value?.overrides[slot],
    ...override,
  };
  const key = paramsKey(params);
  const { context } = scope;
  const { client } = root;
  const subscribe = useCallback(
    (onChange: () => void) => client.subscribe(context, params, onChange),
    [client, context, key],
  );
  const snapshot = useCallback(
    () => client.snapshot<B>(context, params),
    [client, context, key],
  );
  const refetch = useCallback(
    () => root.session.then(() => client.refetch(context, params)),
    [root, client, context, key],
  );
  const current = useSyncExternalStore(subscribe, snapshot, snapshot);
  return useMemo(
    () => queryResult(current, slot, refetch),
    [current, slot, refetch],
  );
}

/** A call function's state, shaped like TanStack Query's `useMutation`. */
export interface MutationResult<A, R> {
  /** Calls; failures land in `error` (nothing is thrown). */
  mutate(args: A): void;
  /** Calls; resolves with the result or rejects with the `MizanError`. */
  mutateAsync(args: A): Promise<R>;
  /** The newest call's result (`undefined` until it succeeded). */
  readonly data: R | undefined;
  /** The newest call's failure. */
  readonly error: MizanError | null;
  /** The newest call's; `pending` while any call is in flight. */
  readonly status: "idle" | "pending" | "success" | "error";
  readonly isIdle: boolean;
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  /** Back to `idle`, forgetting `data` and `error`. */
  reset(): void;
}

/** Any failure as a `MizanError` (the kernel already makes most of them). */
export function asMizanError(error: unknown): MizanError {
  if (error instanceof MizanError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MizanError("NETWORK_ERROR", message);
}

{% include "bindings/calls.ts" %}

/**
 * Wraps a stage1 call (given the provider's client); the kernel applies the
 * invalidation it answers with. Concurrent calls: the newest one's result
 * or error shows, and the state is `pending` while any is in flight.
 */
export function useMutation<A, R>(
  call: (client: MizanClient, args: A) => Promise<R>,
): MutationResult<A, R> {
  const root = useRoot("a mutation hook");
  const [state, setState] = useState<CallState<R>>(IDLE_CALL);
  const [calls] = useState(() => new Calls<R>(setState));
  const callRef = useRef(call);
  callRef.current = call;
  const mutateAsync = useCallback(
    (args: A): Promise<R> =>
      calls.run(async () => {
        await root.session;
        return callRef.current(root.client, args);
      }),
    [root, calls],
  );
  const mutate = useCallback(
    (args: A) => void mutateAsync(args).catch(() => undefined),
    [mutateAsync],
  );
  const reset = useCallback(() => calls.reset(), [calls]);
  return useMemo(
    () => ({
      ...state,
      mutate,
      mutateAsync,
      reset,
      isIdle: state.status === "idle",
      isPending: state.status === "pending",
      isSuccess: state.status === "success",
      isError: state.status === "error",
    }),
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
