#!/usr/bin/env bash
# Usage: scripts/with-databases.sh [--help] COMMAND [ARG...]
#
# Starts a throwaway PostgreSQL (Debian package 'postgresql', run as the user 'postgres' when this
# script runs as root: PostgreSQL refuses root) and Redis (package 'redis-server') on free ports of
# 127.0.0.1 in a temporary folder, runs COMMAND with these variables set, then stops both servers and
# removes the folder, also when COMMAND fails or on Ctrl-C:
#   LOOPLAB_POSTGRES_URL=postgresql://looplab@127.0.0.1:PORT/looplab
#   LOOPLAB_REDIS_URL=redis://127.0.0.1:PORT
# LOOPLAB_PG_PORT and LOOPLAB_REDIS_PORT pin the ports. Installs nothing: a missing package is named.
# Exit status: COMMAND's; 2 usage error; 3 a package missing or a server that did not start.
#
# Example: scripts/with-databases.sh java -jar target/looplab.jar server
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PG_BIN=${LOOPLAB_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=looplab
PG_DB=looplab

case "${1:-}" in
  -h|--help) lab_help ;;
  --) shift ;;
  -*) lab_unknown "$1" ;;
esac
[[ $# -gt 0 ]] || lab_usage_error "no command given"

for tool in initdb pg_ctl psql; do
  [[ -x $PG_BIN/$tool ]] || { echo "$LAB_NAME: needs $PG_BIN/$tool, which is not installed (package: postgresql)" >&2; exit 3; }
done
lab_need redis-server redis-server

lab_work_dir
chmod 755 "$LAB_WORK"
AS_PG=()
if [[ $(id -u) == 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "$LAB_NAME: needs the user 'postgres' (package: postgresql)" >&2; exit 3; }
  AS_PG=(runuser -u postgres --)
  chown postgres "$LAB_WORK"
fi

stop_postgres() { "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$LAB_WORK/data" -m immediate -w stop >/dev/null 2>&1 || true; }
lab_on_exit stop_postgres

fail_start() { # fail_start WHAT LOG
  echo "$LAB_NAME: $1 did not start; the end of its log:" >&2
  tail -n 20 "$2" >&2 || true
  exit 3
}

# a port below Linux's ephemeral range (32768 up): nothing connecting out can be holding it
pick_port() { lab_free_port $((20000 + RANDOM % 12000)); }

"${AS_PG[@]}" "$PG_BIN/initdb" -D "$LAB_WORK/data" -A trust -U "$PG_USER" >"$LAB_WORK/initdb.log" 2>&1 \
  || fail_start initdb "$LAB_WORK/initdb.log"
for attempt in 1 2 3; do   # another program may take the port between the check and the start
  PG_PORT=${LOOPLAB_PG_PORT:-$(pick_port)}
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$LAB_WORK/data" -l "$LAB_WORK/postgres.log" -w -t 30 \
    -o "-p $PG_PORT -k $LAB_WORK -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null && break
  [[ $attempt == 3 ]] && fail_start PostgreSQL "$LAB_WORK/postgres.log"
done
"${AS_PG[@]}" "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null \
  || fail_start "PostgreSQL (CREATE DATABASE)" "$LAB_WORK/postgres.log"

REDIS_PORT=${LOOPLAB_REDIS_PORT:-$(pick_port)}
# --hz 100: Redis ends a blocking pop's timeout on its timer tick, every 1000/hz ms; at the default
# 10 a wait of 200 ms lasts 200 to 300 ms, at 100 within 10 ms of what was asked
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$LAB_WORK" --save '' --appendonly no --hz 100 \
  --logfile "$LAB_WORK/redis.log" &
lab_track $!
for _ in $(seq 1 100); do
  lab_port_free "$REDIS_PORT" || break
  kill -0 "$!" 2>/dev/null || fail_start Redis "$LAB_WORK/redis.log"
  sleep 0.05
done

export LOOPLAB_POSTGRES_URL="postgresql://$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"
export LOOPLAB_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
echo "$LAB_NAME: PostgreSQL at $LOOPLAB_POSTGRES_URL, Redis at $LOOPLAB_REDIS_URL (folder $LAB_WORK)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
