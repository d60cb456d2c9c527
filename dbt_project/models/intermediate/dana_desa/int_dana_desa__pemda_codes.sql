{#- Every DJPK pemda name (kabupaten and kota rows) with the code it resolved to in ingest
    (assets/dana_desa/pemda.py) and where it appears. -#}
select
    nama_pemda_djpk,
    coalesce(kdprov_djpk, '-') as kdprov_djpk,
    any_value(kode_kabupaten) as kode_kabupaten,
    any_value(resolusi) as resolusi,
    count(distinct coalesce(kode_kabupaten, '')) as jumlah_kode,
    min(tahun) as tahun_pertama,
    max(tahun) as tahun_terakhir,
    string_agg(distinct sumber, ', ' order by sumber) as sumber
from {{ ref('int_dana_desa__djpk_rows') }}
where jenis_pemda in ('kabupaten', 'kota')
group by all
