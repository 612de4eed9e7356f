#!/usr/bin/env bash
# What the lab's own instrumentation (lag probes, blocked-loop attribution, Micrometer meters,
# Server-Timing) costs on /say-hi: wrk against the server with --instrumentation on, then off,
# in one run. Bounded: per mode one warm-up and one measured wrk run, then the server is stopped.
#
#   scripts/bench-instrumentation.sh            # 2 x (5 s warm-up + 15 s), 2 threads, 50 connections
#   DURATION=30s CONNECTIONS=100 scripts/bench-instrumentation.sh
#
# Ports 18411 (on) and 18412 (off) on 127.0.0.1; override with PORT_ON / PORT_OFF.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
PORT_ON=${PORT_ON:-18411}
PORT_OFF=${PORT_OFF:-18412}
JAR=target/looplab.jar
WORK=$(mktemp -d)
SERVER_PID=

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null; else echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; fi
fi
[[ -f "$JAR" ]] || mvn -B -q package -DskipTests

start_server() { # mode port
  java -jar "$JAR" --host 127.0.0.1 --port "$2" --instrumentation "$1" > /dev/null 2> "$WORK/server-$1.err" &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$2/health" > /dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server-$1.err" >&2; exit 1; }
    sleep 0.2
  done
  echo "server ($1) did not answer /health within 30 s" >&2; exit 1
}

stop_server() {
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
}

measure() { # mode port -> prints requests/s, and keeps wrk's report
  start_server "$1" "$2"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$2/say-hi" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2/say-hi" > "$WORK/wrk-$1.txt"
  stop_server
  awk '/^Requests\/sec/ {print $2}' "$WORK/wrk-$1.txt"
}

echo "looplab instrumentation overhead on /say-hi: wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up), $(nproc) cores, $(java -version 2>&1 | head -1)"
ON=$(measure on "$PORT_ON")
OFF=$(measure off "$PORT_OFF")
for mode in on off; do
  latency=$(awk '/^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {print "p50 " p50 ", p99 " p99}' "$WORK/wrk-$mode.txt")
  errors=$(grep -E "Non-2xx|Socket errors" "$WORK/wrk-$mode.txt" | tr -s ' ' | paste -sd ';' || true)
  printf "instrumentation %-3s  %10s req/s  latency %s %s\n" "$mode" "$([[ $mode == on ]] && echo "$ON" || echo "$OFF")" "$latency" "$errors"
done
awk -v on="$ON" -v off="$OFF" 'BEGIN { printf "overhead: %.1f %% fewer requests/s with instrumentation on (target: at most 5 %%)\n", (off - on) / off * 100 }'
