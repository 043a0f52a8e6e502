//! Mutation observers: a call's lifecycle with TanStack Query's callbacks and statuses, framework-agnostic —
//! a `subscribe`/`getSnapshot` pair each binding adapts. The call itself (`mutationFn`, usually a stage1
//! `callXxx`) applies the server's `merge` and `invalidate` before it resolves.

import { MizanError } from "./errors.js";

/** Callbacks of one `mutate`/`mutateAsync` call; they run only if it is still the latest call when it settles. */
export interface MutateCallbacks<D, V, C = unknown> {
  readonly onSuccess?:
    ((data: D, variables: V, context: C | undefined) => unknown) | undefined;
  readonly onError?:
    | ((error: MizanError, variables: V, context: C | undefined) => unknown)
    | undefined;
  readonly onSettled?:
    | ((
        data: D | undefined,
        error: MizanError | null,
        variables: V,
        context: C | undefined,
      ) => unknown)
    | undefined;
}

/** A mutation observer's options; its callbacks run for every call, in order, awaited. */
export interface MutationOptions<D, V, C = unknown> extends MutateCallbacks<
  D,
  V,
  C
> {
  /** Runs the call, e.g. `(args) => callUpdateProfile(client, args)`. */
  readonly mutationFn: (variables: V) => Promise<D>;
  /**
   * Runs before the call; what it returns is the call's `context`, handed to the other callbacks (e.g. the
   * previous data an optimistic `client.cache.set` replaced, for `onError` to put back).
   */
  readonly onMutate?: ((variables: V) => C | Promise<C>) | undefined;
}

/** A mutation observer's state: the latest call's, frozen, the same object until it changes. */
export interface MutationSnapshot<D, V, C = unknown> {
  /** `pending` while any call is in flight; else the latest call's outcome; `idle` before any (or after `reset`). */
  readonly status: "idle" | "pending" | "success" | "error";
  /** The latest call's result, once it succeeded. */
  readonly data: D | undefined;
  /** The latest call's failure. */
  readonly error: MizanError | null;
  /** The latest call's variables. */
  readonly variables: V | undefined;
  /** What `onMutate` returned for the latest call. */
  readonly context: C | undefined;
  readonly isIdle: boolean;
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
}

/** A framework-agnostic mutation; `mutate`, `mutateAsync` and `reset` are bound. */
export interface MutationObserver<D, V, C = unknown> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): MutationSnapshot<D, V, C>;
  /** Replaces the options (e.g. fresh callbacks on each render); calls in flight use the new ones from now on. */
  setOptions(options: MutationOptions<D, V, C>): void;
  /** Calls; a failure lands in the snapshot (nothing is thrown). */
  mutate(variables: V, callbacks?: MutateCallbacks<D, V, C>): void;
  /** Calls; resolves with the result, or rejects with the `MizanError`. */
  mutateAsync(variables: V, callbacks?: MutateCallbacks<D, V, C>): Promise<D>;
  /** Back to `idle`: forgets the latest call; calls in flight still run their options' callbacks, nothing else. */
  reset(): void;
}

/** Any failure as a `MizanError`: one the kernel made as it is, anything else (an abort, a throw in a callback) a `NETWORK_ERROR` with its message. */
function failureOf(error: unknown): MizanError {
  if (error instanceof MizanError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MizanError("NETWORK_ERROR", message);
}

/** The latest call's part of the snapshot. */
interface Latest<D, V, C> {
  readonly status: "idle" | "pending" | "success" | "error";
  readonly data: D | undefined;
  readonly error: MizanError | null;
  readonly variables: V | undefined;
  readonly context: C | undefined;
}

const NONE: Latest<never, never, never> = {
  status: "idle",
  data: undefined,
  error: null,
  variables: undefined,
  context: undefined,
};

/** Runs a per-call callback; what it throws is reported, never changes the call's outcome. */
function report(run: () => unknown): void {
  try {
    void Promise.resolve(run()).catch((error: unknown) => {
      void Promise.reject(error);
    });
  } catch (error) {
    void Promise.reject(error);
  }
}

/** The kernel's `MutationObserver`: `client.mutation` makes them. */
export class Mutation<D, V, C> implements MutationObserver<D, V, C> {
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  /** The latest call's id; 0: none (or reset). */
  private latestId = 0;
  private latest: Latest<D, V, C> = NONE;
  /** The ids of the calls in flight (since the last `reset`). */
  private readonly inflight = new Set<number>();
  private current: MutationSnapshot<D, V, C>;

  constructor(private options: MutationOptions<D, V, C>) {
    this.current = this.build();
  }

  subscribe = (onChange: () => void): (() => void) => {
    this.listeners.add(onChange);
    return () => void this.listeners.delete(onChange);
  };

  getSnapshot = (): MutationSnapshot<D, V, C> => this.current;

  setOptions(options: MutationOptions<D, V, C>): void {
    this.options = options;
  }

  mutate = (variables: V, callbacks?: MutateCallbacks<D, V, C>): void => {
    this.mutateAsync(variables, callbacks).catch(() => undefined);
  };

  mutateAsync = async (
    variables: V,
    callbacks?: MutateCallbacks<D, V, C>,
  ): Promise<D> => {
    const id = ++this.seq;
    this.latestId = id;
    this.inflight.add(id);
    this.write(id, { ...NONE, status: "pending", variables });
    let context: C | undefined;
    try {
      context = await this.options.onMutate?.(variables);
      if (id === this.latestId) this.write(id, { ...this.latest, context });
      const data = await this.options.mutationFn(variables);
      await this.options.onSuccess?.(data, variables, context);
      await this.options.onSettled?.(data, null, variables, context);
      this.settle(id, {
        status: "success",
        data,
        error: null,
        variables,
        context,
      });
      if (id === this.latestId) {
        report(() => callbacks?.onSuccess?.(data, variables, context));
        report(() => callbacks?.onSettled?.(data, null, variables, context));
      }
      return data;
    } catch (thrown) {
      const error = failureOf(thrown);
      try {
        await this.options.onError?.(error, variables, context);
        await this.options.onSettled?.(undefined, error, variables, context);
      } finally {
        this.settle(id, {
          status: "error",
          data: undefined,
          error,
          variables,
          context,
        });
        if (id === this.latestId) {
          report(() => callbacks?.onError?.(error, variables, context));
          report(() =>
            callbacks?.onSettled?.(undefined, error, variables, context),
          );
        }
      }
      throw error;
    }
  };

  reset = (): void => {
    this.latestId = 0;
    this.inflight.clear();
    this.latest = NONE;
    this.publish();
  };

  /** A call ended: no longer in flight; its state shows if it is the latest. */
  private settle(id: number, state: Latest<D, V, C>): void {
    if (!this.inflight.delete(id)) return;
    if (id === this.latestId) this.latest = state;
    this.publish();
  }

  /** Sets the latest call's state (a no-op for an older call). */
  private write(id: number, state: Latest<D, V, C>): void {
    if (id !== this.latestId) return;
    this.latest = state;
    this.publish();
  }

  private build(): MutationSnapshot<D, V, C> {
    const status = this.inflight.size > 0 ? "pending" : this.latest.status;
    return Object.freeze({
      ...this.latest,
      status,
      isIdle: status === "idle",
      isPending: status === "pending",
      isSuccess: status === "success",
      isError: status === "error",
    });
  }

  /** Replaces the snapshot and tells the subscribers, unless nothing in it changed. */
  private publish(): void {
    const next = this.build();
    const before = this.current as unknown as Record<string, unknown>;
    const after = next as unknown as Record<string, unknown>;
    if (Object.keys(after).every((key) => after[key] === before[key])) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }
}
