"""Tests of the store's national mode: DuckLake with its catalog on a real PostgreSQL server."""
