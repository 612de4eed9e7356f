#!/usr/bin/env bash
# Usage: scripts/bench.sh [--port N] [--task-ms MS] [--calls N] [--compare-calls N] [--out-dir DIR]
#
# The experiment driver's benchmarks, server and client on this machine (127.0.0.1 only, bounded):
#  1. burst: --calls async /fast-run calls (default 10000) with task --task-ms (default 2000) must
#     finish within 1.5 x T; then hey -n N -c N for comparison (skipped without hey);
#  2. latency: --compare-calls calls (default 1000) of /fast-run?ms=200, 100 at a time, through
#     both the driver and hey, their percentiles side by side.
# Starts its own server on --port (default 18300) and stops it at the end or on Ctrl-C.
# Outputs in --out-dir (default bench-results). Takes about 1-2 minutes.
# Needs: a JDK 17+, curl, python3; hey for the comparison; an open-files hard limit of at least
# --calls + 512 (ulimit -Hn), since every connection is a file on each side.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT=18300
TASK_MS=2000
CALLS=10000
COMPARE_CALLS=1000
OUT_DIR="bench-results"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) lab_help ;;
    --port) lab_number --port "${2:-}"; PORT="$2"; shift 2 ;;
    --task-ms) lab_number --task-ms "${2:-}"; TASK_MS="$2"; shift 2 ;;
    --calls) lab_number --calls "${2:-}"; CALLS="$2"; shift 2 ;;
    --compare-calls) lab_number --compare-calls "${2:-}"; COMPARE_CALLS="$2"; shift 2 ;;
    --out-dir) [[ $# -ge 2 ]] || lab_usage_error "--out-dir needs a directory"; OUT_DIR="$2"; shift 2 ;;
    *) lab_unknown "$1" ;;
  esac
done
lab_need curl
lab_need python3

# every connection is a file descriptor on each side: raise the soft limit as far as the hard one allows
ulimit -n "$(ulimit -Hn)"
if (( $(ulimit -n) < CALLS + 512 )); then
  echo "open-files limit $(ulimit -n) is too low for $CALLS connections; raise the hard limit (ulimit -Hn)" >&2
  exit 1
fi

lab_jar
mkdir -p "$OUT_DIR"
lab_require_free_port "$PORT" "with --port"
# access log off (WARN): 10,000 log lines would be part of what is measured
LOOPLAB_LOG_LEVEL=WARN lab_start_server "$PORT" --task-ms "$TASK_MS"
BASE=$LAB_URL

summary() {  # summary FILE: wall and latency percentiles of the (single) run in a driver JSON file
  python3 - "$1" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
s = run["summary"]; l = s["latency_ms"]
print(f'{s["calls"]} calls, {s["calls"] - s["succeeded"]} errors, wall {s["wall_ms"]:.0f} ms; '
      f'latency ms mean {l["mean"]:.1f} p50 {l["p50"]:.1f} p90 {l["p90"]:.1f} p99 {l["p99"]:.1f} max {l["max"]:.1f}')
PY
}

echo "== warm-up: one unmeasured burst, so that neither tool below pays for the server's JIT"
timeout 300 "$JAVA" -jar "$JAR" experiment --base-url "$BASE" --route fast-run --calls "$CALLS" \
  --format json --out "$OUT_DIR/warm-up.json" >/dev/null
echo "(cold server: $(summary "$OUT_DIR/warm-up.json"))"
echo
echo "== burst: $CALLS async /fast-run calls, task $TASK_MS ms (target: within $((TASK_MS * 3 / 2)) ms)"
echo "\$ java -jar target/looplab.jar experiment --base-url $BASE --route fast-run --calls $CALLS --warmup 2000 --format json --out $OUT_DIR/burst.json"
timeout 300 "$JAVA" -jar "$JAR" experiment --base-url "$BASE" --route fast-run --calls "$CALLS" --warmup 2000 \
  --format json --out "$OUT_DIR/burst.json" >"$OUT_DIR/burst.txt"
echo "looplab: $(summary "$OUT_DIR/burst.json")"
python3 - "$OUT_DIR/burst.json" "$TASK_MS" <<'PY'
import json, sys
wall = json.load(open(sys.argv[1]))["runs"][0]["wall_ms"]; t = int(sys.argv[2])
print(f"looplab: wall = {wall / t:.2f} x T -> {'within' if wall <= 1.5 * t else 'NOT within'} 1.5 x T")
PY

if command -v hey >/dev/null; then
  echo "\$ hey -n $CALLS -c $CALLS $BASE/fast-run"
  timeout 300 hey -n "$CALLS" -c "$CALLS" -t 60 "$BASE/fast-run" >"$OUT_DIR/burst-hey.txt"
  total="$(awk '/Total:/ {print $2; exit}' "$OUT_DIR/burst-hey.txt")"
  echo "hey:     total $total s = $(awk -v s="$total" -v t="$TASK_MS" 'BEGIN {printf "%.2f", s * 1000 / t}') x T; statuses: $(grep -E '^ *\[[0-9]{3}\]' "$OUT_DIR/burst-hey.txt" | xargs || true)"
else
  echo "hey is not installed (package: hey): no comparison"
fi

COMPARE_PATH="/fast-run?ms=200"
COMPARE_C=100
echo
echo "== latency: $COMPARE_CALLS calls of $COMPARE_PATH, $COMPARE_C at a time, through both tools"
echo "\$ java -jar target/looplab.jar experiment --base-url $BASE --route '$COMPARE_PATH' --calls $COMPARE_CALLS --concurrency $COMPARE_C --warmup 2000 --format json --out $OUT_DIR/compare.json"
timeout 300 "$JAVA" -jar "$JAR" experiment --base-url "$BASE" --route "$COMPARE_PATH" --calls "$COMPARE_CALLS" \
  --concurrency "$COMPARE_C" --warmup 2000 --format json --out "$OUT_DIR/compare.json" >"$OUT_DIR/compare.txt"
echo "looplab: $(summary "$OUT_DIR/compare.json")"
if command -v hey >/dev/null; then
  echo "\$ hey -n $COMPARE_CALLS -c $COMPARE_C '$BASE$COMPARE_PATH'"
  timeout 300 hey -n "$COMPARE_CALLS" -c "$COMPARE_C" -t 60 "$BASE$COMPARE_PATH" >"$OUT_DIR/compare-hey.txt"
  awk '/Total:/ {total=$2} /Average:/ && !avg {avg=$2} /50% in/ {p50=$3} /90% in/ {p90=$3} /99% in/ {p99=$3}
       END {printf "hey:     total %.0f ms; latency ms mean %.1f p50 %.1f p90 %.1f p99 %.1f\n", total*1000, avg*1000, p50*1000, p90*1000, p99*1000}' \
    "$OUT_DIR/compare-hey.txt"
fi
echo
cp "$LAB_LOG" "$OUT_DIR/server.log"
echo "full outputs in $OUT_DIR/"
