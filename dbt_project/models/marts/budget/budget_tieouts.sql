{#- Dana Desa checks (kabupaten sums, formula parts, village counts) follow the APBN ones, so one
    table holds every budget tie-out. -#}
{#- Every published budget figure beside the figure computed from the lines (or from other published
    figures): ties, gap (the difference is kept, never forced) or not_computable (no lines hold it). -#}
with published as (
    select
        figure,
        tahun,
        kode_unit,
        published_rupiah,
        published_text,
        computed_as,
        source,
        note
    from {{ ref('budget_published_figures') }}
    union all
    select
        'prioritas_2021_' || prioritas as figure,
        2021 as tahun,
        kode_unit,
        pagu_rupiah as published_rupiah,
        nama_program_prioritas || ': ' || target || ' ' || satuan_target as published_text,
        'sum of pagu_rupiah of the revision 0 lines of output '
        || kode_kegiatan || '.' || kode_kro || '.' || kode_ro as computed_as,
        sumber as source,
        null as note
    from {{ ref('budget_priority_programs_2021') }}
),

computed as (
    select * from {{ ref('int_budget__computed_figures') }}
),

budget_figures as (
    select
        p.figure,
        p.tahun,
        p.kode_unit,
        p.source,
        p.published_text,
        p.published_rupiah,
        c.computed_rupiah,
        c.computed_rupiah - p.published_rupiah as difference_rupiah,
        {{ tieout_status('p.published_rupiah', 'c.computed_rupiah') }} as status,
        p.computed_as,
        p.note
    from published as p
    left join computed as c on p.figure = c.figure
),

dana_desa_figures as (
    select
        d.figure,
        cast(null as integer) as tahun,
        cast(null as varchar) as kode_unit,
        d.source,
        cast(null as varchar) as published_text,
        d.published_rupiah,
        d.computed_rupiah,
        d.difference_rupiah,
        d.status,
        cast('dana_desa_tieouts' as varchar) as computed_as,
        d.note
    from {{ ref('dana_desa_tieouts') }} as d
)

select
    b.figure,
    b.tahun,
    b.kode_unit,
    b.source,
    b.published_text,
    b.published_rupiah,
    b.computed_rupiah,
    b.difference_rupiah,
    b.status,
    b.computed_as,
    b.note
from budget_figures as b
union all
select
    d.figure,
    d.tahun,
    d.kode_unit,
    d.source,
    d.published_text,
    d.published_rupiah,
    d.computed_rupiah,
    d.difference_rupiah,
    d.status,
    d.computed_as,
    d.note
from dana_desa_figures as d
