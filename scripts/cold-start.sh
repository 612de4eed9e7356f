#!/usr/bin/env bash
# Usage: scripts/cold-start.sh [--runs N] [--port P] [--jar JAR | --image IMAGE] [MODE...]
#
# Measures cold start the way a platform that scales from zero sees it: the time from spawning
# `java -jar looplab.jar` to the first HTTP 200 from /health, as the median (and min/max) of N runs.
#
# MODE (default: all that the JDK supports):
#   baseline the bare jar: `$BASELINE_JAVA -jar looplab.jar` (default: java on PATH), no flags at all
#   plain    the container's JVM flags, no archive of our own (the JDK's default CDS archive only)
#   appcds   a dynamic AppCDS archive of the app's classes (-XX:SharedArchiveFile; JDK 13+)
#   aot      the JDK 25 AOT cache: classes loaded and linked ahead of time, plus method profiles
#            (-XX:AOTCache; JEP 483/514/515)
# Archives are made once per JDK with scripts/train-cds.sh into target/cold-start/.
#
# With --image IMAGE it starts the container image instead (`$PODMAN run --network host`, PODMAN
# default podman), in two modes: image (as built: with its AOT cache) and image-noaot (the same
# image with JDK_JAVA_OPTIONS=-XX:AOTMode=off). The figure then includes the container runtime's
# own start-up.
#
# Environment: JAVA (default: java on PATH), JAVA_FLAGS (default: the container's flags, below),
# BASELINE_JAVA (the JVM of the baseline mode).
# Bounded: each start is given 30 s; 127.0.0.1 only; port 18590 by default. Takes about
# (1 + RUNS) x MODES starts of 1-2 s each, plus a training run per archive the first time.
# Needs: a JDK 17+ (25+ for aot), curl; podman (or PODMAN) for --image.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB_ROOT"

RUNS=7; PORT=18590; IMAGE=""; MODES=()
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) lab_help ;;
    --runs) [[ ${2:-} =~ ^[1-9][0-9]?$ ]] || lab_usage_error "--runs must be 1..99"; RUNS=$2; shift 2 ;;
    --port) lab_number --port "${2:-}"; PORT=$2; shift 2 ;;
    --jar) [ $# -ge 2 ] || lab_usage_error "--jar needs a file"; JAR=$2; shift 2 ;;
    --image) [ $# -ge 2 ] || lab_usage_error "--image needs an image"; IMAGE=$2; shift 2 ;;
    baseline|plain|appcds|aot|image|image-noaot) MODES+=("$1"); shift ;;
    *) lab_unknown "$1" ;;
  esac
done
lab_need curl
read -r -a PODMAN <<<"${PODMAN:-podman}"
if [ -n "$IMAGE" ]; then lab_need "${PODMAN[0]}" podman; else lab_jar; fi
# the same flags as the Dockerfile's ENTRYPOINT (lib.sh's LAB_SMALL_JVM_FLAGS)
read -r -a FLAGS <<<"${JAVA_FLAGS-$LAB_SMALL_JVM_FLAGS}"
CONTAINER=cold-start-$$
if [ -n "$IMAGE" ]; then
  [ ${#MODES[@]} -gt 0 ] || MODES=(image image-noaot)
else
  feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ ${#MODES[@]} -gt 0 ] || { MODES=(baseline plain appcds); [ "$feature" -ge 25 ] && MODES+=(aot); }
fi
lab_require_free_port "$PORT" "with --port"

DIR=target/cold-start; mkdir -p "$DIR"
archive_flag() { # MODE -> the flag that uses its archive, making the archive first if needed
  local file
  case $1 in
    baseline|plain|image) return ;;
    image-noaot) echo "-XX:AOTMode=off" ;;
    appcds) file=$DIR/looplab-jdk$feature.jsa
      [ "$file" -nt "$JAR" ] || JAVA=$JAVA bash scripts/train-cds.sh "$JAR" -- "${FLAGS[@]}" -XX:ArchiveClassesAtExit="$file" >&2
      echo "-XX:SharedArchiveFile=$file" ;;
    aot) [ "$feature" -ge 25 ] || { echo "cold-start: aot needs JDK 25+, this is $feature" >&2; exit 2; }
      file=$DIR/looplab-jdk$feature.aot
      [ "$file" -nt "$JAR" ] || JAVA=$JAVA bash scripts/train-cds.sh "$JAR" -- "${FLAGS[@]}" -XX:AOTCacheOutput="$file" >&2
      echo "-XX:AOTCache=$file" ;;
  esac
}

halt() { # stops the server started last (and the container, with --image)
  if [ -n "$IMAGE" ]; then "${PODMAN[@]}" rm -f -t 2 "$CONTAINER" >/dev/null 2>&1 || true; fi
  LAB_STOP_S=5 lab_stop_all
}
launch() { # MODE [ARCHIVE_FLAG]: the server, in the background, tracked by lib.sh
  local mode=$1; shift
  if [ "$mode" = baseline ]; then
    LAB_JVM_FLAGS=()
    JAVA=${BASELINE_JAVA:-java} lab_launch_server "$PORT"
  elif [ -n "$IMAGE" ]; then
    "${PODMAN[@]}" run -d --rm --name "$CONTAINER" --network host -e PORT="$PORT" -e LOOPLAB_HOST=127.0.0.1 \
      ${1:+-e JDK_JAVA_OPTIONS="$1"} "$IMAGE" >"$DIR/last-run.log" 2>&1
    LAB_LOG="$DIR/last-run.log"
  else
    # shellcheck disable=SC2034 # read by lab_launch_server
    LAB_JVM_FLAGS=("${FLAGS[@]}" "$@")
    lab_launch_server "$PORT"
  fi
}
one_start() { # prints ms from spawn to the first 200 on /health
  local t0 pid=""
  t0=$(lab_now_ms)
  launch "$@"
  [ -n "$IMAGE" ] || pid=$LAB_PID
  LAB_POLL_S=0.005 lab_wait_health "http://127.0.0.1:$PORT" 30 "$pid" "$LAB_LOG" || { halt; exit 1; }
  echo $(( $(lab_now_ms) - t0 ))
  halt
}
lab_on_exit halt
lab_work_dir   # made here: one_start runs in $(...) subshells, which must share it

what=$([ -n "$IMAGE" ] && echo "image $IMAGE" || echo "$("$JAVA" -version 2>&1 | head -1); flags: ${FLAGS[*]}")
echo "# $what; $RUNS runs per mode, interleaved; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
declare -A EXTRA=() TIMES=()
for mode in "${MODES[@]}"; do
  EXTRA[$mode]=$(archive_flag "$mode")
  one_start "$mode" ${EXTRA[$mode]:+"${EXTRA[$mode]}"} >/dev/null   # warm the page cache; not counted
done
# round robin over the modes, so that a change in the machine's load hits them all alike
for _ in $(seq "$RUNS"); do
  for mode in "${MODES[@]}"; do TIMES[$mode]+="$(one_start "$mode" ${EXTRA[$mode]:+"${EXTRA[$mode]}"}) "; done
done
printf '%-12s %10s %8s %8s   %s\n' mode median_ms min_ms max_ms runs_ms
for mode in "${MODES[@]}"; do
  read -r -a runs <<<"${TIMES[$mode]}"
  mapfile -t sorted < <(printf '%s\n' "${runs[@]}" | sort -n)
  printf '%-12s %10s %8s %8s   %s\n' "$mode" "${sorted[$(( RUNS / 2 ))]}" "${sorted[0]}" "${sorted[$(( RUNS - 1 ))]}" "${TIMES[$mode]}"
done
echo "# load at the end: $(cut -d' ' -f1 /proc/loadavg)"
