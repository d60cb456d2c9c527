{#- Pagu, blocked and effective pagu per revision, unit, program, spending type and category, with
    the same group in the previous revision (0 where the group had no line then). The join takes the
    whole group key, type included, whether or not a category holds one type only. -#}
with lines as (
    select * from {{ ref('int_budget__lines') }}
),

revisions as (
    select
        revisi,
        lag(revisi) over (order by revisi) as revisi_sebelum
    from (select distinct revisi from lines) as r
),

groups as (
    select
        revisi,
        kode_unit,
        kode_program,
        jenis_belanja,
        kategori_belanja,
        sum(pagu_rupiah)::bigint as pagu_rupiah,
        sum(blokir_rupiah)::bigint as blokir_rupiah,
        sum(pagu_efektif_rupiah)::bigint as pagu_efektif_rupiah,
        count(*) as n_items
    from lines
    group by all
),

keys as (
    select distinct
        kode_unit,
        kode_program,
        jenis_belanja,
        kategori_belanja
    from groups
)

select
    r.revisi,
    r.revisi_sebelum,
    k.kode_unit,
    k.kode_program,
    k.jenis_belanja,
    k.kategori_belanja,
    case when r.revisi_sebelum is not null then coalesce(before.pagu_rupiah, 0) end as pagu_sebelum_rupiah,
    coalesce(after.pagu_rupiah, 0) as pagu_sesudah_rupiah,
    case when r.revisi_sebelum is not null then coalesce(before.blokir_rupiah, 0) end as blokir_sebelum_rupiah,
    coalesce(after.blokir_rupiah, 0) as blokir_sesudah_rupiah,
    case
        when r.revisi_sebelum is not null then coalesce(before.pagu_efektif_rupiah, 0)
    end as pagu_efektif_sebelum_rupiah,
    coalesce(after.pagu_efektif_rupiah, 0) as pagu_efektif_sesudah_rupiah,
    case when r.revisi_sebelum is not null then coalesce(before.n_items, 0) end as n_items_sebelum,
    coalesce(after.n_items, 0) as n_items_sesudah
from revisions as r
cross join keys as k
left join groups as after
    on
        r.revisi = after.revisi
        and k.kode_unit = after.kode_unit
        and k.kode_program = after.kode_program
        and k.jenis_belanja is not distinct from after.jenis_belanja
        and k.kategori_belanja = after.kategori_belanja
left join groups as before
    on
        r.revisi_sebelum = before.revisi
        and k.kode_unit = before.kode_unit
        and k.kode_program = before.kode_program
        and k.jenis_belanja is not distinct from before.jenis_belanja
        and k.kategori_belanja = before.kategori_belanja
where after.revisi is not null or before.revisi is not null
