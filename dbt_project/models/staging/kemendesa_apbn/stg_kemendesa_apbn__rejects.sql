with source as (
    select * from {{ source('kemendesa_apbn', 'rejects') }}
)

select
    'kemendesa_apbn' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
