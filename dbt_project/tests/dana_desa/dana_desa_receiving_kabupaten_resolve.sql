{{ config(severity='warn') }}
-- Target: every DJPK kabupaten/kota with a Dana Desa allocation resolves to a current code. An
-- unresolved one is published in djpk_pemda_codes with its reason; this warns.
select s.*
from (
    select nama_pemda_djpk, tahun, resolusi from {{ ref('stg_djpk_tkdd__dana_desa') }}
    where jenis_pemda in ('kabupaten', 'kota') and alokasi_rupiah > 0
    union all
    select nama_pemda_djpk, tahun, resolusi from {{ ref('stg_djpk_dana_desa__pagu') }}
    where jenis_pemda in ('kabupaten', 'kota') and pagu_rupiah > 0
    union all
    select nama_pemda_djpk, tahun, resolusi from {{ ref('stg_djpk_dana_desa__datadasar') }}
    where jenis_pemda in ('kabupaten', 'kota') and total_alokasi_rupiah > 0
) as s
where s.resolusi like 'unresolved%'
