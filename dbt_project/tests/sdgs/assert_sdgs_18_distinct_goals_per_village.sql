{{ config(meta={"dagster": {"ref": {"name": "int_sdgs__villages"}}}) }}
-- Gate: every village response has exactly 18 goals, each once (rows per entity: dbt's rule).
-- That the goals are 1..18 is the published domain, checked by the sdgs_goal_scores GX suite.
select kode_bps, n_goals, n_goals_distinct
from {{ ref('int_sdgs__villages') }}
where n_goals != {{ sdgs_n_goals() }} or n_goals_distinct != {{ sdgs_n_goals() }}
