with source as (
    select * from {{ source('kemendesa_sdgs', 'scores') }}
)

select
    location_code as kode_bps,
    cast(goal as smallint) as goal,
    title as goal_title_source,
    image,
    score_text,
    -- Exact: the text has at most 3 integer digits and 2 decimals (checked at ingest), never a float.
    cast(score_text as decimal(5, 2)) as score,
    item_index
from source
