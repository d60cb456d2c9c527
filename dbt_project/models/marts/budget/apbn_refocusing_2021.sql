{#- Each 2021 refocusing round by unit and spending category: what was cut from the pagu, what was
    newly blocked, and the total fall in effective pagu (the round's figure). -#}
with groups as (
    select * from {{ ref('int_budget__revision_groups') }}
),

rounds as (
    select * from {{ ref('budget_refocusing_rounds_2021') }}
),

units as (
    select * from {{ ref('budget_eselon1_units') }}
)

select
    r.putaran,
    r.revisi,
    r.dasar,
    g.kode_unit,
    u.singkatan as singkatan_unit,
    g.jenis_belanja,
    g.kategori_belanja,
    sum(g.pagu_sebelum_rupiah - g.pagu_sesudah_rupiah)::bigint as dipotong_rupiah,
    sum(g.blokir_sesudah_rupiah - g.blokir_sebelum_rupiah)::bigint as diblokir_rupiah,
    sum(g.pagu_efektif_sebelum_rupiah - g.pagu_efektif_sesudah_rupiah)::bigint as pengurangan_pagu_efektif_rupiah,
    sum(g.pagu_efektif_sebelum_rupiah)::bigint as pagu_efektif_sebelum_rupiah,
    sum(g.pagu_efektif_sesudah_rupiah)::bigint as pagu_efektif_sesudah_rupiah
from rounds as r
inner join groups as g on r.revisi = g.revisi and r.revisi - 1 = g.revisi_sebelum
left join units as u on g.kode_unit = u.kode_unit
group by all
