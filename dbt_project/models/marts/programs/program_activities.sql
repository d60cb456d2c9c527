{#- One conformed row per activity, whoever runs it: ministry (RKA-K/L), village (Siskeudes), IDM's expected actors. -#}
select
    activity_id,
    level,
    actor_code,
    actor_name,
    source_system,
    jenis,
    original_code,
    original_name,
    program_group,
    kode_wilayah,
    level_wilayah,
    case when level_wilayah in ('kabupaten', 'kecamatan', 'desa') then left(kode_wilayah, 5) end as kode_kabupaten,
    case when level_wilayah <> 'nasional' then left(kode_wilayah, 2) end as kode_provinsi,
    cast(tahun as integer) as tahun,
    cast(pagu_rupiah as bigint) as pagu_rupiah,
    sumber_dana,
    dana_desa,
    cast(len(goals) as integer) as n_goals,
    data_origin
from {{ ref('int_programs__activities') }}
