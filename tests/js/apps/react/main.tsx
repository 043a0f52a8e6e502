// The shop app the React e2e test drives: every kind of generated hook,
// against the live protocol server. `./gen/react` is the generated React
// output for fixtures/valid/shop.kdl, laid beside this file in a fresh app
// folder by tests/react/e2e.rs.
import {
  Component,
  Suspense,
  useEffect,
  useState,
  type ReactElement,
  type ReactNode,
} from "react";
import { createRoot } from "react-dom/client";
import {
  CatalogProvider,
  MizanProvider,
  UserProvider,
  keepPreviousData,
  useAnnouncementsChannel,
  useChatChannel,
  useContactForm,
  useContactValidateQuery,
  useContactValidateQuerySuspense,
  useProductList,
  useSetNickname,
  useSiteConfig,
  useUpdateProfile,
  useUploadAvatar,
  useUserCache,
  useUserOrders,
  useUserProfile,
  useUserProfileSuspense,
  type MizanHydration,
} from "./gen/react/index.js";
import { createClient } from "./gen/stage1/index.js";

function Site(): ReactElement {
  // The site's settings are not refetched when the window regains focus.
  const site = useSiteConfig({ refetchOnWindowFocus: false });
  return <h1 data-testid="site-name">{site.data?.name ?? "…"}</h1>;
}

function Profile({ id }: { id: number }): ReactElement {
  // Opts in to what the provider's defaults turn off.
  const profile = useUserProfile({ refetchOnWindowFocus: true });
  const orders = useUserOrders();
  const rename = useUpdateProfile();
  const upload = useUploadAvatar();
  const fetching = profile.isFetching || orders.isFetching;
  return (
    <section data-testid={`profile-${id}`} data-fetching={String(fetching)}>
      <p data-testid="status">{profile.status}</p>
      {profile.error !== null && (
        <p data-testid="error">{profile.error.code}</p>
      )}
      <p data-testid="email">{profile.data?.email}</p>
      <p data-testid="name">{profile.data?.name}</p>
      <p data-testid="avatar">{profile.data?.avatar ?? "no avatar"}</p>
      <p data-testid="orders">{orders.data?.length ?? "…"}</p>
      <button
        data-testid="rename"
        onClick={() => rename.mutate({ user_id: id, name: "Ada Lovelace" })}
      >
        rename
      </button>
      <button
        data-testid="upload"
        onClick={() =>
          upload.mutate({
            user_id: id,
            file: new File(["png"], "me.png", { type: "image/png" }),
          })
        }
      >
        upload
      </button>
      <p data-testid="mutation">
        {rename.status}/{upload.status}
      </p>
    </section>
  );
}

function Products(): ReactElement {
  const list = useProductList(undefined, { refetchOnWindowFocus: true });
  return (
    <ul data-testid="products">
      {(list.data ?? []).map((p) => (
        <li key={p.id}>{p.title}</li>
      ))}
    </ul>
  );
}

function News(): ReactElement {
  const news = useAnnouncementsChannel();
  return <p data-testid="news">{news.messages.join(" | ")}</p>;
}

// The `send` of a channel whose component is gone: it must throw, typed.
let leftSend: ((message: never) => void) | null = null;

function Ticker(): ReactElement {
  const news = useAnnouncementsChannel({ buffer: 1 });
  leftSend = news.send;
  return (
    <p data-testid="ticker">
      {news.status} {news.messages.length}
    </p>
  );
}

function TickerBox(): ReactElement {
  const [shown, setShown] = useState(true);
  const [after, setAfter] = useState("");
  const sendAfterLeaving = (): void => {
    try {
      leftSend?.(undefined as never);
      setAfter("sent");
    } catch (error) {
      const { name, code, message } = error as MizanErrorLike;
      setAfter(`${name} ${code}: ${message}`);
    }
  };
  return (
    <div>
      {shown ? <Ticker /> : null}
      <button data-testid="ticker-leave" onClick={() => setShown(false)}>
        leave
      </button>
      <button data-testid="ticker-send" onClick={sendAfterLeaving}>
        send
      </button>
      <p data-testid="ticker-after">{after}</p>
    </div>
  );
}

interface MizanErrorLike {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

function Contact(): ReactElement {
  const form = useContactForm({ topic: "sales" });
  const [sent, setSent] = useState("not sent");
  const errors = (field: string): string => form.errors[field]?.join(" ") ?? "";
  return (
    <form
      data-testid="contact"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit().then((ok) => setSent(String(ok)));
      }}
    >
      <input
        data-testid="email-input"
        value={form.values.email ?? ""}
        onChange={(e) => form.set("email", e.target.value)}
      />
      <p data-testid="email-errors">{errors("email")}</p>
      <textarea
        data-testid="body-input"
        value={form.values.body ?? ""}
        onChange={(e) => form.set("body", e.target.value)}
      />
      <p data-testid="body-errors">{errors("body")}</p>
      <button data-testid="submit" type="submit">
        send
      </button>
      <p data-testid="sent">{sent}</p>
    </form>
  );
}

// `set` then `submit()` in one handler: submit must send the values just set.
function QuickContact(): ReactElement {
  const form = useContactForm({ topic: "support" });
  const [sent, setSent] = useState("not sent");
  const send = (): void => {
    form.set("email", "grace@shop.example");
    form.set("body", "Set and sent in one handler.");
    void form.submit().then((ok) => setSent(String(ok)));
  };
  return (
    <div>
      <button data-testid="quick-send" onClick={send}>
        send
      </button>
      <p data-testid="quick-sent">{sent}</p>
      <p data-testid="quick-errors">{JSON.stringify(form.errors)}</p>
    </div>
  );
}

// Two concurrent calls of one mutation: the older one answers last.
function Racer(): ReactElement {
  const rename = useUpdateProfile();
  const start = (name: string) => () => rename.mutate({ user_id: 6, name });
  return (
    <div>
      <button data-testid="race-old" onClick={start("Old Name")}>
        old
      </button>
      <button data-testid="race-new" onClick={start("New Name")}>
        new
      </button>
      <p data-testid="race">
        {rename.status} {String(rename.isPending)} {rename.data?.name ?? "-"}
      </p>
    </div>
  );
}

// Sends before the socket is open (from its first effect), over a client of
// its own signed in with a bearer token (`chat` needs auth), with the
// default buffer.
function ChatBox(): ReactElement {
  const chat = useChatChannel({ room: "react" });
  const { send } = chat;
  useEffect(() => {
    for (let i = 1; i <= 103; i++) send({ text: `m${i}` });
  }, [send]);
  const texts = chat.messages.map((m) =>
    m.kind === "message" ? m.text : m.kind,
  );
  return (
    <p data-testid="chat">
      {chat.status} {texts.length} {texts[0]} {texts[texts.length - 1]}
    </p>
  );
}

// A disabled query: nothing is fetched until it is enabled.
function Disabled(): ReactElement {
  const [enabled, setEnabled] = useState(false);
  const profile = useUserProfile({ enabled });
  return (
    <div>
      <button data-testid="enable" onClick={() => setEnabled(true)}>
        enable
      </button>
      <p data-testid="disabled">
        {profile.status} {String(profile.isEnabled)}{" "}
        {profile.data?.email ?? "-"}
      </p>
    </div>
  );
}

// Paging with the previous page shown while the next one loads; `select`.
function Paging(): ReactElement {
  const [page, setPage] = useState(1);
  const orders = useUserOrders({ page }, { placeholderData: keepPreviousData });
  const count = useUserOrders(undefined, {
    select: (list) => list.length,
  });
  return (
    <div>
      <button data-testid="next-page" onClick={() => setPage((p) => p + 1)}>
        next
      </button>
      <p data-testid="paging">
        {page} {String(orders.isPlaceholderData)} {orders.data?.length ?? "-"}
      </p>
      <p data-testid="order-count">
        {typeof count.data} {count.data}
      </p>
    </div>
  );
}

function SuspenseEmail(): ReactElement {
  const profile = useUserProfileSuspense({ select: (p) => p.email });
  return <p data-testid="suspense-data">{profile.data}</p>;
}

function SuspenseValidation(): ReactElement {
  const report = useContactValidateQuerySuspense({
    email: "grace@shop.example",
    topic: "support",
    body: "Suspended until checked.",
  });
  return <p data-testid="suspense-validate">{String(report.data.ok)}</p>;
}

interface BoundaryState {
  readonly error: MizanErrorLike | null;
}

class Boundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { error: null };
  static getDerivedStateFromError(error: MizanErrorLike): BoundaryState {
    return { error };
  }
  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return <p data-testid="boundary">{error.code}</p>;
  }
}

// Suspense hooks, mounted on demand: a fallback, then the data; an unknown
// user's error goes to the error boundary.
function SuspenseBox(): ReactElement {
  const [shown, setShown] = useState(false);
  return (
    <div>
      <button data-testid="suspense-show" onClick={() => setShown(true)}>
        show
      </button>
      {shown && (
        <>
          <Suspense fallback={<p data-testid="suspense-wait">loading</p>}>
            <UserProvider user_id={1}>
              <SuspenseEmail />
            </UserProvider>
          </Suspense>
          <Suspense fallback={<p data-testid="validate-wait">loading</p>}>
            <SuspenseValidation />
          </Suspense>
          <Boundary>
            <Suspense fallback={<p data-testid="missing-wait">loading</p>}>
              <UserProvider user_id={404}>
                <SuspenseEmail />
              </UserProvider>
            </Suspense>
          </Boundary>
        </>
      )}
    </div>
  );
}

// An optimistic update: the nickname shows at once; the server's refusal
// puts the previous one back, its acceptance is merged (no refetch).
function Nickname(): ReactElement {
  const cache = useUserCache();
  const profile = useUserProfile();
  const nick = useSetNickname({
    onMutate: async ({ user_id, nickname }) => {
      await cache.cancel({ user_id });
      const previous = cache.get({ user_id });
      cache.set({ user_id }, (old) =>
        old === undefined
          ? undefined
          : { ...old, user_profile: { ...old.user_profile, nickname } },
      );
      return { previous };
    },
    onError: (_error, { user_id }, context) => {
      cache.set({ user_id }, context?.previous);
    },
  });
  const set = (nickname: string) => () => nick.mutate({ user_id: 5, nickname });
  return (
    <div>
      <button data-testid="nick-good" onClick={set("Countess")}>
        good
      </button>
      <button data-testid="nick-bad" onClick={set("x".repeat(41))}>
        bad
      </button>
      <p data-testid="nickname">{profile.data?.nickname ?? "none"}</p>
      <p data-testid="nick-status">
        {nick.status} {nick.error?.code ?? "-"}
      </p>
    </div>
  );
}

// A query function read for its result: two readers of the same args share
// one request; args seen before (and fresh) are not requested again.
function Validation({ email, id }: { email: string; id: string }) {
  const report = useContactValidateQuery(
    { email, topic: "sales", body: "Hello there, team!" },
    {
      staleTime: 60_000,
      select: (r) => (r.ok ? "ok" : Object.keys(r.errors).join(",")),
    },
  );
  return <p data-testid={id}>{report.data ?? "…"}</p>;
}

function Search(): ReactElement {
  const [email, setEmail] = useState("ada@shop.example");
  return (
    <div>
      <button data-testid="search-bad" onClick={() => setEmail("nope")}>
        bad
      </button>
      <button
        data-testid="search-good"
        onClick={() => setEmail("ada@shop.example")}
      >
        good
      </button>
      <Validation email={email} id="search-a" />
      <Validation email={email} id="search-b" />
    </div>
  );
}

// Binding lifecycle: a client whose focus environment counts its listeners
// (`window.__FOCUS_LISTENERS__()`), and a profile the test mounts and
// unmounts with a button. While the profile is shown its observer holds the
// client's one focus listener; after unmount the count must be back at zero.
const focusListeners = new Set<() => void>();
(globalThis as { __FOCUS_LISTENERS__?: () => number }).__FOCUS_LISTENERS__ =
  () => focusListeners.size;
const counted = createClient({
  headers: () => ({ Authorization: "Bearer test-token" }),
  environment: {
    onFocus: (listener) => {
      focusListeners.add(listener);
      return () => void focusListeners.delete(listener);
    },
    onOnline: () => () => undefined,
    isFocused: () => true,
  },
});

function LifecycleProfile(): ReactElement {
  const profile = useUserProfile();
  const orders = useUserOrders();
  return (
    <p data-testid="life-email">
      {profile.data?.email ?? "loading"} {orders.data?.length ?? "-"}
    </p>
  );
}

// After a switch from user 6 to user 1, user 6's entry changed and
// invalidated shows nowhere and is not refetched (nobody watches it).
function ChangeOldUser(): ReactElement {
  const cache = useUserCache();
  const change = async () => {
    cache.set({ user_id: 6 }, (old) =>
      old === undefined
        ? old
        : {
            ...old,
            user_profile: {
              ...old.user_profile,
              email: "changed@shop.example",
            },
          },
    );
    await cache.invalidate({ user_id: 6 });
  };
  return (
    <button data-testid="life-change-old" onClick={() => void change()}>
      change user 6
    </button>
  );
}

function Lifecycle(): ReactElement {
  const [shown, setShown] = useState(false);
  const [userId, setUserId] = useState(6);
  return (
    <div>
      <button data-testid="life-toggle" onClick={() => setShown((s) => !s)}>
        toggle
      </button>
      <button data-testid="life-switch" onClick={() => setUserId(1)}>
        user 1
      </button>
      <ChangeOldUser />
      {shown && (
        <UserProvider user_id={userId}>
          <LifecycleProfile />
        </UserProvider>
      )}
    </div>
  );
}

const bearer = createClient({
  headers: () => ({ Authorization: "Bearer test-token" }),
});

function App({ hydration }: { hydration: MizanHydration }): ReactElement {
  return (
    <MizanProvider
      hydration={hydration}
      defaultQueryOptions={{ refetchOnWindowFocus: false }}
    >
      <Site />
      {[5, 6, 999].map((id) => (
        <UserProvider key={id} user_id={id}>
          <Profile id={id} />
        </UserProvider>
      ))}
      <CatalogProvider>
        <Products />
      </CatalogProvider>
      <News />
      <TickerBox />
      <Contact />
      <QuickContact />
      <Racer />
      <UserProvider user_id={1}>
        <Disabled />
      </UserProvider>
      <UserProvider user_id={5}>
        <Paging />
        <Nickname />
      </UserProvider>
      <SuspenseBox />
      <Search />
      <MizanProvider client={bearer} session={false}>
        <ChatBox />
      </MizanProvider>
      <MizanProvider client={counted} session={false}>
        <Lifecycle />
      </MizanProvider>
    </MizanProvider>
  );
}

const hydration = (globalThis as { __MIZAN__?: MizanHydration }).__MIZAN__;
// Errors an error boundary caught: React would log them as console errors
// (which fail the test); the page keeps them for the test instead.
const caught: string[] = [];
(globalThis as { __CAUGHT__?: string[] }).__CAUGHT__ = caught;
createRoot(document.getElementById("root")!, {
  onCaughtError: (error) => caught.push(String(error)),
}).render(<App hydration={hydration ?? {}} />);
