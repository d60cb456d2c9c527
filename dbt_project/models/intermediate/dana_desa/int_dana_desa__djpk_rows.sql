{#- Every row of the DJPK Dana Desa files, one shape for all four: the pemda name as DJPK writes it,
    the code it resolved to in ingest (assets/dana_desa/pemda.py), the allocation it states and its
    rank as the source of a kabupaten's allocation (urutan: the TKDD portal, 2018-2021; the Dana Desa
    portal, 2023-2024; the formula inputs' total, 2018-2019; the realisation file states none). The
    per-village generator uses the same order (assets/dana_desa/sources.py: kabupaten_allocations).
    What differs between the files is declared here; the formula inputs name no DJPK province. -#}
{%- set files = [
    {'model': 'stg_djpk_tkdd__dana_desa', 'sumber': 'djpk_tkdd', 'urutan': '1',
     'kdprov': 'kdprov_djpk', 'alokasi': 'alokasi_rupiah'},
    {'model': 'stg_djpk_dana_desa__pagu', 'sumber': 'djpk_dana_desa pagu', 'urutan': '2',
     'kdprov': 'kdprov_djpk', 'alokasi': 'pagu_rupiah'},
    {'model': 'stg_djpk_dana_desa__datadasar', 'sumber': 'djpk_dana_desa datadasar', 'urutan': '3',
     'kdprov': 'null', 'alokasi': 'total_alokasi_rupiah'},
    {'model': 'stg_djpk_dana_desa__realisasi', 'sumber': 'djpk_dana_desa realisasi', 'urutan': 'null',
     'kdprov': 'kdprov_djpk', 'alokasi': 'null'},
] %}
{%- for file in files %}
    select
        '{{ file.sumber }}' as sumber,
        {{ file.urutan }} as urutan,
        tahun,
        nama_pemda_djpk,
        {{ file.kdprov }} as kdprov_djpk,
        jenis_pemda,
        kode_kabupaten,
        resolusi,
        {{ file.alokasi }} as alokasi_rupiah,
        source_file,
        data_origin
    from {{ ref(file.model) }}
    {%- if not loop.last %}
        union all
    {%- endif %}
{%- endfor %}
