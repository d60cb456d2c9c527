{#- One row per budget item and revision, renamed from the RKA-K/L columns; rupiah stay integers. -#}
with source as (
    select * from {{ source('kemendesa_apbn', 'lines') }}
)

select
    thang as tahun,
    revisike as revisi,
    kdsatker as kode_satker,
    kddept as kode_ba,
    kdunit as kode_unit,
    kdprogram as kode_program,
    kdgiat as kode_kegiatan,
    kdoutput as kode_kro,
    kdsoutput as kode_ro,
    kdkmpnen as kode_komponen,
    kdskmpnen as kode_subkomponen,
    kdakun as kode_akun,
    nmakun as nama_akun_sumber,
    noitem as nomor_item,
    nmitem as nama_item,
    vol as volume,
    sat as satuan,
    hargasat as harga_satuan_rupiah,
    jumlah as pagu_rupiah,
    nullif(kdblokir, '') as kode_blokir,
    coalesce(rphblokir, 0) as blokir_rupiah,
    kdlokasi as kode_lokasi,
    kdkabkota as kode_kabkota,
    source_file,
    record_number as source_line
from source
