#!/usr/bin/env bash
# Usage: scripts/run-server.sh [SERVER OPTION...]
#
# Runs the lab server in the foreground from target/looplab.jar (built first when missing), with
# the options of `java -jar target/looplab.jar server --help`, e.g.
#   scripts/run-server.sh --port 8080 --task-ms 500
# Stop it with Ctrl-C: it drains the requests in flight, then exits 0.
#
# It starts the JVM small and fast (docs/performance.md says why each flag):
#   -XX:+UseSerialGC -Xms16m -Xmx128m -Xss256k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m
#   -XX:TieredStopAtLevel=1 -XX:MaxDirectMemorySize=64m, Netty with one heap and one direct arena
# and with a class-data archive of the lab's own classes, made once per jar, JDK and flags by a
# training run (scripts/train-cds.sh, a few seconds) into target/cds/: an AppCDS archive on JDK 17
# to 24 (-XX:SharedArchiveFile), the AOT cache on JDK 25+ (-XX:AOTCache).
# Environment: JAVA (default java), JAVA_FLAGS (replaces the flags above), CDS=off
# (no archive). Needs: a JDK 17+ (and Maven, when the jar must be built). Port: 8080 unless --port or PORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# The server's options (a test compares this list with the server's own).
SERVER_OPTIONS=(-p --port --host -i --instances -t --task-ms -w --worker-pool-size --blocked-check-interval-ms
  --max-event-loop-ms --warning-exception-ms --shutdown-grace-ms --max-concurrency --instrumentation
  --startup-grace-ms --access-log --postgres-url --redis-url --db-pool-size --reactive-pool-size --db-timeout-ms
  --header-timeout-ms --idle-timeout-ms)

for arg in "$@"; do
  case $arg in
    -h|--help) lab_help ;;
    -*) [[ " ${SERVER_OPTIONS[*]} " == *" ${arg%%=*} "* ]] || lab_unknown "$arg" ;;
  esac
done
[[ $# -eq 0 || $1 == -* ]] || lab_unknown "$1"

lab_jar
read -r -a FLAGS <<<"${JAVA_FLAGS:-$LAB_SMALL_JVM_FLAGS}"

# archive_flag: the flag that uses the class-data archive, training it first when it is missing or
# older than the jar; nothing when that fails (the server then starts without one)
archive_flag() {
  [[ ${CDS:-on} != off ]] || return 0
  local key
  key=$(printf '%s ' "$JAVA" "${FLAGS[@]}" | cksum | cut -d' ' -f1)
  lab_archive "$LAB_ROOT/target/cds/looplab" "$key"
  if [[ ! $LAB_ARCHIVE -nt $JAR ]]; then
    mkdir -p "$LAB_ROOT/target/cds"
    echo "$LAB_NAME: a training run writes the class-data archive $LAB_ARCHIVE (once per jar) ..." >&2
    JAVA=$JAVA bash "$LAB_ROOT/scripts/train-cds.sh" "$JAR" -- "${FLAGS[@]}" "$LAB_ARCHIVE_MAKE" >&2 \
      || { echo "$LAB_NAME: no archive; starting without one" >&2; rm -f "$LAB_ARCHIVE"; return 0; }
  fi
  echo "$LAB_ARCHIVE_USE"
}
ARCHIVE=$(archive_flag)
exec "$JAVA" "${FLAGS[@]}" ${ARCHIVE:+"$ARCHIVE"} -jar "$JAR" server "$@"
