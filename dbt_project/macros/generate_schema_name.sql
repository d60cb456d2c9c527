{#- Use the folder's schema as is (staging, intermediate, marts) instead of prefixing the target
    schema: the schema is the layer, and Dagster asset keys mirror [schema, table]. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name if custom_schema_name else target.schema }}
{%- endmacro %}
