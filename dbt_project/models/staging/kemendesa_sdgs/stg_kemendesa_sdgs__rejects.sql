with source as (
    select * from {{ source('kemendesa_sdgs', 'rejects') }}
)

select
    'kemendesa_sdgs' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
