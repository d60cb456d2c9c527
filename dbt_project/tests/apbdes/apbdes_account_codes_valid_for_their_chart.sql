-- Account codes valid for their chart: a 20/2018 line's jenis is in its export's Ref_Rek3 (so it has
-- a name), a 113/2014 line's jenis is one the chart has (seed apbdes_akun_113_ke_20).
select l.*
from {{ ref('apbdes_lines') }} as l
where
    (l.versi_bagan = '20/2018' and l.nama_jenis is null)
    or (
        l.versi_bagan = '113/2014'
        and l.kode_jenis not in (select m.kode_113 from {{ ref('apbdes_akun_113_ke_20') }} as m)
    )
