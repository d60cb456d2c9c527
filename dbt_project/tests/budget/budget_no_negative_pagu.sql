{#- No negative pagu, no block larger than the pagu. -#}
select
    revisi,
    kode_satker,
    kode_line,
    nomor_item,
    pagu_rupiah,
    blokir_rupiah
from {{ ref('apbn_lines') }}
where pagu_rupiah < 0 or blokir_rupiah < 0 or blokir_rupiah > pagu_rupiah
