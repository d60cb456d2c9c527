{#- How each IDM village code was resolved to a current Kemendagri code, and where the crosswalk and
    IDENTITAS.id_desa disagree. -#}
select
    kode_idm as kode_bps,
    id_desa,
    nama_desa_idm,
    nama_kabupaten_idm,
    n_id_desa,
    ada_di_crosswalk,
    kode_desa_crosswalk,
    nama_desa_crosswalk,
    cast(round(kemiripan_crosswalk, 3) as decimal(4, 3)) as kemiripan_crosswalk,
    kode_desa_identitas,
    nama_desa_identitas,
    cast(round(kemiripan_identitas, 3) as decimal(4, 3)) as kemiripan_identitas,
    kode_desa_identitas_crosswalk,
    cast(round(kemiripan_identitas_crosswalk, 3) as decimal(4, 3)) as kemiripan_identitas_crosswalk,
    kode_desa,
    metode,
    kode_berbeda,
    alasan
from {{ ref('int_idm__code_resolution') }}
