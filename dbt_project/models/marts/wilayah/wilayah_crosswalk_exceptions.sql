{#- The work list: every BPS region (village, kecamatan, kabupaten) the crosswalk could not resolve
    to a current Kemendagri code, with the reason. -#}
select
    'desa' as level,
    kode_bps,
    nama_bps,
    kode_dagri_sumber,
    nama_dagri_sumber,
    unresolved_reason as reason,
    cast(round(name_similarity, 3) as decimal(4, 3)) as name_similarity
from {{ ref('int_wilayah__village_matches') }}
where kode_desa is null

union all

select
    'kecamatan' as level,
    kode_bps,
    nama_bps,
    kode_dagri_sumber,
    nama_dagri_sumber,
    unresolved_reason as reason,
    cast(round(name_similarity, 3) as decimal(4, 3)) as name_similarity
from {{ ref('int_wilayah__kecamatan_matches') }}
where kode_kecamatan is null

union all

select
    'kabupaten' as level,
    kode_bps,
    nama_bps,
    kode_dagri_sumber,
    nama_dagri_sumber,
    unresolved_reason as reason,
    cast(round(name_similarity, 3) as decimal(4, 3)) as name_similarity
from {{ ref('int_wilayah__kabupaten_matches') }}
where kode_kabupaten is null
