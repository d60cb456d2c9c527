{#- Dana Desa as the village booked it (APBDes revenue, jenis 4.2.1 in the 20/2018 chart) beside
    the village's allocation in dana_desa_desa for the same year. The per-village allocations are
    generated from the kabupaten figures unless a real per-village file was supplied
    (`alokasi_data_origin`): a difference against a synthetic allocation is a fact about the model,
    not about the village. -#}
with budgets as (
    select * from {{ ref('apbdes_summary') }}
),

allocations as (
    select * from {{ ref('dana_desa_desa') }}
),

years as (
    select distinct tahun from allocations
)

select
    b.sumber_data,
    b.kode_desa_sumber,
    b.tahun,
    b.kode_desa,
    b.dana_desa_rupiah as dana_desa_apbdes_rupiah,
    b.pendapatan_dds_rupiah,
    a.pagu_rupiah as pagu_dana_desa_desa_rupiah,
    (b.dana_desa_rupiah - a.pagu_rupiah)::bigint as selisih_rupiah,
    a.data_origin as alokasi_data_origin,
    case
        when b.kode_desa is null then 'desa_tidak_terselesaikan'
        when y.tahun is null then 'tahun_tanpa_alokasi'
        when a.kode_desa is null then 'desa_tanpa_alokasi'
        when b.dana_desa_rupiah = a.pagu_rupiah then 'sama'
        else 'berbeda'
    end as status
from budgets as b
left join years as y on b.tahun = y.tahun
left join allocations as a on b.kode_desa = a.kode_desa and b.tahun = a.tahun
