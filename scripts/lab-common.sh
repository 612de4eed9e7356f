# shellcheck shell=bash
# Shared helpers for the lecture scripts: start and stop lab servers, fire bursts of requests with
# curl, read a process's memory. Sourced, not run. Every server started here is killed on exit.

JAVA=${JAVA:-java}
JAR=${JAR:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/looplab.jar"}
WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/looplab-lecture.XXXXXX")
SERVER_PIDS=()

cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  SERVER_PIDS=()
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT

require_jar() {
  [[ -f $JAR ]] || { echo "no $JAR: build it first with 'mvn -B -q package -DskipTests'" >&2; exit 2; }
}

# start_server PORT [server options...]: starts one lab server and waits until /health answers
start_server() {
  launch_server "$@"
  wait_ready "$1" "$LAST_PID"
}

# launch_server PORT [server options...]: starts one lab server in the background; its pid is LAST_PID
launch_server() {
  local port=$1; shift
  "$JAVA" -jar "$JAR" server --port "$port" "$@" > "$WORK_DIR/server-$port.log" 2>&1 &
  LAST_PID=$!
  SERVER_PIDS+=("$LAST_PID")
}

# wait_ready PORT PID: waits (30 s at most) until the server on PORT answers /health
wait_ready() {
  local port=$1 pid=$2
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port/health" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "server on port $port did not start; its log:" >&2
  cat "$WORK_DIR/server-$port.log" >&2
  exit 1
}

stop_servers() {
  for pid in "${SERVER_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${SERVER_PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  SERVER_PIDS=()
}

# the 1-minute load average: timings on a machine busy with other work run long, so say how busy it was
load_average() { cut -d' ' -f1 /proc/loadavg; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# burst K URL...: K requests at once (URLs taken in turn); prints the wall time in ms.
# Fails loudly if any answer is not 200, so a number is never printed for a broken run.
# With one URL and hey installed, hey fires them from one process; else one curl process per request,
# whose start-up (a few ms each) is then part of the wall time.
burst() {
  local k=$1; shift
  if [[ $# -eq 1 ]] && command -v hey > /dev/null; then
    burst_hey "$k" "$1"
  else
    burst_curl "$k" "$@"
  fi
}

burst_hey() {
  local k=$1 url=$2
  hey -n "$k" -c "$k" -t 120 "$url" > "$WORK_DIR/hey.txt"
  local ok
  ok=$(awk '$1 == "[200]" { print $2 }' "$WORK_DIR/hey.txt")
  if [[ ${ok:-0} -ne $k ]]; then
    echo "burst of $k to $url: only ${ok:-0} answers were 200:" >&2
    sed -n '/Status code distribution/,$p' "$WORK_DIR/hey.txt" >&2
    return 1
  fi
  awk '$1 == "Total:" && $3 == "secs" { printf "%d", $2 * 1000; exit }' "$WORK_DIR/hey.txt"
}

burst_curl() {
  local k=$1; shift
  local urls=("$@") pids=() start codes
  : > "$WORK_DIR/codes"
  start=$(now_ms)
  for ((i = 0; i < k; i++)); do
    curl -s -o /dev/null --max-time 120 -w '%{http_code}\n' "${urls[i % ${#urls[@]}]}" >> "$WORK_DIR/codes" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local wall=$(( $(now_ms) - start ))
  codes=$(sort "$WORK_DIR/codes" | uniq -c | tr -s ' ' | paste -sd, -)
  if [[ $(grep -cx 200 "$WORK_DIR/codes") -ne $k ]]; then
    echo "burst of $k to ${urls[0]} got status counts: $codes" >&2
    return 1
  fi
  echo "$wall"
}

# one_call URL: the time of one request in ms (curl's own clock)
one_call() {
  curl -s -o /dev/null --max-time 120 -w '%{time_total}' "$1" | awk '{ printf "%d", $1 * 1000 }'
}

# rss_kb PID...: resident memory of the processes, summed, in kB (from /proc)
rss_kb() {
  local total=0 kb
  for pid in "$@"; do
    kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$(( total + ${kb:-0} ))
  done
  echo "$total"
}

# experiment_wall BASE_URL ROUTE K: wall ms of K calls at once. With REPEAT=n, the fastest of n
# bursts: on a machine shared with other work, the least disturbed run is the closest to the model.
experiment_wall() {
  local best="" wall
  for ((run = 0; run < ${REPEAT:-1}; run++)); do
    wall=$(experiment_wall_once "$@") || return 1
    if [[ -z $best || $wall -lt $best ]]; then best=$wall; fi
  done
  echo "$best"
}

# The experiment driver (issue 3) when DRIVER=experiment; hey or curl otherwise.
experiment_wall_once() {
  local base=$1 route=$2 k=$3
  if [[ ${DRIVER:-curl} == experiment ]]; then
    "$JAVA" -jar "${DRIVER_JAR:-$JAR}" experiment --base-url "$base" --route "$route" --calls "$k" --mode async \
      --concurrency "$k" --format json --out "$WORK_DIR/experiment.json" > /dev/null || return 1
    jq -r "${EXPERIMENT_WALL_JQ:-.runs[0].wall_ms}" "$WORK_DIR/experiment.json" | awk '{ printf "%d", $1 }'
  else
    burst "$k" "$base$route"
  fi
}
