{#- The yearly Excel files' village rows, typed like the API's. -#}
with source as (
    select * from {{ source('kemendesa_idm', 'excel_village_years') }}
)

select
    kode_desa as kode_idm,
    cast(tahun as integer) as tahun,
    provinsi as nama_provinsi,
    kabupaten as nama_kab_kota,
    kecamatan as nama_kecamatan,
    desa as nama_desa,
    cast(iks as decimal(15, 14)) as iks,
    cast(ike as decimal(15, 14)) as ike,
    cast(ikl as decimal(15, 14)) as ikl,
    cast(nilai_idm as decimal(15, 14)) as nilai_idm,
    status,
    {{ source_decimals(['iks', 'ike', 'ikl', 'nilai_idm']) }} as desimal_sumber,
    data_origin,
    source_file,
    row_number as source_line
from source
