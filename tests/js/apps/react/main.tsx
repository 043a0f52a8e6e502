// The shop app the React e2e test drives: every kind of generated hook,
// against the live protocol server. `./gen/react` is the generated React
// output for fixtures/valid/shop.kdl, laid beside this file in a fresh app
// folder by tests/react/e2e.rs.
import { useEffect, useState, type ReactElement } from "react";
import { createRoot } from "react-dom/client";
import {
  CatalogProvider,
  MizanProvider,
  UserProvider,
  useAnnouncementsChannel,
  useChatChannel,
  useContactForm,
  useProductList,
  useSiteConfig,
  useUpdateProfile,
  useUploadAvatar,
  useUserOrders,
  useUserProfile,
  type MizanHydration,
} from "./gen/react/index.js";
import { createClient } from "./gen/stage1/index.js";

function Site(): ReactElement {
  const site = useSiteConfig();
  return <h1 data-testid="site-name">{site.data?.name ?? "…"}</h1>;
}

function Profile({ id }: { id: number }): ReactElement {
  const profile = useUserProfile();
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
  const list = useProductList();
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
  const start = (name: string) => () =>
    rename.mutate({ user_id: 6, name });
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

const bearer = createClient({
  headers: () => ({ Authorization: "Bearer test-token" }),
});

function App({ hydration }: { hydration: MizanHydration }): ReactElement {
  return (
    <MizanProvider hydration={hydration}>
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
      <MizanProvider client={bearer} session={false}>
        <ChatBox />
      </MizanProvider>
    </MizanProvider>
  );
}

const hydration = (globalThis as { __MIZAN__?: MizanHydration }).__MIZAN__;
createRoot(document.getElementById("root")!).render(
  <App hydration={hydration ?? {}} />,
);
