{{ config(severity='warn', meta={"dagster": {"ref": {"name": "village_goal_convergence"}}}) }}
-- Reported, not blocking: villages with SDGs scores where no activity of any level reaches any goal.
select
    kode_kabupaten,
    count(*) as n_villages
from (
    select
        kode_desa,
        any_value(kode_kabupaten) as kode_kabupaten
    from {{ ref('village_goal_convergence') }}
    group by kode_desa
    having sum(n_aktivitas) = 0
)
group by all
