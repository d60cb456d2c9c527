{#- Indicator rows of the API archive. `nomor_global` numbers the 50 indicators 1-50 across the three
    dimensions (ROW_CELL 10-44 social, 46-57 economic, 59-61 ecological). -#}
with source as (
    select * from {{ source('kemendesa_idm', 'indicators') }}
)

select
    kode_desa as kode_idm,
    cast(tahun as integer) as tahun,
    cast(row_cell as integer) as row_cell,
    dimensi,
    cast(nomor as integer) as nomor,
    cast(case dimensi when 'IKS' then nomor when 'IKE' then 35 + nomor else 47 + nomor end as integer)
        as nomor_global,
    indikator,
    cast(skor as integer) as skor,
    keterangan,
    nullif(kegiatan, '-') as kegiatan,
    cast(nilai as decimal(10, 8)) as nilai,
    pusat,
    prov,
    kab,
    desa,
    csr,
    lainnya,
    line_number as source_line
from source
