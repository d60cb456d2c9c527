"""Pieces shared by every domain: input errors, landing-file provenance, raw-table writing."""
