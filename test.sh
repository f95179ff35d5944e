#!/usr/bin/env bash
# Run the linters and the whole test suite (unit, page, browser and PostgreSQL-store tests); sets itself
# up on first use, and starts a throw-away PostgreSQL server (scripts/postgres.sh) for tests/store/.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
echo "== ruff (lint + format) dan sqlfluff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/sqlfluff lint queries/
if [ -z "${PETAKESOS_TEST_POSTGRES:-}" ]; then
  PETAKESOS_TEST_POSTGRES=$(scripts/postgres.sh start)
  export PETAKESOS_TEST_POSTGRES
  trap 'scripts/postgres.sh stop "$PETAKESOS_TEST_POSTGRES"' EXIT
fi
.venv/bin/python -m pytest "$@"
