{{ imports }}
{%- for c in calls %}
{%- if let Some(a) = c.args %}

export interface {{ a.name }} {
{%- for p in a.props %}
{{ p.jsdoc }}  {{ p.key }}{{ p.optional }}: {{ p.ty }};
{%- endfor %}
}
{%- endif %}

{{ c.jsdoc }}{{ c.head }}
{{ c.body }}
}
{%- endfor %}
