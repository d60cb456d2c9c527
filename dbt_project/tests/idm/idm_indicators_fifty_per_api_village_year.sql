{#- Every village-year from the API has its 50 indicator rows (35 IKS, 12 IKE, 3 IKL), and the
    subtotals agree with them: IKS = sum of the 35 scores / 175, IKE = sum / 60, IKL = sum / 15,
    within the source's rounding. Returns the village-years that break it. -#}
with counts as (
    select
        kode_bps,
        tahun,
        count(*) as n,
        sum(skor) filter (where dimensi = 'IKS') as skor_iks,
        sum(skor) filter (where dimensi = 'IKE') as skor_ike,
        sum(skor) filter (where dimensi = 'IKL') as skor_ikl
    from {{ ref('idm_indicators') }}
    group by all
)

select s.kode_bps, s.tahun, c.n
from {{ ref('idm_status') }} as s
left join counts as c using (kode_bps, tahun)
where s.sumber = 'api'
    and (
        c.n is distinct from 50
        or abs(s.iks - c.skor_iks / 175) > s.toleransi_pembulatan
        or abs(s.ike - c.skor_ike / 60) > s.toleransi_pembulatan
        or abs(s.ikl - c.skor_ikl / 15) > s.toleransi_pembulatan
    )
