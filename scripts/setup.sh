#!/usr/bin/env bash
# Set-up shared by run.sh and test.sh: virtual environment, pinned packages, boundary store,
# offline map assets and the demo database. Each step is skipped when already done.
# Usage: scripts/setup.sh [--dev]   (--dev adds test packages and Debian's Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
"$PYTHON" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' || {
  echo "Peta Kesos membutuhkan Python 3.11 (ditemukan: $("$PYTHON" --version 2>&1))." >&2; exit 1; }

req=requirements.txt
[ "${1:-}" = "--dev" ] && req=requirements-dev.txt

if [ "${1:-}" = "--dev" ] && [ ! -x /usr/bin/chromium ]; then
  echo "== Memasang Chromium (Debian) untuk uji peramban"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! command -v npm >/dev/null; then
  echo "== Memasang npm (untuk mengambil Leaflet dari registri npm)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq npm >/dev/null
fi

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
stamp=".venv/.installed-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "== Memasang paket Python ($req)"
  # This machine's pip config lists local wheel folders that may not exist; hide only those warnings.
  .venv/bin/python -m pip install -q -r "$req" 2>&1 | { grep -v "is ignored: it is neither" || true; }
  touch "$stamp"
fi

echo "== Batas wilayah dan aset peta offline"
.venv/bin/python -m petakesos setup
echo "== Basis data contoh (sintetis)"
.venv/bin/python -m petakesos demo
