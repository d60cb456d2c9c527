{#- IDM leg: each indicator's recommended activity, once per actor level the source names, in the village. -#}
with indicators as (
    select
        kode_bps,
        kode_desa,
        tahun,
        row_cell,
        nomor_global,
        trim(indikator) as indikator,
        kegiatan,
        pelaksana,
        pelaksana_pusat,
        pelaksana_provinsi,
        pelaksana_kabupaten,
        pelaksana_desa,
        pelaksana_csr,
        pelaksana_lainnya
    from {{ ref('idm_indicators') }}
    -- A recommendation exists (the source writes "-" where the indicator needs none) in a village
    -- with a current code: unresolved IDM codes stay in idm_code_resolution.
    where kegiatan is not null and kode_desa is not null
),

origins as (
    select
        kode_bps,
        tahun,
        data_origin
    from {{ ref('idm_status') }}
),

mapping as (
    select
        row_cell,
        program_group,
        goals,
        basis
    from {{ ref('idm_indicator_program_map') }}
),

actors as (
    select
        i.*,
        unnest(i.pelaksana) as pelaksana_level
    from indicators as i
)

select
    'idm:' || a.kode_bps || ':' || a.tahun || ':' || a.nomor_global || ':' || a.pelaksana_level as activity_id,
    case when a.pelaksana_level = 'csr' then 'lainnya' else a.pelaksana_level end as level,
    case a.pelaksana_level
        when 'pusat' then 'pusat'
        when 'provinsi' then left(a.kode_desa, 2)
        when 'kabupaten' then left(a.kode_desa, 5)
        when 'desa' then a.kode_desa
        else a.pelaksana_level
    end as actor_code,
    case a.pelaksana_level
        when 'pusat' then a.pelaksana_pusat
        when 'provinsi' then a.pelaksana_provinsi
        when 'kabupaten' then a.pelaksana_kabupaten
        when 'desa' then a.pelaksana_desa
        when 'csr' then a.pelaksana_csr
        else a.pelaksana_lainnya
    end as actor_name,
    'idm' as source_system,
    'rekomendasi' as jenis,
    cast(a.row_cell as varchar) as original_code,
    a.indikator || ': ' || a.kegiatan as original_name,
    coalesce(m.program_group, 'lainnya') as program_group,
    a.kode_desa as kode_wilayah,
    'desa' as level_wilayah,
    a.tahun,
    cast(null as bigint) as pagu_rupiah,
    cast(null as varchar) as sumber_dana,
    false as dana_desa,
    o.data_origin,
    {{ programs_goal_list('m.goals') }} as goals,
    'idm_indicator_program_map' as mapping_seed,
    cast(a.row_cell as varchar) as mapping_key,
    coalesce(m.basis, 'no mapping row: fallback group lainnya') as mapping_basis
from actors as a
left join origins as o on a.kode_bps = o.kode_bps and a.tahun = o.tahun
left join mapping as m on a.row_cell = m.row_cell
