#!/usr/bin/env bash
# Starts a throwaway PostgreSQL and Redis on free loopback ports in a temporary folder, runs the
# command given with LOOPLAB_POSTGRES_URL and LOOPLAB_REDIS_URL set, then stops and removes both
# servers, also when the command fails or is interrupted. Never installs anything.
set -euo pipefail

PG_BIN=${LOOPLAB_PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=looplab
PG_DB=looplab

usage() {
  cat <<EOF
usage: scripts/with-databases.sh [--help] COMMAND [ARG...]

Starts a throwaway PostgreSQL (from Debian's 'postgresql' package, run as the user 'postgres'
when this script runs as root) and Redis (package 'redis-server') on free ports of 127.0.0.1,
runs COMMAND with these variables set, and removes both servers afterwards:
  LOOPLAB_POSTGRES_URL=postgresql://$PG_USER@127.0.0.1:PORT/$PG_DB
  LOOPLAB_REDIS_URL=redis://127.0.0.1:PORT
LOOPLAB_PG_PORT and LOOPLAB_REDIS_PORT pin the ports instead.
Exit status: COMMAND's; 2 for a usage error; 3 when a package is missing or a server does not start.
Example: scripts/with-databases.sh java -jar target/looplab.jar server
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --) shift ;;
  -*) echo "with-databases.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  '') echo "with-databases.sh: no command given (try --help)" >&2; exit 2 ;;
esac
[ $# -gt 0 ] || { echo "with-databases.sh: no command given (try --help)" >&2; exit 2; }

need() { # need FILE PACKAGE
  [ -x "$1" ] || { echo "with-databases.sh: $1 not found; install the Debian package '$2' (apt-get install $2)" >&2; exit 3; }
}
need "$PG_BIN/initdb" postgresql
need "$PG_BIN/pg_ctl" postgresql
REDIS_SERVER=$(command -v redis-server || true)
need "${REDIS_SERVER:-/usr/bin/redis-server}" redis-server

free_port() { # a port nothing listens on now, asked from the kernel
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

DIR=$(mktemp -d /tmp/looplab-db.XXXXXX)
chmod 755 "$DIR"
AS_PG=()
if [ "$(id -u)" = 0 ]; then   # initdb and postgres refuse to run as root
  id postgres >/dev/null 2>&1 || { echo "with-databases.sh: no 'postgres' user; install the Debian package 'postgresql'" >&2; exit 3; }
  AS_PG=(runuser -u postgres --)
  chown postgres "$DIR"
fi
PG_PORT=${LOOPLAB_PG_PORT:-$(free_port)}
REDIS_PORT=${LOOPLAB_REDIS_PORT:-$(free_port)}
REDIS_PID=

cleanup() {
  trap - EXIT INT TERM
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail_start() { # fail_start WHAT LOG
  echo "with-databases.sh: $1 did not start; its log:" >&2
  tail -n 20 "$2" >&2 || true
  exit 3
}

"${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/data" -A trust -U "$PG_USER" >"$DIR/initdb.log" 2>&1 \
  || fail_start "initdb" "$DIR/initdb.log"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/postgres.log" -w -t 30 \
  -o "-p $PG_PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || fail_start "PostgreSQL" "$DIR/postgres.log"
"${AS_PG[@]}" "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
  -c "CREATE DATABASE $PG_DB" >/dev/null || fail_start "createdb" "$DIR/postgres.log"

"$REDIS_SERVER" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DIR" --save '' --appendonly no \
  --logfile "$DIR/redis.log" &
REDIS_PID=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then break; fi
  kill -0 "$REDIS_PID" 2>/dev/null || fail_start "Redis" "$DIR/redis.log"
  sleep 0.05
done

export LOOPLAB_POSTGRES_URL="postgresql://$PG_USER@127.0.0.1:$PG_PORT/$PG_DB"
export LOOPLAB_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
echo "with-databases.sh: PostgreSQL at $LOOPLAB_POSTGRES_URL, Redis at $LOOPLAB_REDIS_URL (folder $DIR)" >&2
set +e
"$@"
status=$?
set -e
exit "$status"
