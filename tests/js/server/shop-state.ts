//! The shop's in-memory store, seeded deterministically so tests can predict every fetch.

export interface Money {
  amount: string;
  currency: string;
}
export interface UserProfile {
  id: number;
  email: string;
  name?: string;
  nickname: string | null;
  tags: string[];
  role: "admin" | "member" | "read-only";
  "created-at": string;
  avatar: string | null;
}
export interface Product {
  id: string;
  slug: string;
  title: string;
  price: Money;
  stock: number;
  rating: number | null;
  attributes: Record<string, string>;
}
export interface Order {
  id: number;
  status: "pending" | "paid" | "shipped" | "cancelled";
  lines: { product: string; quantity: number }[];
  placed: string;
  "delivery-window": string | null;
  total: Money;
}
export interface Message {
  id: number;
  room: string;
  text: string;
  "sent-at": string;
}

/** Everything a mutation can change. */
export interface ShopState {
  users: Map<number, UserProfile>;
  orders: Map<number, Order[]>;
  products: Product[];
  messages: Message[];
  documents: Map<number, number>;
  /** Reaction counts by product id, keyed by GitHub's wire names. */
  reactions: Map<string, { "+1": number; "-1": number }>;
  nextOrderId: number;
  /** Ticks once per timestamp handed out, so times are deterministic. */
  clock: number;
}

const EPOCH = Date.UTC(2024, 0, 1);

/** The next deterministic timestamp (one second apart). */
export function tick(state: ShopState): string {
  return new Date(EPOCH + 1000 * state.clock++)
    .toISOString()
    .replace(".000Z", "Z");
}

function user(
  id: number,
  email: string,
  name: string,
  role: UserProfile["role"],
): UserProfile {
  return {
    id,
    email,
    name,
    nickname: null,
    tags: [],
    role,
    "created-at": "2023-06-01T12:00:00Z",
    avatar: null,
  };
}

function product(
  n: number,
  slug: string,
  title: string,
  amount: string,
  category: string,
): Product {
  const id = `00000000-0000-4000-8000-00000000000${n}`;
  return {
    id,
    slug,
    title,
    price: { amount, currency: "EUR" },
    stock: 10 * n,
    rating: n === 3 ? null : 4.5,
    attributes: { category },
  };
}

/** A fresh store: users 1, 5 and 6; three products; two orders for user 5, one for user 6. */
export function seed(): ShopState {
  const products = [
    product(1, "red-mug", "Red mug", "12.50", "kitchen"),
    product(2, "blue-teapot", "Blue teapot", "39.00", "kitchen"),
    product(3, "desk-lamp", "Desk lamp", "59.90", "office"),
  ];
  const order = (
    id: number,
    status: Order["status"],
    productIndex: number,
    quantity: number,
  ): Order => {
    const p = products[productIndex]!;
    const total = {
      amount: (Number(p.price.amount) * quantity).toFixed(2),
      currency: "EUR",
    };
    return {
      id,
      status,
      lines: [{ product: p.id, quantity }],
      placed: "2024-02-01",
      "delivery-window": null,
      total,
    };
  };
  return {
    users: new Map([
      [1, user(1, "admin@shop.example", "Admin", "admin")],
      [5, user(5, "ada@shop.example", "Ada", "member")],
      [6, user(6, "grace@shop.example", "Grace", "member")],
    ]),
    orders: new Map([
      [5, [order(101, "paid", 0, 2), order(102, "shipped", 1, 1)]],
      [6, [order(103, "pending", 2, 1)]],
    ]),
    products,
    messages: [],
    documents: new Map(),
    reactions: new Map(),
    nextOrderId: 200,
    clock: 0,
  };
}
