#!/usr/bin/env bash
# What the lab's instrumentation costs on /say-hi: wrk against the server with --instrumentation
# on (everything), lab (the lab's own lag probes, blocked-loop attribution, looplab_ meters and
# Server-Timing, without Vert.x's per-request HTTP server meters) and off, in one run. Modes take
# turns (on, lab, off, on, lab, off) so that a neighbour's load hits all alike, and each run
# reports throughput and the server's CPU time per request (utime+stime from /proc).
#
#   scripts/bench-instrumentation.sh         # 2 rounds x 3 modes x (3 s warm-up + 15 s), 2 threads, 50 connections
#   ROUNDS=1 DURATION=30s scripts/bench-instrumentation.sh
#
# Servers on 127.0.0.1:18411 (on), 18412 (lab) and 18413 (off); override with PORT_ON / PORT_LAB / PORT_OFF.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
PORT_ON=${PORT_ON:-18411}
PORT_LAB=${PORT_LAB:-18412}
PORT_OFF=${PORT_OFF:-18413}
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
  java -jar "$JAR" --host 127.0.0.1 --port "$2" --instrumentation "$1" > /dev/null 2> "$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$2/health" > /dev/null 2>&1 && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err" >&2; exit 1; }
    sleep 0.2
  done
  echo "server ($1) did not answer /health within 30 s" >&2; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# one measured run; appends "mode requests seconds cpu_ticks" to $WORK/runs and prints a line
measure() { # mode port
  start_server "$1" "$2"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$2/say-hi" > /dev/null
  local before after
  before=$(cpu_ticks)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2/say-hi" > "$WORK/wrk.txt"
  after=$(cpu_ticks)
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
  awk -v mode="$1" -v cpu=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1; s = $4 + 0 }
    /^Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx|Socket errors/ { errors = errors " [" $0 "]" }
    END {
      print mode, n, s, cpu / hz >> "'"$WORK/runs"'"
      printf "  instrumentation %-3s %9.0f req/s  %6.2f us CPU/request  latency p50 %s p99 %s%s\n", mode, rps, cpu / hz * 1e6 / n, p50, p99, errors
    }' "$WORK/wrk.txt"
}

echo "looplab /say-hi, instrumentation on, lab and off: $ROUNDS round(s) of wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  measure on "$PORT_ON"
  measure lab "$PORT_LAB"
  measure off "$PORT_OFF"
done
awk '
  { n[$1] += $2; s[$1] += $3; cpu[$1] += $4 }
  END {
    off_rps = n["off"] / s["off"]; off_us = cpu["off"] * 1e6 / n["off"]
    printf "all rounds: off %.0f req/s, %.2f us CPU/request\n", off_rps, off_us
    split("lab on", modes, " ")
    for (i = 1; i <= 2; i++) {
      m = modes[i]; rps = n[m] / s[m]; us = cpu[m] * 1e6 / n[m]
      printf "  %-3s %.0f req/s, %.2f us CPU/request: throughput %+.1f %%, CPU per request %+.1f %% against off\n",
        m, rps, us, (rps - off_rps) / off_rps * 100, (us - off_us) / off_us * 100
    }
    print "target: at most 5 % less throughput"
  }' "$WORK/runs"
