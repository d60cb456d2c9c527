-- Gate: no village has the same goal twice (a duplicated item in a response).
select kode_bps, goal, count(*) as n
from {{ ref('sdgs_goal_scores') }}
group by kode_bps, goal
having count(*) > 1
