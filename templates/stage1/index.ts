{%- for m in modules %}
export * from "{{ m }}";
{%- endfor %}
