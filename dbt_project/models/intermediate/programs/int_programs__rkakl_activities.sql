{#- RKA-K/L leg: the ministry's outputs by location and year, pagu after the latest revision. -#}
{{ config(enabled=('rkakl' in var('programs_activity_legs', ['idm']))) }}

with lines as (
    select * from {{ ref('apbn_lines') }}
),

latest as (
    -- One revision per item: the latest; earlier revisions stay in apbn_lines.
    select *
    from lines
    qualify revisi = max(revisi) over (partition by tahun, kode_item)
),

outputs as (
    select
        tahun,
        kode_unit,
        any_value(nama_unit) as nama_unit,
        kode_program,
        any_value(nama_program) as nama_program,
        kode_kegiatan,
        any_value(nama_kegiatan) as nama_kegiatan,
        kode_output,
        any_value(nama_output) as nama_output,
        kode_wilayah,
        any_value(level_wilayah) as level_wilayah,
        cast(sum(pagu_efektif_rupiah) as bigint) as pagu_rupiah,
        any_value(data_origin) as data_origin
    from latest
    group by all
),

rules as (
    select * from {{ ref('rkakl_program_map') }}
),

classified as (
    select
        o.*,
        r.program_group,
        r.goals,
        r.prioritas,
        r.basis
    from outputs as o
    inner join rules as r
        on (r.kode_program is null or r.kode_program = o.kode_program)
        and (
            r.pola_nama is null
            or (o.nama_program || ' | ' || o.nama_kegiatan || ' | ' || o.nama_output) ilike r.pola_nama
        )
    qualify row_number() over (
        partition by o.tahun, o.kode_unit, o.kode_program, o.kode_kegiatan, o.kode_output, o.kode_wilayah
        order by r.prioritas
    ) = 1
)

select
    'rkakl:' || c.tahun || ':' || c.kode_unit || '.' || c.kode_program || '.' || c.kode_kegiatan || '.'
    || c.kode_output || ':' || coalesce(c.kode_wilayah, 'nasional') as activity_id,
    'pusat' as level,
    c.kode_unit as actor_code,
    c.nama_unit as actor_name,
    'rkakl' as source_system,
    'anggaran' as jenis,
    c.kode_program || '.' || c.kode_kegiatan || '.' || c.kode_output as original_code,
    c.nama_kegiatan || ' / ' || c.nama_output as original_name,
    c.program_group,
    c.kode_wilayah,
    coalesce(c.level_wilayah, 'nasional') as level_wilayah,
    c.tahun,
    c.pagu_rupiah,
    'APBN' as sumber_dana,
    false as dana_desa,
    c.data_origin,
    {{ programs_goal_list('c.goals') }} as goals,
    'rkakl_program_map' as mapping_seed,
    cast(c.prioritas as varchar) as mapping_key,
    c.basis as mapping_basis
from classified as c
