{#- Siskeudes/APBDes leg: each village kegiatan per year and funding source, spent by the village. -#}
{{ config(enabled=('siskeudes' in var('programs_activity_legs', ['idm']))) }}

with lines as (
    -- Spending lines (akun 5) of villages with a current code; unresolved villages stay in apbdes_lines.
    select * from {{ ref('apbdes_lines') }}
    where kode_akun = '5' and kode_desa is not null
),

kegiatan as (
    -- A Dana Desa rupiah appears here once: at the village that spends it, with its funding source.
    -- The amount is the budget after the change (APBDes perubahan) where there was one.
    select
        kode_desa,
        tahun,
        versi_bagan,
        coalesce(rtrim(kode_kegiatan, '.'), rtrim(kode_bidang, '.'), '-') as kode_kegiatan,
        coalesce(sumber_dana, '-') as sumber_dana,
        any_value(nama_kegiatan) as nama_kegiatan,
        any_value(rtrim(kode_sub_bidang, '.')) as kode_sub_bidang,
        any_value(lpad(rtrim(kode_bidang, '.'), 2, '0')) as kode_bidang,
        cast(sum(coalesce(anggaran_setelah_perubahan_rupiah, anggaran_rupiah)) as bigint) as pagu_rupiah,
        min(data_origin) as data_origin
    from lines
    group by all
),

mapping as (
    select * from {{ ref('siskeudes_program_map') }}
),

names as (
    select
        kode,
        nama
    from {{ ref('dim_wilayah') }}
),

classified as (
    select
        k.*,
        n.nama as nama_desa,
        coalesce(mk.program_group, ms.program_group, mb.program_group, 'lainnya') as program_group,
        case
            when mk.kode is not null then mk.goals
            when ms.kode is not null then ms.goals
            else mb.goals
        end as goals,
        coalesce(mk.kode, ms.kode, mb.kode) as mapping_key,
        coalesce(mk.basis, ms.basis, mb.basis, 'no mapping row: fallback group lainnya') as mapping_basis
    from kegiatan as k
    -- Kegiatan and sub-bidang codes are those of Permendagri 20/2018; the 113/2014 chart shares only
    -- the bidang numbering.
    left join mapping as mk
        on mk.tingkat = 'kegiatan' and k.versi_bagan = '20/2018' and k.kode_kegiatan = mk.kode
    left join mapping as ms
        on ms.tingkat = 'sub_bidang' and k.versi_bagan = '20/2018' and k.kode_sub_bidang = ms.kode
    left join mapping as mb on mb.tingkat = 'bidang' and k.kode_bidang = mb.kode
    left join names as n on k.kode_desa = n.kode
)

select
    'siskeudes:' || c.kode_desa || ':' || c.tahun || ':' || c.versi_bagan || ':' || c.kode_kegiatan || ':'
    || c.sumber_dana as activity_id,
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
    nullif(c.sumber_dana, '-') as sumber_dana,
    c.sumber_dana in ('DDS', 'DD') as dana_desa,
    c.data_origin,
    {{ programs_goal_list('c.goals') }} as goals,
    'siskeudes_program_map' as mapping_seed,
    c.mapping_key,
    c.mapping_basis
from classified as c
