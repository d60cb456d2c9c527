{#- The work list: every BPS region (village, kecamatan, kabupaten) the crosswalk could not resolve
    to a current Kemendagri code, with the reason. -#}
{%- set levels = [
    ('desa', 'int_wilayah__village_matches', 'kode_desa'),
    ('kecamatan', 'int_wilayah__kecamatan_matches', 'kode_kecamatan'),
    ('kabupaten', 'int_wilayah__kabupaten_matches', 'kode_kabupaten'),
] %}

{%- for level, model, resolved_column in levels %}
    select
        '{{ level }}' as level,
        kode_bps,
        nama_bps,
        kode_dagri_sumber,
        nama_dagri_sumber,
        unresolved_reason as reason,
        cast(round(name_similarity, 3) as decimal(4, 3)) as name_similarity
    from {{ ref(model) }}
    where {{ resolved_column }} is null
    {%- if not loop.last %}

        union all
    {% endif %}
{%- endfor %}
