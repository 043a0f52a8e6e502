{{ doc }}
{{ imports }}


class {{ class }}({{ base }}):
{{ class_doc }}
{%- for m in methods %}

{{ m }}
{%- endfor %}
