{#- Every landing record that could not be loaded, with where it was and why. Each source's
    staging rejects model is listed here. -#}
select * from {{ ref('stg_kode_wilayah__rejects') }}
union all
select * from {{ ref('stg_kemendesa_sdgs__rejects') }}
union all
select * from {{ ref('stg_kemendesa_idm__rejects') }}
union all
select * from {{ ref('stg_kemendesa_apbn__rejects') }}
