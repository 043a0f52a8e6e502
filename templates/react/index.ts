{%- for e in exports %}
export * from "{{ e }}";
{%- endfor %}
export {
  MizanProvider,
  type ChannelResult,
  type FormErrors,
  type FormResult,
  type MizanHydration,
  type MizanProviderProps,
  type MutationResult,
  type QueryResult,
} from "./runtime.js";
