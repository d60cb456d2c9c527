with source as (
    select * from {{ source('kemendesa_sdgs', 'villages') }}
)

select
    location_code as kode_bps,
    left(location_code, 2) as kode_provinsi_bps,
    left(location_code, 4) as kode_kabupaten_bps,
    average_text,
    -- The ingest accepted only texts of at most 3 integer digits and 2 decimals: the cast is exact.
    cast(average_text as decimal(5, 2)) as score_reported,
    total_desa,
    n_items,
    source_file,
    line_number as source_line
from source
