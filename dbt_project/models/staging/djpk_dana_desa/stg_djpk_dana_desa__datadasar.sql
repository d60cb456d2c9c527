with source as (
    select * from {{ source('djpk_dana_desa', 'datadasar') }}
)

select
    tahun::integer as tahun,
    daerah as nama_pemda_djpk,
    jenis_pemda,
    kode_kabupaten,
    resolusi,
    alokasi_dasar_rupiah::bigint as alokasi_dasar_rupiah,
    alokasi_afirmasi_rupiah::bigint as alokasi_afirmasi_rupiah,
    alokasi_formula_rupiah::bigint as alokasi_formula_rupiah,
    total_alokasi_rupiah::bigint as total_alokasi_rupiah,
    jumlah_desa::integer as jumlah_desa,
    jumlah_penduduk::bigint as jumlah_penduduk,
    jumlah_penduduk_miskin::decimal(14, 2) as jumlah_penduduk_miskin,
    luas_wilayah::decimal(14, 2) as luas_wilayah_km2,
    ikk::decimal(8, 2) as ikk,
    source_file,
    record_number as source_line,
    data_origin
from source
