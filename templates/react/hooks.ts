"use client";

{{ imports }}
{{ runtime_import }}
{%- for h in hooks %}

{{ h.jsdoc }}{{ h.head }}
{{ h.body }}
}
{%- endfor %}
