{#- The 62 daerah tertinggal of Perpres 63/2020 with their current Kemendagri codes and target year. -#}
select
    nama_kabupaten,
    kode_kabupaten,
    nama_kabupaten_master,
    provinsi,
    kode_provinsi,
    provinsi_perpres,
    kode_provinsi_perpres,
    tahun_target_entas,
    catatan
from {{ ref('int_idm__daerah_tertinggal_matches') }}
