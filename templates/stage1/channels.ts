{{ imports }}
{%- for c in channels %}

{{ c }}
{%- endfor %}
