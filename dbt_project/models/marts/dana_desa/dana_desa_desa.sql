{#- Dana Desa per village and year with its four formula components, from the per-village file
    (generated from the real kabupaten allocations unless a real file was supplied: data_origin). -#}
with alokasi as (
    select * from {{ ref('stg_djpk_dana_desa_desa__alokasi') }}
),

wilayah as (
    select * from {{ ref('dim_wilayah') }}
    where level = 'desa'
)

select
    a.kode_desa,
    a.tahun,
    w.kode_kabupaten,
    w.kode_provinsi,
    w.nama as nama_desa,
    a.nama_pemda_djpk,
    a.alokasi_dasar_rupiah,
    a.alokasi_afirmasi_rupiah,
    a.alokasi_kinerja_rupiah,
    a.alokasi_formula_rupiah,
    a.pagu_rupiah,
    a.source_file,
    a.source_line,
    a.data_origin
from alokasi as a
left join wilayah as w on a.kode_desa = w.kode
