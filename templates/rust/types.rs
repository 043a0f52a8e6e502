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
{%- for item in items %}

{% match item %}
{%- when Item::Struct { docs, name, fields } %}
{{- docs }}#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct {{ name }} {
{%- if fields.is_empty() %}}{% else %}
{%- for f in fields %}
{{ f.docs }}{{ f.attrs }}    pub {{ f.name }}: {{ f.ty }},
{%- endfor %}
}
{%- endif %}
{%- when Item::Enum { docs, name, values } %}
{{- docs }}#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum {{ name }} {
{%- for v in values %}
{{ v.docs }}{{ v.attrs }}    {{ v.name }},
{%- endfor %}
}
{%- when Item::Union { docs, name, attr, variants } %}
{{- docs }}#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
{{ attr }}
pub enum {{ name }} {
{%- if variants.is_empty() %}}{% else %}
{%- for v in variants %}
{{ v.docs }}{{ v.attrs }}    {{ v.name }},
{%- endfor %}
}
{%- endif %}
{%- when Item::Alias { docs, name, target } %}
{{- docs }}pub type {{ name }} = {{ target }};
{%- endmatch %}
{%- endfor %}
