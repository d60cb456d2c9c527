{#- Activity x SDGs Desa goal, with where the activity is, who runs it and its rupiah. -#}
with activities as (
    select
        *,
        -- The latest year of this source system at this location: what convergence counts.
        tahun = max(tahun) over (partition by source_system, kode_wilayah, level_wilayah) as tahun_terkini
    from {{ ref('int_programs__activities') }}
),

goals as (
    select
        activity_id,
        unnest(goals) as goal,
        len(goals) as n_goals
    from activities
)

select
    a.activity_id,
    g.goal,
    g.n_goals as n_goals_aktivitas,
    a.level,
    a.source_system,
    a.jenis,
    a.program_group,
    a.actor_code,
    a.actor_name,
    a.kode_wilayah,
    a.level_wilayah,
    a.tahun,
    a.tahun_terkini,
    a.pagu_rupiah,
    a.dana_desa,
    a.mapping_seed,
    a.mapping_key,
    a.mapping_basis
from goals as g
inner join activities as a on g.activity_id = a.activity_id
