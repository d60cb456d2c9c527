{#- The target to lift the daerah tertinggal out against the IDM status of their villages, per
    kabupaten and year 2021-2024. -#}
with kabupaten as (
    select * from {{ ref('daerah_tertinggal') }}
),

years as (
    select unnest(range(2021, 2025)) as tahun
),

status as (
    select
        kode_kabupaten,
        tahun,
        status,
        nilai_idm
    from {{ ref('idm_status') }}
    where kode_kabupaten is not null
)

select
    k.nama_kabupaten,
    k.kode_kabupaten,
    k.provinsi,
    y.tahun,
    k.tahun_target_entas,
    coalesce(y.tahun >= k.tahun_target_entas, false) as target_jatuh_tempo,
    count(s.status) as n_desa_idm,
    count(s.status) filter (where s.status = 'SANGAT TERTINGGAL') as n_sangat_tertinggal,
    count(s.status) filter (where s.status = 'TERTINGGAL') as n_tertinggal,
    count(s.status) filter (where s.status = 'BERKEMBANG') as n_berkembang,
    count(s.status) filter (where s.status = 'MAJU') as n_maju,
    count(s.status) filter (where s.status = 'MANDIRI') as n_mandiri,
    cast(
        count(s.status) filter (where s.status in ('SANGAT TERTINGGAL', 'TERTINGGAL'))
        / nullif(count(s.status), 0) as double
    ) as porsi_desa_tertinggal,
    cast(avg(s.nilai_idm) as double) as rata_rata_nilai_idm
from kabupaten as k
cross join years as y
left join status as s on s.kode_kabupaten = k.kode_kabupaten and s.tahun = y.tahun
group by all
