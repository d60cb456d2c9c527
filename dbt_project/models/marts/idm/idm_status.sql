{#- IDM status per village and year, with the status recomputed from the Permendesa 2/2016
    thresholds and the source's status kept beside it. -#}
with village_years as (
    select * from {{ ref('int_idm__village_years') }}
),

codes as (
    select * from {{ ref('int_idm__code_resolution') }}
),

thresholds as (
    select * from {{ ref('idm_status_thresholds') }}
),

villages as (
    select
        kode,
        nama,
        kode_kecamatan,
        kode_kabupaten,
        kode_provinsi
    from {{ ref('dim_wilayah') }}
    where level = 'desa'
)

select
    v.kode_idm as kode_bps,
    c.kode_desa,
    w.nama as nama_desa,
    w.kode_kecamatan,
    w.kode_kabupaten,
    w.kode_provinsi,
    v.nama_desa as nama_desa_sumber,
    v.tahun,
    v.iks,
    v.ike,
    v.ikl,
    v.nilai_idm,
    v.status,
    coalesce(v.status_target, ts.status_target) as status_target,
    t.status as status_recomputed,
    t.urutan as urutan_status_recomputed,
    v.status <> t.status as status_tidak_sesuai,
    cast(abs(v.nilai_idm * 3 - (v.iks + v.ike + v.ikl)) / 3 as double) as selisih_rata_rata,
    pow(10, -v.desimal_sumber) as toleransi_pembulatan,
    v.sumber,
    v.n_sumber,
    v.data_origin,
    v.source_file,
    v.source_line
from village_years as v
left join codes as c on c.kode_idm = v.kode_idm
left join villages as w on w.kode = c.kode_desa
left join thresholds as t
    on
        (t.batas_bawah_eksklusif is null or v.nilai_idm > t.batas_bawah_eksklusif)
        and (t.batas_atas_inklusif is null or v.nilai_idm <= t.batas_atas_inklusif)
left join thresholds as ts on ts.status = v.status
