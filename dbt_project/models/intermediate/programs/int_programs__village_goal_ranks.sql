{#- Each village's 18 goals ranked from its weakest (1 = lowest score; ties share the rank), weak flag. -#}
with villages as (
    select
        kode_desa,
        nama_desa,
        kode_kecamatan,
        kode_kabupaten,
        kode_provinsi,
        score_reported as skor_desa
    from {{ ref('sdgs_village_scores') }}
    where kode_desa is not null
),

scores as (
    select
        kode_desa,
        goal,
        goal_title,
        score
    from {{ ref('sdgs_goal_scores') }}
    where kode_desa is not null
),

ranked as (
    select
        s.*,
        cast(rank() over (partition by s.kode_desa order by s.score asc) as integer) as peringkat_goal
    from scores as s
)

select
    v.kode_desa,
    v.nama_desa,
    v.kode_kecamatan,
    v.kode_kabupaten,
    v.kode_provinsi,
    v.skor_desa,
    r.goal,
    r.goal_title,
    r.score,
    r.peringkat_goal,
    -- Weak: among the village's lowest goals by rank, ties included (so a tie at the third place
    -- makes every tied goal weak).
    r.peringkat_goal <= {{ var('programs_weak_goal_max_rank', 3) }} as goal_lemah
from ranked as r
inner join villages as v on r.kode_desa = v.kode_desa
