#!/usr/bin/env bash
# Run Peta Kesos on the embedded demo data: sets itself up on first use, then serves on localhost.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" --server.address "${ADDRESS:-127.0.0.1}"
