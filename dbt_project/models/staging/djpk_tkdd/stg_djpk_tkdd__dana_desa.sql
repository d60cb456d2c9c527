{#- Dana Desa per DJPK row. The file states the realisation cut-off only in words: "Data bulan
    desember" is the year end, "s.d Maret 2021" the end of March 2021; "Realisasi Berdasarkan SP2D"
    names no date (left null, the words kept). -#}
with source as (
    select * from {{ source('djpk_tkdd', 'dana_desa') }}
)

select
    tahun::integer as tahun,
    kdpemda,
    nmpemda as nama_pemda_djpk,
    kdprov as kdprov_djpk,
    nmprov as nama_provinsi_djpk,
    jenis_pemda,
    kode_kabupaten,
    resolusi,
    alokasi_rupiah::bigint as alokasi_rupiah,
    realisasi_rupiah::bigint as realisasi_rupiah,
    persen_realisasi,
    disclaimer as realisasi_keterangan,
    case
        when lower(disclaimer) like '%desember%' then make_date(tahun::integer, 12, 31)
        when lower(disclaimer) like '%s.d maret%' then make_date(tahun::integer, 3, 31)
    end as realisasi_sampai_tanggal,
    source_file,
    record_number as source_line,
    data_origin
from source
