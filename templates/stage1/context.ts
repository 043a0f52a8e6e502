{{ imports }}
{%- if let Some(p) = params %}

{{ p.jsdoc }}export interface {{ p.name }} {
{%- for prop in p.props %}
{{ prop.jsdoc }}  {{ prop.key }}{{ prop.optional }}: {{ prop.ty }};
{%- endfor %}
}
{%- endif %}

{{ bundle.jsdoc }}export interface {{ bundle.name }} {
{%- for prop in bundle.props %}
{{ prop.jsdoc }}  {{ prop.key }}{{ prop.optional }}: {{ prop.ty }};
{%- endfor %}
}

registerContext({{ wire }}, {
  params: {{ registered_params }},
  functions: {
{%- for (key, params) in registered_functions %}
    {{ key }}: {{ params }},
{%- endfor %}
  },
  transport: "{{ transport }}",
});

{{ jsdoc }}{{ head }}
{{ body }}
}
