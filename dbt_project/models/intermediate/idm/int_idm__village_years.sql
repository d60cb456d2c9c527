{#- One row per village-year from the two IDM sources: the API archive (preferred: it carries the
    target status, identity and indicators) and the yearly Excel files (national coverage).
    Real and synthetic records are never mixed: when any part of the source is real (e.g. the real
    API archive with generated Excel files), only the real part is used. -#}
with api as (
    select
        kode_idm,
        tahun,
        iks,
        ike,
        ikl,
        nilai_idm,
        status,
        status_target,
        nama_provinsi,
        nama_kab_kota,
        nama_kecamatan,
        nama_desa,
        id_desa,
        desimal_sumber,
        'api' as sumber,
        data_origin,
        source_file,
        source_line
    from {{ ref('stg_kemendesa_idm__village_years') }}
),

excel as (
    select
        kode_idm,
        tahun,
        iks,
        ike,
        ikl,
        nilai_idm,
        status,
        cast(null as varchar) as status_target,
        nama_provinsi,
        nama_kab_kota,
        nama_kecamatan,
        nama_desa,
        -- The Excel files key villages by the code the IDM system knew, as IDENTITAS.id_desa does.
        kode_idm as id_desa,
        desimal_sumber,
        'excel' as sumber,
        data_origin,
        source_file,
        source_line
    from {{ ref('stg_kemendesa_idm__excel_village_years') }}
),

unioned as (
    select * from api
    union all
    select * from excel
),

used_origin as (
    -- 'real' sorts before 'synthetic'.
    select min(data_origin) as data_origin from unioned
)

select
    u.*,
    count(*) over (partition by u.kode_idm, u.tahun) as n_sumber
from unioned as u
where u.data_origin = (select o.data_origin from used_origin as o)
qualify row_number() over (
    partition by u.kode_idm, u.tahun order by case u.sumber when 'api' then 0 else 1 end
) = 1
