{{ imports }}
{%- for c in channels %}
{%- if let Some((name, props)) = c.params %}

export interface {{ name }} {
{%- for p in props %}
{{ p.jsdoc }}  {{ p.key }}{{ p.optional }}: {{ p.ty }};
{%- endfor %}
}
{%- endif %}

{{ c.jsdoc }}{{ c.head }}
{{ c.body }}
}
{%- endfor %}
