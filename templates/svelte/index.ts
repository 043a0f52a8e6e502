{%- if !imports.is_empty() %}
{{ imports }}

{% endif -%}
{{ reexport }}
{%- for w in wrappers %}

{{ w.jsdoc }}{{ w.head }}
{{ w.body }}
}
{%- endfor %}
