{{ config(meta={"dagster": {"ref": {"name": "program_activities"}}}) }}
-- Gate: every activity has a valid current region code at its stated level, or the explicit
-- national level without a code.
select
    a.activity_id,
    a.kode_wilayah,
    a.level_wilayah
from {{ ref('program_activities') }} as a
left join {{ ref('dim_wilayah') }} as w on a.kode_wilayah = w.kode and a.level_wilayah = w.level
where
    (a.level_wilayah = 'nasional' and a.kode_wilayah is not null)
    or (a.level_wilayah <> 'nasional' and w.kode is null)
