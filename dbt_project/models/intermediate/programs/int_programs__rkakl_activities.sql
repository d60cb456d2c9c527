{#- RKA-K/L leg: the ministry's outputs by location and year, effective pagu at the year's latest revision. -#}
{{ config(enabled=('rkakl' in var('programs_activity_legs', ['idm']))) }}

with lines as (
    select * from {{ ref('apbn_lines') }}
),

latest as (
    -- Each revision is a full DIPA: the year's latest one holds the pagu after every revision, so a
    -- rupiah is counted once (earlier revisions stay in apbn_lines / apbn_revisions).
    select *
    from lines
    qualify revisi = max(revisi) over (partition by tahun)
),

located as (
    select
        *,
        coalesce(kode_desa, kode_kabupaten, kode_provinsi) as kode_wilayah,
        case
            when kode_desa is not null then 'desa'
            when kode_kabupaten is not null then 'kabupaten'
            when kode_provinsi is not null then 'provinsi'
            else 'nasional'
        end as level_wilayah,
        kode_kegiatan || '.' || kode_kro || '.' || kode_ro as kode_output
    from latest
),

outputs as (
    select
        tahun,
        kode_unit,
        kode_program,
        kode_kegiatan,
        kode_output,
        kode_wilayah,
        level_wilayah,
        any_value(nama_unit) as nama_unit,
        any_value(nama_kegiatan) as nama_kegiatan,
        any_value(nama_ro) as nama_ro,
        cast(sum(pagu_efektif_rupiah) as bigint) as pagu_rupiah
    from located
    group by tahun, kode_unit, kode_program, kode_kegiatan, kode_output, kode_wilayah, level_wilayah
),

mapping as (
    select * from {{ ref('rkakl_program_map') }}
),

origin as (
    -- apbn_lines carries no origin column: the budget source's landing provenance says it (real
    -- when a landing folder was configured, else synthetic; ../shared/data has no RKA-K/L files).
    select any_value(p.origin) as data_origin
    from read_json_auto(
        '{{ var("data_dir", env_var("DESA_DATA_DIR", "../data")) }}/raw/kemendesa_apbn/_provenance.json'
    ) as p
),

classified as (
    select
        o.*,
        coalesce(mo.program_group, mk.program_group, mp.program_group, 'lainnya') as program_group,
        case
            when mo.kode is not null then mo.goals
            when mk.kode is not null then mk.goals
            else mp.goals
        end as goals,
        coalesce(mo.kode, mk.kode, mp.kode) as mapping_key,
        coalesce(mo.basis, mk.basis, mp.basis, 'no mapping row: fallback group lainnya') as mapping_basis
    from outputs as o
    left join mapping as mo on mo.tingkat = 'output' and o.kode_output = mo.kode
    left join mapping as mk on mk.tingkat = 'kegiatan' and o.kode_kegiatan = mk.kode
    left join mapping as mp on mp.tingkat = 'program' and o.kode_program = mp.kode
)

select
    'rkakl:' || c.tahun || ':' || c.kode_unit || '.' || c.kode_program || '.' || c.kode_output || ':'
    || coalesce(c.kode_wilayah, 'nasional') as activity_id,
    'pusat' as level,
    c.kode_unit as actor_code,
    c.nama_unit as actor_name,
    'rkakl' as source_system,
    'anggaran' as jenis,
    c.kode_program || '.' || c.kode_output as original_code,
    c.nama_kegiatan || ' / ' || c.nama_ro as original_name,
    c.program_group,
    c.kode_wilayah,
    c.level_wilayah,
    c.tahun,
    c.pagu_rupiah,
    'APBN' as sumber_dana,
    false as dana_desa,
    o.data_origin,
    {{ programs_goal_list('c.goals') }} as goals,
    'rkakl_program_map' as mapping_seed,
    c.mapping_key,
    c.mapping_basis
from classified as c
cross join origin as o
