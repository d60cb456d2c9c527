with source as (
    select * from {{ source('kode_wilayah', 'rejects') }}
)

select
    'kode_wilayah' as source_name,
    source_file,
    line_number as source_line,
    raw_line as raw_record,
    reason
from source
