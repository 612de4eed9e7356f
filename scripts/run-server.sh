#!/usr/bin/env bash
# Runs the lab server from the fat jar (built first if missing). Every option goes to `looplab server`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() {
  echo "usage: scripts/run-server.sh [--port N] [--task-ms MS] [--instances N] [--worker-pool-size N] [...]  (all options: java -jar target/looplab.jar server --help)" >&2
  exit 2
}
for arg in "$@"; do
  case "$arg" in
    -h|--help) usage ;;
  esac
done
if [[ $# -gt 0 && "$1" != -* ]]; then usage; fi

ensure_jar
exec java -jar "$JAR" server "$@"
