{%- for d in decls %}
{%- if !loop.first %}

{% endif %}
{%- match d %}
{%- when Decl::Interface { jsdoc, name, props } %}
{{- jsdoc }}export interface {{ name }} {
{%- if props.is_empty() %}}{% else %}
{%- for p in props %}
{{ p.jsdoc }}  {{ p.key }}{{ p.optional }}: {{ p.ty }};
{%- endfor %}
}
{%- endif %}
{%- when Decl::Alias { jsdoc, text } %}
{{- jsdoc }}{{ text }}
{%- endmatch %}
{%- endfor %}
