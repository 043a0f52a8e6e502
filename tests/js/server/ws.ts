//! The WebSocket side: `<base>/ws/` multiplexing RPC, channel subscriptions and client messages.

import type http from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { ApiError, type CallContext } from "./api.js";
import { TEST_TOKEN, isAuthenticated, type ServerState } from "./auth.js";
import { runCall } from "./dispatch.js";
import { channels, postMessage, shop, type ShopState } from "./shop.js";
import { checkType } from "./types.js";

/** Sends `data` to every subscriber of `channel` with exactly `params`. */
export type Broadcast = (
  channel: string,
  params: Record<string, unknown>,
  data: unknown,
) => void;

type Frame = Record<string, unknown>;

function subscriptionKey(channel: string, params: unknown): string {
  const record = (params ?? {}) as Record<string, unknown>;
  return `${channel}?${Object.keys(record)
    .sort()
    .map((k) => `${k}=${String(record[k])}`)
    .join("&")}`;
}

/** The WebSocket side as the HTTP side sees it. */
export interface Sockets {
  /** What handlers broadcast with. */
  readonly broadcast: Broadcast;
  /** Drops every open socket abruptly (a dead network, for reconnect tests); returns how many. */
  dropAll(): number;
}

/** Accepts upgrades on `<base>/ws/`, but those `refuse` (a test fault) says to drop. */
export function attachSockets(
  server: http.Server,
  base: string,
  state: ServerState,
  callContext: (authenticated: boolean) => CallContext<ShopState>,
  refuse: () => boolean = () => false,
): Sockets {
  const wss = new WebSocketServer({ noServer: true });
  const subscribers = new Map<string, Set<WebSocket>>();

  const broadcast: Broadcast = (channel, params, data) => {
    const frame = JSON.stringify({ channel, params, type: "message", data });
    for (const socket of subscribers.get(subscriptionKey(channel, params)) ??
      [])
      socket.send(frame);
  };

  const onFrame = (
    socket: WebSocket,
    authenticated: boolean,
    frame: Frame,
  ): void => {
    const action = frame["action"];
    const channel =
      typeof frame["channel"] === "string" ? frame["channel"] : "";
    const params = (frame["params"] ?? {}) as Record<string, unknown>;
    state.log.push({
      method: "WS",
      path: `${base}/ws/`,
      query: { action: String(action), fn: String(frame["fn"] ?? ""), channel },
    });
    if (action === "rpc") {
      try {
        const answer = runCall(
          shop,
          frame["fn"],
          frame["args"] ?? {},
          callContext(authenticated),
        );
        const reply: Frame = {
          id: frame["id"],
          ok: true,
          data: answer.result,
          invalidate: answer.invalidate,
        };
        if (answer.merge.length > 0) reply["merge"] = answer.merge;
        socket.send(JSON.stringify(reply));
      } catch (error) {
        const failure =
          error instanceof ApiError
            ? error
            : new ApiError("INTERNAL_ERROR", String(error));
        socket.send(
          JSON.stringify({
            id: frame["id"],
            ok: false,
            error: failure.body().error,
          }),
        );
      }
      return;
    }
    const spec = channels[channel];
    if (spec === undefined)
      return socket.send(
        JSON.stringify({ error: `no channel ${channel}`, channel }),
      );
    if (spec.auth && !authenticated)
      return socket.send(
        JSON.stringify({ error: "authentication required", channel }),
      );
    const missing = spec.params.filter((p) => typeof params[p] !== "string");
    if (missing.length > 0)
      return socket.send(
        JSON.stringify({
          error: `missing params: ${missing.join(", ")}`,
          channel,
        }),
      );
    const key = subscriptionKey(channel, params);
    if (action === "subscribe") {
      subscribers.set(key, (subscribers.get(key) ?? new Set()).add(socket));
      socket.send(JSON.stringify({ subscribed: true, channel, params }));
      if (spec.welcome !== undefined)
        socket.send(
          JSON.stringify({
            channel,
            params,
            type: "message",
            data: spec.welcome,
          }),
        );
    } else if (action === "unsubscribe") {
      subscribers.get(key)?.delete(socket);
      socket.send(JSON.stringify({ unsubscribed: true, channel, params }));
    } else if (action === "message" && channel === "chat") {
      const errors = checkType(frame["data"], "ChatIn", shop.schema);
      if (errors.length > 0)
        return socket.send(
          JSON.stringify({
            error: `invalid ChatIn: ${errors.join("; ")}`,
            channel,
          }),
        );
      postMessage(
        callContext(authenticated),
        params["room"] as string,
        (frame["data"] as { text: string }).text,
      );
    } else {
      socket.send(
        JSON.stringify({
          error: `unsupported action ${String(action)}`,
          channel,
        }),
      );
    }
  };

  server.on("upgrade", (req, rawSocket, head) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== `${base}/ws/` || refuse()) return rawSocket.destroy();
    const authenticated =
      url.searchParams.get("token") === TEST_TOKEN ||
      isAuthenticated(req, state);
    wss.handleUpgrade(req, rawSocket, head, (socket) => {
      socket.on("message", (data) => {
        let frame: Frame;
        try {
          frame = JSON.parse(String(data)) as Frame;
        } catch {
          return socket.send(JSON.stringify({ error: "frame is not JSON" }));
        }
        // `POST /__delay` holds RPC answers back (timeouts); channel frames stay immediate.
        if (frame["action"] === "rpc" && state.delay > 0)
          setTimeout(() => onFrame(socket, authenticated, frame), state.delay);
        else onFrame(socket, authenticated, frame);
      });
      socket.on("close", () => {
        for (const set of subscribers.values()) set.delete(socket);
      });
    });
  });
  server.on("close", () => wss.close());
  const dropAll = (): number => {
    const open = [...wss.clients];
    for (const socket of open) socket.terminate();
    return open.length;
  };
  return { broadcast, dropAll };
}
