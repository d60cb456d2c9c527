with matches as (
    select * from {{ ref('int_wilayah__village_matches') }}
),

villages as (
    select * from {{ ref('dim_wilayah') }}
    where level = 'desa'
)

select
    m.kode_bps,
    m.nama_bps,
    m.kode_bps_kecamatan,
    m.kode_dagri_sumber,
    m.nama_dagri_sumber,
    m.kode_desa,
    v.nama as nama_desa,
    v.kode_kecamatan,
    v.kode_kabupaten,
    v.kode_provinsi,
    m.match_method,
    cast(round(m.name_similarity, 3) as decimal(4, 3)) as name_similarity,
    m.source_file,
    m.source_line,
    m.line_repair
from matches as m
left join villages as v on v.kode = m.kode_desa
