with source as (
    select * from {{ source('djpk_dana_desa_desa', 'rejects') }}
)

select
    'djpk_dana_desa_desa' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
