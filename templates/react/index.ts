{%- for e in exports %}
export * from "{{ e }}";
{%- endfor %}
export {
  MizanProvider,
  useMizanClient,
  type ChannelResult,
  type FormErrors,
  type FormResult,
  type MizanChannelOptions,
  type MizanHydration,
  type MizanProviderProps,
  type MutationResult,
  type QueryResult,
} from "./runtime.js";
