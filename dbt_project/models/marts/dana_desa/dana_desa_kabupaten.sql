{#- Dana Desa per kabupaten/kota and year, 2018-2024 where a DJPK source has it (no source covers
    2022). The allocation is the highest-ranked source's (int_dana_desa__candidates); a second source
    for the same kabupaten-year is kept beside it with the difference. Realisation with its cut-off,
    the DJPK formula parts and inputs where published, villages per DJPK and per the current master. -#}
with candidates as (
    select
        *,
        row_number() over (partition by kode_kabupaten, tahun order by urutan) as peringkat
    from {{ ref('int_dana_desa__candidates') }}
),

chosen as (
    select * from candidates
    where peringkat = 1
),

second as (
    select * from candidates
    where peringkat = 2
),

realisasi as (
    select
        kode_kabupaten,
        tahun,
        realisasi_rupiah,
        realisasi_sampai_tanggal,
        realisasi_keterangan,
        source_file
    from {{ ref('stg_djpk_tkdd__dana_desa') }}
    where kode_kabupaten is not null and realisasi_rupiah is not null
    union all
    select
        kode_kabupaten,
        tahun,
        realisasi_rupiah,
        null::date as realisasi_sampai_tanggal,
        'DJPK portal realisasi; cut-off not stated in the file' as realisasi_keterangan,
        source_file
    from {{ ref('stg_djpk_dana_desa__realisasi') }}
    where kode_kabupaten is not null
),

datadasar as (
    select * from {{ ref('stg_djpk_dana_desa__datadasar') }}
    where kode_kabupaten is not null
),

wilayah as (
    select * from {{ ref('dim_wilayah') }}
),

desa_master as (
    select
        kode_kabupaten,
        count(*) as jumlah_desa_master
    from wilayah
    where level = 'desa' and jenis <> 'kelurahan'
    group by all
)

select
    c.kode_kabupaten,
    k.nama as nama_kabupaten,
    k.kode_provinsi,
    k.nama_provinsi,
    c.nama_pemda_djpk,
    c.tahun,
    c.pagu_rupiah,
    c.sumber as pagu_sumber,
    c.source_file as pagu_source_file,
    s.pagu_rupiah as pagu_pembanding_rupiah,
    s.sumber as pagu_pembanding_sumber,
    (s.pagu_rupiah - c.pagu_rupiah)::bigint as selisih_pagu_pembanding_rupiah,
    r.realisasi_rupiah,
    r.realisasi_sampai_tanggal,
    r.realisasi_keterangan,
    r.source_file as realisasi_source_file,
    d.alokasi_dasar_rupiah,
    d.alokasi_afirmasi_rupiah,
    case when d.kode_kabupaten is not null then 0 end::bigint as alokasi_kinerja_rupiah,
    d.alokasi_formula_rupiah,
    (d.total_alokasi_rupiah - d.alokasi_dasar_rupiah - d.alokasi_afirmasi_rupiah - d.alokasi_formula_rupiah)::bigint
        as selisih_komponen_rupiah,
    d.jumlah_desa as jumlah_desa_djpk,
    d.jumlah_penduduk,
    d.jumlah_penduduk_miskin,
    d.luas_wilayah_km2,
    d.ikk,
    coalesce(m.jumlah_desa_master, 0)::integer as jumlah_desa_master,
    c.data_origin
from chosen as c
left join second as s on c.kode_kabupaten = s.kode_kabupaten and c.tahun = s.tahun
left join realisasi as r on c.kode_kabupaten = r.kode_kabupaten and c.tahun = r.tahun
left join datadasar as d on c.kode_kabupaten = d.kode_kabupaten and c.tahun = d.tahun
left join wilayah as k on c.kode_kabupaten = k.kode
left join desa_master as m on c.kode_kabupaten = m.kode_kabupaten
