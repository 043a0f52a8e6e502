{{ imports }}

/**
 * What each call invalidates when it succeeds, and the context slots its
 * result is merged into. The kernel applies what the server sends; this
 * constant lets code reason about it statically (tests, devtools).
 */
{%- if entries.is_empty() %}
export const invalidationGraph = {} as const satisfies InvalidationGraph;
{%- else %}
export const invalidationGraph = {
{%- for e in entries %}
  {{ e.key }}: {
{%- if e.affects.is_empty() %}
    affects: [],
{%- else %}
    affects: [
{%- for a in e.affects %}
      {
        context: {{ a.context }},
{%- if let Some(function) = a.function %}
        function: {{ function }},
{%- endif %}
        scopedParams: {{ a.scoped_params }},
      },
{%- endfor %}
    ],
{%- endif %}
{%- if e.merges.is_empty() %}
    merges: [],
{%- else %}
    merges: [
{%- for m in e.merges %}
      {
        context: {{ m.context }},
        slot: {{ m.slot }},
      },
{%- endfor %}
    ],
{%- endif %}
  },
{%- endfor %}
} as const satisfies InvalidationGraph;
{%- endif %}
