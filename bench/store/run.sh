#!/usr/bin/env bash
# Store throughput: 100,000 machine scores into SQLite and PostgreSQL through IResultStore, against a plain bulk
# insert of the same rows (prepared INSERT / binary COPY) in the same process. Starts a throw-away PostgreSQL 15
# cluster on a free loopback port (as the postgres user when run as root) and removes it at the end.
# Usage: bench/store/run.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
PGBIN=${WINNOW_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
[ -x "$PGBIN/initdb" ] || { echo "bench/store: no PostgreSQL server binaries; apt-get install -y --no-install-recommends postgresql" >&2; exit 1; }

WORK=$(mktemp -d /tmp/winnow-bench-store.XXXXXX)
AS_PG=(); [ "$(id -u)" -eq 0 ] && { chown postgres:postgres "$WORK"; AS_PG=(runuser -u postgres --); }
cleanup() { "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
mkdir -p "$WORK/sock" && [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$WORK/sock"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${AS_PG[@]}" "$PGBIN/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 --locale=C >/dev/null
# Durable settings (fsync on), as a facility would run it.
"${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w -o "-p $PORT -k $WORK/sock -c listen_addresses=127.0.0.1" start >/dev/null

dotnet build bench/Winnow.Bench.Store -c Release -nologo -v q -clp:ErrorsOnly
dotnet bench/Winnow.Bench.Store/bin/Release/net10.0/Winnow.Bench.Store.dll \
  "$WORK/bench.db" "Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres" "$N"
