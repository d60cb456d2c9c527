with source as (
    select * from {{ source('siskeudes', 'rejects') }}
)

select
    'siskeudes' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
