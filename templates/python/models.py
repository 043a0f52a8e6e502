{{ doc }}
{{ imports }}


def _absent(value: object) -> bool:
    """Whether an optional field is unset: its key is left out on the wire."""
    return value is None


class MizanModel(BaseModel):
    """Base of every model: fields by attribute or wire name, dumped by wire
    name, attribute docstrings as descriptions, and patterns matched by
    Python's `re` (closest to the ECMAScript regexes the IR carries)."""

    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        use_attribute_docstrings=True,
        regex_engine="python-re",
    )
{{- decls }}
{%- if !rebuild.is_empty() %}


{{ rebuild }}
{%- endif %}
