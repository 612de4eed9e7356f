#!/usr/bin/env bash
# Usage: scripts/compare-scaling.sh
#
# More loops or more processes? Runs the same two bursts, K slow-runs (a sleep on the loop) and K
# cpu-runs on the loop, against three setups, and reports the wall time of each burst, what the model
# predicts, and the resident memory (RSS) of the setup:
#   1. one process, one event loop           (--instances 1)
#   2. one process, N event loops            (--instances N)
#   3. N processes, one event loop each      (haproxy in front on one port when it is installed,
#                                             like gunicorn's parent; else the client takes turns)
# N is the number of cores by default, so setup 3 starts ONE JVM PER CORE (16 on a 16-core laptop).
# Takes about 30 s on 2 cores with the defaults; more with more cores or REPEAT.
# Settings are environment variables:
#   N=2 K=8 TASK_MS=300 PORT=18610 scripts/compare-scaling.sh   # ports PORT..PORT+N are used
#   REPEAT=3 scripts/compare-scaling.sh     # each burst 3 times, the fastest kept (for a shared machine)
# Needs: a JDK 17+, curl; hey (else one curl per request); haproxy for setup 3's single port.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib-burst.sh"

lab_no_arguments "$@"
CORES=$(nproc)
N=${N:-$CORES}
K=${K:-$(( 2 * N ))}
T=${TASK_MS:-300}
PORT=${PORT:-18610}
for v in N K T PORT; do lab_number "$v" "${!v}"; done
lab_need curl
lab_jar
for ((p = PORT; p <= PORT + N; p++)); do lab_require_free_port "$p" "range with PORT=..."; done

ceil_div() { echo $(( ($1 + $2 - 1) / $2 )); }
min() { echo $(( $1 < $2 ? $1 : $2 )); }

printf 'looplab scaling: N=%d, K=%d requests at once, T=%d ms, %d cores, %s, load average %s\n\n' \
  "$N" "$K" "$T" "$CORES" "$("$JAVA" -version 2>&1 | head -1)" "$(lab_load_average)"
printf '%-38s %8s %9s %16s %16s\n' "setup" "RSS MB" "start ms" "slow-run x$K" "cpu-run x$K"
printf '%-38s %8s %9s %16s %16s\n' "" "" "" "(predicted)" "(predicted)"

# measure NAME LOOPS URL...: runs both bursts against the URLs and prints one row
measure() {
  local name=$1 loops=$2 started_ms=$3; shift 3
  local slow_urls=() cpu_urls=() warm_urls=()
  for base in "$@"; do
    slow_urls+=("$base/slow-run")
    cpu_urls+=("$base/cpu-run?where=loop")
    warm_urls+=("$base/cpu-run?where=loop&ms=50")
  done
  burst "$loops" "${warm_urls[@]}" > /dev/null  # JIT warm-up, about one call per loop
  local slow cpu rss
  slow=$(fastest burst "$K" "${slow_urls[@]}")
  cpu=$(fastest burst "$K" "${cpu_urls[@]}")
  rss=$(rss_kb "${LAB_PIDS[@]}")
  printf '%-38s %8d %9d %7d (%6d) %7d (%6d)\n' "$name" $(( rss / 1024 )) "$started_ms" \
    "$slow" $(( $(ceil_div "$K" "$loops") * T )) \
    "$cpu" $(( $(ceil_div "$K" "$(min "$loops" "$CORES")") * T ))
}

start=$(lab_now_ms); lab_start_server "$PORT" --instances 1 --task-ms "$T"
measure "1 process, 1 event loop" 1 $(( $(lab_now_ms) - start )) "http://127.0.0.1:$PORT"
lab_stop_all

start=$(lab_now_ms); lab_start_server "$PORT" --instances "$N" --task-ms "$T"
measure "1 process, $N event loops" "$N" $(( $(lab_now_ms) - start )) "http://127.0.0.1:$PORT"
lab_stop_all

start=$(lab_now_ms)
bases=() pids=() logs=()
for ((i = 1; i <= N; i++)); do
  lab_launch_server $(( PORT + i )) --instances 1 --task-ms "$T"
  pids+=("$LAB_PID")
  logs+=("$LAB_LOG")
  bases+=("http://127.0.0.1:$(( PORT + i ))")
done
for ((i = 1; i <= N; i++)); do lab_wait_health "${bases[i - 1]}" 60 "${pids[i - 1]}" "${logs[i - 1]}" || exit 1; done
name="$N processes, 1 event loop each"
if command -v haproxy > /dev/null; then
  {
    printf 'global\n  maxconn 1000\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 120s\n  timeout server 120s\n'
    printf 'frontend lab\n  bind 127.0.0.1:%d\n  default_backend jvms\nbackend jvms\n  balance roundrobin\n' "$PORT"
    for ((i = 1; i <= N; i++)); do printf '  server jvm%d 127.0.0.1:%d\n' "$i" $(( PORT + i )); done
  } > "$LAB_WORK/haproxy.cfg"
  haproxy -f "$LAB_WORK/haproxy.cfg" > "$LAB_WORK/haproxy.log" 2>&1 &
  lab_track $!
  lab_wait_health "http://127.0.0.1:$PORT" 10 $! "$LAB_WORK/haproxy.log" || exit 1
  measure "$name, haproxy" "$N" $(( $(lab_now_ms) - start )) "http://127.0.0.1:$PORT"
else
  measure "$name, client takes turns" "$N" $(( $(lab_now_ms) - start )) "${bases[@]}"
fi
lab_stop_all

printf '\nload average at the end: %s\n' "$(lab_load_average)"
printf 'predicted: slow-run ceil(K/loops) x T (each sleep holds its loop); cpu-run ceil(K/min(loops, cores)) x T.\n'
[[ ${REPEAT:-1} -gt 1 ]] && printf 'each burst was run %d times; the fastest is shown.\n' "$REPEAT"
printf 'RSS: resident memory of every process of the setup (haproxy included), from /proc/PID/status, after the bursts.\n'
