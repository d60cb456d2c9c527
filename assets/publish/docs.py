"""Documentation published with each release: the dbt docs site, the Great Expectations Data Docs and
an index page linking them to the report, the data package and the analyst database."""

from __future__ import annotations

import hashlib
import html
import importlib.metadata
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from assets.common.provenance import tree_sha256
from assets.publish.package import DatasetEntry, PathScrubber
from assets.transform.parse_state import restore_parse_state, save_parse_state
from assets.transform.project import DBT_PROJECT_DIR, dbt_executable
from assets.transform.warehouse import connect_read_only

DBT_DOCS_DIR = "docs/dbt"
QUALITY_DOCS_DIR = "docs/quality"
# index.html fetches manifest.json and catalog.json (needs a web server); static_index.html embeds
# both and opens from a file.
DBT_DOCS_FILES = ("static_index.html", "index.html", "manifest.json", "catalog.json")


# What the dbt docs were generated from (see dbt_docs_source_hash), kept beside them.
DOCS_SOURCE_HASH = ".source_hash"
# Not project sources: dbt's output and logs.
_NOT_PROJECT_SOURCES = {"target", "logs", "dbt_packages"}


def dbt_docs_source_hash(warehouse: Path, dbt_vars: Mapping[str, str], scrubber: PathScrubber) -> str:
    """A hash of everything `dbt docs generate` reads: the dbt project's files, the dbt version, the
    warehouse's relations with their columns, types and comments (the catalog holds no statistics),
    the vars and the folders the published copy names by role."""
    digest = hashlib.sha256()
    digest.update(importlib.metadata.version("dbt-core").encode())
    digest.update(json.dumps([dbt_vars, [(str(p), n) for p, n in scrubber.roots]], sort_keys=True).encode())
    digest.update(tree_sha256(DBT_PROJECT_DIR, skip=_NOT_PROJECT_SOURCES).encode())
    with connect_read_only(warehouse) as connection:
        for query in (
            "select schema_name, table_name, column_index, column_name, data_type, comment "
            "from duckdb_columns() where database_name = current_database() order by all",
            "select schema_name, table_name, comment from duckdb_tables() "
            "where database_name = current_database() order by all",
            "select schema_name, view_name, comment, sql from duckdb_views() "
            "where database_name = current_database() and not internal order by all",
        ):
            digest.update(json.dumps(connection.execute(query).fetchall(), default=str).encode())
    return digest.hexdigest()


class DocsError(RuntimeError):
    """dbt could not generate its documentation."""


def generate_dbt_docs(
    target: Path,
    warehouse: Path,
    scrubber: PathScrubber,
    data_dir: Path | None = None,
    previous: Path | None = None,
) -> dict[str, str]:
    """`dbt docs generate --static` against the working DuckDB file, copied into `target`.

    dbt-duckdb opens the file for writing: the caller must run in the `duckdb_warehouse` pool and hold
    no connection to it. Sources are documented with `$DESA_DATA_DIR` in their locations, and any
    machine path left in the output is replaced by its role (see PathScrubber). Given `data_dir`, dbt's
    parse state is carried there from one release to the next (see parse_state). Given the folder of
    the `previous` docs, generated from the same sources (dbt_docs_source_hash), they are copied
    instead (~11 s of dbt saved; they keep their own generation time).
    """
    target.mkdir(parents=True, exist_ok=True)
    links = {"dbt_docs": f"{DBT_DOCS_DIR}/static_index.html"}
    dbt_vars = {"data_dir": "$DESA_DATA_DIR", "warehouse_path": str(warehouse)}
    source_hash = dbt_docs_source_hash(warehouse, dbt_vars, scrubber)
    if previous is not None and _same_docs(previous, source_hash):
        for name in (*DBT_DOCS_FILES, DOCS_SOURCE_HASH):
            shutil.copy2(previous / name, target / name)
        return links
    with tempfile.TemporaryDirectory(prefix="dbt-docs-") as scratch:
        scratch_dir = Path(scratch)
        (scratch_dir / "target").mkdir()
        if data_dir is not None:
            restore_parse_state(data_dir, scratch_dir / "target", "docs")
        command = [
            dbt_executable(),
            "--no-use-colors",
            "docs",
            "generate",
            "--static",
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(scratch_dir / "target"),
            "--log-path",
            str(scratch_dir / "logs"),
            "--vars",
            json.dumps(dbt_vars),
        ]
        env = {**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
        done = subprocess.run(
            command, cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).splitlines()[-20:])
            raise DocsError(f"dbt docs generate failed (exit {done.returncode}):\n{tail}")
        if data_dir is not None:
            save_parse_state(data_dir, scratch_dir / "target", "docs")
        scratch_scrubber = PathScrubber(((scratch_dir / "target", "target"), *scrubber.roots))
        for name in DBT_DOCS_FILES:
            text = (scratch_dir / "target" / name).read_text(encoding="utf-8")
            (target / name).write_text(scratch_scrubber.text(text), encoding="utf-8")
    (target / DOCS_SOURCE_HASH).write_text(source_hash + "\n", encoding="utf-8")
    return links


def _same_docs(previous: Path, source_hash: str) -> bool:
    try:
        recorded = (previous / DOCS_SOURCE_HASH).read_text(encoding="utf-8").strip()
    except OSError:
        return False
    return recorded == source_hash and all((previous / name).is_file() for name in DBT_DOCS_FILES)


def quality_docs_site(quality_dir: Path) -> Path | None:
    """The Great Expectations Data Docs site (`.../data_docs/local_site`), if the checks built one."""
    sites = sorted(p for p in quality_dir.glob("gx/**/data_docs/local_site") if (p / "index.html").is_file())
    return sites[0] if sites else None


def copy_quality_docs(quality_dir: Path, target: Path, scrubber: PathScrubber) -> dict[str, str]:
    site = quality_docs_site(quality_dir)
    if site is None:
        return {}
    shutil.copytree(site, target)
    for page in target.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        cleaned = scrubber.text(text)
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")
    return {"quality_docs": f"{QUALITY_DOCS_DIR}/index.html"}


LINK_TITLES = {
    "report": ("Report", "charts drawn from the published tables"),
    "datapackage": ("datapackage.json", "Frictionless Data Package: every dataset, its schema, keys, files"),
    "manifest": ("manifest.json", "the platform's manifest: files, provenance, full quality results"),
    "analyst_database": ("desa.duckdb", "the analyst database: `duckdb -readonly desa.duckdb`"),
    "dbt_docs": ("dbt docs", "models, columns, tests and lineage (static_index.html opens from a file)"),
    "quality_docs": ("Great Expectations Data Docs", "the quality suites and their results"),
}

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; font-size: 0.9rem; }
td, th { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.synthetic { color: #b2182b; font-weight: bold; }
.real { color: #1a7f37; }
"""


def _data_link(dataset: DatasetEntry) -> str:
    """The Parquet file, or the folder of a partitioned dataset."""
    first = Path(dataset.files[0].path)
    if not dataset.partition_by:
        return first.as_posix()
    return first.parents[len(dataset.partition_by)].as_posix() + "/"


def index_html(release: str, datasets: Sequence[DatasetEntry], links: Mapping[str, str]) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(path)}">{html.escape(LINK_TITLES.get(key, (key, ""))[0])}</a>: '
        f"{html.escape(LINK_TITLES.get(key, (key, ''))[1])}</li>"
        for key, path in links.items()
    )
    rows = "\n".join(
        f"<tr><td><code>{html.escape(d.name)}</code></td>"
        f'<td class="{"synthetic" if d.synthetic else "real"}">{html.escape(d.data_origin)}</td>'
        f'<td class="n">{d.row_count:,}</td>'
        f'<td><a href="{html.escape(_data_link(d))}">'
        f"{f'Parquet ({len(d.files)} files)' if d.partition_by else 'Parquet'}</a></td>"
        f"<td>{html.escape(d.description)}</td></tr>"
        for d in datasets
    )
    synthetic = any(d.synthetic for d in datasets)
    warning = (
        '<p class="synthetic">This release contains SYNTHETIC data (generated for testing the pipeline, '
        "not official figures): check each dataset's origin below.</p>"
        if synthetic
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Desa Data Platform, release {html.escape(release)}</title>
<style>{STYLE}</style></head><body>
<h1>Desa Data Platform</h1>
<p>Release <code>{html.escape(release)}</code>. Every dataset passed its dbt tests and Great Expectations
suite before it was published.</p>
{warning}
<ul>
{items}
</ul>
<h2>Datasets</h2>
<table><thead><tr><th>dataset</th><th>origin</th><th>rows</th><th>files</th><th>description</th></tr></thead>
<tbody>
{rows}
</tbody></table>
</body></html>
"""
