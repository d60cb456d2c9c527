{#- Villages by IDM status per current kabupaten/kota and year (villages with a resolved code). -#}
with status as (
    select * from {{ ref('idm_status') }}
    where kode_kabupaten is not null
),

kabupaten as (
    select
        kode,
        nama,
        kode_provinsi,
        nama_provinsi
    from {{ ref('dim_wilayah') }}
    where level = 'kabupaten'
)

select
    s.kode_kabupaten,
    k.nama as nama_kabupaten,
    k.kode_provinsi,
    k.nama_provinsi,
    s.tahun,
    {{ idm_status_counts('s.') }},
    cast(avg(s.nilai_idm) as double) as rata_rata_nilai_idm
from status as s
inner join kabupaten as k on k.kode = s.kode_kabupaten
group by all
