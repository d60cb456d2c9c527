"""The Dagster code location of the Desa Data Platform (`pipelines.definitions`)."""
