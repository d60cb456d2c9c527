{#- Sideka budget leaf lines. The export is a tree: header rows for accounts, bidang and kegiatan
    carry subtotals, and the lines with an account code and no row below them are the budget lines.
    A row is a leaf when no other row of its village has an id under it (`<id>.`...); it is a line
    when it is at jenis level or below and has an amount. Account levels
    follow the Permendagri 113/2014 chart as Sideka codes it (5.1.1 pegawai, 5.1.2 barang dan jasa,
    5.1.3 modal); their names are the village's own header rows. Amounts are rounded to whole rupiah
    (a few lines carry fractions from unit price x quantity): `dibulatkan` marks them. -#}
with source as (
    select
        *,
        rtrim(trim(id), '.') as node,
        trim(kode_rekening) as kode
    from {{ source('sideka_apbdes', 'penganggaran') }}
),

leaves as (
    select a.*
    from source as a
    where
        a.kode is not null
        and left(a.kode, 1) in ('4', '5', '6')
        -- a budget line sits at jenis level or below and carries an amount; childless headers
        -- without one (an empty BELANJA) are no line
        and len(string_split(a.kode, '.')) >= 3
        and nullif(trim(a.anggaran), '') is not null
        and not exists (
            select 1
            from source as b
            where
                b.fk_region_id = a.fk_region_id
                and b.id <> a.id
                and starts_with(b.id, a.node || '.')
        )
),

names as (
    select
        fk_region_id,
        kode,
        min(uraian) as uraian
    from source
    where kode is not null
    group by all
),

common_names as (
    select
        kode,
        mode(uraian) as uraian
    from source
    where kode is not null
    group by all
),

kegiatan as (
    select
        fk_region_id,
        rtrim(trim(kode_kegiatan), '.') as kode_kegiatan,
        min(nama_bidang) as nama_bidang,
        min(nama_kegiatan) as nama_kegiatan
    from {{ source('sideka_apbdes', 'kegiatan') }}
    group by all
),

coded as (
    select
        l.*,
        split_part(l.kode, '.', 1) as kode_akun,
        array_to_string(string_split(l.kode, '.')[1:2], '.') as kode_kelompok,
        array_to_string(string_split(l.kode, '.')[1:3], '.') as kode_jenis,
        -- An objek segment that is not two digits (31 real lines write 5.1.3.2901 for 5.1.3.29.01) is
        -- left null: the original code stays in kode_rekening_sumber.
        case
            when len(string_split(l.kode, '.')) >= 4 and regexp_full_match(split_part(l.kode, '.', 4), '[0-9]{2}')
                then array_to_string(string_split(l.kode, '.')[1:4], '.')
        end as kode_objek,
        rtrim(trim(l.kode_kegiatan), '.') as kode_keg,
        nullif(trim(l.anggaran), '')::decimal(24, 6) as anggaran_sumber,
        nullif(trim(l.anggaran_pak), '')::decimal(24, 6) as anggaran_pak_sumber
    from leaves as l
)

select
    'sideka' as sumber_data,
    'sideka_apbdes' as ekspor,
    c.fk_region_id as kode_desa_sumber,
    c.year::integer as tahun,
    '113/2014' as versi_bagan,
    c.kode as kode_rekening_sumber,
    c.kode_akun,
    coalesce(n1.uraian, cn1.uraian) as nama_akun,
    c.kode_kelompok,
    coalesce(n2.uraian, cn2.uraian) as nama_kelompok,
    c.kode_jenis,
    coalesce(n3.uraian, cn3.uraian) as nama_jenis,
    c.kode_objek,
    coalesce(n4.uraian, cn4.uraian) as nama_objek,
    case when c.kode_akun = '5' then nullif(split_part(c.kode_keg, '.', 3), '') end as kode_bidang,
    case when c.kode_akun = '5' then k.nama_bidang end as nama_bidang,
    null::varchar as kode_sub_bidang,
    null::varchar as nama_sub_bidang,
    case when c.kode_akun = '5' then c.kode_keg end as kode_kegiatan,
    case when c.kode_akun = '5' then k.nama_kegiatan end as nama_kegiatan,
    nullif(trim(c.sumber_dana), '') as sumber_dana,
    null::varchar as nama_sumber_dana,
    c.uraian,
    round(c.anggaran_sumber)::bigint as anggaran_rupiah,
    round(coalesce(c.anggaran_pak_sumber, c.anggaran_sumber))::bigint as anggaran_setelah_perubahan_rupiah,
    (c.anggaran_sumber <> round(c.anggaran_sumber) or c.anggaran_pak_sumber <> round(c.anggaran_pak_sumber))
        as dibulatkan,
    c.source_file,
    c.record_number as source_line,
    c.data_origin
from coded as c
left join names as n1 on c.fk_region_id = n1.fk_region_id and c.kode_akun = n1.kode
left join names as n2 on c.fk_region_id = n2.fk_region_id and c.kode_kelompok = n2.kode
left join names as n3 on c.fk_region_id = n3.fk_region_id and c.kode_jenis = n3.kode
left join names as n4 on c.fk_region_id = n4.fk_region_id and c.kode_objek = n4.kode
left join common_names as cn1 on c.kode_akun = cn1.kode
left join common_names as cn2 on c.kode_kelompok = cn2.kode
left join common_names as cn3 on c.kode_jenis = cn3.kode
left join common_names as cn4 on c.kode_objek = cn4.kode
left join kegiatan as k on c.fk_region_id = k.fk_region_id and c.kode_keg = k.kode_kegiatan
