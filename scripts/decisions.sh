#!/usr/bin/env bash
# Usage: scripts/decisions.sh [--calls N] [--io-ms T] [--pools "1 4 8"] [--throughput] [--help]
#
# The lecture's decision service against the driver's prediction: N concurrent POST /decisions, each
# waiting T ms inside Redis (io_ms), for each client style: loop once (the pool does not matter there),
# then worker and reactive with each pool size (--db-pool-size and --reactive-pool-size both P).
# Each run is preceded by an unmeasured one with io_ms=0, which opens the connections and warms the
# code. One line per run: predicted, measured, ratio, verdict. Uses the databases named by
# LOOPLAB_POSTGRES_URL and LOOPLAB_REDIS_URL, else runs itself under scripts/with-databases.sh.
# Defaults: 25 calls, io_ms 500, pools "1 4 8" (about 75 s in all).
# --throughput instead measures calls/s at 64 connections for each client style (pool 8, io_ms 0):
# cache misses with the driver (every call its own features, N x 40 calls), cache hits with hey
# (one body, N x 40 requests).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CALLS=25
IO_MS=500
POOLS="1 4 8"
THROUGHPUT=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) lab_help ;;
    --calls) lab_number "$1" "${2:-}"; CALLS=$2; shift 2 ;;
    --io-ms) lab_number "$1" "${2:-}"; IO_MS=$2; shift 2 ;;
    --throughput) THROUGHPUT=1; shift ;;
    --pools) [[ ${2:-} =~ ^[0-9\ ]+$ ]] || lab_usage_error "--pools needs whole numbers such as \"1 4 8\""; POOLS=$2; shift 2 ;;
    *) lab_unknown "$1" ;;
  esac
done

if [[ -z ${LOOPLAB_POSTGRES_URL:-} || -z ${LOOPLAB_REDIS_URL:-} ]]; then
  flags=(--calls "$CALLS" --io-ms "$IO_MS" --pools "$POOLS")
  ((THROUGHPUT)) && flags+=(--throughput)
  exec "$LAB_ROOT/scripts/with-databases.sh" "$0" "${flags[@]}"
fi
lab_jar
lab_work_dir

run() { # run CLIENT POOL: a warm-up (connections opened, code compiled), then the measured run, one line
  local line
  "$JAVA" -jar "$JAR" experiment --base-url "$LAB_URL" -r "/decisions?client=$1&io_ms=0" -n "$CALLS" >/dev/null 2>&1 || true
  line=$("$JAVA" -jar "$JAR" experiment --base-url "$LAB_URL" -r "/decisions?client=$1&io_ms=$IO_MS" -n "$CALLS" 2>"$LAB_WORK/experiment.err" \
    | grep -E '^async +predicted' || true)
  [[ -n $line ]] || { cat "$LAB_WORK/experiment.err" >&2; echo "$LAB_NAME: the experiment for client=$1 failed" >&2; exit 1; }
  printf '%-9s %4s   %s\n' "$1" "$2" "${line#async  }"
}

throughput() { # one line per client style: misses through the driver, hits through hey
  local n=$((CALLS * 40)) client miss hit
  lab_need hey hey
  lab_start_server 0 --db-pool-size 8 --reactive-pool-size 8
  echo "POST /decisions at 64 connections, pool 8, io_ms=0, $n calls each; load average $(lab_load_average)"
  printf '%-9s %12s %12s\n' client "miss calls/s" "hit calls/s"
  for client in loop worker reactive; do
    "$JAVA" -jar "$JAR" experiment --base-url "$LAB_URL" -r "/decisions?client=$client" -n 640 -c 64 >/dev/null 2>&1 || true
    miss=$("$JAVA" -jar "$JAR" experiment --base-url "$LAB_URL" -r "/decisions?client=$client" -n "$n" -c 64 2>/dev/null \
      | awk '$1 == "async" && $2 ~ /^[0-9]+$/ { print $5; exit }')
    hit=$(hey -n "$n" -c 64 -m POST -T application/json -d '{"features": [0.3, 1.2, 5.0]}' \
      "$LAB_URL/decisions?client=$client" | awk '/Requests\/sec/ { print $2 }')
    printf '%-9s %12s %12s\n' "$client" "${miss:-?}" "${hit:-?}"
  done
  lab_stop "$LAB_PID"
}
if ((THROUGHPUT)); then
  throughput
  exit 0
fi

echo "$CALLS concurrent POST /decisions, io_ms=$IO_MS, 1 event loop; load average $(lab_load_average)"
printf '%-9s %4s   %s\n' client pool "predicted vs measured"
first=1
for pool in $POOLS; do
  lab_start_server 0 --db-pool-size "$pool" --reactive-pool-size "$pool"
  if ((first)); then
    run loop "-"
    first=0
  fi
  run worker "$pool"
  run reactive "$pool"
  lab_stop "$LAB_PID"
done
