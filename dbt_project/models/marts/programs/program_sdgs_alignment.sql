{#- Activity x SDGs Desa goal from the project's mapping seeds, each row with its basis. -#}
select
    ag.activity_id,
    cast(ag.goal as smallint) as goal,
    g.title as goal_title,
    ag.goal = 5 as pencegahan_perkawinan_anak,
    ag.source_system,
    ag.level,
    ag.program_group,
    cast(ag.tahun as integer) as tahun,
    cast(ag.n_goals_aktivitas as integer) as n_goals_aktivitas,
    ag.mapping_seed,
    ag.mapping_key,
    ag.mapping_basis
from {{ ref('int_programs__activity_goals') }} as ag
left join {{ ref('sdgs_goals') }} as g on ag.goal = g.goal
