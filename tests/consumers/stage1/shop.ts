// A hand-written consumer of the generated stage1 client for the shop
// fixture. It must type-check; every `@ts-expect-error` line must be an error.
import {
  callPlaceOrder,
  callPing,
  callSendMessage,
  callUpdateProfile,
  callUploadAvatar,
  contactForm,
  createClient,
  fetchCatalog,
  fetchGlobal,
  fetchUser,
  invalidationGraph,
  subscribeAnnouncements,
  subscribeChat,
  type ChatOut,
  type LinkNotice,
  type Notice,
  type MizanClient,
  type Order,
  type Role,
  type UserBundle,
  type UserProfile,
} from "./gen/shop/index";

export async function useTheClient(): Promise<string[]> {
  const seen: string[] = [];
  const client: MizanClient = createClient({ headers: () => ({ Authorization: "Bearer t" }) });
  const profile: UserProfile = await callUpdateProfile(client, { user_id: 5, name: "Ada" });
  const role: Role = profile.role;
  seen.push(role, profile["created-at"], profile.nickname ?? "no nickname");

  const bundle: UserBundle = await fetchUser(client, { user_id: 5, page: 2 });
  const orders: Order[] = bundle.user_orders;
  const first = orders[0];
  seen.push(first ? first.status : "none");

  const site = await fetchGlobal(client);
  seen.push(site.site_config.name, site.current_user?.email ?? "anonymous");

  const catalog = await fetchCatalog(client, {});
  seen.push(String(catalog.product_list.length));

  const order = await callPlaceOrder(client, { user_id: 5, lines: [{ product: "p-1", quantity: 2 }] });
  seen.push(order.total.amount);

  await callUploadAvatar(client, { user_id: 5, file: new Blob(["x"]) });
  const message = await callSendMessage(client, { room: "lobby", text: "hi" });
  seen.push(message["sent-at"]);
  const pong: null = await callPing(client);
  seen.push(String(pong));

  const chat = subscribeChat(client, { room: "lobby" }, (m: ChatOut) => {
    seen.push(m.kind === "message" ? m.text : String(m.user));
  });
  chat.send({ text: "hello" });
  chat.close();
  const news = subscribeAnnouncements(client, (text: string) => seen.push(text));
  news.close();

  seen.push(contactForm.submit, String(invalidationGraph.update_profile.affects.length));

  // An OpenAPI-style union: each variant declares `kind` itself (a string, an
  // enum), and the union's tag still narrows.
  const notices: Notice[] = [{ kind: "text", text: "hi" }, { kind: "link", url: "/sale", title: null }];
  for (const notice of notices) {
    if (notice.kind === "link") {
      const link: LinkNotice = notice;
      const tag: "link" = notice.kind;
      seen.push(link.url, tag);
    } else {
      const tag: "text" = notice.kind;
      seen.push(notice.text, tag);
    }
  }
  // @ts-expect-error a variant's own `kind: string` does not widen the union's tag
  notices.push({ kind: "video", text: "hi" });

  // @ts-expect-error user_id must be a number
  await fetchUser(client, { user_id: "5" });
  // @ts-expect-error user_id is required
  await fetchUser(client, { page: 1 });
  // @ts-expect-error UserProfile has no field `age`
  seen.push(String(profile.age));
  // @ts-expect-error `name` is optional in a response (`role`, with a default, is not): narrow it first
  seen.push(profile.name.toUpperCase());
  // @ts-expect-error name is a required argument
  await callUpdateProfile(client, { user_id: 5 });
  // @ts-expect-error announcements only listens: send takes nothing
  news.send("hello");
  // @ts-expect-error the client comes first
  await fetchUser({ user_id: 5 });
  // @ts-expect-error createClient takes client options, not a base URL string
  createClient("/api");
  return seen;
}
