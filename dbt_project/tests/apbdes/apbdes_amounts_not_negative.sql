-- Budget amounts are whole rupiah and never negative in either chart (only the change may be).
select *
from {{ ref('apbdes_lines') }}
where anggaran_rupiah < 0 or anggaran_setelah_perubahan_rupiah < 0
