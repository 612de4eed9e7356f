#!/usr/bin/env bash
# Usage: scripts/experiments.sh [--base-url URL] [--out-dir DIR] [--task-ms MS]
#
# Runs the first lesson's suite (`looplab suite`: 8 steps) against the server at --base-url
# (default http://127.0.0.1:8080); when nothing answers there and the URL is on 127.0.0.1 or
# localhost, starts a server on that port with a --task-ms task (default 2000), runs the suite
# and stops the server. Results go to --out-dir (default looplab-results).
# Takes about a minute with a 2000 ms task (bounded at 10 minutes); Ctrl-C stops everything it started.
# Needs: a JDK 17+, curl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BASE="http://127.0.0.1:8080"
OUT_DIR="looplab-results"
TASK_MS=2000
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) lab_help ;;
    --base-url) [[ $# -ge 2 ]] || lab_usage_error "--base-url needs a URL"; BASE=$2; shift 2 ;;
    --out-dir) [[ $# -ge 2 ]] || lab_usage_error "--out-dir needs a directory"; OUT_DIR=$2; shift 2 ;;
    --task-ms) lab_number --task-ms "${2:-}"; TASK_MS=$2; shift 2 ;;
    *) lab_unknown "$1" ;;
  esac
done
[[ $BASE =~ ^https?://[^/]+$ ]] || lab_usage_error "--base-url must look like http://HOST:PORT, not '$BASE'"
lab_need curl

lab_jar
if lab_health_ok "$BASE"; then
  echo "using the server already running at $BASE" >&2
else
  [[ $BASE =~ ^http://(127\.0\.0\.1|localhost):([0-9]+)$ ]] \
    || { echo "$LAB_NAME: nothing answers at $BASE, and this script only starts servers on 127.0.0.1" >&2; exit 1; }
  echo "starting a server on port ${BASH_REMATCH[2]} with a $TASK_MS ms task" >&2
  LOOPLAB_LOG_LEVEL=WARN lab_start_server "${BASH_REMATCH[2]}" --task-ms "$TASK_MS"
fi

timeout 600 "$JAVA" -jar "$JAR" suite --base-url "$BASE" --out-dir "$OUT_DIR"
