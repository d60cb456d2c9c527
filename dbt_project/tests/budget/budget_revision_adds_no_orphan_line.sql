{#- A revision may add an item, but only under an output (unit, program, kegiatan, KRO, RO) that the
    previous revision already has: a line without a parent output is an error. -#}
with lines as (
    select * from {{ ref('apbn_lines') }}
),

revisions as (
    select
        revisi,
        lag(revisi) over (order by revisi) as revisi_sebelum
    from (select distinct revisi from lines) as r
),

outputs as (
    select distinct
        revisi,
        kode_unit,
        kode_program,
        kode_kegiatan,
        kode_kro,
        kode_ro
    from lines
)

select
    l.revisi,
    l.kode_satker,
    l.kode_line,
    l.nomor_item
from lines as l
inner join revisions as r on l.revisi = r.revisi
where
    r.revisi_sebelum is not null
    and not exists (
        select 1
        from outputs as o
        where
            o.revisi = r.revisi_sebelum
            and o.kode_unit = l.kode_unit
            and o.kode_program = l.kode_program
            and o.kode_kegiatan = l.kode_kegiatan
            and o.kode_kro = l.kode_kro
            and o.kode_ro = l.kode_ro
    )
