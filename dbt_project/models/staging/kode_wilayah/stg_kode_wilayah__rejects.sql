with source as (
    select * from {{ source('kode_wilayah', 'rejects') }}
)

select
    'kode_wilayah' as source_name,
    source_file,
    record_number as source_line,
    raw_record,
    reason
from source
