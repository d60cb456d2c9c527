{#- The API archive's village-years, typed. Indices keep every digit the source wrote (up to 14
    decimals): DECIMAL(15, 14) holds [0, 9.99...] exactly. -#}
with source as (
    select * from {{ source('kemendesa_idm', 'village_years') }}
)

select
    kode_desa as kode_idm,
    cast(tahun as integer) as tahun,
    cast(iks as decimal(15, 14)) as iks,
    cast(ike as decimal(15, 14)) as ike,
    cast(ikl as decimal(15, 14)) as ikl,
    cast(nilai_idm as decimal(15, 14)) as nilai_idm,
    cast(skor_saat_ini as decimal(15, 14)) as skor_saat_ini,
    status,
    status_baris,
    status_target,
    cast(skor_minimal as decimal(5, 4)) as skor_minimal,
    -- The source computes PENAMBAHAN in floating point (e.g. 0.08825238095238008): kept as a double.
    cast(penambahan as double) as penambahan,
    id_prov,
    nama_provinsi,
    id_kabupaten,
    nama_kab_kota,
    id_kecamatan,
    nama_kecamatan,
    id_desa,
    nama_desa,
    {{ source_decimals(['iks', 'ike', 'ikl', 'nilai_idm']) }} as desimal_sumber,
    data_origin,
    source_file,
    line_number as source_line
from source
