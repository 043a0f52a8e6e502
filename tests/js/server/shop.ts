//! `fixtures/valid/shop.kdl` implemented: every client-callable function, its params,
//! auth, affects and merge exactly as the fixture declares them.

import {
  ApiError,
  validateArgs,
  type Api,
  type CallContext,
  type FnSpec,
} from "./api.js";
import { shopSchema } from "./shop-schema.js";
import {
  seed,
  tick,
  type Order,
  type ShopState,
  type UserProfile,
} from "./shop-state.js";
import type { Upload } from "./types.js";

export { seed, type ShopState };

type Ctx = CallContext<ShopState>;
type Args = Record<string, unknown>;

const PAGE_SIZE = 10;

function findUser(state: ShopState, id: unknown): UserProfile {
  const user = state.users.get(id as number);
  if (user === undefined)
    throw new ApiError("NOT_FOUND", `no user ${String(id)}`);
  return user;
}

function contactParams(): FnSpec<ShopState>["params"] {
  return {
    email: { type: "string", format: "email" },
    topic: { type: "Topic" },
    body: { type: "string", minLength: 10 },
  };
}

function placeOrder(args: Args, { state }: Ctx): Order {
  const user = findUser(state, args["user_id"]);
  const lines = args["lines"] as { product: string; quantity: number }[];
  let cents = 0;
  const errors: {
    type: string;
    loc: (string | number)[];
    msg: string;
    input: unknown;
  }[] = [];
  for (const [i, line] of lines.entries()) {
    const product = state.products.find((p) => p.id === line.product);
    if (product === undefined)
      errors.push({
        type: "value_error",
        loc: ["lines", i, "product"],
        msg: "no such product",
        input: line.product,
      });
    else if (product.stock < line.quantity)
      errors.push({
        type: "value_error",
        loc: ["lines", i, "quantity"],
        msg: `only ${product.stock} in stock`,
        input: line.quantity,
      });
    else
      cents += Math.round(Number(product.price.amount) * 100) * line.quantity;
  }
  // The args are never empty here: the reference adapter's list shape.
  if (errors.length > 0)
    throw new ApiError("VALIDATION_ERROR", "invalid order", { errors });
  for (const line of lines)
    state.products.find((p) => p.id === line.product)!.stock -= line.quantity;
  const order: Order = {
    id: state.nextOrderId++,
    status: "pending",
    lines: lines.map((l) => ({ product: l.product, quantity: l.quantity })),
    placed: tick(state).slice(0, 10),
    "delivery-window": null,
    total: { amount: (cents / 100).toFixed(2), currency: "EUR" },
  };
  state.orders.set(user.id, [...(state.orders.get(user.id) ?? []), order]);
  return order;
}

const functions: Record<string, FnSpec<ShopState>> = {
  site_config: {
    context: "global",
    params: {},
    returns: "SiteConfig",
    run: () => ({
      name: "Shop",
      "support-email": "help@shop.example",
      features: ["chat", "uploads"],
    }),
  },
  current_user: {
    context: "global",
    params: {},
    returns: "CurrentUser?",
    run: (_args, { authenticated }) =>
      authenticated
        ? { id: 5, email: "ada@shop.example", "is-staff": false }
        : null,
  },
  user_profile: {
    context: "user",
    params: { user_id: { type: "int" } },
    returns: "UserProfile",
    run: (args, { state }) => findUser(state, args["user_id"]),
  },
  user_orders: {
    context: "user",
    params: {
      user_id: { type: "int" },
      page: { type: "int", optional: true },
      status: { type: "OrderStatus", optional: true },
    },
    returns: "list<Order>",
    run: (args, { state }) => {
      const user = findUser(state, args["user_id"]);
      const page = (args["page"] as number | undefined) ?? 1;
      const all = (state.orders.get(user.id) ?? []).filter(
        (o) => args["status"] === undefined || o.status === args["status"],
      );
      return all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    },
  },
  product_list: {
    context: "catalog",
    params: { category: { type: "string?", optional: true } },
    returns: "list<Product>",
    run: (args, { state }) =>
      state.products.filter(
        (p) =>
          args["category"] == null ||
          p.attributes["category"] === args["category"],
      ),
  },
  product_detail: {
    context: "catalog",
    params: { slug: { type: "string", format: "slug" } },
    returns: "Product?",
    run: (args, { state }) =>
      state.products.find((p) => p.slug === args["slug"]) ?? null,
  },
  update_profile: {
    auth: true,
    params: {
      user_id: { type: "int" },
      name: { type: "string", maxLength: 100 },
    },
    returns: "UserProfile",
    affects: [
      { name: "user", kind: "context" },
      { name: "user_orders", kind: "function" },
    ],
    merge: ["user"],
    run: (args, { state }) => {
      const user = findUser(state, args["user_id"]);
      user.name = args["name"] as string;
      return user;
    },
  },
  set_nickname: {
    auth: true,
    params: {
      user_id: { type: "int" },
      nickname: { type: "string?", maxLength: 40 },
    },
    returns: "UserProfile",
    affects: [],
    merge: ["user"],
    run: (args, { state }) => {
      const user = findUser(state, args["user_id"]);
      user.nickname = args["nickname"] as string | null;
      return user;
    },
  },
  upload_avatar: {
    auth: true,
    params: {
      user_id: { type: "int" },
      file: { type: "upload" },
      caption: { type: "string", optional: true },
    },
    returns: "UserProfile",
    affects: [{ name: "user", kind: "context" }],
    run: (args, { state }) => {
      const user = findUser(state, args["user_id"]);
      const file = args["file"] as Upload;
      user.avatar = `https://cdn.shop.example/avatars/${user.id}/${encodeURIComponent(file.filename)}?size=${file.size}`;
      return user;
    },
  },
  attach_documents: {
    auth: true,
    params: { order_id: { type: "int" }, files: { type: "list<upload>" } },
    returns: "int",
    run: (args, { state }) => {
      const id = args["order_id"] as number;
      if (
        ![...state.orders.values()].some((orders) =>
          orders.some((o) => o.id === id),
        )
      ) {
        throw new ApiError("NOT_FOUND", `no order ${id}`);
      }
      const total =
        (state.documents.get(id) ?? 0) + (args["files"] as Upload[]).length;
      state.documents.set(id, total);
      return total;
    },
  },
  place_order: {
    auth: true,
    params: {
      user_id: { type: "int" },
      lines: { type: "list<OrderLine>", minLength: 1 },
      note: { type: "string?", optional: true },
    },
    returns: "Order",
    affects: [
      { name: "user_orders", kind: "function" },
      { name: "catalog", kind: "context" },
    ],
    run: placeOrder,
  },
  send_message: {
    auth: true,
    params: {
      room: { type: "string" },
      text: { type: "string", maxLength: 2000 },
    },
    returns: "Message",
    run: (args, ctx) =>
      postMessage(ctx, args["room"] as string, args["text"] as string),
  },
  ping: { params: {}, run: () => null },
  react: {
    params: {
      product: { type: "ProductId" },
      reaction: { type: "Reaction" },
    },
    returns: "Reactions",
    run: (args, { state }) => {
      const product = args["product"] as string;
      const counts = state.reactions.get(product) ?? { "+1": 0, "-1": 0 };
      counts[args["reaction"] as "+1" | "-1"] += 1;
      state.reactions.set(product, counts);
      return counts;
    },
  },
  notice_board: {
    params: {},
    returns: "list<Notice>",
    run: () => [
      { kind: "text", text: "Free shipping this week" },
      {
        kind: "link",
        url: "https://shop.example/sale",
        title: "The summer sale",
      },
      { kind: "link", url: "https://shop.example/faq", title: null },
    ],
  },
  pin_notice: {
    params: { notice: { type: "Notice" } },
    returns: "Notice",
    run: (args) => args["notice"],
  },
  "contact.schema": {
    params: {},
    returns: "json",
    run: () => ({
      type: "object",
      required: ["email", "topic", "body"],
      properties: contactParams(),
    }),
  },
  "contact.validate": {
    params: contactParams(),
    returns: "ValidationReport",
    selfValidating: true,
    run: (args) => {
      try {
        validateArgs(
          { params: contactParams(), run: () => null },
          args,
          shopSchema,
        );
        return { ok: true, errors: {} };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return {
          ok: false,
          errors: error.fieldMessages(),
        };
      }
    },
  },
  "contact.submit": {
    params: contactParams(),
    returns: "bool",
    run: () => true,
  },
};

/** Stores a chat message and sends it to the room's `chat` subscribers as a `ChatOut`. */
export function postMessage(ctx: Ctx, room: string, text: string): unknown {
  const state = ctx.state;
  const message = {
    id: state.messages.length + 1,
    room,
    text,
    "sent-at": tick(state),
  };
  state.messages.push(message);
  ctx.broadcast("chat", { room }, { kind: "message", ...message });
  return message;
}

/** The shop backend. `stripe_webhook` (private) and `profile_page` (view) are routes, not calls. */
export const shop: Api<ShopState> = { schema: shopSchema, functions };

/** The fixture's channels: auth, params and the message pushed on subscribe. */
export const channels: Readonly<
  Record<string, { auth: boolean; params: readonly string[]; welcome?: string }>
> = {
  chat: { auth: true, params: ["room"] },
  announcements: { auth: false, params: [], welcome: "Welcome to the shop" },
};

/** `stripe_webhook` (private, `POST /webhooks/stripe/`): tags the user and invalidates their page. */
export const stripeWebhook: FnSpec<ShopState> = {
  params: { user_id: { type: "int" } },
  affects: [{ name: "user", kind: "context" }],
  run: (args, { state }) => {
    findUser(state, args["user_id"]).tags.push("paid");
    return null;
  },
};
