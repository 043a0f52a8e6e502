//! Every named type of the API, as serde types that read and write the
//! exact JSON the backend speaks.
// Types refer to each other; a deprecated one must not warn inside this
// crate. Code using it still gets the warning.
#![allow(deprecated)]
{%- if !imports.is_empty() %}
{% for i in imports %}
{{ i }}
{%- endfor %}
{%- endif %}
{{- items }}
