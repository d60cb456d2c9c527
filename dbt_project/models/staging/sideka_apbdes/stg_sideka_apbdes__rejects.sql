with source as (
    select * from {{ source('sideka_apbdes', 'rejects') }}
)

select
    'sideka_apbdes' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
