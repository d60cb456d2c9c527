with source as (
    select * from {{ source('kemendesa_sdgs', 'rejects') }}
)

select
    'kemendesa_sdgs' as source_name,
    source_file,
    line_number as source_line,
    raw_line as raw_record,
    reason
from source
