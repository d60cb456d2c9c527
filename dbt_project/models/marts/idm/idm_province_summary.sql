{#- Villages by IDM status per current province and year (villages with a resolved code). -#}
with status as (
    select * from {{ ref('idm_status') }}
    where kode_provinsi is not null
),

provinces as (
    select
        kode,
        nama
    from {{ ref('dim_wilayah') }}
    where level = 'provinsi'
)

select
    s.kode_provinsi,
    p.nama as nama_provinsi,
    s.tahun,
    {{ idm_status_counts('s.') }},
    cast(avg(s.nilai_idm) as double) as rata_rata_nilai_idm
from status as s
inner join provinces as p on p.kode = s.kode_provinsi
group by all
