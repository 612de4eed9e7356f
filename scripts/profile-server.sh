#!/usr/bin/env bash
# Usage: scripts/profile-server.sh [--bare] [--warm S] [--seconds S] [--port P]
#
# Where a /say-hi request's time goes, from a CPU profiler (async-profiler) attached to the running
# server: the lab (java -jar target/looplab.jar, its defaults), or with --bare the bare Vert.x
# reference of scripts/bench-server.sh. The server runs pinned to core 0, wrk -t1 -c64 to core 1.
# After W s of load (the JIT's warm-up) the profiler samples the server's CPU every 200 us for S s,
# while a second wrk run counts the requests served meanwhile, so every figure is per request:
# the event loop's time (user space, kernel), the other threads', and the 20 frames that hold the
# loop most. Writes a flame graph (an HTML page to open in a browser) and the collapsed stacks to
# target/profile/lab.html and lab.collapsed (bare.* with --bare).
#
#   --bare       profile the bare reference instead of the lab
#   --warm S     seconds of load before the profiler starts, 1..120 (default 15); the loaded
#                profiler slows the JIT's warm-up several times over, so the first seconds' figures
#                say little about an unprofiled start (scripts/bench-server.sh measures those)
#   --seconds S  seconds profiled, 1..60 (default 10)
#   --port P     the server's port (default 19420)
# The profiler's library is loaded, idle, when the server starts (-agentpath), and started after
# the warm-up through the JDK's attach API.
# Needs: a JDK 17+ with javac and jar, Maven (fetches tools.profiler:async-profiler 4.1 into ~/.m2
# once), wrk, curl, taskset, 2 cores, Linux on x86-64. 127.0.0.1 only; bounded (warm + seconds +
# 60 s at most).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

MODE=lab; WARM=15; PROFILED=10; PORT=19420
while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) lab_help ;;
    --bare) MODE=bare; shift ;;
    --warm) lab_number --warm "${2:-}"; ((${2} >= 1 && ${2} <= 120)) || lab_usage_error "--warm must be 1..120"
      WARM=$2; shift 2 ;;
    --seconds) lab_number --seconds "${2:-}"; ((${2} >= 1 && ${2} <= 60)) || lab_usage_error "--seconds must be 1..60"
      PROFILED=$2; shift 2 ;;
    --port) lab_number --port "${2:-}"; PORT=$2; shift 2 ;;
    *) lab_unknown "$1" ;;
  esac
done
for tool in wrk curl taskset javac jar mvn; do lab_need "$tool"; done
(($(nproc --all) >= 2)) || { echo "$LAB_NAME: needs 2 cores" >&2; exit 1; }
[[ $(uname -m) == x86_64 ]] || { echo "$LAB_NAME: needs Linux on x86-64 (the profiler's library)" >&2; exit 1; }
lab_require_free_port "$PORT" "--port"
cd "$LAB_ROOT"
lab_jar
OUT=target/profile
mkdir -p "$OUT/classes"

# the profiler: the native library inside its Maven jar, and a few lines of Java that load it into a running JVM
VERSION=4.1
PROFILER_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar
[[ -f $PROFILER_JAR ]] || mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$VERSION" -Dtransitive=false >&2 \
  || { echo "$LAB_NAME: could not fetch tools.profiler:async-profiler:$VERSION with Maven" >&2; exit 1; }
LIB=$LAB_ROOT/$OUT/linux-x64/libasyncProfiler.so
[[ -f $LIB ]] || (cd "$OUT" && jar xf "$PROFILER_JAR" linux-x64/libasyncProfiler.so)
printf '%s\n' 'public class Attach { public static void main(String[] a) throws Exception {' \
  '  var vm = com.sun.tools.attach.VirtualMachine.attach(a[0]); vm.loadAgentPath(a[1], a[2]); vm.detach(); } }' \
  >"$OUT/Attach.java"
[[ $OUT/classes/Attach.class -nt $OUT/Attach.java ]] || javac -d "$OUT/classes" "$OUT/Attach.java"
profiler() { taskset -c 1 "$JAVA" -cp "$OUT/classes" Attach "$PID" "$LIB" "$1"; }

# the library is loaded (idle) at start: loaded later, it would make the JVM throw away and redo
# its compiled code while the profile runs (C2 busy for seconds, the loop slower than unprofiled)
AGENT=-agentpath:$LIB
if [[ $MODE == bare ]]; then
  lab_bare_jar
  taskset -c 0 "$JAVA" "$AGENT" -jar target/bench/bare.jar "$PORT" >"$OUT/$MODE.log" 2>&1 &
else
  taskset -c 0 "$JAVA" "$AGENT" -jar "$JAR" server --port "$PORT" >"$OUT/$MODE.log" 2>&1 &
fi
PID=$!
lab_track "$PID"
URL="http://127.0.0.1:$PORT/say-hi"
for _ in $(seq 300); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$URL" 2>/dev/null) == 200 ]] && break
  kill -0 "$PID" 2>/dev/null || { tail -20 "$OUT/$MODE.log" >&2; echo "$LAB_NAME: the server exited" >&2; exit 1; }
  sleep 0.1
done

echo "# $MODE: $("$JAVA" -version 2>&1 | head -1); ${WARM} s of load, then ${PROFILED} s profiled; server on core 0, wrk -t1 -c64 on core 1"
taskset -c 1 wrk -t1 -c64 -d"${WARM}s" "$URL" >/dev/null
profiler "start,event=cpu,interval=200us,threads"
taskset -c 1 wrk -t1 -c64 -d"${PROFILED}s" "$URL" >"$OUT/wrk.txt"
profiler "dump,collapsed,file=$LAB_ROOT/$OUT/$MODE.collapsed"
profiler "stop,file=$LAB_ROOT/$OUT/$MODE.html"
lab_stop "$PID"

REQUESTS=$(awk '/requests in/ { print $1 }' "$OUT/wrk.txt")
awk -v n="$REQUESTS" -v per=200 -v secs="$PROFILED" '
  { k = split($0, f, ";"); samples = f[k]; sub(/.* /, "", samples); sub(/ [0-9]+$/, "", f[k])
    if (f[1] ~ /eventloop/) {
      loop += samples; if (f[k] ~ /_\[k\]$/) kernel += samples; self[f[k]] += samples
    } else { other += samples } }
  END {
    us = per / n
    printf "%d requests in %d s (%.0f req/s)\n", n, secs, n / secs
    printf "event loop, us per request:  %.2f  (user space %.2f, kernel %.2f)\n", loop * us, (loop - kernel) * us, kernel * us
    printf "other threads, us per request: %.2f  (compiler, GC, the lab'\''s own threads)\n", other * us
    print "\nthe event loop'\''s frames with most time of their own, us per request:"
    for (frame in self) printf "%8.3f  %s\n", self[frame] * us, frame | "sort -rn | head -20"
  }' "$OUT/$MODE.collapsed"
echo
echo "flame graph: $OUT/$MODE.html   collapsed stacks: $OUT/$MODE.collapsed"
