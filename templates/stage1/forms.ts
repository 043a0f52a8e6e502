{{ imports }}
{%- for f in forms %}

{{ f.jsdoc }}export const {{ f.name }} = {
{%- for r in f.roles %}
  {{ r }},
{%- endfor %}
  fields: {
{%- for (key, entries) in f.fields %}
    {{ key }}: {
{%- for e in entries %}
      {{ e }},
{%- endfor %}
    },
{%- endfor %}
  },
} as const satisfies FormSchema;
{%- endfor %}
