{#- Kabupaten x year x SDGs Desa goal: scores, weak villages, rupiah by level and unit, IDM status counts. -#}
with ranks as (
    select * from {{ ref('int_programs__village_goal_ranks') }}
),

goal_scores as (
    -- SDGs Desa is one snapshot (no year): the same for every year of the kabupaten.
    select
        kode_kabupaten,
        any_value(kode_provinsi) as kode_provinsi,
        goal,
        any_value(goal_title) as goal_title,
        count(*) as n_desa_sdgs,
        cast(avg(score) as decimal(5, 2)) as skor_rata_rata,
        count(*) filter (where goal_lemah) as n_desa_goal_lemah
    from ranks
    group by kode_kabupaten, goal
),

activity_goals as (
    -- Activities located in the kabupaten (at the kabupaten, a kecamatan or a village of it).
    select
        *,
        left(kode_wilayah, 5) as kode_kabupaten
    from {{ ref('int_programs__activity_goals') }}
    where level_wilayah in ('kabupaten', 'kecamatan', 'desa')
),

idm as (
    select * from {{ ref('idm_kabupaten_summary') }}
),

years as (
    select distinct tahun from activity_goals
    union
    select distinct tahun from idm
),

by_unit as (
    select
        kode_kabupaten,
        tahun,
        goal,
        map_from_entries(list({ 'key': actor_code, 'value': rupiah } order by actor_code)) as rupiah_pusat_per_unit
    from (
        select
            kode_kabupaten,
            tahun,
            goal,
            actor_code,
            cast(sum(pagu_rupiah) as bigint) as rupiah
        from activity_goals
        where level = 'pusat' and pagu_rupiah is not null
        group by all
    ) as unit_totals
    group by all
),

activities as (
    -- Every year, not only the latest: the mart is per year.
    select
        left(kode_wilayah, 5) as kode_kabupaten,
        tahun,
        goal,
        sum(n_pusat) as n_aktivitas_pusat,
        sum(n_provinsi) as n_aktivitas_provinsi,
        sum(n_kabupaten) as n_aktivitas_kabupaten,
        sum(n_desa) as n_aktivitas_desa,
        sum(n_lainnya) as n_aktivitas_lainnya,
        count(distinct kode_wilayah) filter (where level_wilayah = 'desa') as n_desa_beraktivitas,
        sum(rupiah_pusat) as rupiah_pusat,
        sum(rupiah_provinsi) as rupiah_provinsi,
        sum(rupiah_kabupaten) as rupiah_kabupaten,
        sum(rupiah_desa) as rupiah_desa,
        sum(rupiah_dana_desa) as rupiah_dana_desa
    from {{ ref('int_programs__location_goal_totals') }}
    where level_wilayah in ('kabupaten', 'kecamatan', 'desa')
    group by all
),

tertinggal as (
    select
        kode_kabupaten,
        tahun_target_entas
    from {{ ref('daerah_tertinggal') }}
),

pilots as (
    select distinct kode_kabupaten
    from {{ ref('program_pilots') }}
    where program = 'asn_mengabdi_di_desa'
),

names as (
    select
        kode,
        nama
    from {{ ref('dim_wilayah') }}
)

select
    s.kode_kabupaten,
    n.nama as nama_kabupaten,
    s.kode_provinsi,
    cast(y.tahun as integer) as tahun,
    cast(s.goal as smallint) as goal,
    s.goal_title,
    s.goal = 5 as pencegahan_perkawinan_anak,
    t.kode_kabupaten is not null as daerah_tertinggal,
    t.tahun_target_entas,
    p.kode_kabupaten is not null as pilot_asn_mengabdi,
    cast(s.n_desa_sdgs as integer) as n_desa_sdgs,
    s.skor_rata_rata,
    cast(s.n_desa_goal_lemah as integer) as n_desa_goal_lemah,
    cast(coalesce(a.n_aktivitas_pusat, 0) as integer) as n_aktivitas_pusat,
    cast(coalesce(a.n_aktivitas_provinsi, 0) as integer) as n_aktivitas_provinsi,
    cast(coalesce(a.n_aktivitas_kabupaten, 0) as integer) as n_aktivitas_kabupaten,
    cast(coalesce(a.n_aktivitas_desa, 0) as integer) as n_aktivitas_desa,
    cast(coalesce(a.n_aktivitas_lainnya, 0) as integer) as n_aktivitas_lainnya,
    cast(coalesce(a.n_desa_beraktivitas, 0) as integer) as n_desa_beraktivitas,
    cast(coalesce(a.rupiah_pusat, 0) as bigint) as rupiah_pusat,
    cast(coalesce(a.rupiah_provinsi, 0) as bigint) as rupiah_provinsi,
    cast(coalesce(a.rupiah_kabupaten, 0) as bigint) as rupiah_kabupaten,
    cast(coalesce(a.rupiah_desa, 0) as bigint) as rupiah_desa,
    cast(coalesce(a.rupiah_dana_desa, 0) as bigint) as rupiah_dana_desa,
    u.rupiah_pusat_per_unit,
    cast(coalesce(i.n_desa, 0) as integer) as n_desa_idm,
    cast(coalesce(i.n_sangat_tertinggal, 0) as integer) as n_idm_sangat_tertinggal,
    cast(coalesce(i.n_tertinggal, 0) as integer) as n_idm_tertinggal,
    cast(coalesce(i.n_berkembang, 0) as integer) as n_idm_berkembang,
    cast(coalesce(i.n_maju, 0) as integer) as n_idm_maju,
    cast(coalesce(i.n_mandiri, 0) as integer) as n_idm_mandiri
from goal_scores as s
cross join years as y
left join activities as a on s.kode_kabupaten = a.kode_kabupaten and y.tahun = a.tahun and s.goal = a.goal
left join by_unit as u on s.kode_kabupaten = u.kode_kabupaten and y.tahun = u.tahun and s.goal = u.goal
left join idm as i on s.kode_kabupaten = i.kode_kabupaten and y.tahun = i.tahun
left join tertinggal as t on s.kode_kabupaten = t.kode_kabupaten
left join pilots as p on s.kode_kabupaten = p.kode_kabupaten
left join names as n on s.kode_kabupaten = n.kode
