{{ config(severity='warn', meta={"dagster": {"ref": {"name": "program_activities"}}}) }}
-- Reported, not blocking: activities the mapping aligns to no SDGs Desa goal (e.g. management support).
select
    source_system,
    program_group,
    count(*) as n_activities
from {{ ref('program_activities') }}
where n_goals = 0
group by all
