{#- Every DJPK figure of a kabupaten's Dana Desa allocation, by source, ranked: the TKDD portal
    (2018-2021, no kabupaten allocation in 2018), the Dana Desa portal (2023-2024), the formula
    inputs' total (2018-2019). The same order is used by the per-village generator
    (assets/dana_desa/sources.py: kabupaten_allocations). -#}
select
    kode_kabupaten,
    tahun,
    nama_pemda_djpk,
    alokasi_rupiah as pagu_rupiah,
    'djpk_tkdd' as sumber,
    source_file,
    data_origin,
    1 as urutan
from {{ ref('stg_djpk_tkdd__dana_desa') }}
where kode_kabupaten is not null and alokasi_rupiah > 0
union all
select
    kode_kabupaten,
    tahun,
    nama_pemda_djpk,
    pagu_rupiah,
    'djpk_dana_desa pagu' as sumber,
    source_file,
    data_origin,
    2 as urutan
from {{ ref('stg_djpk_dana_desa__pagu') }}
where kode_kabupaten is not null and pagu_rupiah > 0
union all
select
    kode_kabupaten,
    tahun,
    nama_pemda_djpk,
    total_alokasi_rupiah as pagu_rupiah,
    'djpk_dana_desa datadasar' as sumber,
    source_file,
    data_origin,
    3 as urutan
from {{ ref('stg_djpk_dana_desa__datadasar') }}
where kode_kabupaten is not null and total_alokasi_rupiah > 0
