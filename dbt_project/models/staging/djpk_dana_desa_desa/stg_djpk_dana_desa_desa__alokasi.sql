with source as (
    select * from {{ source('djpk_dana_desa_desa', 'alokasi') }}
)

select
    tahun::integer as tahun,
    kdprov as kdprov_djpk,
    kdpemda,
    urpemda as nama_pemda_djpk,
    kode_desa,
    nama_desa as nama_desa_sumber,
    alokasi_dasar_rupiah::bigint as alokasi_dasar_rupiah,
    alokasi_afirmasi_rupiah::bigint as alokasi_afirmasi_rupiah,
    alokasi_kinerja_rupiah::bigint as alokasi_kinerja_rupiah,
    alokasi_formula_rupiah::bigint as alokasi_formula_rupiah,
    pagu_rupiah::bigint as pagu_rupiah,
    source_file,
    record_number as source_line,
    data_origin
from source
