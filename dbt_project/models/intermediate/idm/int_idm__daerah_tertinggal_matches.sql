{#- Each of the 62 daerah tertinggal resolved by name to a current Kemendagri kabupaten: within its
    Perpres province or, for Papua (91) and Papua Barat (92), within the provinces split from it in
    2022 (93-96). Kota are excluded (Kabupaten Kupang, not Kota Kupang). -#}
with seed as (
    select * from {{ ref('daerah_tertinggal_perpres_63_2020') }}
),

scopes as (
    select
        kode_provinsi_perpres as kode_provinsi_lama,
        kode_provinsi_perpres as kode_provinsi
    from seed
    union
    select
        kode_provinsi_lama,
        kode_provinsi_baru as kode_provinsi
    from {{ ref('papua_province_successors') }}
),

kabupaten as (
    select
        kode,
        nama,
        kode_provinsi,
        nama_provinsi,
        {{ normalize_kabupaten_name('nama') }} as nama_norm
    from {{ ref('dim_wilayah') }}
    where level = 'kabupaten' and jenis = 'kabupaten'
),

candidates as (
    select
        s.nama_kabupaten,
        k.kode,
        k.nama,
        k.kode_provinsi,
        k.nama_provinsi
    from seed as s
    inner join scopes as sc on sc.kode_provinsi_lama = s.kode_provinsi_perpres
    inner join kabupaten as k
        on
            k.kode_provinsi = sc.kode_provinsi
            and k.nama_norm = {{ normalize_kabupaten_name('coalesce(s.nama_kabupaten_kini, s.nama_kabupaten)') }}
)

select
    s.nama_kabupaten,
    s.nama_kabupaten_kini,
    s.provinsi as provinsi_perpres,
    s.kode_provinsi_perpres,
    s.tahun_target_entas,
    s.catatan,
    case when count(c.kode) = 1 then min(c.kode) end as kode_kabupaten,
    case when count(c.kode) = 1 then min(c.nama) end as nama_kabupaten_master,
    case when count(c.kode) = 1 then min(c.kode_provinsi) end as kode_provinsi,
    case when count(c.kode) = 1 then min(c.nama_provinsi) end as provinsi,
    count(c.kode) as n_kandidat
from seed as s
left join candidates as c on c.nama_kabupaten = s.nama_kabupaten
group by all
