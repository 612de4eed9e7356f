#!/usr/bin/env bash
# Usage: scripts/lecture.sh
#
# The second lesson, measured: background work after the response, CPU-bound work on the loop and on
# workers, waits on timers, loops, workers and virtual threads, and the same CPU job in CPython.
# Starts its own server (1 event loop), runs each experiment in order and prints what was measured
# beside what the model of the loop predicts. Takes about 1 minute with the default T=300 ms.
# Settings are environment variables:
#   PORT=18600 TASK_MS=300 scripts/lecture.sh  # the server's port and task time T
#   JAVA=/path/to/jdk-25/bin/java scripts/lecture.sh   # /virtual-run needs JDK 21+
#   SCALING=1 scripts/lecture.sh              # then scripts/compare-scaling.sh (more loops, more processes)
#   REPEAT=3 scripts/lecture.sh               # each burst 3 times, the fastest kept (for a shared machine)
#   DRIVER=experiment scripts/lecture.sh      # time the bursts with 'looplab experiment' instead of hey/curl
#                                             # (DRIVER_JAR=other.jar for the driver, EXPERIMENT_WALL_JQ=.runs[0].wall_ms)
# Needs: a JDK 17+, curl, jq; hey (else one curl per request); python3 for section 5.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/lib-burst.sh"

lab_no_arguments "$@"
PORT=${PORT:-18600}
T=${TASK_MS:-300}
lab_number PORT "$PORT"
lab_number TASK_MS "$T"
lab_need curl
lab_need jq
lab_jar
lab_require_free_port "$PORT"
lab_start_server "$PORT" --instances 1 --task-ms "$T"
BASE=$LAB_URL
CORES=$(curl -s "$BASE/info" | jq -r .cores)
POOL=$(curl -s "$BASE/info" | jq -r .worker_pool_size)
JDK=$(curl -s "$BASE/info" | jq -r .jdk)
echo "looplab lecture: 1 event loop, task T=$T ms, $CORES cores, worker pool $POOL, JDK $JDK, load average $(lab_load_average)"
[[ ${REPEAT:-1} -gt 1 ]] && echo "each burst is run $REPEAT times; the fastest is shown"

row() { # row NAME MEASURED PREDICTED WHY [UNIT]
  awk -v n="$1" -v m="$2" -v p="$3" -v w="$4" -v u="${5:-ms}" 'BEGIN {
    r = (p > 0) ? sprintf("%.2f", m / p) : "-"
    printf "%-42s %8s %-4s %8s %-4s %6s  %s\n", n, m, u, p, u, r, w }'
}
section() { printf '\n== %s\n%-42s %13s %13s %6s  %s\n' "$1" "experiment" "measured" "predicted" "ratio" "the model"; }

section "1. Work after the response: the next request (/say-hi) waits for..."
for where in loop worker queue; do
  curl -s -o /dev/null "$BASE/say-hi"
  curl -s -o /dev/null "$BASE/background-run?where=$where"
  waited=$(one_call "$BASE/say-hi")
  case $where in
    loop) row "job on the loop, then /say-hi" "$waited" "$T" "the job holds the loop that serves /say-hi";;
    *) row "job on the $where, then /say-hi" "$waited" 0 "the loop is free at once";;
  esac
done

section "2. No job is lost: 10 jobs each way, then /jobs"
for where in loop worker queue; do burst 10 "$BASE/background-run?ms=100&where=$where" > /dev/null; done
for _ in $(seq 1 100); do
  [[ $(curl -s "$BASE/jobs" | jq .jobs_pending) == 0 ]] && break
  sleep 0.1
done
jobs=$(curl -s "$BASE/jobs")
row "jobs completed, of all accepted" "$(jq .jobs_completed <<< "$jobs")" "$(jq .jobs_accepted <<< "$jobs")" \
  "every accepted job is done: completed = accepted" jobs

for route in "cpu-run?where=loop&" "cpu-run?where=worker&" "fast-run?" "slow-run?" "standard-run?" "virtual-run?"; do
  burst 20 "$BASE/${route}ms=20" > /dev/null 2>&1 || true  # JIT warm-up of every route measured below
done

K=$CORES
section "3. CPU-bound work: $K jobs of T at once ($CORES cores)"
row "cpu-run x$K on the loop" "$(experiment_wall "$BASE" "/cpu-run?where=loop" "$K")" $(( K * T )) \
  "one loop computes them one after another: K x T (Python with its GIL: also K x T)"
row "cpu-run x$K on workers" "$(experiment_wall "$BASE" "/cpu-run?where=worker" "$K")" "$T" \
  "K threads on K cores at once: T (Python threads: K x T, one holds the GIL at a time)"
for mult in 2 4; do
  k=$(( mult * CORES ))
  row "cpu-run x$k on workers" "$(experiment_wall "$BASE" "/cpu-run?where=worker" "$k")" $(( ( (k + CORES - 1) / CORES ) * T )) \
    "more threads than cores: ceil(K/cores) x T, no faster per job"
done

K=8
section "4. Waiting (I/O-like) work: $K requests of T at once"
row "fast-run x$K (timer)" "$(experiment_wall "$BASE" /fast-run $K)" "$T" "a timer never blocks the loop: T"
row "slow-run x$K (sleep on the loop)" "$(experiment_wall "$BASE" /slow-run $K)" $(( K * T )) "each sleep holds the one loop: K x T"
row "standard-run x$K (sleep on a worker)" "$(experiment_wall "$BASE" /standard-run $K)" "$T" "$K of $POOL workers sleep side by side: T"
K=$(( POOL * 5 / 2 ))
row "standard-run x$K (more than the pool)" "$(experiment_wall "$BASE" /standard-run $K)" $(( ( (K + POOL - 1) / POOL ) * T )) \
  "the pool of $POOL runs them in waves: ceil(K/$POOL) x T"
if [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/virtual-run?ms=1") == 200 ]]; then
  row "virtual-run x$K (sleep on virtual threads)" "$(experiment_wall "$BASE" /virtual-run $K)" "$T" \
    "a sleeping virtual thread frees its carrier: T"
else
  printf '%-42s skipped: %s\n' "virtual-run x$K" "$(curl -s "$BASE/virtual-run" | jq -r .error) on JDK $JDK (run with JAVA=<JDK 21+>)"
fi

if command -v python3 > /dev/null; then
  K=$CORES
  section "5. The same CPU job in CPython, for comparison (no server involved)"
  py=$(python3 "$(dirname "$0")/python-gil.py" "$K" "$T" "${REPEAT:-1}")
  row "python $(jq -r .python <<< "$py"): one job" "$(jq .one_job_ms <<< "$py")" "$T" "sized to T on this machine"
  row "python: $K jobs on $K threads" "$(jq .threads_ms <<< "$py")" $(( K * T )) "the GIL lets one thread compute at a time: K x T"
  row "python: $K jobs on $K processes" "$(jq .processes_ms <<< "$py")" "$T" "one interpreter (and GIL) each: T, as gunicorn workers"
fi

echo
echo "load average at the end: $(lab_load_average) (a busy machine stretches the CPU rows above their prediction)"
lab_stop_all
if [[ ${SCALING:-0} == 1 ]]; then
  echo
  "$(dirname "$0")/compare-scaling.sh"
fi
