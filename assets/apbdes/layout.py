"""The Sideka export layouts, defined once: the parser (`sources`) reads the columns the models need by
name, the generator (`synthetic`) writes the whole header, as the real PostgreSQL exports have it."""

from __future__ import annotations

# Every table of the Sideka server starts with its own bookkeeping, which the models do not read.
SERVER_COLUMNS = ("date_created", "date_modified", "pid")

# siskeudes_penganggarans: budget lines (a tree of header and leaf rows).
PENGANGGARAN_HEADER = (
    *SERVER_COLUMNS,
    "year",
    "row_number",
    "id",
    "kode_kegiatan",
    "kode_rekening",
    "uraian",
    "sumber_dana",
    "satuan",
    "jumlah_satuan",
    "harga_satuan",
    "anggaran",
    "jumlah_satuan_pak",
    "harga_satuan_pak",
    "anggaran_pak",
    "perubahan",
    "fk_region_id",
)
# Not read either: the unit figures after the PAK (its amount, anggaran_pak, is read).
PENGANGGARAN_COLUMNS = tuple(
    c for c in PENGANGGARAN_HEADER if c not in {*SERVER_COLUMNS, "jumlah_satuan_pak", "harga_satuan_pak"}
)

# siskeudes_kegiatans: the activities.
KEGIATAN_HEADER = (
    *SERVER_COLUMNS,
    "year",
    "row_number",
    "id",
    "kode_bidang",
    "nama_bidang",
    "kode_kegiatan",
    "nama_kegiatan",
    "lokasi",
    "waktu",
    "keluaran",
    "pagu",
    "pagu_pak",
    "fk_region_id",
)
# Not read either: the row number and the free-text plan (place, time, output).
KEGIATAN_COLUMNS = tuple(
    c for c in KEGIATAN_HEADER if c not in {*SERVER_COLUMNS, "row_number", "lokasi", "waktu", "keluaran"}
)
