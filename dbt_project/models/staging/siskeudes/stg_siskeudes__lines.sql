{#- Siskeudes budget detail lines (Ta_RABRinci), one per line of every export, with the village's
    Kemendagri code built from the export's pemda (Ta_Pemda: Kd_Prov, Kd_Kab) and the Siskeudes village
    code (Kd_Desa `04.2014.` = kecamatan 04, village 2014), the account's four levels with their names
    (Ref_Rek1..4), bidang, sub-bidang and kegiatan (Ref_Bidang, Ref_SubBidang, Ta_Kegiatan/Ref_Kegiatan)
    and the funding source (Ref_Sumber), all from the same export. Codes lose their trailing dot. -#}
with rinci as (
    select * from {{ source('siskeudes', 'ta_rabrinci') }}
),

pemda as (
    select
        ekspor,
        lpad(trim(kd_prov), 2, '0') as kd_prov,
        lpad(trim(kd_kab), 2, '0') as kd_kab
    from {{ source('siskeudes', 'ta_pemda') }}
    qualify row_number() over (partition by ekspor order by tahun desc) = 1
),

lines as (
    select
        r.ekspor,
        r.source_file,
        r.record_number,
        r.data_origin,
        r.tahun::integer as tahun,
        p.kd_prov || '.' || p.kd_kab || '.' || rtrim(trim(r.kd_desa), '.') as kode_desa_sumber,
        rtrim(trim(r.kd_rincian), '.') as kode_rekening,
        rtrim(trim(r.kd_keg), '.') as kd_keg,
        trim(r.kd_keg) as kd_keg_raw,
        trim(r.kd_desa) as kd_desa,
        r.kd_subrinci,
        r.no_urut,
        nullif(trim(r.sumberdana), '') as sumber_dana,
        r.uraian,
        nullif(trim(r.anggaran), '')::bigint as anggaran_rupiah,
        nullif(trim(r.anggaranstlhpak), '')::bigint as anggaran_setelah_perubahan_rupiah
    from rinci as r
    left join pemda as p on r.ekspor = p.ekspor
),

coded as (
    select
        *,
        split_part(kode_rekening, '.', 1) as kode_akun,
        array_to_string(string_split(kode_rekening, '.')[1:2], '.') as kode_kelompok,
        array_to_string(string_split(kode_rekening, '.')[1:3], '.') as kode_jenis,
        case when len(string_split(kode_rekening, '.')) >= 4 then array_to_string(string_split(kode_rekening, '.')[1:4], '.') end
            as kode_objek,
        nullif(split_part(substr(kd_keg, length(kd_desa) + 1), '.', 1), '00') as kode_bidang,
        case
            when split_part(substr(kd_keg, length(kd_desa) + 1), '.', 1) <> '00'
                then array_to_string(string_split(substr(kd_keg, length(kd_desa) + 1), '.')[1:2], '.')
        end as kode_sub_bidang,
        case
            when split_part(substr(kd_keg, length(kd_desa) + 1), '.', 1) <> '00'
                then substr(kd_keg, length(kd_desa) + 1)
        end as kode_kegiatan
    from lines
)

select
    'siskeudes' as sumber_data,
    c.ekspor,
    c.kode_desa_sumber,
    c.tahun,
    '20/2018' as versi_bagan,
    c.kode_rekening as kode_rekening_sumber,
    c.kode_akun,
    a1.nama_akun,
    c.kode_kelompok,
    a2.nama_kelompok,
    c.kode_jenis,
    a3.nama_jenis,
    c.kode_objek,
    a4.nama_obyek as nama_objek,
    c.kode_bidang,
    b.nama_bidang,
    c.kode_sub_bidang,
    sb.nama_subbidang as nama_sub_bidang,
    c.kode_kegiatan,
    coalesce(tk.nama_kegiatan, rk.nama_kegiatan) as nama_kegiatan,
    c.sumber_dana,
    s.nama_sumber as nama_sumber_dana,
    c.uraian,
    c.anggaran_rupiah,
    c.anggaran_setelah_perubahan_rupiah,
    false as dibulatkan,
    c.source_file,
    c.record_number as source_line,
    c.data_origin
from coded as c
left join {{ source('siskeudes', 'ref_rek1') }} as a1 on c.ekspor = a1.ekspor and c.kode_akun = rtrim(trim(a1.akun), '.')
left join {{ source('siskeudes', 'ref_rek2') }} as a2 on c.ekspor = a2.ekspor and c.kode_kelompok = rtrim(trim(a2.kelompok), '.')
left join {{ source('siskeudes', 'ref_rek3') }} as a3 on c.ekspor = a3.ekspor and c.kode_jenis = rtrim(trim(a3.jenis), '.')
left join {{ source('siskeudes', 'ref_rek4') }} as a4 on c.ekspor = a4.ekspor and c.kode_objek = rtrim(trim(a4.obyek), '.')
left join {{ source('siskeudes', 'ref_bidang') }} as b on c.ekspor = b.ekspor and c.kode_bidang = lpad(trim(b.kd_bid), 2, '0')
left join {{ source('siskeudes', 'ref_subbidang') }} as sb
    on c.ekspor = sb.ekspor and c.kode_sub_bidang = rtrim(trim(sb.kd_sub), '.')
left join {{ source('siskeudes', 'ta_kegiatan') }} as tk
    on c.ekspor = tk.ekspor and c.kd_keg_raw = trim(tk.kd_keg) and c.tahun = tk.tahun::integer
left join {{ source('siskeudes', 'ref_kegiatan') }} as rk on c.ekspor = rk.ekspor and c.kode_kegiatan = rtrim(trim(rk.id_keg), '.')
left join {{ source('siskeudes', 'ref_sumber') }} as s on c.ekspor = s.ekspor and c.sumber_dana = trim(s.kode)
