{{ doc }}
{{ imports }}


class {{ class }}({{ base }}):
{{ class_doc }}
{{- methods }}
