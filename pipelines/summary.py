"""Print what is published: `python -m pipelines.summary` (run by `make run` at the end)."""

import json
import os
import sys
from pathlib import Path


def main() -> int:
    data_dir = Path(os.environ.get("DESA_DATA_DIR", "data")).resolve()
    manifest_path = data_dir / "published" / "manifest.json"
    if not manifest_path.exists():
        print(f"nothing published yet under {data_dir / 'published'}", file=sys.stderr)
        return 1
    manifest = json.loads(manifest_path.read_text())
    release, run = manifest["release_id"], manifest["run_id"]
    print(f"published release {release} (run {run}) in {data_dir / 'published'}")
    if manifest.get("synthetic"):
        print(f"  NOTE: {manifest.get('label', 'contains synthetic data')}")
    width = max(len(d["name"]) for d in manifest["datasets"])
    for dataset in manifest["datasets"]:
        quality = dataset.get("quality", {}).get("great_expectations", {})
        status = "checked" if quality.get("success") else "UNCHECKED"
        print(
            f"  {dataset['name']:<{width}}  {dataset['row_count']:>10,} rows  "
            f"{dataset['data_origin']:<9}  {status}"
        )
    print(f"  analyst database: {data_dir / 'published' / manifest['analyst_database']['path']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
