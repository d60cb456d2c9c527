"""Asset code of the Desa Data Platform, one package per domain."""
