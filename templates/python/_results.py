"""Validators for call results: one typed `TypeAdapter` per call function."""

{{ imports }}
{% for a in adapters %}
{{ a }}
{%- endfor %}
