with villages as (
    select * from {{ ref('int_sdgs__villages') }}
)

select
    kode_bps,
    kode_desa,
    nama_desa,
    kode_kecamatan,
    kode_kabupaten,
    kode_provinsi,
    kode_provinsi_bps,
    match_method,
    score_reported,
    score_recomputed,
    average_mismatch,
    cast(n_goals as integer) as n_goals,
    cast(n_goals_zero as integer) as n_goals_zero,
    {{ sdgs_score_band('score_reported') }} as score_band,
    total_desa
from villages
