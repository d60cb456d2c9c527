{#- Every source system's leg, one conformed row per activity (legs listed in var programs_activity_legs). -#}
{%- set columns = [
    'activity_id', 'level', 'actor_code', 'actor_name', 'source_system', 'jenis', 'original_code',
    'original_name', 'program_group', 'kode_wilayah', 'level_wilayah', 'tahun', 'pagu_rupiah',
    'sumber_dana', 'dana_desa', 'data_origin', 'goals', 'mapping_seed', 'mapping_key', 'mapping_basis'
] %}
{%- for leg in programs_activity_legs() %}
    select {{ columns | join(', ') }}
    from {{ ref('int_programs__' ~ leg ~ '_activities') }}
    {%- if not loop.last %}
        union all
    {%- endif %}
{%- endfor %}
