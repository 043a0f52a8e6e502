"""Validators for call results: one typed `TypeAdapter` per call function."""

{{ imports }}
{{ adapters }}
