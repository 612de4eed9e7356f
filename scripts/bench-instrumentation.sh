#!/usr/bin/env bash
# Usage: scripts/bench-instrumentation.sh
#
# What the lab's instrumentation costs on /say-hi: wrk against the server with --instrumentation
# on (the default: the lab's own lag probes, blocked-loop attribution, looplab_ meters with its
# per-route request timer, and Server-Timing), vertx (on plus Vert.x's per-request HTTP server
# meters) and off, in one run. Modes take turns (on, vertx, off, on, vertx, off) so that a
# neighbour's load hits all alike, and each run reports throughput and the server's CPU time per
# request (utime+stime from /proc).
# Takes ROUNDS x 3 x (WARMUP + DURATION): about 2 minutes with the defaults.
# Settings are environment variables:
#   scripts/bench-instrumentation.sh         # 2 rounds x 3 modes x (3 s warm-up + 15 s), 2 threads, 50 connections
#   ROUNDS=1 DURATION=30s WARMUP=3s THREADS=2 CONNECTIONS=50 scripts/bench-instrumentation.sh
# Servers on 127.0.0.1:18411 (on), 18412 (vertx) and 18413 (off), one at a time; override with
# PORT_ON / PORT_VERTX / PORT_OFF.
# Needs: a JDK 17+, wrk, curl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lab_no_arguments "$@"
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
PORT_ON=${PORT_ON:-18411}
PORT_VERTX=${PORT_VERTX:-18412}
PORT_OFF=${PORT_OFF:-18413}
for v in ROUNDS THREADS CONNECTIONS PORT_ON PORT_VERTX PORT_OFF; do lab_number "$v" "${!v}"; done
lab_need wrk
lab_need curl
lab_jar
lab_work_dir

# one measured run; appends "mode requests seconds cpu_ticks" to $LAB_WORK/runs and prints a line
measure() { # mode port
  lab_start_server "$2" --instrumentation "$1"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$2/say-hi" > /dev/null
  local before after
  before=$(lab_cpu_ticks "$LAB_PID")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$2/say-hi" > "$LAB_WORK/wrk.txt"
  after=$(lab_cpu_ticks "$LAB_PID")
  lab_stop_all
  awk -v mode="$1" -v cpu=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1; s = $4 + 0 }
    /^Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Non-2xx|Socket errors/ { errors = errors " [" $0 "]" }
    END {
      print mode, n, s, cpu / hz >> "'"$LAB_WORK/runs"'"
      printf "  instrumentation %-5s %9.0f req/s  %6.2f us CPU/request  latency p50 %s p99 %s%s\n", mode, rps, cpu / hz * 1e6 / n, p50, p99, errors
    }' "$LAB_WORK/wrk.txt"
}

echo "looplab /say-hi, instrumentation on, vertx and off: $ROUNDS round(s) of wrk -t$THREADS -c$CONNECTIONS -d$DURATION (after $WARMUP warm-up)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  measure on "$PORT_ON"
  measure vertx "$PORT_VERTX"
  measure off "$PORT_OFF"
done
awk '
  { n[$1] += $2; s[$1] += $3; cpu[$1] += $4 }
  END {
    off_rps = n["off"] / s["off"]; off_us = cpu["off"] * 1e6 / n["off"]
    printf "all rounds: off %.0f req/s, %.2f us CPU/request\n", off_rps, off_us
    split("on vertx", modes, " ")
    for (i = 1; i <= 2; i++) {
      m = modes[i]; rps = n[m] / s[m]; us = cpu[m] * 1e6 / n[m]
      printf "  %-5s %.0f req/s, %.2f us CPU/request: throughput %+.1f %%, CPU per request %+.1f %% against off\n",
        m, rps, us, (rps - off_rps) / off_rps * 100, (us - off_us) / off_us * 100
    }
    print "target: at most 5 % less throughput"
  }' "$LAB_WORK/runs"
