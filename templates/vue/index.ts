{%- if !imports.is_empty() %}
{{ imports }}

{% endif -%}
export {
  createMizan,
  useMizanClient,
  type MizanChannel,
  type MizanChannelOptions,
  type MizanForm,
  type MizanFormErrors,
  type MizanMutation,
  type MizanOptions,
  type MizanParams,
  type MizanQuery,
} from "./runtime.js";
{%- for w in wrappers %}

{{ w.jsdoc }}{{ w.head }}
{{ w.body }}
}
{%- endfor %}
