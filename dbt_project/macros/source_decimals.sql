{#- The source's rounding: the most decimals it writes anywhere in the file (14 in the API, where
    exact values such as 0.6 are written short; 4 in the Excel files). IDM = mean holds within it.
    `columns` are the text columns as read (API: the exact value in plain form, trailing zeros dropped;
    Excel: the cell text); one value per source file. -#}
{% macro source_decimals(columns) -%}
    max(greatest(
        {%- for column in columns %}
        length(split_part({{ column }}, '.', 2)){{ "," if not loop.last }}
        {%- endfor %}
    )) over (partition by source_file)
{%- endmacro %}
