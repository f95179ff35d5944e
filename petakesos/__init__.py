"""Peta Kesos: maps and figures of PMKS cases and PSM coverage per desa/kelurahan."""

__version__ = "0.1.0"
