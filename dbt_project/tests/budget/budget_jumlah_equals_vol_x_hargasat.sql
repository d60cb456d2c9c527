{#- An item gives both VOL and HARGASAT or neither (lump sums give neither). That JUMLAH equals
    VOL x HARGASAT where both are given is the published contract: the apbn_lines suite checks it. -#}
select
    revisi,
    kode_satker,
    kode_line,
    nomor_item,
    volume,
    harga_satuan_rupiah,
    pagu_rupiah
from {{ ref('apbn_lines') }}
where (volume is null) <> (harga_satuan_rupiah is null)
