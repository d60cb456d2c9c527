"""The source contract: landing resolution, the shared readers against each defect class, and one
declaration-only source wired through the factory end to end."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from pathlib import Path

import dagster as dg
import polars as pl
import pytest

from assets.common.errors import DesaInputError
from assets.common.provenance import Provenance
from assets.common.records import (
    MAX_RECORD_BYTES,
    RecordError,
    decode_json_checked,
    read_lines,
    read_text,
)
from assets.common.settings import DesaSettings
from assets.common.source import (
    GenerateContext,
    Generator,
    LandingFiles,
    ParseContext,
    Parsed,
    RawTable,
    Source,
    match_part,
    resolve_landing,
    source_definitions,
)
from assets.common.tabular import CSV, TSV, RecordRule, apply_rules, read_delimited

COLUMNS = ["kode", "nama", "pagu"]


# ---------------------------------------------------------------------------------------------
# A declaration-only source: everything below is what a new source writes.


def _generate(context: GenerateContext) -> None:
    lines = ["kode,nama,pagu", "11,ACEH,100", "12,SUMUT,2x0", "13,SUMBAR,300", "11,ACEH LAGI,5"]
    (context.directory / "pagu.csv").write_text("\n".join(lines) + "\n")
    if "notes" in context.parts:
        (context.directory / "notes.tsv").write_text("kode\tcatatan\n11\tgenerated\n")


def _parse(context: ParseContext) -> Parsed:
    table = read_delimited(context.file("pagu"), COLUMNS, CSV)
    rules = [
        RecordRule("kode is not two digits", ~pl.col("kode").str.contains(r"^[0-9]{2}$")),
        RecordRule(
            pl.format("pagu {} is not a whole number of rupiah", pl.col("pagu")),
            ~pl.col("pagu").str.contains(r"^[0-9]+$"),
        ),
        RecordRule(pl.format("duplicate kode {}", pl.col("kode")), ~pl.col("kode").is_first_distinct()),
    ]
    good, rejects = apply_rules(table, rules)
    pagu = good.select(
        pl.col("kode"),
        pl.col("nama"),
        pl.col("pagu").cast(pl.Int64).alias("pagu_rupiah"),
        pl.lit(str(table.path)).alias("source_file"),
        pl.col("record_number"),
    )
    tables: dict[str, pl.DataFrame | Path] = {"pagu": pagu}
    notes = read_delimited(context.file("notes"), ["kode", "catatan"], TSV)
    tables["notes"] = notes.frame.with_columns(pl.lit(context.origins["notes"]).alias("data_origin"))
    return Parsed(tables=tables, rejects=pl.concat([rejects, notes.rejects]))


def declared(version: str = "test-gen/1") -> Source:
    return Source(
        name="contoh",
        group="contoh",
        description="A test source declared on the contract.",
        format="CSV + TSV",
        files=(
            LandingFiles("pagu", ("pagu.csv.gz", "pagu.csv")),
            LandingFiles("notes", ("notes.tsv",), required=False),
        ),
        tables=(RawTable("pagu", "Pagu per kode."), RawTable("notes", "Notes per kode.")),
        parse=_parse,
        generator=Generator(version=version, generate=_generate),
    )


def settings_for(tmp_path: Path, landing: Path | None = None) -> DesaSettings:
    return DesaSettings(data_dir=str(tmp_path / "data"), landing_dir=str(landing) if landing else None)


def test_declared_source_runs_end_to_end_on_generated_files(tmp_path: Path) -> None:
    source = declared()
    defs = source_definitions(source)
    settings = settings_for(tmp_path)
    result = dg.materialize(list(defs.assets or []), resources={"settings": settings})
    assert result.success
    raw = settings.raw_path / "contoh"
    pagu = pl.read_parquet(raw / "pagu.parquet")
    assert pagu["kode"].to_list() == ["11", "13"]
    assert pagu["pagu_rupiah"].to_list() == [100, 300]
    assert pagu["record_number"].to_list() == [2, 4]
    rejects = pl.read_parquet(raw / "rejects.parquet")
    assert rejects.columns == ["source_file", "record_number", "raw_record", "reason"]
    assert sorted(rejects["record_number"].to_list()) == [3, 5]
    # Files are named relative to the landing folder, a generated file like a real one.
    assert set(rejects["source_file"]) == set(pagu["source_file"]) == {"contoh/pagu.csv"}
    provenance = Provenance.read(raw)
    assert provenance.origin == "synthetic" and provenance.generator == "test-gen/1"
    keys = {key.to_user_string() for asset in defs.assets or [] for key in asset.keys}  # type: ignore[union-attr]
    assert keys == {"landing/contoh", "raw/contoh__pagu", "raw/contoh__notes", "raw/contoh__rejects"}


def test_real_folder_is_used_and_an_optional_part_is_generated_alone(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    (landing / "contoh").mkdir(parents=True)
    (landing / "contoh" / "pagu.csv").write_text("kode,nama,pagu\n21,RIAU,7\n")
    settings = settings_for(tmp_path, landing)
    resolution = resolve_landing(declared(), settings)
    assert resolution.origins == {"pagu": "real", "notes": "synthetic"}
    assert resolution.provenance.origin == "real"
    assert any(note.startswith("MIXED") for note in resolution.provenance.notes)
    result = dg.materialize(
        list(source_definitions(declared()).assets or []), resources={"settings": settings}
    )
    assert result.success
    pagu = pl.read_parquet(settings.raw_path / "contoh" / "pagu.parquet")
    assert pagu["kode"].to_list() == ["21"]
    assert pagu["source_file"].to_list() == ["contoh/pagu.csv"]
    notes = pl.read_parquet(settings.raw_path / "contoh" / "notes.parquet")
    assert notes["data_origin"].to_list() == ["synthetic"]


def _parse_writing_its_own_table(context: ParseContext) -> Parsed:
    """A parser that writes a table itself (as the IDM archive's does), naming files in full."""
    path = context.file("pagu")
    target = context.output_dir / "pagu.parquet"
    pl.DataFrame({"kode": ["11"], "source_file": [str(path)]}).write_parquet(target)
    rejects = [(str(path), 3, "11,ACEH,100", f"duplicate kode 11, first at {path} line 2")]
    return Parsed(tables={"pagu": target}, rejects=rejects)


def test_a_table_the_parser_wrote_itself_names_its_files_relative_too(tmp_path: Path) -> None:
    source = replace(declared(), tables=(RawTable("pagu", "Pagu."),), parse=_parse_writing_its_own_table)
    settings = settings_for(tmp_path)
    assert dg.materialize(
        list(source_definitions(source).assets or []), resources={"settings": settings}
    ).success
    raw = settings.raw_path / "contoh"
    assert pl.read_parquet(raw / "pagu.parquet").to_dicts() == [
        {"kode": "11", "source_file": "contoh/pagu.csv"}
    ]
    rejects = pl.read_parquet(raw / "rejects.parquet")
    assert rejects.select("source_file", "reason").rows() == [
        ("contoh/pagu.csv", "duplicate kode 11, first at contoh/pagu.csv line 2")
    ]


def test_a_file_outside_the_landing_folders_is_a_parser_error(tmp_path: Path) -> None:
    def parse_elsewhere(context: ParseContext) -> Parsed:
        return Parsed(tables={"pagu": pl.DataFrame({"source_file": [str(tmp_path / "elsewhere.csv")]})})

    source = replace(declared(), tables=(RawTable("pagu", "Pagu."),), parse=parse_elsewhere)
    result = dg.materialize(
        list(source_definitions(source).assets or []),
        resources={"settings": settings_for(tmp_path)},
        raise_on_error=False,
    )
    assert not result.success
    assert not (settings_for(tmp_path).raw_path / "contoh" / "pagu.parquet").exists()


def test_configured_folder_without_a_required_file_stops_the_run(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    (landing / "contoh").mkdir(parents=True)
    (landing / "contoh" / "notes.tsv").write_text("kode\tcatatan\n")
    with pytest.raises(DesaInputError) as raised:
        resolve_landing(declared(), settings_for(tmp_path, landing))
    assert raised.value.path == str(landing / "contoh")


def test_a_folder_where_a_file_should_be_stops_the_run(tmp_path: Path) -> None:
    landing = tmp_path / "landing"
    (landing / "contoh" / "pagu.csv").mkdir(parents=True)
    with pytest.raises(DesaInputError) as raised:
        resolve_landing(declared(), settings_for(tmp_path, landing))
    assert raised.value.path == str(landing / "contoh" / "pagu.csv")


def test_generated_files_are_cached_by_generator_version(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    first = resolve_landing(declared("gen/1"), settings)
    marker = Path(first.files["pagu"][0])
    marker.write_text(marker.read_text() + "99,EXTRA,1\n")
    assert "EXTRA" in Path(resolve_landing(declared("gen/1"), settings).files["pagu"][0]).read_text()
    regenerated = resolve_landing(declared("gen/2"), settings)
    assert "EXTRA" not in Path(regenerated.files["pagu"][0]).read_text()
    assert regenerated.provenance.origin == "synthetic"


def test_a_source_without_generator_and_without_files_stops_the_run(tmp_path: Path) -> None:
    source = Source(
        name="kosong",
        group="contoh",
        description="",
        format="CSV",
        files=(LandingFiles("pagu", ("pagu.csv",)),),
        tables=(),
        parse=_parse,
    )
    with pytest.raises(DesaInputError):
        resolve_landing(source, settings_for(tmp_path))


# ---------------------------------------------------------------------------------------------
# The shared line reader and the delimited reader, one test per defect class.

HEADER = "kode,nama,pagu\n"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_lines_truncated_gzip_names_file_and_line(tmp_path: Path) -> None:
    data = gzip.compress(("x" * 50 + "\n").encode() * 5000)
    path = _write(tmp_path / "a.jsonl.gz", data[: len(data) // 2])
    with pytest.raises(DesaInputError) as raised:
        read_text(path)
    assert raised.value.path == str(path) and raised.value.record


def test_lines_not_gzip_though_named_so(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl.gz", b'{"a": 1}\n')
    with pytest.raises(DesaInputError) as raised:
        read_text(path)
    assert raised.value.path == str(path)


def test_lines_gzip_told_by_content_not_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", gzip.compress(b'{"a": 1}\n'))
    assert read_text(path) == ([(1, '{"a": 1}')], [])


@pytest.mark.parametrize(
    "data", [b"", b"\n\n  \n", gzip.compress(b"", mtime=0)], ids=["empty", "blank", "empty-gzip"]
)
def test_lines_empty_file_stops_the_run(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path / "a.jsonl", data)
    with pytest.raises(DesaInputError) as raised:
        read_text(path)
    assert raised.value.path == str(path)


def test_lines_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", b'\xef\xbb\xbf{"a": 1}\r\n\r\n{"a": 2}\r\n')
    assert read_text(path) == ([(1, '{"a": 1}'), (3, '{"a": 2}')], [])


def test_lines_latin1_byte_is_a_reject_not_a_dead_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", b'{"a": 1}\n{"nama": "Sukamaju \xe9"}\n{"a": 3}\n')
    lines, rejects = read_text(path)
    assert [n for n, _ in lines] == [1, 3]
    assert [(r.record_number, r.source_file) for r in rejects] == [(2, str(path))]


def test_lines_over_long_line_is_a_reject(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.jsonl", b'{"a": 1}\n' + b"x" * 5000 + b'\n{"a": 3}\n')
    batches = list(read_lines(path, max_record_bytes=1000))
    assert [n for b in batches for n in b.numbers] == [1, 3]
    assert [r.record_number for b in batches for r in b.rejects] == [2]


def test_deeply_nested_json_is_a_record_error_not_a_crash() -> None:
    with pytest.raises(RecordError):
        decode_json_checked("[" * 100_000 + "]" * 100_000)
    with pytest.raises(RecordError):
        decode_json_checked("[" * 200 + "]" * 200)
    assert decode_json_checked('{"a": [1, {"b": 2}]}') == {"a": [1, {"b": 2}]}


def test_delimited_bom_crlf_and_header_case_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", b'\xef\xbb\xbfKode,Nama,PAGU\r\n11,ACEH,100\r\n12,"SU,MUT",200\r\n')
    table = read_delimited(path, COLUMNS)
    assert table.frame.rows() == [(2, "11", "ACEH", "100"), (3, "12", "SU,MUT", "200")]
    assert table.rejects.is_empty()


def test_delimited_latin1_and_wrong_field_count_are_rejects(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", HEADER.encode() + b"11,ACEH,1\n12,SUM\xe9,2\n13,X\n14,Y,4,5\n15,Z,5\n")
    table = read_delimited(path, COLUMNS)
    assert table.frame["record_number"].to_list() == [2, 6]
    assert table.frame["kode"].to_list() == ["11", "15"]
    assert sorted(table.rejects["record_number"].to_list()) == [3, 4, 5]


def test_delimited_over_long_record_is_a_reject_not_a_dead_file(tmp_path: Path) -> None:
    long_line = b"12," + b"S" * (MAX_RECORD_BYTES + 1) + b",2\n"
    path = _write(tmp_path / "p.csv", HEADER.encode() + b"11,ACEH,1\n" + long_line + b"13,X,3\n")
    table = read_delimited(path, COLUMNS)
    assert table.frame["record_number"].to_list() == [2, 4]
    assert table.rejects["record_number"].to_list() == [3]


def test_delimited_record_missing_many_fields_is_one_reject(tmp_path: Path) -> None:
    header = ",".join(f"c{i}" for i in range(12)) + "\n"
    path = _write(tmp_path / "p.csv", (header + ",".join("1" * 12) + "\n1,2\n").encode())
    table = read_delimited(path, [f"c{i}" for i in range(12)])
    assert table.frame["record_number"].to_list() == [2]
    assert table.rejects["record_number"].to_list() == [3]


def test_delimited_gzip_told_by_content_not_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", gzip.compress((HEADER + "11,ACEH,1\n").encode()))
    assert read_delimited(path, COLUMNS).frame["kode"].to_list() == ["11"]


@pytest.mark.parametrize("header", ["kode,nama\n", "kode,name,pagu\n"])
def test_delimited_missing_or_renamed_column_stops_the_run(tmp_path: Path, header: str) -> None:
    path = _write(tmp_path / "p.csv", (header + "11,ACEH,1\n").encode())
    with pytest.raises(DesaInputError) as raised:
        read_delimited(path, COLUMNS)
    assert raised.value.path == str(path)


def test_delimited_extra_column_is_kept_out_and_reported(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", b"kode,nama,pagu,catatan\n11,ACEH,1,x\n")
    table = read_delimited(path, COLUMNS)
    assert table.frame.columns == ["record_number", *COLUMNS]
    assert table.extra_columns == ["catatan"]


def test_delimited_empty_file_and_bad_gzip_stop_the_run(tmp_path: Path) -> None:
    for path in (_write(tmp_path / "e.csv", b""), _write(tmp_path / "g.csv.gz", b"not gzip")):
        with pytest.raises(DesaInputError) as raised:
            read_delimited(path, COLUMNS)
        assert raised.value.path == str(path)


def test_rules_wrong_type_and_duplicate_key_become_rejects(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", (HEADER + "11,A,1\n12,B,x\n11,C,3\n").encode())
    good, rejects = apply_rules(
        read_delimited(path, COLUMNS),
        [
            RecordRule("pagu is not a number", ~pl.col("pagu").str.contains(r"^[0-9]+$")),
            RecordRule("duplicate kode", ~pl.col("kode").is_first_distinct()),
        ],
    )
    assert good["record_number"].to_list() == [2]
    assert dict(zip(rejects["record_number"], rejects["reason"], strict=True)) == {
        3: "pagu is not a number",
        4: "duplicate kode",
    }
    assert json.loads(json.dumps(rejects.row(0, named=True)))["raw_record"] == "12|B|x"


def test_rules_key_rejects_a_repeated_record_pointing_at_the_first(tmp_path: Path) -> None:
    path = _write(tmp_path / "p.csv", (HEADER + "11,A,1\n12,B,x\n11 ,C,3\n12,D,4\n").encode())
    rule = RecordRule("pagu is not a number", ~pl.col("pagu").str.contains(r"^[0-9]+$"))
    good, rejects = apply_rules(read_delimited(path, COLUMNS), [rule], key=["KODE"])
    # 12 on line 5 loads: the earlier 12 (line 3) was itself rejected, so it is no duplicate.
    assert good["record_number"].to_list() == [2, 5]
    reasons = dict(zip(rejects["record_number"], rejects["reason"], strict=True))
    assert reasons[3] == "pagu is not a number"
    assert reasons[4].startswith("duplicate of record 2")


def test_a_landing_file_is_never_left_unread_in_silence(tmp_path: Path) -> None:
    yearly = LandingFiles("tkdd", ("tkdd-*.csv.gz", "tkdd-*.csv"), many=True)
    (tmp_path / "tkdd-2018.csv.gz").write_bytes(b"")
    assert match_part(tmp_path, yearly) == [tmp_path / "tkdd-2018.csv.gz"]
    (tmp_path / "tkdd-2019.csv").write_text("")  # another year, not compressed: would be skipped
    with pytest.raises(DesaInputError) as raised:
        match_part(tmp_path, yearly)
    assert raised.value.path == str(tmp_path / "tkdd-2019.csv")
    one = LandingFiles("desa", ("desa.csv.gz", "desa.csv"))
    (tmp_path / "desa.csv").write_text("")
    assert match_part(tmp_path, one) == [tmp_path / "desa.csv"]
    (tmp_path / "desa.csv.gz").write_bytes(b"")  # both forms: which one is meant?
    with pytest.raises(DesaInputError) as raised:
        match_part(tmp_path, one)
    assert raised.value.path == str(tmp_path / "desa.csv")
