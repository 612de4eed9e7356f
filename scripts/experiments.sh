#!/usr/bin/env bash
# Runs the lesson's suite against a running server, or starts one, runs the suite, and stops it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

usage() {
  echo "usage: scripts/experiments.sh [--base-url URL] [--out-dir DIR] [--task-ms MS]   (defaults: http://127.0.0.1:8080, looplab-results, 2000; --task-ms only for a server this script starts)" >&2
  exit 2
}

BASE="http://127.0.0.1:8080"
OUT_DIR="looplab-results"
TASK_MS=2000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --base-url) [[ $# -ge 2 ]] || usage; BASE="$2"; shift 2 ;;
    --out-dir) [[ $# -ge 2 ]] || usage; OUT_DIR="$2"; shift 2 ;;
    --task-ms) [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage; TASK_MS="$2"; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$BASE" =~ ^https?://[^/]+$ ]] || usage

ensure_jar
trap stop_server EXIT

if curl -fsS -o /dev/null --max-time 2 "$BASE/health" 2>/dev/null; then
  echo "using the server already running at $BASE" >&2
else
  case "$BASE" in
    http://127.0.0.1:*|http://localhost:*) ;;
    *) echo "nothing answers at $BASE, and this script only starts servers on 127.0.0.1" >&2; exit 1 ;;
  esac
  PORT="$(port_of "$BASE")"
  LOG="$(mktemp -t looplab-server.XXXXXX.log)"
  echo "starting a server on port $PORT with a $TASK_MS ms task (log: $LOG)" >&2
  LOOPLAB_LOG_LEVEL=WARN java -jar "$JAR" server --port "$PORT" --task-ms "$TASK_MS" >"$LOG" 2>&1 &
  SERVER_PID=$!
  wait_for_health "$BASE" 30
fi

# bounded: the suite is 8 steps; with a 2000 ms task it takes about a minute
timeout 600 java -jar "$JAR" suite --base-url "$BASE" --out-dir "$OUT_DIR"
