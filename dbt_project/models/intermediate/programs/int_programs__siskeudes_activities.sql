{#- Siskeudes/APBDes leg: each village kegiatan and funding source per year, spent by the village. -#}
{{ config(enabled=('siskeudes' in var('programs_activity_legs', ['idm']))) }}

with lines as (
    select * from {{ ref('apbdes_lines') }}
),

kegiatan as (
    -- A Dana Desa rupiah appears here once: at the village that spends it, with its funding source.
    select
        kode_desa,
        tahun,
        rtrim(kode_kegiatan, '.') as kode_kegiatan,
        any_value(nama_kegiatan) as nama_kegiatan,
        rtrim(kode_sub_bidang, '.') as kode_sub_bidang,
        rtrim(kode_bidang, '.') as kode_bidang,
        sumber_dana,
        cast(sum(anggaran_rupiah) as bigint) as pagu_rupiah,
        any_value(nama_desa) as nama_desa,
        any_value(data_origin) as data_origin
    from lines
    group by all
),

mapping as (
    select * from {{ ref('siskeudes_program_map') }}
),

classified as (
    select
        k.*,
        coalesce(mk.program_group, ms.program_group, mb.program_group, 'lainnya') as program_group,
        coalesce(mk.goals, ms.goals, mb.goals) as goals,
        coalesce(mk.kode, ms.kode, mb.kode) as mapping_key,
        coalesce(mk.basis, ms.basis, mb.basis, 'no mapping row: fallback group lainnya') as mapping_basis
    from kegiatan as k
    left join mapping as mk on mk.tingkat = 'kegiatan' and k.kode_kegiatan = mk.kode
    left join mapping as ms on ms.tingkat = 'sub_bidang' and k.kode_sub_bidang = ms.kode
    left join mapping as mb on mb.tingkat = 'bidang' and lpad(k.kode_bidang, 2, '0') = mb.kode
)

select
    'siskeudes:' || c.kode_desa || ':' || c.tahun || ':' || c.kode_kegiatan || ':'
    || coalesce(c.sumber_dana, '-') as activity_id,
    'desa' as level,
    c.kode_desa as actor_code,
    'Pemerintah Desa ' || coalesce(c.nama_desa, c.kode_desa) as actor_name,
    'siskeudes' as source_system,
    'anggaran' as jenis,
    c.kode_kegiatan as original_code,
    c.nama_kegiatan as original_name,
    c.program_group,
    c.kode_desa as kode_wilayah,
    'desa' as level_wilayah,
    c.tahun,
    c.pagu_rupiah,
    c.sumber_dana,
    coalesce(c.sumber_dana in ('DDS', 'DD'), false) as dana_desa,
    c.data_origin,
    {{ programs_goal_list('c.goals') }} as goals,
    'siskeudes_program_map' as mapping_seed,
    c.mapping_key,
    c.mapping_basis
from classified as c
