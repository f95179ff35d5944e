#!/usr/bin/env bash
# Run the linters and the whole test suite (unit, page and browser tests); sets itself up on first use.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
echo "== ruff (lint + format) dan sqlfluff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/sqlfluff lint queries/
exec .venv/bin/python -m pytest "$@"
