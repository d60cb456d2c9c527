{#- Helpers of the programs domain. -#}

{% macro programs_goal_list(column) -%}
    {#- A mapping seed's `goals` text ("3|6") as a smallint list; null or empty -> empty list. -#}
    coalesce(
        list_transform(
            list_filter(string_split(coalesce({{ column }}, ''), '|'), lambda g: trim(g) <> ''),  -- noqa: RF02
            lambda g: cast(trim(g) as smallint)  -- noqa: RF02
        ),
        []
    )
{%- endmacro %}

{% macro programs_activity_legs() -%}
    {#- The source systems whose leg models exist in this build (var programs_activity_legs). -#}
    {{ return(var('programs_activity_legs', ['idm'])) }}
{%- endmacro %}
