#!/usr/bin/env bash
# Usage: scripts/run-server.sh [SERVER OPTION...]
#
# Runs the lab server in the foreground from target/looplab.jar (built first when missing), with
# the options of `java -jar target/looplab.jar server --help`, e.g.
#   scripts/run-server.sh --port 8080 --task-ms 500
# Stop it with Ctrl-C: it drains the requests in flight, then exits 0.
# Needs: a JDK 17+ (and Maven, when the jar must be built). Port: 8080 unless --port or PORT.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

# The server's options (a test compares this list with the server's own).
SERVER_OPTIONS=(-p --port --host -i --instances -t --task-ms -w --worker-pool-size --blocked-check-interval-ms
  --max-event-loop-ms --warning-exception-ms --shutdown-grace-ms --max-concurrency --instrumentation
  --startup-grace-ms)

for arg in "$@"; do
  case $arg in
    -h|--help) lab_help ;;
    -*) [[ " ${SERVER_OPTIONS[*]} " == *" ${arg%%=*} "* ]] || lab_unknown "$arg" ;;
  esac
done
[[ $# -eq 0 || $1 == -* ]] || lab_unknown "$1"

lab_jar
exec "$JAVA" -jar "$JAR" server "$@"
