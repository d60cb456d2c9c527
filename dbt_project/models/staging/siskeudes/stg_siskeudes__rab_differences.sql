{#- Where an export's Ta_RAB (the per-account totals Siskeudes keeps) disagrees with the sum of its
    detail lines (Ta_RABRinci): the lines are what the posted budget (Ta_Anggaran) holds, so the
    published APBDes uses the lines and these differences are reported. -#}
with rab as (
    select
        ekspor,
        tahun::integer as tahun,
        trim(kd_desa) as kd_desa,
        trim(kd_keg) as kd_keg,
        trim(kd_rincian) as kd_rincian,
        trim(kd_subrinci) as kd_subrinci,
        nullif(trim(anggaran), '')::bigint as anggaran_rupiah
    from {{ source('siskeudes', 'ta_rab') }}
),

rinci as (
    select
        ekspor,
        tahun::integer as tahun,
        trim(kd_desa) as kd_desa,
        trim(kd_keg) as kd_keg,
        trim(kd_rincian) as kd_rincian,
        trim(kd_subrinci) as kd_subrinci,
        sum(nullif(trim(anggaran), '')::bigint) as anggaran_rupiah
    from {{ source('siskeudes', 'ta_rabrinci') }}
    group by all
)

select
    coalesce(rab.ekspor, rinci.ekspor) as ekspor,
    coalesce(rab.tahun, rinci.tahun) as tahun,
    coalesce(rab.kd_desa, rinci.kd_desa) as kd_desa,
    coalesce(rab.kd_keg, rinci.kd_keg) as kd_keg,
    coalesce(rab.kd_rincian, rinci.kd_rincian) as kd_rincian,
    rab.anggaran_rupiah as anggaran_rab_rupiah,
    rinci.anggaran_rupiah as anggaran_rincian_rupiah
from rab
full join rinci
    on
        rab.ekspor = rinci.ekspor
        and rab.tahun = rinci.tahun
        and rab.kd_desa = rinci.kd_desa
        and rab.kd_keg = rinci.kd_keg
        and rab.kd_rincian = rinci.kd_rincian
        and rab.kd_subrinci = rinci.kd_subrinci
where rab.anggaran_rupiah is distinct from rinci.anggaran_rupiah
