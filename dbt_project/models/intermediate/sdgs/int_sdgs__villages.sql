{#- One row per village response: goal counts, exact sums and averages, and the current code.
    All arithmetic on scores stays in DECIMAL or integer cents: no float touches a published value. -#}
with villages as (
    select * from {{ ref('stg_kemendesa_sdgs__villages') }}
),

scores as (
    select * from {{ ref('stg_kemendesa_sdgs__scores') }}
),

crosswalk as (
    select * from {{ ref('wilayah_crosswalk') }}
),

per_village as (
    select
        kode_bps,
        count(*) as n_goals,
        count(distinct goal) as n_goals_distinct,
        count(*) filter (where score = 0) as n_goals_zero,
        sum(score) as score_sum
    from scores
    group by kode_bps
),

measured as (
    select
        v.*,
        coalesce(p.n_goals, 0) as n_goals,
        coalesce(p.n_goals_distinct, 0) as n_goals_distinct,
        coalesce(p.n_goals_zero, 0) as n_goals_zero,
        coalesce(p.score_sum, 0) as score_sum,
        -- Sum in integer cents; the mean over the 18 goals (missing goals count as 0) rounded half-up,
        -- the rounding that reproduces every one of the 82,156 real averages.
        cast(coalesce(p.score_sum, 0) * 100 as bigint) as score_sum_cents
    from villages as v
    left join per_village as p on v.kode_bps = p.kode_bps
)

select
    m.kode_bps,
    x.kode_desa,
    x.nama_desa,
    x.kode_kecamatan,
    x.kode_kabupaten,
    x.kode_provinsi,
    m.kode_provinsi_bps,
    m.kode_kabupaten_bps,
    coalesce(x.match_method, 'not_in_crosswalk') as match_method,
    m.average_text,
    m.score_reported,
    cast(
        cast((2 * m.score_sum_cents + {{ sdgs_n_goals() }}) // (2 * {{ sdgs_n_goals() }}) as decimal(18, 0))
        * cast(0.01 as decimal(3, 2))
        as decimal(5, 2)
    ) as score_recomputed,
    -- |reported - exact mean| > 0.005, multiplied through by 18 so it stays exact.
    abs(m.score_reported * {{ sdgs_n_goals() }} - m.score_sum) > 0.09 as average_mismatch,
    m.score_sum,
    m.n_items,
    m.n_goals,
    m.n_goals_distinct,
    m.n_goals_zero,
    m.total_desa,
    m.source_file,
    m.source_line
from measured as m
left join crosswalk as x on m.kode_bps = x.kode_bps
