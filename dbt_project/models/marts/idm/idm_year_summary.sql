{#- Villages by IDM status per year, over every village-year of the data (resolved code or not). -#}
select
    tahun,
    {{ idm_status_counts() }},
    count(*) filter (where kode_desa is null) as n_desa_tanpa_kode,
    cast(avg(nilai_idm) as double) as rata_rata_nilai_idm
from {{ ref('idm_status') }}
group by tahun
