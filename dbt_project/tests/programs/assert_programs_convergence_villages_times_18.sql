{{ config(meta={"dagster": {"ref": {"name": "village_goal_convergence"}}}) }}
-- Gate: one convergence row per village with SDGs scores and a current code, for each of the 18 goals.
with expected as (
    select count(distinct kode_desa) * 18 as n
    from {{ ref('sdgs_village_scores') }}
    where kode_desa is not null
),

actual as (
    select
        count(*) as n,
        count(distinct kode_desa || ':' || goal) as n_distinct,
        count(distinct goal) as n_goals
    from {{ ref('village_goal_convergence') }}
)

select
    e.n as expected,
    a.n as actual,
    a.n_distinct,
    a.n_goals
from expected as e
cross join actual as a
where e.n <> a.n or a.n_distinct <> a.n or (a.n > 0 and a.n_goals <> 18)
