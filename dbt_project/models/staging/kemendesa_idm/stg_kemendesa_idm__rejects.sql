{#- Rejected API lines and Excel rows. Like the marts, only the part of the source that is used:
    generated Excel files' defects are not listed beside a real API archive. -#}
with source as (
    select * from {{ source('kemendesa_idm', 'rejects') }}
)

select
    'kemendesa_idm' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
where data_origin = (
    -- The origin the marts use: 'real' sorts before 'synthetic' (see int_idm__village_years).
    select coalesce(min(parts.data_origin), 'real')
    from (
        select data_origin from {{ source('kemendesa_idm', 'village_years') }}
        union all
        select data_origin from {{ source('kemendesa_idm', 'excel_village_years') }}
    ) as parts
)
