with codes as (
    select * from {{ ref('int_dana_desa__pemda_codes') }}
),

kabupaten as (
    select
        kode,
        nama
    from {{ ref('dim_wilayah') }}
    where level = 'kabupaten'
),

receiving as (
    select distinct nama_pemda_djpk from {{ ref('int_dana_desa__candidates') }}
)

select
    c.nama_pemda_djpk,
    c.kdprov_djpk,
    c.kode_kabupaten,
    k.nama as nama_kabupaten,
    case when c.resolusi like 'unresolved%' then null else c.resolusi end as metode,
    case when c.resolusi like 'unresolved%' then substr(c.resolusi, 13) end as alasan_tidak_terselesaikan,
    r.nama_pemda_djpk is not null as penerima_dana_desa,
    c.tahun_pertama,
    c.tahun_terakhir,
    c.sumber
from codes as c
left join kabupaten as k on c.kode_kabupaten = k.kode
left join receiving as r on c.nama_pemda_djpk = r.nama_pemda_djpk
