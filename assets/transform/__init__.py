"""The dbt project as Dagster assets, and helpers to read the working DuckDB file."""
