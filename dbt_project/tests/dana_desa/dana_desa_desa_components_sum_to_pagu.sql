-- Each village's four components sum to its allocation.
select *
from {{ ref('dana_desa_desa') }}
where alokasi_dasar_rupiah + alokasi_afirmasi_rupiah + alokasi_kinerja_rupiah + alokasi_formula_rupiah <> pagu_rupiah
