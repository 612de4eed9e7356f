#!/usr/bin/env bash
# Usage: scripts/train-cds.sh JAR -- JAVA_FLAGS...
#
# A training run for class-data sharing: starts the server from JAR with the given JVM flags
# (which include the one that writes the archive, e.g. -XX:ArchiveClassesAtExit=app.jsa on JDK 17+
# or -XX:AOTCacheOutput=app.aot on JDK 25), sends three rounds of requests to the first lesson's
# routes (/health, /say-hi, /fast-run, /slow-run, /standard-run, /info, a 400 and a 404) so
# their classes are loaded and linked, then stops it with SIGTERM; the JVM writes the archive as it
# exits. Used by the Dockerfile at image build time and by scripts/cold-start.sh.
# Needs only bash and the JVM (no curl: the image has none). Listens on a free port (port 0) on
# 127.0.0.1. Takes a few seconds; bounded at 60 s.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

case ${1:-} in -h|--help) lab_help ;; esac
[[ $# -ge 2 && $2 == -- ]] || lab_usage_error "expects JAR -- JAVA_FLAGS..."
JAR=$1; shift 2
[[ -f $JAR ]] || { echo "$LAB_NAME: no jar at $JAR" >&2; exit 3; }
LAB_JVM_FLAGS=("$@")
lab_start_server 0 --task-ms 20

get() { # one HTTP/1.1 request, connection closed after the answer
  exec 3<>"/dev/tcp/127.0.0.1/$LAB_PORT"
  printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$1" >&3
  timeout 10 cat <&3 >/dev/null
  exec 3<&-
}
for _ in 1 2 3; do
  for path in /health /say-hi /fast-run /slow-run /standard-run /info '/fast-run?ms=bad' /nowhere; do get "$path"; done
done

# not lab_stop: the archive is only good when the JVM exits cleanly, so its exit status matters
kill -TERM "$LAB_PID"
status=0; timeout 60 tail --pid="$LAB_PID" -f /dev/null || status=$?
wait "$LAB_PID" || status=$?
LAB_PIDS=()
[ $status = 0 ] || { cat "$LAB_LOG" >&2; echo "$LAB_NAME: the server did not exit cleanly (status $status)" >&2; exit 1; }
# CDS cannot archive every class (the JDK's JFR events, classes that fail verification); say how many it skipped
skipped=$(grep -c -E '\[warning\]\[(cds|aot)' "$LAB_LOG" || true)
echo "$LAB_NAME: archive written; ${skipped:-0} class(es) skipped by CDS (see -Xlog:cds for which)" >&2
