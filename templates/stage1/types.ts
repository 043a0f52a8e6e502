{%- for d in decls %}
{%- if !loop.first %}

{% endif %}
{{- d }}
{%- endfor %}
