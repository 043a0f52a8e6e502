//! The Tauri IPC transport: everything through `invoke("plugin:mizan|mizan_invoke", {envelope})`.

import { MizanError, errorFromPayload } from "./errors.js";
import { bundleFrom, outcomeFrom, type Transport } from "./transport.js";

/** Tauri's `invoke` (from `@tauri-apps/api/core`), injected so the kernel has no Tauri dependency. */
export type Invoke = (
  command: string,
  args: Record<string, unknown>,
) => Promise<unknown>;

const COMMAND = "plugin:mizan|mizan_invoke";

async function invokeOrThrow(
  invoke: Invoke,
  envelope: Record<string, unknown>,
): Promise<unknown> {
  try {
    return await invoke(COMMAND, { envelope });
  } catch (error) {
    // Tauri rejects with the command's error value: `{code, message, details?}`.
    throw error instanceof MizanError ? error : errorFromPayload(error);
  }
}

/** A transport for `createMizanClient({ transport: tauriTransport(invoke) })`. Uploads are not supported over IPC. */
export function tauriTransport(invoke: Invoke): Transport {
  return {
    async call(request) {
      if (request.uploadParams !== undefined) {
        throw new MizanError(
          "NOT_IMPLEMENTED",
          `uploads are not supported over Tauri IPC (${request.fn})`,
        );
      }
      const body = await invokeOrThrow(invoke, {
        op: "call",
        fn: request.fn,
        args: request.args,
      });
      return outcomeFrom(body, "result");
    },
    async fetchContext(request) {
      const body = await invokeOrThrow(invoke, {
        op: "fetch",
        context: request.context,
        params: request.params,
      });
      return bundleFrom(body, request.context);
    },
  };
}
