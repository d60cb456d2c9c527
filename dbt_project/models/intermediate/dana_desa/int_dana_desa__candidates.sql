{#- Every DJPK figure of a kabupaten's Dana Desa allocation, by source, ranked (urutan, see
    int_dana_desa__djpk_rows): rows resolved to a kabupaten/kota with an allocation. A zero or empty
    figure is no figure (TKDD has no kabupaten allocation in 2018); a negative one is kept, for the
    dana_desa_kabupaten suite (pagu at least 1) to stop, never dropped here. -#}
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
where urutan is not null and kode_kabupaten is not null and alokasi_rupiah <> 0
