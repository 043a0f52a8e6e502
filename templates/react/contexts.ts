"use client";
{%- if let Some(r) = react_import %}

{{ r }}
{%- endif %}
{{ stage1_import }}
{{ runtime_import }}
{%- for c in contexts %}

{{ c.scope }}
{%- if let Some(p) = c.provider %}

export {{ p.props_decl }}

{{ p.jsdoc }}{{ p.head }}
{%- if let Some(d) = p.destructure %}
  {{ d }}
{%- endif %}
{{ p.body }}
}
{%- endif %}
{%- for h in c.hooks %}

{{ h.jsdoc }}{{ h.head }}
{{ h.body }}
}
{%- endfor %}
{%- endfor %}
