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
)

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
