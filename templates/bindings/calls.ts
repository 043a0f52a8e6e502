{#- A mutation's calls, the same in React, Vue and Svelte; included by each
    runtime (which defines `asMizanError`), never rendered alone. -#}
/** A mutation's state, named as TanStack Query v5's `useMutation` names it. */
interface CallState<R> {
  readonly status: "idle" | "pending" | "success" | "error";
  readonly data: R | undefined;
  readonly error: MizanError | null;
}

const IDLE_CALL: CallState<never> = {
  status: "idle",
  data: undefined,
  error: null,
};

/**
 * A mutation's calls. Every call is tracked: the newest call's result (or
 * error) is the one shown, whatever order the calls settle in, and the
 * state stays `pending` while any call is in flight. `reset` forgets every
 * call: those in flight still settle their own promises, but change nothing.
 */
class Calls<R> {
  #latest = 0;
  readonly #inFlight = new Set<number>();
  #newest: CallState<R> = IDLE_CALL;
  readonly #publish: (state: CallState<R>) => void;

  /** `publish` is given every new state to show. */
  constructor(publish: (state: CallState<R>) => void) {
    this.#publish = publish;
  }

  /** Runs one call; resolves with its own result, rejects with its own `MizanError`. */
  async run(call: () => Promise<R>): Promise<R> {
    const id = ++this.#latest;
    this.#inFlight.add(id);
    this.#newest = { status: "pending", data: undefined, error: null };
    this.#publish(this.#newest);
    try {
      const data = await call();
      this.#settle(id, { status: "success", data, error: null });
      return data;
    } catch (thrown) {
      const error = asMizanError(thrown);
      this.#settle(id, { status: "error", data: undefined, error });
      throw error;
    }
  }

  reset(): void {
    this.#latest++;
    this.#inFlight.clear();
    this.#newest = IDLE_CALL;
    this.#publish(IDLE_CALL);
  }

  #settle(id: number, outcome: CallState<R>): void {
    // Forgotten by `reset`: nothing to show.
    if (!this.#inFlight.delete(id)) return;
    if (id === this.#latest) this.#newest = outcome;
    // An older call settled while others fly: nothing shown changes.
    else if (this.#inFlight.size > 0) return;
    this.#publish(
      this.#inFlight.size > 0
        ? { ...this.#newest, status: "pending" }
        : this.#newest,
    );
  }
}
