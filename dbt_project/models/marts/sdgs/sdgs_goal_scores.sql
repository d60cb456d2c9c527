with scores as (
    select * from {{ ref('stg_kemendesa_sdgs__scores') }}
),

villages as (
    select * from {{ ref('int_sdgs__villages') }}
),

goals as (
    select * from {{ ref('sdgs_goals') }}
)

select
    s.kode_bps,
    v.kode_desa,
    v.kode_provinsi_bps,
    v.kode_provinsi,
    v.kode_kabupaten,
    s.goal,
    coalesce(g.title, s.goal_title_source) as goal_title,
    s.score
from scores as s
inner join villages as v on s.kode_bps = v.kode_bps
left join goals as g on s.goal = g.goal
