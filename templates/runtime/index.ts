//! `@mizan/base` — the kernel every generated TypeScript client calls. See docs/kernel.md.

export {
  createMizanClient,
  type CallOptions,
  type ChannelHandle,
  type MizanClient,
  type MizanClientOptions,
  type RequestOptions,
} from "./client.js";
export {
  browserEnvironment,
  type DefaultQueryOptions,
  type KernelOptions,
  type QueryEnvironment,
  type RefetchOn,
  type ResponseValidator,
  type Retry,
  type SocketConstructor,
  type SocketLike,
} from "./config.js";
export { MizanError, type ErrorCode } from "./errors.js";
export {
  entryKey,
  parseInvalidateHeader,
  type InvalidateEntry,
  type MergeEntry,
  type Params,
} from "./params.js";
export type {
  MutateCallbacks,
  MutationObserver,
  MutationOptions,
  MutationSnapshot,
} from "./mutation.js";
export {
  callKey,
  contextKey,
  keepPreviousData,
  type AnyContextKey,
  type BundleOf,
  type ContextKey,
  type ContextName,
  type MizanCache,
  type ParamsOf,
  type QueryObserver,
  type QueryOptions,
  type QueryResult,
  type Updater,
} from "./query.js";
export type { ChannelStatus } from "./socket.js";
export type { ContextSnapshot, ContextSpec } from "./store.js";
export { tauriTransport, type Invoke } from "./tauri.js";
export type {
  CallOutcome,
  CallRequest,
  ContextRequest,
  Transport,
  Wire,
} from "./transport.js";
export {
  validateFields,
  type AffectEdge,
  type FieldErrors,
  type FieldFormat,
  type FieldKind,
  type FieldSchema,
  type FormSchema,
  type InvalidationGraph,
  type MergeEdge,
} from "./forms.js";
