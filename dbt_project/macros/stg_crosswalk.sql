{#- The four crosswalk levels share one layout; staging renames and types them the same way. -#}
{% macro stg_crosswalk(level) -%}
with source as (
    select * from {{ source('kode_wilayah', level) }}
)

select
    kode_bps,
    nama_bps,
    kode_dagri as kode_dagri_sumber,
    nama_dagri as nama_dagri_sumber,
    parent_bps as kode_bps_induk,
    source_file,
    line_number as source_line,
    repair as line_repair
from source
{%- endmacro %}
