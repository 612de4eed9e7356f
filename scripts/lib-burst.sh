# shellcheck shell=bash
# Timed bursts of requests, for the scripts that compare measured wall times with the model
# (lecture.sh, compare-scaling.sh). Sourced after lib.sh, never run.

lab_work_dir   # now: the bursts run in $(...) subshells, which must share it

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
  hey -n "$k" -c "$k" -t 120 "$url" > "$LAB_WORK/hey.txt"
  local ok
  ok=$(awk '$1 == "[200]" { print $2 }' "$LAB_WORK/hey.txt")
  if [[ ${ok:-0} -ne $k ]]; then
    echo "burst of $k to $url: only ${ok:-0} answers were 200:" >&2
    sed -n '/Status code distribution/,$p' "$LAB_WORK/hey.txt" >&2
    return 1
  fi
  awk '$1 == "Total:" && $3 == "secs" { printf "%d", $2 * 1000; exit }' "$LAB_WORK/hey.txt"
}

burst_curl() {
  local k=$1; shift
  local urls=("$@") pids=() start codes
  : > "$LAB_WORK/codes"
  start=$(lab_now_ms)
  for ((i = 0; i < k; i++)); do
    curl -s -o /dev/null --max-time 120 -w '%{http_code}\n' "${urls[i % ${#urls[@]}]}" >> "$LAB_WORK/codes" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local wall=$(( $(lab_now_ms) - start ))
  codes=$(sort "$LAB_WORK/codes" | uniq -c | tr -s ' ' | paste -sd, -)
  if [[ $(grep -cx 200 "$LAB_WORK/codes") -ne $k ]]; then
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

# fastest COMMAND [ARG...]: runs COMMAND, which prints a time in ms, REPEAT times (default 1) and
# prints the smallest: on a machine shared with other work, the least disturbed run is the closest
# to the model.
fastest() {
  local best="" wall run
  for ((run = 0; run < ${REPEAT:-1}; run++)); do
    wall=$("$@") || return 1
    if [[ -z $best || $wall -lt $best ]]; then best=$wall; fi
  done
  echo "$best"
}

# experiment_wall BASE_URL ROUTE K: wall ms of K calls at once, the fastest of REPEAT bursts.
experiment_wall() { fastest experiment_wall_once "$@"; }

# The experiment driver (issue 3) when DRIVER=experiment; hey or curl otherwise.
experiment_wall_once() {
  local base=$1 route=$2 k=$3
  if [[ ${DRIVER:-curl} == experiment ]]; then
    "$JAVA" -jar "${DRIVER_JAR:-$JAR}" experiment --base-url "$base" --route "$route" --calls "$k" --mode async \
      --concurrency "$k" --format json --out "$LAB_WORK/experiment.json" > /dev/null || return 1
    jq -r "${EXPERIMENT_WALL_JQ:-.runs[0].wall_ms}" "$LAB_WORK/experiment.json" | awk '{ printf "%d", $1 }'
  else
    burst "$k" "$base$route"
  fi
}
