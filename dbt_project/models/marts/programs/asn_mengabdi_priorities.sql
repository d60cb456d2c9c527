{#- Villages ranked for ministry staff (ASN Mengabdi di Desa): every factor of the score is a column. -#}
with convergence as (
    select
        kode_desa,
        any_value(nama_desa) as nama_desa,
        any_value(kode_kecamatan) as kode_kecamatan,
        any_value(kode_kabupaten) as kode_kabupaten,
        any_value(kode_provinsi) as kode_provinsi,
        count(*) filter (where goal_lemah) as n_goal_lemah,
        count(*) filter (where gap_lemah_tanpa_anggaran) as n_goal_lemah_tanpa_program,
        count(*) filter (where goal = 5 and goal_lemah) > 0 as goal_5_lemah
    from {{ ref('village_goal_convergence') }}
    -- Desa only (village part 2xxx desa, 3xxx desa adat): kelurahan (1xxx) are urban wards outside
    -- the village ministry's programs and Dana Desa.
    where substr(kode_desa, 10, 1) <> '1'
    group by kode_desa
),

village_scores as (
    select
        kode_desa,
        score_reported as skor_sdgs,
        score_band = 'tanpa_data' as sdgs_tanpa_data
    from {{ ref('sdgs_village_scores') }}
    where kode_desa is not null
),

idm as (
    -- The village's latest IDM year, by the status recomputed from Permendesa 2/2016.
    select
        kode_desa,
        tahun as tahun_idm,
        status_recomputed as status_idm,
        urutan_status_recomputed as urutan_status_idm
    from {{ ref('idm_status') }}
    where kode_desa is not null
    qualify row_number() over (partition by kode_desa order by tahun desc, kode_bps asc) = 1
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

factors as (
    select
        c.kode_desa,
        c.nama_desa,
        c.kode_kecamatan,
        c.kode_kabupaten,
        c.kode_provinsi,
        cast(c.n_goal_lemah as integer) as n_goal_lemah,
        cast(c.n_goal_lemah_tanpa_program as integer) as n_goal_lemah_tanpa_program,
        c.goal_5_lemah,
        v.skor_sdgs,
        coalesce(v.sdgs_tanpa_data, true) as sdgs_tanpa_data,
        i.tahun_idm,
        i.status_idm,
        i.urutan_status_idm,
        t.kode_kabupaten is not null as daerah_tertinggal,
        t.tahun_target_entas,
        p.kode_kabupaten is not null as pilot_asn_mengabdi,
        -- The share of weak goals left without a program (no ministry and no APBDes activity: IDM
        -- recommendations are not programs), so goals tied at the bottom do not multiply the points.
        cast(round(9.0 * c.n_goal_lemah_tanpa_program / greatest(c.n_goal_lemah, 1), 2) as decimal(6, 2))
            as poin_goal_lemah_tanpa_program,
        cast(case when coalesce(v.sdgs_tanpa_data, true) then 0 else (100 - v.skor_sdgs) / 10 end as decimal(6, 2))
            as poin_skor_sdgs,
        -- Updating SDGs Desa data is the program's own task: a village without data needs it.
        cast(case when coalesce(v.sdgs_tanpa_data, true) then 5 else 0 end as decimal(6, 2)) as poin_tanpa_data_sdgs,
        cast(coalesce(6 - i.urutan_status_idm, 0) as decimal(6, 2)) as poin_status_idm,
        cast(case when t.kode_kabupaten is not null then 5 else 0 end as decimal(6, 2)) as poin_daerah_tertinggal,
        cast(case when t.tahun_target_entas is not null then 3 else 0 end as decimal(6, 2)) as poin_target_entas
    from convergence as c
    left join village_scores as v on c.kode_desa = v.kode_desa
    left join idm as i on c.kode_desa = i.kode_desa
    left join tertinggal as t on c.kode_kabupaten = t.kode_kabupaten
    left join pilots as p on c.kode_kabupaten = p.kode_kabupaten
),

scored as (
    select
        *,
        cast(
            poin_goal_lemah_tanpa_program + poin_skor_sdgs + poin_tanpa_data_sdgs + poin_status_idm
            + poin_daerah_tertinggal + poin_target_entas as decimal(6, 2)
        ) as skor_prioritas
    from factors
)

select
    kode_desa,
    nama_desa,
    kode_kecamatan,
    kode_kabupaten,
    kode_provinsi,
    -- Ties share the rank (competition ranking: 1, 1, 3); kode_desa orders tied rows for display only.
    cast(rank() over (order by skor_prioritas desc) as integer) as peringkat_nasional,
    cast(rank() over (partition by kode_kabupaten order by skor_prioritas desc) as integer) as peringkat_kabupaten,
    skor_prioritas,
    poin_goal_lemah_tanpa_program,
    poin_skor_sdgs,
    poin_tanpa_data_sdgs,
    poin_status_idm,
    poin_daerah_tertinggal,
    poin_target_entas,
    n_goal_lemah,
    n_goal_lemah_tanpa_program,
    goal_5_lemah,
    skor_sdgs,
    sdgs_tanpa_data,
    tahun_idm,
    status_idm,
    urutan_status_idm,
    daerah_tertinggal,
    tahun_target_entas,
    pilot_asn_mengabdi
from scored
order by peringkat_nasional, kode_desa
