//! The named types of `fixtures/valid/shop.kdl`, field by field (wire names).

import type { Schema } from "./types.js";

export const shopSchema: Schema = {
  records: {
    SiteConfig: {
      name: { type: "string" },
      "support-email": { type: "string", format: "email" },
      features: { type: "list<string>" },
    },
    CurrentUser: {
      id: { type: "int" },
      email: { type: "string", format: "email" },
      "is-staff": { type: "bool" },
    },
    UserProfile: {
      id: { type: "int" },
      email: { type: "string", format: "email", maxLength: 254 },
      name: { type: "string", optional: true },
      nickname: { type: "string?" },
      tags: { type: "list<string>" },
      role: { type: "Role" },
      "created-at": { type: "datetime" },
      avatar: { type: "string?", format: "url" },
    },
    Money: {
      amount: { type: "decimal" },
      currency: {
        type: "string",
        minLength: 3,
        maxLength: 3,
        pattern: /^[A-Z]{3}$/,
      },
    },
    Product: {
      id: { type: "uuid" },
      slug: { type: "string", format: "slug" },
      title: { type: "string" },
      price: { type: "Money" },
      stock: { type: "int", min: 0 },
      rating: { type: "float?", min: 0, max: 5 },
      attributes: { type: "map<string>" },
    },
    Order: {
      id: { type: "int" },
      status: { type: "OrderStatus" },
      lines: { type: "list<OrderLine>" },
      placed: { type: "date" },
      "delivery-window": { type: "time?" },
      total: { type: "Money" },
    },
    OrderLine: {
      product: { type: "ProductId" },
      quantity: { type: "int", min: 1 },
    },
    Message: {
      id: { type: "int" },
      room: { type: "string" },
      text: { type: "string" },
      "sent-at": { type: "datetime" },
    },
    ChatIn: { text: { type: "string", minLength: 1, maxLength: 2000 } },
    Typing: { user: { type: "int" } },
    TextNotice: { kind: { type: "string" }, text: { type: "string" } },
    LinkNotice: {
      kind: { type: "NoticeKind" },
      url: { type: "string" },
      title: { type: "string?" },
    },
    ContactForm: {
      email: { type: "string", format: "email" },
      topic: { type: "Topic" },
      body: { type: "string", minLength: 10 },
    },
    Reactions: {
      "+1": { type: "int" },
      "-1": { type: "int" },
    },
    ValidationReport: {
      ok: { type: "bool" },
      errors: { type: "map<list<string>>" },
    },
  },
  enums: {
    Role: ["admin", "member", "read-only"],
    OrderStatus: ["pending", "paid", "shipped", "cancelled"],
    Topic: ["sales", "support"],
    Reaction: ["+1", "-1"],
    NoticeKind: ["text", "link"],
  },
  aliases: { ProductId: "uuid" },
  unions: {
    ChatOut: {
      tag: "kind",
      variants: { message: "Message", typing: "Typing" },
    },
    Notice: {
      tag: "kind",
      variants: { text: "TextNotice", link: "LinkNotice" },
    },
  },
};
