{#- Activities and rupiah per location x year x SDGs Desa goal: by the level of government that acts,
    by source system and for Dana Desa, kept apart by tahun_terkini. The convergence marts add these
    up (per village and the areas containing it, per kabupaten and year) instead of each counting
    the activity rows again. -#}
select
    kode_wilayah,
    level_wilayah,
    tahun,
    tahun_terkini,
    goal,
    count(*) filter (where level = 'pusat') as n_pusat,
    count(*) filter (where level = 'provinsi') as n_provinsi,
    count(*) filter (where level = 'kabupaten') as n_kabupaten,
    count(*) filter (where level = 'desa') as n_desa,
    count(*) filter (where level = 'lainnya') as n_lainnya,
    count(*) filter (where source_system = 'rkakl') as n_rkakl,
    count(*) filter (where source_system = 'siskeudes') as n_siskeudes,
    count(*) filter (where source_system = 'idm') as n_idm,
    -- Null, not 0, where no activity of the level carries rupiah (IDM recommendations carry none).
    sum(pagu_rupiah) filter (where level = 'pusat') as rupiah_pusat,
    sum(pagu_rupiah) filter (where level = 'provinsi') as rupiah_provinsi,
    sum(pagu_rupiah) filter (where level = 'kabupaten') as rupiah_kabupaten,
    sum(pagu_rupiah) filter (where level = 'desa') as rupiah_desa,
    sum(pagu_rupiah) filter (where dana_desa) as rupiah_dana_desa
from {{ ref('int_programs__activity_goals') }}
group by all
