{#- The 50 IDM indicators per village and year, with who should act as a normalized list. -#}
with indicators as (
    select * from {{ ref('stg_kemendesa_idm__indicators') }}
),

village_years as (
    -- Only the village-years the status table uses (same origin, duplicates already rejected).
    select
        kode_idm,
        tahun
    from {{ ref('int_idm__village_years') }}
    where sumber = 'api'
),

codes as (
    select
        kode_idm,
        kode_desa
    from {{ ref('int_idm__code_resolution') }}
)

select
    i.kode_idm as kode_bps,
    c.kode_desa,
    i.tahun,
    i.dimensi,
    i.nomor,
    i.nomor_global,
    i.row_cell,
    i.indikator,
    i.skor,
    i.keterangan,
    i.kegiatan,
    i.nilai,
    list_filter(
        [
            case when i.pusat is not null then 'pusat' end,
            case when i.prov is not null then 'provinsi' end,
            case when i.kab is not null then 'kabupaten' end,
            case when i.desa is not null then 'desa' end,
            case when i.csr is not null then 'csr' end,
            case when i.lainnya is not null then 'lainnya' end
        ],
        -- x is a lambda parameter, not a column
        lambda x: x is not null  -- noqa: RF02
    ) as pelaksana,
    i.pusat as pelaksana_pusat,
    i.prov as pelaksana_provinsi,
    i.kab as pelaksana_kabupaten,
    i.desa as pelaksana_desa,
    i.csr as pelaksana_csr,
    i.lainnya as pelaksana_lainnya
from indicators as i
inner join village_years as v on v.kode_idm = i.kode_idm and v.tahun = i.tahun
left join codes as c on c.kode_idm = i.kode_idm
