{#- Each published budget figure computed beside it: from the lines where the lines hold it, from
    other published figures where the figure is a sum of them. A figure absent here is not computable
    (no lines: the indicative stage, 2022, 2023). -#}
with lines as (
    select * from {{ ref('int_budget__lines') }}
),

published as (
    select * from {{ ref('budget_published_figures') }}
),

rounds as (
    select * from {{ ref('budget_refocusing_rounds_2021') }}
),

priority as (
    select * from {{ ref('budget_priority_programs_2021') }}
),

revision_0 as (
    select * from lines
    where revisi = 0
),

categories as (
    select distinct kategori_belanja from lines
),

effective as (
    select
        revisi,
        kategori_belanja,
        sum(pagu_efektif_rupiah) as pagu_efektif_rupiah
    from lines
    group by all
),

round_cuts as (
    -- what each round removed, by category: effective pagu before minus after
    select
        r.putaran,
        c.kategori_belanja,
        coalesce(b.pagu_efektif_rupiah, 0) - coalesce(a.pagu_efektif_rupiah, 0) as cut_rupiah
    from rounds as r
    cross join categories as c
    left join effective as b on r.revisi - 1 = b.revisi and c.kategori_belanja = b.kategori_belanja
    left join effective as a on r.revisi = a.revisi and c.kategori_belanja = a.kategori_belanja
    where exists (
        select 1 from lines
        where lines.revisi = r.revisi
    )
),

round_totals as (
    select
        putaran,
        sum(cut_rupiah) as cut_rupiah
    from round_cuts
    group by all
),

last_round as (
    select max(revisi) as revisi
    from rounds
    where exists (
        select 1 from lines
        where lines.revisi = rounds.revisi
    )
),

computed as (
    select
        'pagu_2021' as figure,
        sum(pagu_rupiah) as computed_rupiah
    from revision_0
    having count(*) > 0
    union all
    select
        'pagu_2021_belanja_' || jenis_belanja as figure,
        sum(pagu_rupiah) as computed_rupiah
    from revision_0
    group by jenis_belanja
    union all
    select
        'refocusing_2021_round_' || putaran as figure,
        cut_rupiah as computed_rupiah
    from round_totals
    union all
    select
        'refocusing_2021_round_1_rounded' as figure,
        cut_rupiah as computed_rupiah
    from round_totals
    where putaran = 1
    union all
    select
        'refocusing_2021_round_1_' || kategori_belanja as figure,
        cut_rupiah as computed_rupiah
    from round_cuts
    where putaran = 1
    union all
    select
        'refocusing_2021_four_rounds_total' as figure,
        sum(cut_rupiah) as computed_rupiah
    from round_totals
    having count(*) = 4
    union all
    select
        'pagu_2021_after_refocusing' as figure,
        sum(l.pagu_efektif_rupiah) as computed_rupiah
    from lines as l
    inner join last_round as lr on l.revisi = lr.revisi
    union all
    -- published beside published
    select
        'refocusing_2021_round_1_breakdown_sum' as figure,
        sum(pf.published_rupiah) as computed_rupiah
    from published as pf
    where
        pf.figure in (
            'refocusing_2021_round_1_perjalanan_dinas',
            'refocusing_2021_round_1_honorarium',
            'refocusing_2021_round_1_kajian_konsultan',
            'refocusing_2021_round_1_monev_lapangan',
            'refocusing_2021_round_1_bantuan'
        )
    union all
    select
        'pagu_2021_after_refocusing_published_arithmetic' as figure,
        max(pf.published_rupiah) filter (where pf.figure = 'pagu_2021')
        - sum(pf.published_rupiah) filter (
            where pf.figure in (
                'refocusing_2021_round_1_rounded',
                'refocusing_2021_round_2',
                'refocusing_2021_round_3',
                'refocusing_2021_round_4'
            )
        ) as computed_rupiah
    from published as pf
    union all
    select
        'pagu_indikatif_2022_units_sum' as figure,
        sum(pf.published_rupiah) as computed_rupiah
    from published as pf
    where pf.figure like 'pagu_indikatif_2022_%' and pf.kode_unit is not null
    union all
    select
        'prioritas_2021_' || p.prioritas as figure,
        sum(l.pagu_rupiah) as computed_rupiah
    from priority as p
    inner join revision_0 as l on p.prioritas = l.prioritas
    group by p.prioritas
)

select
    figure,
    computed_rupiah::bigint as computed_rupiah
from computed
where computed_rupiah is not null
