#!/usr/bin/env bash
# cold-start.sh [--runs N] [--port P] [--jar JAR] [MODE...]
#
# Measures cold start the way a platform that scales from zero sees it: the time from spawning
# `java -jar looplab.jar` to the first HTTP 200 from /health, as the median (and min/max) of N runs.
#
# MODE (default: all that the JDK supports):
#   plain    no archive of our own (the JDK's default CDS archive only)
#   appcds   a dynamic AppCDS archive of the app's classes (-XX:SharedArchiveFile; JDK 13+)
#   aot      the JDK 25 AOT cache: classes loaded and linked ahead of time, plus method profiles
#            (-XX:AOTCache; JEP 483/514/515)
# Archives are made once per JDK with scripts/train-cds.sh into target/cold-start/.
#
# Environment: JAVA (default: java on PATH), JAVA_FLAGS (default: the container's flags, below).
# Bounded: each start is killed after 30 s; 127.0.0.1 only; port 18590 by default.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=7; PORT=18590; JAR=target/looplab.jar; MODES=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) RUNS=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --jar) JAR=$2; shift 2 ;;
    plain|appcds|aot) MODES+=("$1"); shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "cold-start: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $RUNS =~ ^[1-9][0-9]?$ ]] || { echo "cold-start: --runs must be 1..99" >&2; exit 2; }
[ -f "$JAR" ] || { echo "cold-start: no $JAR; run 'mvn -B -q package -DskipTests' first" >&2; exit 2; }
command -v curl >/dev/null || { echo "cold-start: needs curl" >&2; exit 2; }
JAVA=${JAVA:-java}
# the same flags as the Dockerfile's ENTRYPOINT
read -r -a FLAGS <<<"${JAVA_FLAGS--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAMPercentage=75}"
feature=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
[ ${#MODES[@]} -gt 0 ] || { MODES=(plain appcds); [ "$feature" -ge 25 ] && MODES+=(aot); }
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then echo "cold-start: port $PORT is busy" >&2; exit 2; fi

DIR=target/cold-start; mkdir -p "$DIR"
archive_flag() { # MODE -> the flag that uses its archive, making the archive first if needed
  local file
  case $1 in
    plain) return ;;
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
trap '[ -n "$PID" ] && kill -9 "$PID" 2>/dev/null; true' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
one_start() { # prints ms from spawn to the first 200 on /health
  local t0 deadline extra=("$@")
  t0=$(now_ms); deadline=$(( t0 + 30000 ))
  "$JAVA" "${FLAGS[@]}" "${extra[@]}" -jar "$JAR" server --host 127.0.0.1 --port "$PORT" >"$DIR/last-run.log" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health" 2>/dev/null)" = 200 ]; do
    if ! kill -0 "$PID" 2>/dev/null || [ "$(now_ms)" -gt $deadline ]; then
      kill -9 "$PID" 2>/dev/null; cat "$DIR/last-run.log" >&2; echo "cold-start: no 200 from /health" >&2; exit 1
    fi
    sleep 0.005
  done
  echo $(( $(now_ms) - t0 ))
  kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
}

echo "# $("$JAVA" -version 2>&1 | head -1); flags: ${FLAGS[*]}; $RUNS runs per mode; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-8s %10s %8s %8s   %s\n' mode median_ms min_ms max_ms runs_ms
for mode in "${MODES[@]}"; do
  flag=$(archive_flag "$mode")
  extra=(); [ -n "$flag" ] && extra=("$flag")
  one_start "${extra[@]}" >/dev/null   # warm the page cache; not counted
  times=(); for _ in $(seq "$RUNS"); do times+=("$(one_start "${extra[@]}")"); done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-8s %10s %8s %8s   %s\n' "$mode" "${sorted[$(( RUNS / 2 ))]}" "${sorted[0]}" "${sorted[$(( RUNS - 1 ))]}" "${times[*]}"
done
