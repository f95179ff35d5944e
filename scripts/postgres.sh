#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the national-storage tests (tests/store/): a catalog server
# that .ci/run starts before the tests and removes after, so the PostgreSQL mode is tested against a
# real server. It listens on a Unix socket in its own temporary folder only (no TCP port, nothing on
# the network), trusts local connections, and has an empty database `kesos`.
#
# Usage:
#   scripts/postgres.sh start        start a cluster; prints its conninfo on stdout, e.g.
#                                    dbname=kesos host=/tmp/petakesos-pg.XXXX port=5432 user=postgres
#   scripts/postgres.sh stop CONNINFO   stop that cluster and delete its folder
# Debian's `postgresql` package is installed by apt when missing (as scripts/setup.sh does for chromium).
set -euo pipefail

PORT=5432  # only names the socket file inside the private folder; no TCP port is opened

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "== Memasang PostgreSQL (Debian) untuk uji penyimpanan nasional" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  echo "$bin"
}

# PostgreSQL refuses to run as root: as root (CI), run it as the `postgres` user that the package creates.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local bin dir owner
  bin=$(pg_bin)
  dir=$(mktemp -d /tmp/petakesos-pg.XXXXXX)
  owner=$(id -un); [ "$(id -u)" -eq 0 ] && owner=postgres
  chown "$owner" "$dir"
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $PORT -c fsync=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; rm -rf "$dir"; exit 1; }
  as_owner "$bin/createdb" -h "$dir" -p "$PORT" -U postgres kesos
  echo "dbname=kesos host=$dir port=$PORT user=postgres"
}

stop() {
  local conninfo=$1 dir bin
  dir=$(sed -n 's/.*host=\([^ ]*\).*/\1/p' <<<"$conninfo")
  case "$dir" in /tmp/petakesos-pg.*) ;; *) echo "bukan klaster dari skrip ini: $conninfo" >&2; exit 1 ;; esac
  bin=$(pg_bin)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:?conninfo dari 'start'}" ;;
  *) echo "pakai: $0 start | stop CONNINFO" >&2; exit 2 ;;
esac
