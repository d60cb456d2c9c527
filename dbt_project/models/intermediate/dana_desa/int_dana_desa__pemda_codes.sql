{#- Every DJPK pemda name (kabupaten and kota rows) with the code it resolved to in ingest
    (assets/dana_desa/pemda.py) and where it appears. -#}
with names as (
    select
        nama_pemda_djpk,
        kdprov_djpk,
        kode_kabupaten,
        resolusi,
        tahun,
        'djpk_tkdd' as sumber
    from {{ ref('stg_djpk_tkdd__dana_desa') }}
    where jenis_pemda in ('kabupaten', 'kota')
    union all
    select
        nama_pemda_djpk,
        kdprov_djpk,
        kode_kabupaten,
        resolusi,
        tahun,
        'djpk_dana_desa pagu' as sumber
    from {{ ref('stg_djpk_dana_desa__pagu') }}
    where jenis_pemda in ('kabupaten', 'kota')
    union all
    select
        nama_pemda_djpk,
        kdprov_djpk,
        kode_kabupaten,
        resolusi,
        tahun,
        'djpk_dana_desa realisasi' as sumber
    from {{ ref('stg_djpk_dana_desa__realisasi') }}
    where jenis_pemda in ('kabupaten', 'kota')
    union all
    select
        nama_pemda_djpk,
        null as kdprov_djpk,
        kode_kabupaten,
        resolusi,
        tahun,
        'djpk_dana_desa datadasar' as sumber
    from {{ ref('stg_djpk_dana_desa__datadasar') }}
    where jenis_pemda in ('kabupaten', 'kota')
)

select
    nama_pemda_djpk,
    coalesce(kdprov_djpk, '-') as kdprov_djpk,
    any_value(kode_kabupaten) as kode_kabupaten,
    any_value(resolusi) as resolusi,
    count(distinct coalesce(kode_kabupaten, '')) as jumlah_kode,
    min(tahun) as tahun_pertama,
    max(tahun) as tahun_terakhir,
    string_agg(distinct sumber, ', ' order by sumber) as sumber
from names
group by all
