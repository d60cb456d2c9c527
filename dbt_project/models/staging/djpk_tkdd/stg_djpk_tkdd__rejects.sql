with source as (
    select * from {{ source('djpk_tkdd', 'rejects') }}
)

select
    'djpk_tkdd' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
