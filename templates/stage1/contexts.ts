{{ imports }}
{%- for c in contexts %}
{%- if let Some(p) = c.params %}

{{ p.jsdoc }}export interface {{ p.name }} {
{%- for prop in p.props %}
{{ prop.jsdoc }}  {{ prop.key }}{{ prop.optional }}: {{ prop.ty }};
{%- endfor %}
}
{%- endif %}

{{ c.bundle.jsdoc }}export interface {{ c.bundle.name }} {
{%- for prop in c.bundle.props %}
{{ prop.jsdoc }}  {{ prop.key }}{{ prop.optional }}: {{ prop.ty }};
{%- endfor %}
}

{{ c.jsdoc }}{{ c.head }}
{{ c.body }}
}
{%- endfor %}

/**
 * Every context's registration (params, functions, wire), as `createClient`
 * hands them to the kernel. Data only: importing this module registers
 * nothing.
 */
export const contexts = {
{%- for c in contexts %}
  {{ c.key }}: {
    params: {{ c.registered_params }},
    functions: {
{%- for (key, params) in c.registered_functions %}
      {{ key }}: {{ params }},
{%- endfor %}
    },
    transport: "{{ c.transport }}",
  },
{%- endfor %}
} as const satisfies Readonly<Record<string, ContextSpec>>;