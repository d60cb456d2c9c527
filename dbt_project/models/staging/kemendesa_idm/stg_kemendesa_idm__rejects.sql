with source as (
    select * from {{ source('kemendesa_idm', 'rejects') }}
)

select
    'kemendesa_idm' as source_name,
    source_file,
    line_number as source_line,
    raw_line as raw_record,
    reason
from source
