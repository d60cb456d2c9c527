{#- Every village-year from the API has its 50 indicator rows. Returns the village-years that do not. -#}
with counts as (
    select kode_bps, tahun, count(*) as n
    from {{ ref('idm_indicators') }}
    group by all
)

select s.kode_bps, s.tahun, c.n
from {{ ref('idm_status') }} as s
left join counts as c using (kode_bps, tahun)
where s.sumber = 'api' and c.n is distinct from 50
