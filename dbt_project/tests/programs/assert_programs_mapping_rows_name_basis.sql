{{ config(meta={"dagster": {"ref": {"name": "program_sdgs_alignment"}}}) }}
-- Gate: every mapping row names its basis, in every mapping seed and every alignment row.
select 'idm_indicator_program_map' as seed, cast(row_cell as varchar) as kode
from {{ ref('idm_indicator_program_map') }}
where coalesce(trim(basis), '') = ''
union all
select 'siskeudes_program_map', kode
from {{ ref('siskeudes_program_map') }}
where coalesce(trim(basis), '') = ''
union all
select 'rkakl_program_map', kode
from {{ ref('rkakl_program_map') }}
where coalesce(trim(basis), '') = ''
union all
select 'program_sdgs_alignment', activity_id
from {{ ref('program_sdgs_alignment') }}
where coalesce(trim(mapping_basis), '') = ''
