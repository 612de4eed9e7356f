#!/usr/bin/env bash
# Usage: scripts/live-page-cost.sh
#
# What an open live page costs the lab: wrk on /say-hi with no page open, with the page open in
# headless Chromium, and with 10 bare event streams (curl -N, the server's side of 10 pages
# without their rendering). Modes take turns, so a neighbour's load hits all alike. Chromium runs
# on the same machine as the server and wrk, so its rendering competes with them for the cores:
# the "page" figure is an upper bound of what a page opened from another machine costs.
#
#   scripts/live-page-cost.sh                # 10 s warm-up, 2 rounds x 3 modes x 8 s, 2 threads, 50 connections
#   ROUNDS=3 DURATION=15s scripts/live-page-cost.sh
#
# The server listens on 127.0.0.1:19510 (PORT=...). Needs wrk, curl, bc and chromium (CHROMIUM=...).
# With ROUNDS > 1 the means leave round 1 out (a second warm-up).
# Takes about 1.5 minutes with the defaults (WARMUP, ROUNDS x 3 x DURATION, then 10 s + 10 s idle).
# The idle figures come last, when the JIT has compiled the stream's path.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB_ROOT"

lab_no_arguments "$@"

ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-8s}
WARMUP=${WARMUP:-10s}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-19510}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
for v in ROUNDS THREADS CONNECTIONS PORT; do lab_number "$v" "${!v}"; done
lab_need wrk
lab_need curl
lab_need bc
lab_need "$CHROMIUM" chromium
URL="http://127.0.0.1:$PORT"
lab_work_dir
WORK=$LAB_WORK
PAGE_PIDS=()

# the pages are tracked by lib.sh too, so a failure or Ctrl-C closes them with the server
close_pages() {
  LAB_STOP_S=5 lab_stop "${PAGE_PIDS[@]}"
  PAGE_PIDS=()
}

pages_open() { curl -fs "$URL/info" | sed -n 's/.*"pages_open":\([0-9]*\).*/\1/p'; }

wait_for_pages() { # count
  for _ in $(seq 1 100); do
    [[ "$(pages_open)" -ge "$1" ]] && return 0
    sleep 0.1
  done
  echo "only $(pages_open) of $1 page(s) opened their stream" >&2; return 1
}

open_pages() { # mode
  case "$1" in
    none) ;;
    page)
      "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --user-data-dir="$WORK/profile" "$URL/" > "$WORK/chromium.log" 2>&1 &
      PAGE_PIDS+=($!); lab_track $!; wait_for_pages 1 ;;
    streams)
      for _ in $(seq 1 10); do curl -sN "$URL/live/stream" > /dev/null & PAGE_PIDS+=($!); lab_track $!; done
      wait_for_pages 10 ;;
  esac
}

lab_jar
lab_require_free_port "$PORT"
lab_start_server "$PORT"
SERVER_PID=$LAB_PID
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$URL/say-hi" > /dev/null # the JIT compiles the request path first
open_pages streams; sleep 2; close_pages # and the stream's

cpu_ticks() { lab_cpu_ticks "$SERVER_PID"; } # the server's, in ticks of 1/100 s


echo "mode     round  requests/s  server CPU us/request"
MODES=(none page streams)
for round in $(seq 1 "$ROUNDS"); do
  # each round starts with another mode, so that a drift (the JIT, a neighbour) hits no mode alone
  for i in 0 1 2; do
    mode=${MODES[$(( (i + round - 1) % 3 ))]}
    open_pages "$mode"
    before=$(cpu_ticks)
    requests=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$URL/say-hi" | awk '/requests in/ {print $1}')
    used=$(( $(cpu_ticks) - before ))
    close_pages
    seconds=${DURATION%s}
    printf '%-8s %5d  %10.0f  %8.1f\n' "$mode" "$round" "$(echo "$requests / $seconds" | bc -l)" \
      "$(echo "$used * 10000 / $requests" | bc -l)"
    # with several rounds the first is one more warm-up: on a busy machine the JIT is not done yet
    if (( ROUNDS == 1 || round > 1 )); then echo "$mode $requests $used" >> "$WORK/runs"; fi
  done
done
awk -v s="${DURATION%s}" '{req[$1] += $2; cpu[$1] += $3; n[$1]++}
     END {for (m in req) {rps[m] = req[m] / n[m] / s; us[m] = cpu[m] * 10000 / req[m]}
          printf "mean requests/s: none %.0f, page %.0f (%+.1f %%), 10 streams %.0f (%+.1f %%)\n", rps["none"],
            rps["page"], 100 * (rps["page"] / rps["none"] - 1), rps["streams"], 100 * (rps["streams"] / rps["none"] - 1)
          printf "server CPU per request: none %.1f us, page %.1f us (%+.1f %%), 10 streams %.1f us (%+.1f %%)\n", us["none"],
            us["page"], 100 * (us["page"] / us["none"] - 1), us["streams"], 100 * (us["streams"] / us["none"] - 1)}' "$WORK/runs"
# the server's own cost of open pages with no traffic: CPU time over 10 s, 0 pages vs 10 streams
idle_cpu() { # mode
  open_pages "$1"; local before; before=$(cpu_ticks); sleep 10; echo $(( $(cpu_ticks) - before )); close_pages # ticks of 10 ms in 10 s = ms/s
}
echo "idle server CPU: no page $(idle_cpu none) ms/s, 10 streams $(idle_cpu streams) ms/s"
