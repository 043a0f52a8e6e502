// A hand-written consumer of the generated React bindings for the shop
// fixture. It must type-check; each line marked as an expected error must be
// one (tests/react proves it).
import { Suspense, useState, type ReactElement } from "react";
import {
  CatalogProvider,
  MizanProvider,
  UserProvider,
  prefetchHydration,
  useAnnouncementsChannel,
  useChatChannel,
  useContactForm,
  useContactValidateQuery,
  useContactValidateQuerySuspense,
  useCurrentUser,
  useSetNickname,
  useUserProfileSuspense,
  useUserCache,
  useGlobalCache,
  keepPreviousData,
  type MutationResult,
  type SuspenseQueryResult,
  usePing,
  usePlaceOrder,
  useProductDetail,
  useProductList,
  useSiteConfig,
  useUpdateProfile,
  useUserOrders,
  useMizanClient,
  useUserProfile,
  type MizanHydration,
  type QueryResult,
} from "./gen/shop/react/index";
import {
  callPing,
  createClient,
  type MizanClient,
  type Order,
  type Product,
  type SetNicknameArgs,
  type UserProfile,
  type ValidationReport,
  userContext,
} from "./gen/shop/stage1/index";

/** Options: disabled, keep-previous paging, select, focus, polling. */
function Options(): ReactElement {
  const [page, setPage] = useState(1);
  const [on, setOn] = useState(false);
  const me = useCurrentUser({ enabled: on, staleTime: 60_000 });
  const orders = useUserOrders(
    { page },
    { placeholderData: keepPreviousData, refetchOnWindowFocus: "always" },
  );
  const count: QueryResult<number> = useUserOrders(undefined, {
    select: (list) => list.length,
    refetchInterval: 10_000,
    retry: (failures, error) => failures < 2 && error.code !== "NOT_FOUND",
  });
  const emails = useUserProfile({ select: (p) => p.email.toUpperCase() });
  const upper: string | undefined = emails.data;
  return (
    <div>
      <button onClick={() => setOn(true)}>{me.isEnabled ? "on" : "off"}</button>
      <button onClick={() => setPage(page + 1)}>
        {orders.isPlaceholderData ? "loading" : orders.data?.length}
      </button>
      <p>{count.data?.toFixed(0)}</p>
      <p>{upper}</p>
      <p>{orders.fetchStatus}</p>
      <button onClick={() => void orders.refetch()}>reload</button>
    </div>
  );
}

/** Suspense: data is never undefined. */
function SuspenseProfile(): ReactElement {
  const profile: SuspenseQueryResult<UserProfile> = useUserProfileSuspense();
  const name = useUserProfileSuspense({ select: (p) => p.name ?? p.email });
  const email: string = profile.data.email;
  return (
    <p>
      {email} {name.data.length}
    </p>
  );
}

/** An optimistic nickname: written at once, put back when the server refuses. */
function Nickname({ user_id }: { user_id: number }): ReactElement {
  const client = useMizanClient();
  const nick: MutationResult<
    SetNicknameArgs,
    UserProfile,
    { previous: UserProfile | undefined }
  > = useSetNickname({
    onMutate: async ({ nickname }) => {
      await client.cache.cancel(userContext, { user_id });
      const previous = client.cache.get(userContext, { user_id })?.user_profile;
      client.cache.set(userContext, { user_id }, (old) =>
        old === undefined
          ? undefined
          : { ...old, user_profile: { ...old.user_profile, nickname } },
      );
      return { previous };
    },
    onError: (_error, _args, context) => {
      const previous = context?.previous;
      if (previous === undefined) return;
      client.cache.set(userContext, { user_id }, (old) =>
        old === undefined ? undefined : { ...old, user_profile: previous },
      );
    },
    onSettled: (data, error) => void [data?.nickname, error?.code],
  });
  return (
    <button
      onClick={() =>
        nick.mutate(
          { user_id, nickname: "ada" },
          { onSuccess: (profile) => void profile.nickname },
        )
      }
    >
      {nick.variables?.nickname} {nick.context?.previous?.nickname}
    </button>
  );
}

/** A query function read for its result, cached by its args. */
function Validate(): ReactElement {
  const [email, setEmail] = useState("");
  const report = useContactValidateQuery(
    { email, topic: "sales", body: "hello there" },
    { enabled: email !== "", select: (r) => r.ok, staleTime: 60_000 },
  );
  const ok: boolean | undefined = report.data;
  const full: ValidationReport = useContactValidateQuerySuspense({
    email: "a@b.co",
    topic: "support",
    body: "hello there",
  }).data;
  return (
    <input
      value={email}
      title={`${String(ok)} ${full.ok}`}
      onChange={(e) => setEmail(e.target.value)}
    />
  );
}

function Profile(): ReactElement {
  const profile: QueryResult<UserProfile> = useUserProfile();
  const orders = useUserOrders({ page: 2 });
  const update = useUpdateProfile();
  const first: Order | undefined = orders.data?.[0];
  if (profile.isPending) return <p>loading</p>;
  if (profile.error !== null) return <p>{profile.error.code}</p>;
  return (
    <section>
      <h1>{profile.data?.["created-at"]}</h1>
      <p>{first?.status ?? "no orders"}</p>
      <p>{orders.isFetching ? "refreshing" : orders.status}</p>
      <button onClick={() => update.mutate({ user_id: 5, name: "Ada" })}>
        rename
      </button>
      <button onClick={() => void profile.refetch()}>reload</button>
      {update.data !== undefined && <p>{update.data.email}</p>}
      {update.error !== null && <p>{update.error.message}</p>}
    </section>
  );
}

function Catalog(): ReactElement {
  const list = useProductList();
  const detail = useProductDetail({ slug: "mug" });
  const product: Product | null | undefined = detail.data;
  const place = usePlaceOrder();
  const ping = usePing();
  const buy = async (): Promise<number> => {
    const order = await place.mutateAsync({
      user_id: 5,
      lines: [{ product: "p-1", quantity: 1 }],
    });
    ping.mutate();
    return order.id;
  };
  return (
    <ul onClick={() => void buy()}>
      {(list.data ?? []).map((p) => (
        <li key={p.id}>{p.title}</li>
      ))}
      <li>{product?.price.amount}</li>
    </ul>
  );
}

function Chat(): ReactElement {
  const chat = useChatChannel({ room: "lobby" });
  const news = useAnnouncementsChannel();
  const last = chat.messages[chat.messages.length - 1];
  return (
    <div>
      <p>{chat.status}</p>
      <p>{last?.kind === "message" ? last.text : String(last?.user)}</p>
      <p>{news.messages.join(", ")}</p>
      <button onClick={() => chat.send({ text: "hello" })}>send</button>
    </div>
  );
}

function Contact(): ReactElement {
  const form = useContactForm({ topic: "sales" });
  return (
    <form onSubmit={() => void form.submit()}>
      <input
        value={form.values.email ?? ""}
        onChange={(e) => form.set("email", e.target.value)}
      />
      <p>{form.errors["email"]?.join(" ")}</p>
      <button onClick={() => form.set("topic", "support")}>support</button>
      <button onClick={() => void form.validate()}>check</button>
      <p>{form.isSubmitting ? "sending" : String(form.data ?? "")}</p>
      <p>{Object.keys(form.schema.fields).join(",")}</p>
    </form>
  );
}

function Site(): ReactElement {
  const site = useSiteConfig();
  return <h1>{site.data?.["support-email"]}</h1>;
}

/** On the server: one client per request, handed to the provider. */
export function ServerApp(props: {
  client: MizanClient;
  hydration: MizanHydration;
}): ReactElement {
  return (
    <MizanProvider client={props.client} hydration={props.hydration}>
      <Site />
    </MizanProvider>
  );
}

function Direct(): ReactElement {
  const client: MizanClient = useMizanClient();
  return <button onClick={() => void callPing(client)}>ping</button>;
}

export function App(props: { hydration: MizanHydration }): ReactElement {
  return (
    <MizanProvider
      baseUrl="/api/mizan"
      hydration={props.hydration}
      defaultQueryOptions={{ staleTime: 5_000, retry: 1 }}
    >
      <Site />
      <UserProvider user_id={5} overrides={{ user_orders: { page: 3 } }}>
        <Profile />
      </UserProvider>
      <CatalogProvider category="mugs">
        <Catalog />
      </CatalogProvider>
      <Chat />
      <Contact />
      <Direct />
      <UserProvider user_id={5}>
        <Options />
        <Suspense fallback={<p>loading</p>}>
          <SuspenseProfile />
        </Suspense>
        <Nickname user_id={5} />
      </UserProvider>
      <Suspense fallback={<p>checking</p>}>
        <Validate />
      </Suspense>
    </MizanProvider>
  );
}

export async function render(): Promise<MizanHydration> {
  const client = createClient({ baseUrl: "http://backend/api/mizan" });
  return prefetchHydration(client, { user: { user_id: 5 } });
}

export function Misuse(): ReactElement {
  const client = useMizanClient();
  const update = useUpdateProfile();
  const form = useContactForm();
  const profile = useUserProfile();
  const chat = useAnnouncementsChannel();
  // @ts-expect-error name is a required argument of update_profile
  update.mutate({ user_id: 5 });
  // @ts-expect-error user_id must be a number
  void update.mutateAsync({ user_id: "5", name: "Ada" });
  // @ts-expect-error UserProfile has no field `age`
  const age: unknown = profile.data?.age;
  // @ts-expect-error topic takes only the enum's values
  form.set("topic", "billing");
  // @ts-expect-error the form has no field `phone`
  form.set("phone", "555");
  // @ts-expect-error announcements only listens: send takes nothing
  chat.send("hello");
  // @ts-expect-error product_detail needs a slug
  useProductDetail({});
  // @ts-expect-error prefetchHydration needs the request's client
  void prefetchHydration({ user: { user_id: 5 } });
  const idle: boolean = update.isIdle && update.status === "idle";
  void [idle, update.isSuccess || profile.isError];
  // @ts-expect-error a query is never `idle`: pending, success or error
  void (profile.status === "idle");
  // @ts-expect-error select made the data a number, not a list of orders
  const orders: Order[] | undefined = useUserOrders(undefined, {
    select: (list) => list.length,
  }).data;
  // @ts-expect-error `enabled` is a boolean
  useUserProfile({ enabled: "yes" });
  // @ts-expect-error no such option
  useSiteConfig({ suspense: true });
  // @ts-expect-error select gets the function's result, not the bundle
  useUserProfile({ select: (bundle) => bundle.user_orders });
  // @ts-expect-error a suspense hook is never disabled
  useUserProfileSuspense({ enabled: false });
  // @ts-expect-error the key's params: user_id is a number
  client.cache.set(userContext, { user_id: "5" }, undefined);
  // @ts-expect-error the cached value is the context's bundle
  client.cache.set(userContext, { user_id: 5 }, { user_profile: 1 });
  const userCache = useUserCache();
  const cached: UserProfile | undefined = userCache.get({
    user_id: 5,
  })?.user_profile;
  void [cached, userCache.invalidate(), useGlobalCache().cancel()];
  // @ts-expect-error the user cache's params need a user_id
  userCache.set({}, undefined);
  // @ts-expect-error the query's args: topic takes only the enum's values
  useContactValidateQuery({ email: "a@b.co", topic: "billing", body: "x" });
  // @ts-expect-error onMutate gets the call's args
  useUpdateProfile({ onMutate: (args: { id: string }) => args });
  // @ts-expect-error placeholderData is a result of the function, not a number
  useUserOrders(undefined, { placeholderData: 3 });
  return (
    <div>
      {String(age)}
      {String(orders)}
      {/* @ts-expect-error user_id is a required prop of UserProvider */}
      <UserProvider>
        <p />
      </UserProvider>
      {/* @ts-expect-error page must be a number */}
      <UserProvider user_id={5} page="2">
        <p />
      </UserProvider>
    </div>
  );
}
