{#- All 62 kabupaten of Perpres 63/2020 resolve to exactly one current kabupaten (none to a kota). -#}
select nama_kabupaten, n_kandidat
from {{ ref('int_idm__daerah_tertinggal_matches') }}
where n_kandidat <> 1 or kode_kabupaten is null
union all
select 'row count ' || count(*), count(*)
from {{ ref('int_idm__daerah_tertinggal_matches') }}
having count(*) <> 62
