{#- One row per village budget (source, village, year), amounts after the budget change (APBDes
    Perubahan; equal to the original where there was none). Revenue by funding source, spending by
    bidang, financing, and the balance: revenue - spending + net financing, zero for a balanced
    APBDes (`seimbang`); budgets that do not balance are reported here, not corrected. -#}
with lines as (
    select * from {{ ref('int_apbdes__lines') }}
)

select
    sumber_data,
    kode_desa_sumber,
    tahun,
    any_value(kode_desa) as kode_desa,
    any_value(resolusi_desa) as resolusi_desa,
    any_value(versi_bagan) as versi_bagan,
    count(*) as jumlah_baris,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '4'), 0)::bigint as pendapatan_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '5'), 0)::bigint as belanja_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_kelompok = '6.1'), 0)::bigint
        as pembiayaan_penerimaan_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_kelompok = '6.2'), 0)::bigint
        as pembiayaan_pengeluaran_rupiah,
    (pembiayaan_penerimaan_rupiah - pembiayaan_pengeluaran_rupiah)::bigint as pembiayaan_netto_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_jenis_20_2018 = '4.2.1'), 0)::bigint
        as dana_desa_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '4' and sumber_dana = 'DDS'), 0)::bigint
        as pendapatan_dds_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '4' and sumber_dana = 'ADD'), 0)::bigint
        as pendapatan_add_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (
        where kode_akun = '4' and kategori_sumber_dana = 'bagi_hasil'
    ), 0)::bigint as pendapatan_bagi_hasil_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (
        where kode_akun = '4' and kategori_sumber_dana = 'pendapatan_asli'
    ), 0)::bigint as pendapatan_asli_desa_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (
        where kode_akun = '4' and kategori_sumber_dana = 'bantuan_keuangan'
    ), 0)::bigint as pendapatan_bantuan_keuangan_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (
        where kode_akun = '4' and kategori_sumber_dana not in ('dana_desa', 'alokasi_dana_desa', 'bagi_hasil', 'pendapatan_asli', 'bantuan_keuangan')
        or kode_akun = '4' and kategori_sumber_dana is null
    ), 0)::bigint as pendapatan_lain_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '5' and kode_bidang = '01'), 0)::bigint
        as belanja_bidang_01_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '5' and kode_bidang = '02'), 0)::bigint
        as belanja_bidang_02_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '5' and kode_bidang = '03'), 0)::bigint
        as belanja_bidang_03_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '5' and kode_bidang = '04'), 0)::bigint
        as belanja_bidang_04_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (where kode_akun = '5' and kode_bidang = '05'), 0)::bigint
        as belanja_bidang_05_rupiah,
    coalesce(sum(anggaran_setelah_perubahan_rupiah) filter (
        where kode_akun = '5' and (kode_bidang is null or kode_bidang not in ('01', '02', '03', '04', '05'))
    ), 0)::bigint as belanja_bidang_lain_rupiah,
    (pendapatan_rupiah - belanja_rupiah)::bigint as surplus_defisit_rupiah,
    (pendapatan_rupiah - belanja_rupiah + pembiayaan_netto_rupiah)::bigint as saldo_rupiah,
    saldo_rupiah = 0 as seimbang,
    coalesce(sum(anggaran_rupiah) filter (where kode_akun = '4'), 0)::bigint as pendapatan_sebelum_perubahan_rupiah,
    coalesce(sum(anggaran_rupiah) filter (where kode_akun = '5'), 0)::bigint as belanja_sebelum_perubahan_rupiah,
    count(*) filter (where dibulatkan) as jumlah_baris_dibulatkan,
    any_value(data_origin) as data_origin
from lines
group by sumber_data, kode_desa_sumber, tahun
