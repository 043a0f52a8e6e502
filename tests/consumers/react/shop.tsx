// A hand-written consumer of the generated React bindings for the shop
// fixture. It must type-check; each line marked as an expected error must be
// one (tests/react proves it).
import type { ReactElement } from "react";
import {
  CatalogProvider,
  MizanProvider,
  UserProvider,
  prefetchHydration,
  useAnnouncementsChannel,
  useChatChannel,
  useContactForm,
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
  type UserProfile,
} from "./gen/shop/stage1/index";

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
    <MizanProvider baseUrl="/api/mizan" hydration={props.hydration}>
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
    </MizanProvider>
  );
}

export async function render(): Promise<MizanHydration> {
  const client = createClient({ baseUrl: "http://backend/api/mizan" });
  return prefetchHydration(client, { user: { user_id: 5 } });
}

export function Misuse(): ReactElement {
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
  return (
    <div>
      {String(age)}
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
