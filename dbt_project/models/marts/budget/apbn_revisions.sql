{#- Per revision and unit, program and spending category: before (the previous revision), after
    and the change, for the pagu, the blocked amount and the effective pagu. -#}
with groups as (
    select * from {{ ref('int_budget__revision_groups') }}
),

units as (
    select * from {{ ref('budget_eselon1_units') }}
)

select
    g.revisi,
    g.revisi_sebelum,
    g.kode_unit,
    u.singkatan as singkatan_unit,
    g.kode_program,
    g.jenis_belanja,
    g.kategori_belanja,
    g.pagu_sebelum_rupiah,
    g.pagu_sesudah_rupiah,
    g.pagu_sesudah_rupiah - g.pagu_sebelum_rupiah as perubahan_pagu_rupiah,
    g.blokir_sebelum_rupiah,
    g.blokir_sesudah_rupiah,
    g.blokir_sesudah_rupiah - g.blokir_sebelum_rupiah as perubahan_blokir_rupiah,
    g.pagu_efektif_sebelum_rupiah,
    g.pagu_efektif_sesudah_rupiah,
    g.pagu_efektif_sesudah_rupiah - g.pagu_efektif_sebelum_rupiah as perubahan_pagu_efektif_rupiah,
    g.n_items_sebelum,
    g.n_items_sesudah
from groups as g
left join units as u on g.kode_unit = u.kode_unit
