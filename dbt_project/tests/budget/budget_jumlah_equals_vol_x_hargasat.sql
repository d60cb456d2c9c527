{#- JUMLAH = VOL x HARGASAT on every item that gives both (lump sums give neither). -#}
select
    revisi,
    kode_satker,
    kode_line,
    nomor_item,
    volume,
    harga_satuan_rupiah,
    pagu_rupiah
from {{ ref('apbn_lines') }}
where
    (volume is null) <> (harga_satuan_rupiah is null)
    or volume * harga_satuan_rupiah <> pagu_rupiah
