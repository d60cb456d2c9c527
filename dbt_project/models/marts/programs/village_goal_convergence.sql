{#- Village x SDGs Desa goal: the score, its rank, the weak flag, what every level does for it, the gaps. -#}
with ranks as (
    select * from {{ ref('int_programs__village_goal_ranks') }}
),

by_location as (
    -- The latest year of each source system at each location (a location may hold rows of several
    -- years and systems: reach adds them up).
    select * from {{ ref('int_programs__location_goal_totals') }}
    where tahun_terkini and level_wilayah <> 'nasional'
),

apbdes_villages as (
    -- Villages whose own budget (Siskeudes/APBDes) is in the data at all.
    select distinct kode_wilayah as kode_desa
    from {{ ref('int_programs__activity_goals') }}
    where source_system = 'siskeudes' and level_wilayah = 'desa'
),

village_places as (
    -- The village and every area containing it: an activity there reaches the village.
    select distinct
        kode_desa,
        unnest([kode_desa, kode_kecamatan, kode_kabupaten, kode_provinsi]) as kode_wilayah,
        unnest(['desa', 'kecamatan', 'kabupaten', 'provinsi']) as level_wilayah
    from ranks
),

reach as (
    select
        p.kode_desa,
        l.goal,
        sum(l.n_pusat) as n_pusat,
        sum(l.n_provinsi) as n_provinsi,
        sum(l.n_kabupaten) as n_kabupaten,
        sum(l.n_desa) as n_desa,
        sum(l.n_lainnya) as n_lainnya,
        sum(l.n_rkakl) filter (where p.level_wilayah in ('desa', 'kecamatan', 'kabupaten')) as n_rkakl_kabupaten,
        sum(l.n_siskeudes) filter (where p.level_wilayah = 'desa') as n_siskeudes_desa,
        sum(l.n_idm) as n_idm,
        -- Rupiah only where the activity is located at the village itself: money booked for a wider
        -- area is not apportioned to its villages (kabupaten_convergence carries it).
        sum(l.rupiah_pusat) filter (where p.level_wilayah = 'desa') as rupiah_pusat,
        sum(l.rupiah_provinsi) filter (where p.level_wilayah = 'desa') as rupiah_provinsi,
        sum(l.rupiah_kabupaten) filter (where p.level_wilayah = 'desa') as rupiah_kabupaten,
        sum(l.rupiah_desa) filter (where p.level_wilayah = 'desa') as rupiah_desa,
        sum(l.rupiah_dana_desa) filter (where p.level_wilayah = 'desa') as rupiah_dana_desa
    from village_places as p
    inner join by_location as l on p.kode_wilayah = l.kode_wilayah and p.level_wilayah = l.level_wilayah
    group by all
),

joined as (
    select
        r.*,
        coalesce(x.n_pusat, 0) as n_aktivitas_pusat,
        coalesce(x.n_provinsi, 0) as n_aktivitas_provinsi,
        coalesce(x.n_kabupaten, 0) as n_aktivitas_kabupaten,
        coalesce(x.n_desa, 0) as n_aktivitas_desa,
        coalesce(x.n_lainnya, 0) as n_aktivitas_lainnya,
        coalesce(x.n_rkakl_kabupaten, 0) as n_kegiatan_kementerian,
        coalesce(x.n_siskeudes_desa, 0) as n_kegiatan_apbdes,
        coalesce(x.n_idm, 0) as n_rekomendasi_idm,
        coalesce(x.rupiah_pusat, 0) as rupiah_pusat,
        coalesce(x.rupiah_provinsi, 0) as rupiah_provinsi,
        coalesce(x.rupiah_kabupaten, 0) as rupiah_kabupaten,
        coalesce(x.rupiah_desa, 0) as rupiah_desa,
        coalesce(x.rupiah_dana_desa, 0) as rupiah_dana_desa,
        a.kode_desa is not null as punya_apbdes
    from ranks as r
    left join reach as x on r.kode_desa = x.kode_desa and r.goal = x.goal
    left join apbdes_villages as a on r.kode_desa = a.kode_desa
)

select
    kode_desa,
    nama_desa,
    kode_kecamatan,
    kode_kabupaten,
    kode_provinsi,
    cast(goal as smallint) as goal,
    goal_title,
    goal = 5 as pencegahan_perkawinan_anak,
    score,
    peringkat_goal,
    goal_lemah,
    cast(n_aktivitas_pusat as integer) as n_aktivitas_pusat,
    cast(n_aktivitas_provinsi as integer) as n_aktivitas_provinsi,
    cast(n_aktivitas_kabupaten as integer) as n_aktivitas_kabupaten,
    cast(n_aktivitas_desa as integer) as n_aktivitas_desa,
    cast(n_aktivitas_lainnya as integer) as n_aktivitas_lainnya,
    cast(n_aktivitas_pusat + n_aktivitas_provinsi + n_aktivitas_kabupaten + n_aktivitas_desa + n_aktivitas_lainnya as integer)
        as n_aktivitas,
    cast(n_kegiatan_kementerian as integer) as n_kegiatan_kementerian,
    cast(n_kegiatan_apbdes as integer) as n_kegiatan_apbdes,
    cast(n_rekomendasi_idm as integer) as n_rekomendasi_idm,
    cast(rupiah_pusat as bigint) as rupiah_pusat,
    cast(rupiah_provinsi as bigint) as rupiah_provinsi,
    cast(rupiah_kabupaten as bigint) as rupiah_kabupaten,
    cast(rupiah_desa as bigint) as rupiah_desa,
    cast(rupiah_dana_desa as bigint) as rupiah_dana_desa,
    punya_apbdes,
    goal_lemah
    and n_aktivitas_pusat + n_aktivitas_provinsi + n_aktivitas_kabupaten + n_aktivitas_desa + n_aktivitas_lainnya = 0
        as gap_lemah_tanpa_aktivitas,
    goal_lemah and n_kegiatan_kementerian + n_kegiatan_apbdes = 0 as gap_lemah_tanpa_anggaran,
    punya_apbdes and n_kegiatan_kementerian > 0 and n_kegiatan_apbdes = 0 as gap_kementerian_tanpa_apbdes,
    n_kegiatan_apbdes > 0 and n_kegiatan_kementerian = 0 as gap_apbdes_tanpa_kementerian
from joined
