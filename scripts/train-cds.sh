#!/usr/bin/env bash
# train-cds.sh JAR -- JAVA_FLAGS...
#
# A training run for class-data sharing: starts the server from JAR with the given JVM flags
# (which include the one that writes the archive, e.g. -XX:ArchiveClassesAtExit=app.jsa on JDK 17+
# or -XX:AOTCacheOutput=app.aot on JDK 25), sends a few requests to every route so their classes
# are loaded and linked, then stops it with SIGTERM; the JVM writes the archive as it exits.
# Used by the Dockerfile at image build time and by scripts/cold-start.sh. Needs only bash: no curl.
# Listens on a free port (port 0) on 127.0.0.1. Bounded: gives up after 60 s.
set -euo pipefail

usage() { echo "usage: train-cds.sh JAR -- JAVA_FLAGS..." >&2; exit 2; }
[ $# -ge 2 ] && [ "$2" = -- ] || usage
JAR=$1; shift 2
JAVA=${JAVA:-java}
LOG=$(mktemp "${TMPDIR:-/tmp}/train-cds.XXXXXX")
PID=""
cleanup() { [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; rm -f "$LOG"; }
trap cleanup EXIT

"$JAVA" "$@" -jar "$JAR" server --host 127.0.0.1 --port 0 --task-ms 20 >"$LOG" 2>&1 &
PID=$!

port=""
for _ in $(seq 600); do
  port=$(sed -n 's/.* listening on http:\/\/127\.0\.0\.1:\([0-9]*\) .*/\1/p' "$LOG" | head -1)
  [ -n "$port" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; echo "train-cds: the server exited before listening" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$LOG" >&2; echo "train-cds: the server did not listen within 60 s" >&2; exit 1; }

get() { # one HTTP/1.1 request, connection closed after the answer
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  timeout 10 cat <&3 >/dev/null
  exec 3<&-
}
for _ in 1 2 3; do
  for path in /health /say-hi /fast-run /slow-run /standard-run /info '/fast-run?ms=bad' /nowhere; do get "$path"; done
done

kill -TERM "$PID"
status=0; timeout 60 tail --pid="$PID" -f /dev/null || status=$?
wait "$PID" || status=$?
PID=""
[ $status = 0 ] || { cat "$LOG" >&2; echo "train-cds: the server did not exit cleanly (status $status)" >&2; exit 1; }
# CDS cannot archive every class (picocli's Java 5 class files, JFR events); say how many it skipped
skipped=$(grep -c -E '\[warning\]\[(cds|aot)' "$LOG" || true)
echo "train-cds: archive written; ${skipped:-0} class(es) skipped by CDS (see -Xlog:cds for which)" >&2
