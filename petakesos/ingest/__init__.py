"""Reading, validating and importing Dinsos exports (see data/README.md for the formats)."""
