#!/usr/bin/env bash
# Run the whole test suite (unit, page and browser tests); sets itself up on first use.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"
