#!/usr/bin/env bash
# bench-server.sh [--quick] [--rounds N] [--seconds S] [--port P] [--help]
#
# The lab against a bare Vert.x 5 server with the same /say-hi (scripts/bench/BareSayHi.java),
# side by side in one run, as a ratio table. Every server runs pinned to core 0 (taskset), wrk
# (-t1 -c64) pinned to core 1. The servers take turns in every round, so a neighbour's load hits
# them all alike:
#   bare     the reference: java -jar target/bench/bare.jar (compiled here against the lab jar)
#   lab      java -jar target/looplab.jar, no flags, the lab's defaults (access log and instrumentation on)
#   lab-off  the same with --instrumentation off --access-log off: what the lab's own watching costs
#   lab-run  scripts/run-server.sh, the documented way to run it (JVM flags for memory, CDS archive)
# Each start of each server gives: cold start (spawn to the first 200 on /say-hi), req/s in the first
# W seconds right after that (JIT warm-up), then D seconds of steady load (req/s, p99), then RSS after
# a burst of 10,000 connections; a second start gives the idle RSS (2 s after the first 200).
# Beside the figures, the noise: each core's busy time that belongs to neither the server nor wrk,
# from /proc/stat and /proc/PID/stat, as a share of the steady window (median and max over runs).
#
#   --quick      a smoke run: 1 round, W=3 s, D=3 s (the figures are then only indicative)
#   --rounds N   rounds (default 5, at most 20)
#   --seconds S  steady window per run in seconds (default 10, at most 60); W is 5 s
#   --port P     first of the 4 ports used (default 19410)
# Needs wrk, curl and taskset; 127.0.0.1 only; bounded (each start gives up after 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=5; STEADY=10; WARM=5; PORT=19410
while [ $# -gt 0 ]; do
  case $1 in
    --quick) ROUNDS=1; STEADY=3; WARM=3; shift ;;
    --rounds) [[ ${2:-} =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 20 ] || { echo "bench-server: --rounds must be 1..20" >&2; exit 2; }
      ROUNDS=$2; shift 2 ;;
    --seconds) [[ ${2:-} =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 60 ] || { echo "bench-server: --seconds must be 1..60" >&2; exit 2; }
      STEADY=$2; shift 2 ;;
    --port) [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "bench-server: --port needs a number" >&2; exit 2; }; PORT=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "bench-server: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in wrk curl taskset; do
  command -v $tool >/dev/null || { echo "bench-server: needs $tool" >&2; exit 2; }
done
[ "$(nproc --all)" -ge 2 ] || { echo "bench-server: needs 2 cores" >&2; exit 2; }
ulimit -n "$(ulimit -Hn)"

source scripts/lib.sh
ensure_jar
OUT=target/bench; mkdir -p "$OUT/classes"
if [ ! "$OUT/bare.jar" -nt scripts/bench/BareSayHi.java ] || [ ! "$OUT/bare.jar" -nt "$JAR" ]; then
  javac -d "$OUT/classes" -cp "$JAR" scripts/bench/BareSayHi.java
  printf 'Main-Class: BareSayHi\nClass-Path: ../looplab.jar\n' >"$OUT/manifest.txt"
  jar cfm "$OUT/bare.jar" "$OUT/manifest.txt" -C "$OUT/classes" .
fi

MODES=(bare lab lab-off lab-run)
declare -A PORTS=([bare]=$PORT [lab]=$((PORT + 1)) [lab-off]=$((PORT + 2)) [lab-run]=$((PORT + 3)))
HZ=$(getconf CLK_TCK)
PID=""
cleanup() { [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; true; }
trap cleanup EXIT

launch() { # MODE: starts the server on core 0; PID is the JVM itself (exec), so a signal reaches it
  local port=${PORTS[$1]}
  case $1 in
    bare) exec taskset -c 0 java -jar "$OUT/bare.jar" "$port" ;;
    lab) exec taskset -c 0 java -jar "$JAR" server --port "$port" ;;
    lab-off) exec taskset -c 0 java -jar "$JAR" server --port "$port" --instrumentation off --access-log off ;;
    lab-run) exec taskset -c 0 scripts/run-server.sh --port "$port" ;;
  esac >"$OUT/$1.log" 2>&1 &
  PID=$!
}
stop() { kill -TERM "$PID" 2>/dev/null; timeout 15 tail --pid="$PID" -f /dev/null || kill -9 "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; PID=""; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
until_ready() { # MODE: waits for the first 200 on /say-hi, prints ms since $T0
  local url="http://127.0.0.1:${PORTS[$1]}/say-hi" deadline=$(( T0 + 30000 ))
  until [ "$(taskset -c 1 curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" 2>/dev/null)" = 200 ]; do
    kill -0 "$PID" 2>/dev/null && [ "$(now_ms)" -lt $deadline ] || { cat "$OUT/$1.log" >&2; echo "bench-server: $1 gave no 200" >&2; exit 1; }
    sleep 0.005
  done
  echo $(( $(now_ms) - T0 ))
}
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
proc_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
core_busy() { awk '/^cpu0 / { a = $2+$3+$4+$7+$8+$9 } /^cpu1 / { b = $2+$3+$4+$7+$8+$9 } END { print a, b }' /proc/stat; }
wrk_run() { # MODE SECONDS: prints req/s, p99 ms and the two cores' noise (% of the window)
  local url="http://127.0.0.1:${PORTS[$1]}/say-hi" seconds=$2
  local b0 b1 s0 out wpid w e0 e1 s1
  read -r b0 b1 < <(core_busy); s0=$(proc_ticks "$PID")
  taskset -c 1 wrk -t1 -c64 -d"${seconds}s" --latency "$url" >"$OUT/wrk.txt" 2>&1 &
  wpid=$!
  w=0; while kill -0 $wpid 2>/dev/null; do w=$(proc_ticks $wpid); sleep 0.2; done
  wait $wpid || true
  read -r e0 e1 < <(core_busy); s1=$(proc_ticks "$PID")
  # share of the window each core spent on anything but the server (core 0) or wrk (core 1)
  awk -v a=$((e0 - b0 - (s1 - s0))) -v b=$((e1 - b1 - w)) -v t="$seconds" -v hz="$HZ" '/^Requests\/sec/ { rps = $2 }
       /^ +99%/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                  p99 = u == "us" ? v / 1000 : u == "s" ? v * 1000 : v }
       END { a = a < 0 ? 0 : a; b = b < 0 ? 0 : b
             printf "%.0f %.2f %.1f %.1f\n", rps, p99, a / hz / t * 100, b / hz / t * 100 }' "$OUT/wrk.txt"
}

declare -A F=()   # F[mode:figure] = space-separated values over runs
add() { F[$1:$2]+="$3 "; }
one_round() { # MODE
  local mode=$1 rps p99 n0 n1 t
  T0=$(now_ms); launch "$mode"; t=$(until_ready "$mode"); add "$mode" cold "$t"
  read -r rps p99 n0 n1 < <(wrk_run "$mode" "$WARM"); add "$mode" first "$rps"
  read -r rps p99 n0 n1 < <(wrk_run "$mode" "$STEADY")
  add "$mode" rps "$rps"; add "$mode" p99 "$p99"; add "$mode" noise0 "$n0"; add "$mode" noise1 "$n1"
  taskset -c 1 wrk -t1 -c10000 -d3s "http://127.0.0.1:${PORTS[$mode]}/say-hi" >/dev/null 2>&1 || true
  sleep 1; add "$mode" burst "$(rss_mib)"
  stop
  T0=$(now_ms); launch "$mode"; t=$(until_ready "$mode"); add "$mode" cold "$t"
  sleep 2; add "$mode" idle "$(rss_mib)"
  stop
}

echo "# $(java -version 2>&1 | head -1); $ROUNDS round(s): cold start, ${WARM} s first, ${STEADY} s steady, 10k burst; server on core 0, wrk -t1 -c64 on core 1"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for mode in "${MODES[@]}"; do one_round "$mode"; done
  echo "# round $round done: $(for m in "${MODES[@]}"; do printf '%s %s req/s  ' "$m" "$(echo ${F[$m:rps]} | awk '{ print $NF }')"; done)"
done

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' $1 | sort -n | tail -1; }
row() { # LABEL FIGURE TARGET_TEXT
  local b l o r
  b=$(median "${F[bare:$2]}"); l=$(median "${F[lab:$2]}"); o=$(median "${F[lab-off:$2]}"); r=$(median "${F[lab-run:$2]}")
  awk -v n="$1" -v b="$b" -v l="$l" -v o="$o" -v r="$r" -v t="$3" 'BEGIN {
    printf "%-30s %9s %9s %6.2fx %9s %6.2fx %9s %6.2fx  %s\n", n, b, l, l / b, o, l / o, r, r / b, t }'
}
echo
printf '%-30s %9s %9s %7s %9s %7s %9s %7s  %s\n' "measure (median of runs)" bare lab lab/bare lab-off lab/off lab-run run/bare target
row "/say-hi req/s (steady)" rps "lab/bare >= 0.90x, lab/off >= 0.95x"
row "p99 ms (steady)" p99 "lab/bare <= 1.5x"
row "req/s in the first ${WARM} s" first "lab/bare >= 0.8x"
row "cold start ms (to first 200)" cold "lab/bare <= 1.0x; lab-run <= 300 ms"
row "RSS idle MiB" idle "lab-run <= 80"
row "RSS after 10k burst MiB" burst "lab-run <= 200"
echo
echo "noise: each core's busy time outside the server (core 0) and wrk (core 1), % of the steady window, median / max over runs"
for mode in "${MODES[@]}"; do
  printf '  %-8s core0 %5s / %-5s  core1 %5s / %-5s\n' "$mode" "$(median "${F[$mode:noise0]}")" "$(maximum "${F[$mode:noise0]}")" \
    "$(median "${F[$mode:noise1]}")" "$(maximum "${F[$mode:noise1]}")"
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
