{#- Villages by IDM status per year, over every village-year of the data (resolved code or not). -#}
select
    tahun,
    count(*) as n_desa,
    count(*) filter (where status = 'SANGAT TERTINGGAL') as n_sangat_tertinggal,
    count(*) filter (where status = 'TERTINGGAL') as n_tertinggal,
    count(*) filter (where status = 'BERKEMBANG') as n_berkembang,
    count(*) filter (where status = 'MAJU') as n_maju,
    count(*) filter (where status = 'MANDIRI') as n_mandiri,
    count(*) filter (where status_tidak_sesuai) as n_status_tidak_sesuai,
    count(*) filter (where kode_desa is null) as n_desa_tanpa_kode,
    cast(avg(nilai_idm) as double) as rata_rata_nilai_idm
from {{ ref('idm_status') }}
group by tahun
