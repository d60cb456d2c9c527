{{ config(meta={"dagster": {"ref": {"name": "int_sdgs__villages"}}}) }}
-- Gate: every village response has exactly the 18 goals 1..18, each once.
select kode_bps, n_goals, n_goals_distinct
from {{ ref('int_sdgs__villages') }}
where n_goals != {{ sdgs_n_goals() }} or n_goals_distinct != {{ sdgs_n_goals() }}
union all
select kode_bps, null, null
from {{ ref('stg_kemendesa_sdgs__scores') }}
where goal not between 1 and {{ sdgs_n_goals() }}
