{#- A published figure beside a computed one: `ties` when equal to the rupiah, `gap` when not (the
    difference is reported, never forced), `not_computable` when nothing computes it. -#}
{% macro tieout_status(published, computed) -%}
    case
        when {{ computed }} is null or {{ published }} is null then 'not_computable'
        when {{ computed }} = {{ published }} then 'ties'
        else 'gap'
    end
{%- endmacro %}
