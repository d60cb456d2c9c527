{#- Year-to-year status changes per village: each year with the village's previous year in the data. -#}
with status as (
    select
        s.kode_bps,
        s.kode_desa,
        s.tahun,
        s.status,
        s.status_recomputed,
        s.nilai_idm,
        t.urutan,
        s.urutan_status_recomputed
    from {{ ref('idm_status') }} as s
    left join {{ ref('idm_status_thresholds') }} as t on s.status = t.status
),

paired as (
    select
        *,
        lag(tahun) over w as tahun_awal,
        lag(status) over w as status_awal,
        lag(urutan) over w as urutan_awal,
        lag(status_recomputed) over w as status_recomputed_awal,
        lag(urutan_status_recomputed) over w as urutan_recomputed_awal,
        lag(nilai_idm) over w as nilai_idm_awal
    from status
    window w as (partition by kode_bps order by tahun)
)

select
    kode_bps,
    kode_desa,
    tahun_awal,
    tahun as tahun_akhir,
    status_awal,
    status as status_akhir,
    case
        when urutan > urutan_awal then 'up'
        when urutan < urutan_awal then 'down'
        else 'same'
    end as arah,
    urutan - urutan_awal as perubahan_tingkat,
    status_recomputed_awal,
    status_recomputed as status_recomputed_akhir,
    case
        when urutan_status_recomputed > urutan_recomputed_awal then 'up'
        when urutan_status_recomputed < urutan_recomputed_awal then 'down'
        else 'same'
    end as arah_recomputed,
    nilai_idm_awal,
    nilai_idm as nilai_idm_akhir,
    nilai_idm - nilai_idm_awal as perubahan_nilai_idm
from paired
where tahun_awal is not null
