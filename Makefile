# Desa Data Platform. `make run` runs everything on the embedded default and publishes;
# `make test` runs the tests. Both create the environment from uv.lock first when needed.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DESA_DATA_DIR ?= $(CURDIR)/data
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
DEV_PORT ?= 3000
export PYTHONPATH := $(CURDIR)
# dagster-dbt runs `dbt` from PATH (manifest preparation below, re-parsing under `dagster dev`).
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: setup run dev test test-fast lint format bench corpus clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet "uv==$(UV_VERSION)"

# The environment, exactly as locked.
$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

# The dbt manifest is build output: the code location reads it and never parses dbt at import.
# Rebuilt when a file of the dbt project changes (prepare-and-package runs `dbt parse`); touched
# after, because dbt may leave an unchanged manifest with its old time.
DBT_MANIFEST := dbt_project/target/manifest.json
DBT_PROJECT_FILES := $(shell find dbt_project/models dbt_project/macros dbt_project/seeds dbt_project/tests \
	-type f 2>/dev/null) dbt_project/dbt_project.yml dbt_project/profiles.yml

$(DBT_MANIFEST): $(VENV)/.synced $(DBT_PROJECT_FILES)
	$(BIN)/dagster-dbt project prepare-and-package --file assets/transform/project.py
	touch $@

setup: $(VENV)/.synced $(DBT_MANIFEST)

# One console line per step, then what was published; the full log goes to $(DESA_DATA_DIR)/logs/.
run: setup
	$(BIN)/python -m pipelines.run --job desa_full_refresh

dev: setup
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p $(DEV_PORT)

test: setup
	$(BIN)/pytest -n 2

test-fast: setup
	$(BIN)/pytest -m "not e2e"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	# The templater compiles the models: an in-memory database is enough.
	cd dbt_project && DESA_WAREHOUSE_PATH=:memory: ../$(BIN)/sqlfluff lint models --processes 2

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	cd dbt_project && DESA_WAREHOUSE_PATH=:memory: ../$(BIN)/sqlfluff fix models --processes 2

bench: setup
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# The damaged-input corpus (every source x defect class) as Markdown tables, for docs/ARCHITECTURE.md.
corpus: setup
	$(BIN)/python -m tests.corpus

clean:
	rm -rf data dbt_project/target dbt_project/logs .pytest_cache .ruff_cache .mypy_cache
