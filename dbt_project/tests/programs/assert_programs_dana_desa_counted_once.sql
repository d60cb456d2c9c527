{{ config(meta={"dagster": {"ref": {"name": "program_activities"}}}) }}
-- Gate: a Dana Desa rupiah appears once, at the village that spends it (Siskeudes, level desa, with
-- its funding source): never at the ministry or kabupaten level, never without a funding source.
select
    activity_id,
    level,
    source_system,
    sumber_dana
from {{ ref('program_activities') }}
where
    dana_desa
    and (level <> 'desa' or source_system <> 'siskeudes' or level_wilayah <> 'desa' or sumber_dana is null)
