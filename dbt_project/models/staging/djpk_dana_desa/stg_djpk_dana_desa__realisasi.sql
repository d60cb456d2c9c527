with source as (
    select * from {{ source('djpk_dana_desa', 'realisasi') }}
)

select
    tahun::integer as tahun,
    kdprov as kdprov_djpk,
    urprov as nama_provinsi_djpk,
    kdpemda,
    urpemda as nama_pemda_djpk,
    jenis_pemda,
    kode_kabupaten,
    resolusi,
    nilai_rupiah::bigint as realisasi_rupiah,
    source_file,
    record_number as source_line,
    data_origin
from source
