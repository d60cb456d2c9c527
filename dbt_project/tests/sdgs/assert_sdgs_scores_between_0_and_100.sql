{{ config(meta={"dagster": {"ref": {"name": "sdgs_goal_scores"}}}) }}
-- Gate: goal scores and reported averages are in [0, 100].
select kode_bps, 'score' as what, score as value
from {{ ref('sdgs_goal_scores') }}
where score < 0 or score > 100
union all
select kode_bps, 'score_reported', score_reported
from {{ ref('sdgs_village_scores') }}
where score_reported < 0 or score_reported > 100
