"""Benchmarks: `make bench` (see bench.py)."""
