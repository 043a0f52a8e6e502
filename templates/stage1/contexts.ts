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

registerContext({{ c.wire }}, {
  params: {{ c.registered_params }},
  functions: {
{%- for (key, params) in c.registered_functions %}
    {{ key }}: {{ params }},
{%- endfor %}
  },
  transport: "{{ c.transport }}",
});

{{ c.jsdoc }}{{ c.head }}
{{ c.body }}
}
{%- endfor %}
