{#- Budget lines of both sources in one shape: the village resolved to a current Kemendagri code
    (the source code when the master still has it, else through the village crosswalk's Kemendagri
    code, else unresolved with the reason), and every line placed in the Permendagri 20/2018 chart:
    its own codes for 20/2018 sources, the seed apbdes_akun_113_ke_20 for the 113/2014 chart (jenis
    level where clear, kelompok level for spending). Original codes are kept. -#}
with lines as (
    select * from {{ ref('stg_siskeudes__lines') }}
    union all by name
    select * from {{ ref('stg_sideka_apbdes__lines') }}
),

villages as (
    select
        kode,
        nama
    from {{ ref('dim_wilayah') }}
    where level = 'desa'
),

crosswalk as (
    select
        kode_dagri_sumber,
        min(kode_desa) as kode_desa,
        count(distinct kode_desa) as kandidat
    from {{ ref('wilayah_crosswalk') }}
    where kode_desa is not null
    group by all
),

codes as (
    select distinct kode_desa_sumber from lines
),

resolved as (
    select
        c.kode_desa_sumber,
        case
            when v.kode is not null then v.kode
            when x.kandidat = 1 then x.kode_desa
        end as kode_desa,
        case
            when v.kode is not null then 'kode_sama'
            when x.kandidat = 1 then 'crosswalk'
            when x.kandidat > 1 then 'unresolved: the crosswalk gives several current codes'
            else 'unresolved: not in the current master nor in the crosswalk'
        end as resolusi_desa
    from codes as c
    left join villages as v on c.kode_desa_sumber = v.kode
    left join crosswalk as x on c.kode_desa_sumber = x.kode_dagri_sumber
),

chart as (
    select * from {{ ref('apbdes_akun_113_ke_20') }}
)

select
    l.sumber_data,
    l.ekspor,
    r.kode_desa,
    l.kode_desa_sumber,
    r.resolusi_desa,
    l.tahun,
    l.versi_bagan,
    l.kode_rekening_sumber,
    l.kode_akun,
    l.nama_akun,
    l.kode_kelompok,
    l.nama_kelompok,
    l.kode_jenis,
    l.nama_jenis,
    l.kode_objek,
    l.nama_objek,
    case
        when l.versi_bagan = '20/2018' then l.kode_jenis
        when m.tingkat_20 = 'jenis' then m.kode_20
    end as kode_jenis_20_2018,
    case
        when l.versi_bagan = '20/2018' then l.kode_kelompok
        when m.tingkat_20 = 'jenis' then array_to_string(string_split(m.kode_20, '.')[1:2], '.')
        when m.tingkat_20 = 'kelompok' then m.kode_20
    end as kode_kelompok_20_2018,
    l.kode_bidang,
    l.nama_bidang,
    l.kode_sub_bidang,
    l.nama_sub_bidang,
    l.kode_kegiatan,
    l.nama_kegiatan,
    l.sumber_dana,
    coalesce(l.nama_sumber_dana, s.nama) as nama_sumber_dana,
    s.kategori as kategori_sumber_dana,
    l.uraian,
    l.anggaran_rupiah,
    l.anggaran_setelah_perubahan_rupiah,
    l.dibulatkan,
    l.source_file,
    l.source_line,
    l.data_origin
from lines as l
left join resolved as r on l.kode_desa_sumber = r.kode_desa_sumber
left join chart as m on l.versi_bagan = '113/2014' and l.kode_jenis = m.kode_113
left join {{ ref('apbdes_sumber_dana') }} as s on l.sumber_dana = s.kode
