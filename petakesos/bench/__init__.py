"""Benchmarks: scripts that print measured figures and their ratio to a target (never tests)."""
