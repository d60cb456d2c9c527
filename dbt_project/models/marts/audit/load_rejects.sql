{#- Every landing record that could not be loaded, with where it was and why. Each source's
    staging rejects model is listed here. -#}
select * from {{ ref('stg_kode_wilayah__rejects') }}
union all
select * from {{ ref('stg_kemendesa_sdgs__rejects') }}
union all
select * from {{ ref('stg_kemendesa_idm__rejects') }}
union all
select * from {{ ref('stg_kemendesa_apbn__rejects') }}
union all
select * from {{ ref('stg_djpk_tkdd__rejects') }}
union all
select * from {{ ref('stg_djpk_dana_desa__rejects') }}
union all
select * from {{ ref('stg_djpk_dana_desa_desa__rejects') }}
union all
select * from {{ ref('stg_siskeudes__rejects') }}
union all
select * from {{ ref('stg_sideka_apbdes__rejects') }}
