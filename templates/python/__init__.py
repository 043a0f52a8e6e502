{{ doc }}
{{ imports }}

{{ all }}
