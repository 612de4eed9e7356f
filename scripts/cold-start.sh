#!/usr/bin/env bash
# cold-start.sh [--runs N] [--port P] [--jar JAR | --image IMAGE] [MODE...]
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
# Bounded: each start is killed after 30 s; 127.0.0.1 only; port 18590 by default.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=7; PORT=18590; JAR=target/looplab.jar; IMAGE=""; MODES=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --jar) JAR=$2; shift 2 ;;
    --image) IMAGE=$2; shift 2 ;;
    baseline|plain|appcds|aot|image|image-noaot) MODES+=("$1"); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "cold-start: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]?$ ]] || { echo "cold-start: --runs must be 1..99" >&2; exit 2; }
[ -n "$IMAGE" ] || [ -f "$JAR" ] || { echo "cold-start: no $JAR; run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
command -v curl >/dev/null || { echo "cold-start: needs curl" >&2; exit 2; }
JAVA=${JAVA:-java}
# the same flags as the Dockerfile's ENTRYPOINT
read -r -a FLAGS <<<"${JAVA_FLAGS--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAMPercentage=75}"
read -r -a PODMAN <<<"${PODMAN:-podman}"
CONTAINER=cold-start-$$
if [ -n "$IMAGE" ]; then
  [ ${#MODES[@]} -gt 0 ] || MODES=(image image-noaot)
else
  feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ ${#MODES[@]} -gt 0 ] || { MODES=(baseline plain appcds); [ "$feature" -ge 25 ] && MODES+=(aot); }
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "cold-start: port $PORT is busy" >&2; exit 2; fi

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

PID=""
halt() { # stops the server started last
  if [ -n "$IMAGE" ]; then "${PODMAN[@]}" rm -f -t 2 "$CONTAINER" >/dev/null 2>&1 || true
  elif [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap 'if [ -n "$IMAGE" ]; then halt; elif [ -n "$PID" ]; then kill -9 "$PID" 2>/dev/null; fi; true' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
launch() { # MODE [ARCHIVE_FLAG]: the server, in the background; PID is what to watch
  local mode=$1; shift
  if [ "$mode" = baseline ]; then
    "${BASELINE_JAVA:-java}" -jar "$JAR" server --host 127.0.0.1 --port "$PORT" >"$DIR/last-run.log" 2>&1 &
  elif [ -n "$IMAGE" ]; then
    "${PODMAN[@]}" run -d --rm --name "$CONTAINER" --network host -e PORT="$PORT" -e LOOPLAB_HOST=127.0.0.1 \
      ${1:+-e JDK_JAVA_OPTIONS="$1"} "$IMAGE" >"$DIR/last-run.log" 2>&1 &
  else
    "$JAVA" "${FLAGS[@]}" "$@" -jar "$JAR" server --host 127.0.0.1 --port "$PORT" >"$DIR/last-run.log" 2>&1 &
  fi
  PID=$!
}
alive() { if [ -n "$IMAGE" ]; then [ "$("${PODMAN[@]}" inspect -f '{{.State.Status}}' "$CONTAINER" 2>/dev/null || echo created)" != exited ]; else kill -0 "$PID" 2>/dev/null; fi; }
one_start() { # prints ms from spawn to the first 200 on /health
  local t0 deadline
  t0=$(now_ms); deadline=$(( t0 + 30000 ))
  launch "$@"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health" 2>/dev/null)" = 200 ]; do
    if ! alive || [ "$(now_ms)" -gt $deadline ]; then
      cat "$DIR/last-run.log" >&2; halt; echo "cold-start: no 200 from /health" >&2; exit 1
    fi
    sleep 0.005
  done
  echo $(( $(now_ms) - t0 ))
  halt
}

what=$([ -n "$IMAGE" ] && echo "image $IMAGE" || echo "$("$JAVA" -version 2>&1 | head -1); flags: ${FLAGS[*]}")
echo "# $what; $RUNS runs per mode, interleaved; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
declare -A EXTRA=() TIMES=()
for mode in "${MODES[@]}"; do
  EXTRA[$mode]=$(archive_flag "$mode")
  one_start "$mode" ${EXTRA[$mode]} >/dev/null   # warm the page cache; not counted
done
# round robin over the modes, so that a change in the machine's load hits them all alike
for _ in $(seq "$RUNS"); do
  for mode in "${MODES[@]}"; do TIMES[$mode]+="$(one_start "$mode" ${EXTRA[$mode]}) "; done
done
printf '%-12s %10s %8s %8s   %s\n' mode median_ms min_ms max_ms runs_ms
for mode in "${MODES[@]}"; do
  sorted=($(printf '%s\n' ${TIMES[$mode]} | sort -n))
  printf '%-12s %10s %8s %8s   %s\n' "$mode" "${sorted[$(( RUNS / 2 ))]}" "${sorted[0]}" "${sorted[$(( RUNS - 1 ))]}" "${TIMES[$mode]}"
done
echo "# load at the end: $(cut -d' ' -f1 /proc/loadavg)"
