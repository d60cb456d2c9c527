{#- Every DJPK figure of a kabupaten's Dana Desa allocation, by source, ranked (urutan, see
    int_dana_desa__djpk_rows): rows resolved to a kabupaten/kota with an allocation. -#}
select
    kode_kabupaten,
    tahun,
    nama_pemda_djpk,
    alokasi_rupiah as pagu_rupiah,
    sumber,
    source_file,
    data_origin,
    urutan
from {{ ref('int_dana_desa__djpk_rows') }}
where urutan is not null and kode_kabupaten is not null and alokasi_rupiah > 0
