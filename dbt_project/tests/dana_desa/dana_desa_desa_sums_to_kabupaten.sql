-- Per-village allocations sum to the kabupaten allocation to the rupiah, for every kabupaten-year
-- whose kabupaten has villages in the current master; no village allocation without a kabupaten one.
with desa as (
    select
        kode_kabupaten,
        tahun,
        sum(pagu_rupiah) as pagu_desa
    from {{ ref('dana_desa_desa') }}
    group by all
),

kabupaten as (
    select
        kode_kabupaten,
        tahun,
        pagu_rupiah
    from {{ ref('dana_desa_kabupaten') }}
    where jumlah_desa_master > 0
)

select
    coalesce(k.kode_kabupaten, d.kode_kabupaten) as kode_kabupaten,
    coalesce(k.tahun, d.tahun) as tahun,
    k.pagu_rupiah,
    d.pagu_desa
from kabupaten as k
full join desa as d on k.kode_kabupaten = d.kode_kabupaten and k.tahun = d.tahun
where k.pagu_rupiah is distinct from d.pagu_desa
