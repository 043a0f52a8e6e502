{{ imports }}
{%- for c in calls %}

{{ c }}
{%- endfor %}
