-- One allocation per kabupaten-year within each source: two DJPK rows of one source resolving to
-- the same kabupaten and year would make the published allocation ambiguous.
select
    kode_kabupaten,
    tahun,
    sumber,
    count(*) as baris
from {{ ref('int_dana_desa__candidates') }}
group by all
having count(*) > 1
