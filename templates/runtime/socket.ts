//! The WebSocket client (one per Mizan client): one socket multiplexing RPC (by id), channel subscriptions and pushes.

import { socketUrl, type Config, type SocketLike } from "./config.js";
import { MizanError, errorFromPayload } from "./errors.js";
import { entryKey, type Params } from "./params.js";
import { outcomeFrom, type CallOutcome } from "./transport.js";

/** A channel subscription's state as its `onStatus` callback sees it. */
export type ChannelStatus = "connecting" | "open" | "closed" | "error";

interface Listener {
  onMessage(data: unknown): void;
  onStatus(status: ChannelStatus, error?: string): void;
}

interface Channel {
  readonly channel: string;
  readonly params: Params;
  readonly listeners: Set<Listener>;
  /** The server confirmed the subscription on the current socket. */
  open: boolean;
  /** Client messages sent before `open`, delivered once it is. */
  queued: unknown[];
}

interface Pending {
  resolve(outcome: CallOutcome): void;
  reject(error: unknown): void;
}

const OPEN = 1;

type Frame = Record<string, unknown>;

/** The socket, opened on first use and closed when nothing needs it; channels reconnect with backoff. */
export class SocketClient {
  private socket: SocketLike | null = null;
  private outbox: string[] = [];
  private readonly pending = new Map<string, Pending>();
  private readonly channels = new Map<string, Channel>();
  private readonly pushes = new Map<string, Set<(data: unknown) => void>>();
  private nextId = 1;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly config: () => Readonly<Config>) {}

  rpc(
    fn: string,
    args: Params,
    signal: AbortSignal | undefined,
  ): Promise<CallOutcome> {
    const id = String(this.nextId++);
    return new Promise<CallOutcome>((resolve, reject) => {
      const settle = (): void => {
        this.pending.delete(id);
        signal?.removeEventListener("abort", onAbort);
        this.closeIfIdle();
      };
      const onAbort = (): void => {
        settle();
        reject(signal?.reason);
      };
      if (signal?.aborted === true) return reject(signal.reason);
      signal?.addEventListener("abort", onAbort);
      this.pending.set(id, {
        resolve: (outcome) => (settle(), resolve(outcome)),
        reject: (error) => (settle(), reject(error)),
      });
      this.sendFrame({ action: "rpc", id, fn, args });
    });
  }

  subscribe(
    channel: string,
    params: Params,
    listener: Listener,
  ): { send(message: unknown): void; close(): void } {
    const key = entryKey(channel, params);
    let entry = this.channels.get(key);
    if (entry === undefined) {
      entry = {
        channel,
        params,
        listeners: new Set(),
        open: false,
        queued: [],
      };
      this.channels.set(key, entry);
      this.sendFrame({ action: "subscribe", channel, params });
    }
    const shared = entry;
    shared.listeners.add(listener);
    listener.onStatus(shared.open ? "open" : "connecting");
    let closed = false;
    return {
      send: (data) => {
        if (closed) throw channelClosed();
        if (shared.open)
          this.sendFrame({ action: "message", channel, params, data });
        else shared.queued.push(data);
      },
      close: () => {
        if (closed) return;
        closed = true;
        this.unsubscribe(key, listener);
      },
    };
  }

  onPush(topic: string, handler: (data: unknown) => void): () => void {
    const set = this.pushes.get(topic) ?? new Set();
    this.pushes.set(topic, set.add(handler));
    return () => void set.delete(handler);
  }

  /** Closes the socket and fails everything waiting on it. */
  shutdown(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    for (const entry of this.channels.values())
      for (const l of entry.listeners) l.onStatus("closed");
    this.channels.clear();
    this.pushes.clear();
    this.failPending("socket shut down");
    this.outbox = [];
    this.dropSocket();
  }

  private unsubscribe(key: string, listener: Listener): void {
    const entry = this.channels.get(key);
    if (entry === undefined || !entry.listeners.delete(listener)) return;
    listener.onStatus("closed");
    if (entry.listeners.size > 0) return;
    this.channels.delete(key);
    if (this.socket?.readyState === OPEN)
      this.sendFrame({
        action: "unsubscribe",
        channel: entry.channel,
        params: entry.params,
      });
    this.closeIfIdle();
  }

  private closeIfIdle(): void {
    if (this.channels.size === 0 && this.pending.size === 0) {
      clearTimeout(this.retry);
      this.retry = undefined;
      this.dropSocket();
    }
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = null;
    this.outbox = [];
    socket?.close(1000, "idle");
  }

  private sendFrame(frame: Frame): void {
    const text = JSON.stringify(frame);
    if (this.socket?.readyState === OPEN) this.socket.send(text);
    else {
      this.outbox.push(text);
      if (this.socket === null) this.connect();
    }
  }

  private connect(): void {
    const config = this.config();
    const Ctor =
      config.WebSocket ??
      (globalThis as { WebSocket?: new (url: string) => SocketLike }).WebSocket;
    if (Ctor === undefined)
      throw new MizanError(
        "NETWORK_ERROR",
        "no WebSocket available; pass one to createMizanClient()",
      );
    const socket = new Ctor(socketUrl(config));
    this.socket = socket;
    socket.addEventListener("open", () => {
      if (this.socket !== socket) return;
      this.attempts = 0;
      for (const text of this.outbox.splice(0)) socket.send(text);
    });
    socket.addEventListener("message", (event) => {
      if (this.socket === socket) this.handleFrame(event.data);
    });
    socket.addEventListener("close", () => {
      if (this.socket === socket) this.handleDrop();
    });
    // A close follows every error; listening keeps node's `ws` from throwing one
    // (e.g. closing a socket that never opened).
    socket.addEventListener("error", () => undefined);
  }

  /** An unexpected close: fail RPCs, then reconnect and resubscribe if channels remain. */
  private handleDrop(): void {
    this.socket = null;
    this.outbox = [];
    this.failPending("WebSocket closed");
    if (this.channels.size === 0) return;
    for (const entry of this.channels.values()) {
      entry.open = false;
      for (const l of entry.listeners) l.onStatus("connecting");
    }
    const delay = Math.min(250 * 2 ** this.attempts++, 5000);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      for (const entry of this.channels.values()) {
        this.sendFrame({
          action: "subscribe",
          channel: entry.channel,
          params: entry.params,
        });
      }
    }, delay);
  }

  private failPending(message: string): void {
    const waiting = [...this.pending.values()];
    for (const p of waiting) p.reject(new MizanError("NETWORK_ERROR", message));
  }

  private handleFrame(raw: unknown): void {
    let frame: Frame;
    try {
      frame = JSON.parse(String(raw)) as Frame;
    } catch {
      return;
    }
    if (typeof frame["id"] === "string") return this.handleRpc(frame);
    if (frame["type"] === "push" && typeof frame["topic"] === "string") {
      for (const handler of this.pushes.get(frame["topic"]) ?? [])
        handler(frame["data"]);
      return;
    }
    const channel =
      typeof frame["channel"] === "string" ? frame["channel"] : undefined;
    const params = (frame["params"] ?? {}) as Params;
    const listeners =
      channel === undefined
        ? []
        : [...(this.channels.get(entryKey(channel, params))?.listeners ?? [])];
    if (typeof frame["error"] === "string") {
      const targets =
        listeners.length > 0 ? listeners : this.listenersOf(channel);
      for (const l of targets) l.onStatus("error", frame["error"]);
    } else if (frame["subscribed"] === true) {
      const entry = this.channels.get(entryKey(channel ?? "", params));
      if (entry !== undefined) this.markOpen(entry);
      for (const l of listeners) l.onStatus("open");
    } else if ("data" in frame) {
      for (const l of listeners) l.onMessage(frame["data"]);
    }
  }

  /** The server confirmed a subscription: send what waited for it. */
  private markOpen(entry: Channel): void {
    entry.open = true;
    for (const data of entry.queued.splice(0))
      this.sendFrame({
        action: "message",
        channel: entry.channel,
        params: entry.params,
        data,
      });
  }

  /** Every listener of a channel (all params), for errors the server reports without params. */
  private listenersOf(channel: string | undefined): Listener[] {
    const all = [...this.channels.values()].filter(
      (c) => channel === undefined || c.channel === channel,
    );
    return all.flatMap((c) => [...c.listeners]);
  }

  private handleRpc(frame: Frame): void {
    const pending = this.pending.get(frame["id"] as string);
    if (pending === undefined) return;
    if (frame["ok"] === true) {
      try {
        pending.resolve(outcomeFrom(frame, "data"));
      } catch (error) {
        pending.reject(error);
      }
    } else pending.reject(errorFromPayload(frame["error"]));
  }
}

/** What `send` throws after `close()`: the same in the kernel and every binding. */
function channelClosed(): MizanError {
  return new MizanError("NETWORK_ERROR", "the channel is closed");
}
