#!/usr/bin/env bash
# Usage: scripts/bench-server.sh [--quick] [--rounds N] [--seconds S] [--settle S] [--port P]
#
# The lab against a bare Vert.x 5 server with the same /say-hi (scripts/BareSayHi.java),
# side by side in one run, as a ratio table. Every server runs pinned to core 0 (taskset), wrk
# (-t1 -c64) pinned to core 1. The servers take turns in every round, so a neighbour's load hits
# them all alike:
#   bare     the reference: target/bench/bare.jar, compiled here against the lab jar's classes
#   lab      java -jar target/looplab.jar, no flags: the defaults (access log and instrumentation on)
#   lab-off  the same with --instrumentation off --access-log off: what the lab's own watching costs
#   bare-run the reference started the same way as lab-run (the same flags, a class-data archive
#            of its own, trained here on /say-hi): what the fast path can reach at all, for lab-run
#   lab-run  scripts/run-server.sh: the documented way (small-JVM flags, class-data archive)
# Each round starts each server twice. First start: cold start (spawn to the first 200 on /say-hi),
# req/s in the first W s right after it (JIT warm-up), then T s of load not measured (the JIT still
# compiles; the lab, with more code on its path, for longer), then S s of steady load (req/s, p99,
# and the server's CPU time per request, which other load on the machine disturbs least), then the RSS after
# a burst of 10,000 connections (wrk -c10000, 3 s). Second start: cold start again, RSS 2 s later (idle).
# Beside the figures, the noise: each core's busy time spent on anything but the server (core 0)
# and wrk (core 1), from /proc/stat and /proc/PID/stat, as a share of the steady window; and core
# 0's speed, timed after each server's first start by a fixed piece of work (sha256 of 32 MiB):
# on a virtual machine a busy host slows the cores without any busy time showing in the guest.
#
#   --quick      a smoke run: 1 round, W = S = 3 s, T = 2 s (the figures are then only indicative)
#   --rounds N   rounds, 1..20 (default 3)
#   --seconds S  steady window per run, 1..60 s (default 10); W is 5 s
#   --settle T   load between the first window and the steady one, 0..60 s (default 10)
#   --port P     first of the 5 ports it uses (default 19410)
# Needs wrk, curl, taskset, javac/jar and 2 cores; 127.0.0.1 only; bounded (30 s per start).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

ROUNDS=3; STEADY=10; WARM=5; SETTLE=10; PORT=19410
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) lab_help ;;
    --quick) ROUNDS=1; STEADY=3; WARM=3; SETTLE=2; shift ;;
    --rounds) lab_number --rounds "${2:-}"; ((${2} >= 1 && ${2} <= 20)) || lab_usage_error "--rounds must be 1..20"
      ROUNDS=$2; shift 2 ;;
    --seconds) lab_number --seconds "${2:-}"; ((${2} >= 1 && ${2} <= 60)) || lab_usage_error "--seconds must be 1..60"
      STEADY=$2; shift 2 ;;
    --settle) lab_number --settle "${2:-}"; ((${2} <= 60)) || lab_usage_error "--settle must be 0..60"
      SETTLE=$2; shift 2 ;;
    --port) lab_number --port "${2:-}"; PORT=$2; shift 2 ;;
    *) lab_unknown "$1" ;;
  esac
done
for tool in wrk curl taskset javac jar; do lab_need "$tool"; done
(($(nproc --all) >= 2)) || { echo "$LAB_NAME: needs 2 cores" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
cd "$LAB_ROOT"
lab_jar
OUT=target/bench
lab_bare_jar

MODES=(bare lab lab-off bare-run lab-run)
declare -A PORTS=([bare]=$PORT [lab]=$((PORT + 1)) [lab-off]=$((PORT + 2)) [bare-run]=$((PORT + 3)) [lab-run]=$((PORT + 4)))
read -r -a SMALL <<<"$LAB_SMALL_JVM_FLAGS"
BARE_ARCHIVE=
HZ=$(getconf CLK_TCK)
PID=""

launch() { # MODE: the server on core 0; PID is the JVM itself (exec), so a signal reaches it
  local port=${PORTS[$1]}
  case $1 in
    bare) exec taskset -c 0 "$JAVA" -jar "$OUT/bare.jar" "$port" ;;
    lab) exec taskset -c 0 "$JAVA" -jar "$JAR" server --port "$port" ;;
    lab-off) exec taskset -c 0 "$JAVA" -jar "$JAR" server --port "$port" --instrumentation off --access-log off ;;
    bare-run) exec taskset -c 0 "$JAVA" "${SMALL[@]}" "$BARE_ARCHIVE" -jar "$OUT/bare.jar" "$port" ;;
    lab-run) exec taskset -c 0 scripts/run-server.sh --port "$port" ;;
  esac >"$OUT/$1.log" 2>&1 &
  PID=$!
  lab_track "$PID"
}
until_ready() { # MODE: waits for the first 200 on /say-hi; prints ms since T0
  local url="http://127.0.0.1:${PORTS[$1]}/say-hi" deadline=$((T0 + 30000))
  until [[ $(taskset -c 1 curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" 2>/dev/null) == 200 ]]; do
    if ! kill -0 "$PID" 2>/dev/null || (($(lab_now_ms) > deadline)); then
      tail -20 "$OUT/$1.log" >&2; echo "$LAB_NAME: $1 gave no 200 within 30 s" >&2; exit 1
    fi
    sleep 0.005
  done
  echo $(($(lab_now_ms) - T0))
}
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$PID/status"; }
core_busy() { awk '/^cpu0 / { a = $2+$3+$4+$7+$8+$9 } /^cpu1 / { b = $2+$3+$4+$7+$8+$9 } END { print a, b }' /proc/stat; }
children_ticks() { # CPU ticks of this shell's finished children (wrk): `times` must run in this shell, not in $(...)
  times >"$OUT/times.txt"
  awk -v hz="$HZ" 'NR == 2 { gsub(/[ms]/, " "); print int(($1 * 60 + $2 + $3 * 60 + $4) * hz + 0.5) }' "$OUT/times.txt"
}
wrk_run() { # MODE SECONDS: prints req/s, p99 ms, server CPU us per request, core0 and core1 noise %
  local url="http://127.0.0.1:${PORTS[$1]}/say-hi" b0 b1 s0 w0 t0 e0 e1 s1 w1 t1
  read -r b0 b1 < <(core_busy); s0=$(lab_cpu_ticks "$PID"); children_ticks >"$OUT/w0"; t0=$(lab_now_ms)
  taskset -c 1 wrk -t1 -c64 -d"${2}s" --latency "$url" >"$OUT/wrk.txt" 2>&1 || true
  read -r e0 e1 < <(core_busy); s1=$(lab_cpu_ticks "$PID"); children_ticks >"$OUT/w1"; t1=$(lab_now_ms)
  w0=$(<"$OUT/w0"); w1=$(<"$OUT/w1")
  awk -v a=$((e0 - b0 - (s1 - s0))) -v b=$((e1 - b1 - (w1 - w0))) -v cpu=$((s1 - s0)) -v ms=$((t1 - t0)) -v hz="$HZ" '
    /requests in/ { n = $1 }
    /^Requests\/sec/ { rps = $2 }
    /^ +99%/ { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v); p99 = u == "us" ? v / 1000 : u == "s" ? v * 1000 : v }
    END { a = a < 0 ? 0 : a; b = b < 0 ? 0 : b; w = ms / 1000 * hz
          printf "%.0f %.2f %.2f %.1f %.1f\n", rps, p99, n ? cpu / hz * 1e6 / n : 0, a / w * 100, b / w * 100 }' "$OUT/wrk.txt"
}
stop() { lab_stop "$PID"; PID=""; }
speed_probe() { # ms that core 0 takes for a fixed piece of work, with no server running
  local t0; t0=$(lab_now_ms)
  taskset -c 0 sh -c 'head -c 32M /dev/zero | sha256sum >/dev/null'
  echo $(($(lab_now_ms) - t0))
}

declare -A F=() # F[mode:figure] = the values over the runs, space-separated
add() { F[$1:$2]+="$3 "; }
one_round() { # MODE
  local mode=$1 rps p99 us n0 n1 ms
  T0=$(lab_now_ms); launch "$mode"; ms=$(until_ready "$mode"); add "$mode" cold "$ms"
  read -r rps p99 us n0 n1 < <(wrk_run "$mode" "$WARM"); add "$mode" first "$rps"
  ((SETTLE == 0)) || taskset -c 1 wrk -t1 -c64 -d"${SETTLE}s" "http://127.0.0.1:${PORTS[$mode]}/say-hi" >/dev/null 2>&1 || true
  read -r rps p99 us n0 n1 < <(wrk_run "$mode" "$STEADY")
  add "$mode" rps "$rps"; add "$mode" p99 "$p99"; add "$mode" us "$us"; add "$mode" noise0 "$n0"; add "$mode" noise1 "$n1"
  taskset -c 1 wrk -t1 -c10000 -d3s "http://127.0.0.1:${PORTS[$mode]}/say-hi" >/dev/null 2>&1 || true
  sleep 1; add "$mode" burst "$(rss_mib)"
  stop
  add "$mode" probe "$(speed_probe)"
  T0=$(lab_now_ms); launch "$mode"; ms=$(until_ready "$mode"); add "$mode" cold "$ms"
  sleep 2; add "$mode" idle "$(rss_mib)"
  stop
}

# a first start of lab-run makes its class-data archive (once per jar and JDK) before anything is timed
T0=$(lab_now_ms); launch lab-run; until_ready lab-run >/dev/null; stop

# bare-run's archive, of the kind run-server.sh makes for the lab (AppCDS on JDK 17-24, the AOT
# cache on 25+), written as a training run that served /say-hi 50 times exits
train_bare_archive() {
  lab_archive "$OUT/bare"
  BARE_ARCHIVE=$LAB_ARCHIVE_USE
  rm -f "$LAB_ARCHIVE"
  "$JAVA" "${SMALL[@]}" "$LAB_ARCHIVE_MAKE" -jar "$OUT/bare.jar" "${PORTS[bare-run]}" >"$OUT/bare-run-training.log" 2>&1 &
  PID=$!; lab_track "$PID"
  T0=$(lab_now_ms); until_ready bare-run >/dev/null
  for _ in $(seq 50); do curl -s -o /dev/null --max-time 2 "http://127.0.0.1:${PORTS[bare-run]}/say-hi" || true; done
  stop
  [[ -s $LAB_ARCHIVE ]] || { cat "$OUT/bare-run-training.log" >&2; echo "$LAB_NAME: the training run wrote no $LAB_ARCHIVE" >&2; exit 1; }
}
train_bare_archive

echo "# $("$JAVA" -version 2>&1 | head -1); $ROUNDS round(s): cold start, ${WARM} s first, ${SETTLE} s settling, ${STEADY} s steady, 10k burst; server on core 0, wrk -t1 -c64 on core 1"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$ROUNDS"); do
  for mode in "${MODES[@]}"; do one_round "$mode"; done
  echo "# round $round: $(for m in "${MODES[@]}"; do printf '%s %s req/s  ' "$m" "$(echo ${F[$m:rps]} | awk '{ print $NF }')"; done)"
done

median() { printf '%s\n' $1 | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
maximum() { printf '%s\n' $1 | sort -n | tail -1; }
minimum() { printf '%s\n' $1 | sort -n | head -1; }
row() { # LABEL FIGURE TARGET
  awk -v n="$1" -v b="$(median "${F[bare:$2]}")" -v l="$(median "${F[lab:$2]}")" -v o="$(median "${F[lab-off:$2]}")" \
    -v br="$(median "${F[bare-run:$2]}")" -v r="$(median "${F[lab-run:$2]}")" -v t="$3" 'BEGIN {
    printf "%-30s %8s %8s %6.2fx %8s %6.2fx %8s %8s %6.2fx  %s\n", n, b, l, l / b, o, l / o, br, r, r / br, t }'
}
echo
printf '%-30s %8s %8s %7s %8s %7s %8s %8s %7s  %s\n' "measure (median of runs)" bare lab lab/bare lab-off lab/off bare-run lab-run run/b-r target
row "/say-hi req/s (steady)" rps "lab/bare >= 0.90, lab/off >= 0.95"
row "p99 ms (steady)" p99 "lab/bare <= 1.5"
row "server CPU us per request" us "(lower is better)"
row "req/s in the first ${WARM} s" first "lab/bare >= 0.8"
row "cold start ms (to first 200)" cold "lab/bare <= 1.0; lab-run <= 300 ms (bare-run: what Vert.x can)"
row "RSS idle MiB" idle "lab-run <= 80"
row "RSS after 10k burst MiB" burst "lab-run <= 200"
echo
echo "noise: busy time of each core outside the server (core 0) and wrk (core 1), % of the steady window, median / max"
for mode in "${MODES[@]}"; do
  printf '  %-8s core0 %5s / %-5s  core1 %5s / %-5s\n' "$mode" "$(median "${F[$mode:noise0]}")" "$(maximum "${F[$mode:noise0]}")" \
    "$(median "${F[$mode:noise1]}")" "$(maximum "${F[$mode:noise1]}")"
done
echo "core 0 speed: ms for sha256 of 32 MiB after each start (a slower core means a busy host), min / median / max"
for mode in "${MODES[@]}"; do
  printf '  %-8s %5s / %5s / %5s\n' "$mode" "$(minimum "${F[$mode:probe]}")" "$(median "${F[$mode:probe]}")" \
    "$(maximum "${F[$mode:probe]}")"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
