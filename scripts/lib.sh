# shellcheck shell=bash
# The one library of the scripts in this directory; sourced, never run. It gives every script:
#   arguments   lab_help (the script's header comment is its usage), lab_usage_error, lab_unknown,
#               lab_no_arguments "$@" for a script whose settings are all environment variables
#   tools       lab_need TOOL [PACKAGE]: says which package is missing and exits 3; installs nothing
#   the jar     lab_jar: builds target/looplab.jar with Maven when it is missing; lab_bare_jar the
#               bare Vert.x reference of the benchmarks; lab_archive STEM [KEY], the class-data
#               archive that suits $JAVA (lab_java_feature: 17, 21, 25...)
#   servers     lab_start_server / lab_launch_server start `looplab server` on 127.0.0.1 and track
#               its pid; lab_track PID tracks any other process (haproxy); lab_stop PID...,
#               lab_stop_all; lab_wait_health URL SECONDS [PID] [LOG], the one way to wait for /health
#   ports       lab_port_free PORT, lab_require_free_port PORT [HOW], lab_free_port FROM [TO]
#   clean-up    on exit, Ctrl-C or TERM every tracked process is stopped (even when a kill fails,
#               even under set -e) and LAB_WORK, the script's scratch directory, is removed
#   small       lab_now_ms, lab_load_average, lab_cpu_ticks PID
# Exit codes of every script: 0 done, 1 failed, 2 usage error (one line), 3 a tool or the jar missing.

LAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB_NAME="$(basename "$0")"
JAR="${JAR:-$LAB_ROOT/target/looplab.jar}"
JAVA="${JAVA:-java}"
LAB_PIDS=()
LAB_JVM_FLAGS=()
LAB_LOG=""
LAB_URL=""
LAB_PID=""
LAB_PORT=""
LAB_WORK=""
# A small JVM that starts fast: the container image's flags (Dockerfile's ENTRYPOINT, less its
# exit-on-OOM and AOT cache), used by run-server.sh and cold-start.sh; docs/performance.md says why.
# shellcheck disable=SC2034 # read by the scripts that source this file
LAB_SMALL_JVM_FLAGS="-XX:+UseSerialGC -Xms16m -Xmx128m -Xss256k -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m \
-XX:TieredStopAtLevel=1 -XX:MaxDirectMemorySize=64m -Dio.netty.allocator.numHeapArenas=1 -Dio.netty.allocator.numDirectArenas=1"

# --- arguments ---------------------------------------------------------------------------------

# lab_help: prints the comment block at the top of the script (its usage) to stdout and exits 0.
lab_help() {
  awk 'NR == 1 && /^#!/ { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"
  exit 0
}

# lab_usage_error MESSAGE: one line on stderr, exit 2.
lab_usage_error() {
  echo "$LAB_NAME: $* (see --help)" >&2
  exit 2
}

# lab_unknown ARG: the answer to an argument the script does not know.
lab_unknown() { lab_usage_error "unknown argument '$1'"; }

# lab_no_arguments "$@": --help shows the usage; any other argument is a usage error.
lab_no_arguments() {
  local arg
  for arg in "$@"; do
    case $arg in
      -h|--help) lab_help ;;
      *) lab_unknown "$arg" ;;
    esac
  done
}

# lab_number NAME VALUE: VALUE must be a whole number, else a usage error naming NAME.
lab_number() { [[ ${2:-} =~ ^[0-9]+$ ]] || lab_usage_error "$1 needs a whole number, not '${2:-}'"; }

# --- tools and the jar --------------------------------------------------------------------------

# lab_need TOOL [PACKAGE]: exits 3 with one line naming the package when TOOL is not on the PATH.
lab_need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "$LAB_NAME: needs $1, which is not installed (package: ${2:-$1})" >&2
  exit 3
}

# lab_jar: makes sure $JAR exists, building it with Maven (tests skipped) when it is missing.
lab_jar() {
  [[ -f $JAR ]] && return 0
  lab_need mvn maven
  echo "$LAB_NAME: building $JAR (mvn -B -q package -DskipTests) ..." >&2
  (cd "$LAB_ROOT" && mvn -B -q package -DskipTests) >&2 || { echo "$LAB_NAME: the build failed" >&2; exit 1; }
}

# lab_java_feature: 17, 21, 25... of $JAVA, from the JDK's release file (starting a JVM to ask
# would cost a cold start), else from the JVM itself
lab_java_feature() {
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")")
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null || true)
  [[ -n $version ]] || version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "$version"
}

# lab_archive STEM [KEY]: the class-data archive for $JAVA, an AppCDS archive on JDK 17-24 and the
# AOT cache on 25+. Sets LAB_ARCHIVE, its file (STEM-jdkN[-KEY].jsa or .aot), LAB_ARCHIVE_MAKE, the
# flag a training run writes it with as it exits, and LAB_ARCHIVE_USE, the flag a start reads it with.
lab_archive() {
  local feature
  feature=$(lab_java_feature)
  if ((feature >= 25)); then
    LAB_ARCHIVE=$1-jdk$feature${2:+-$2}.aot; LAB_ARCHIVE_MAKE=-XX:AOTCacheOutput=$LAB_ARCHIVE; LAB_ARCHIVE_USE=-XX:AOTCache=$LAB_ARCHIVE
  else
    LAB_ARCHIVE=$1-jdk$feature${2:+-$2}.jsa; LAB_ARCHIVE_MAKE=-XX:ArchiveClassesAtExit=$LAB_ARCHIVE; LAB_ARCHIVE_USE=-XX:SharedArchiveFile=$LAB_ARCHIVE
  fi
}

# lab_bare_jar: makes sure target/bench/bare.jar, the bare Vert.x reference (scripts/BareSayHi.java,
# compiled against the lab jar's classes), exists and is newer than both; needs javac and jar.
lab_bare_jar() {
  local out=$LAB_ROOT/target/bench
  [[ $out/bare.jar -nt $LAB_ROOT/scripts/BareSayHi.java && $out/bare.jar -nt $JAR ]] && return 0
  mkdir -p "$out/classes"
  javac -d "$out/classes" -cp "$JAR" "$LAB_ROOT/scripts/BareSayHi.java"
  printf 'Main-Class: BareSayHi\nClass-Path: ../looplab.jar\n' >"$out/manifest.txt"
  jar cfm "$out/bare.jar" "$out/manifest.txt" -C "$out/classes" .
}

# --- ports --------------------------------------------------------------------------------------

# lab_port_free PORT: true when nothing accepts connections on 127.0.0.1:PORT.
lab_port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# lab_require_free_port PORT [HOW]: exits 1, naming PORT and HOW to choose another (default
# "with PORT=..."), when something already listens on it.
lab_require_free_port() {
  lab_port_free "$1" && return 0
  echo "$LAB_NAME: port $1 is in use (choose another ${2:-with PORT=...})" >&2
  exit 1
}

# lab_free_port FROM [TO]: prints the first free port in FROM..TO (default FROM..FROM+99).
lab_free_port() {
  local port
  for ((port = $1; port <= ${2:-$(($1 + 99))}; port++)); do
    lab_port_free "$port" && { echo "$port"; return 0; }
  done
  echo "$LAB_NAME: no free port in $1..${2:-$(($1 + 99))}" >&2
  return 1
}

# --- servers ------------------------------------------------------------------------------------

lab_work_dir() {
  [[ -n $LAB_WORK ]] || LAB_WORK="$(mktemp -d "${TMPDIR:-/tmp}/looplab-${LAB_NAME%.*}.XXXXXX")"
}

# lab_track PID: stop PID when the script ends.
lab_track() { LAB_PIDS+=("$1"); }

# lab_launch_server PORT [SERVER OPTION...]: starts `looplab server` on 127.0.0.1:PORT in the
# background (JVM flags from the array LAB_JVM_FLAGS), tracked, log in $LAB_WORK/server-PORT.log.
# Sets LAB_PID and LAB_LOG. Does not wait.
lab_launch_server() {
  local port=$1; shift
  lab_work_dir
  LAB_LOG="$LAB_WORK/server-$port.log"
  "$JAVA" "${LAB_JVM_FLAGS[@]}" -jar "$JAR" server --host 127.0.0.1 --port "$port" "$@" >"$LAB_LOG" 2>&1 &
  LAB_PID=$!
  lab_track "$LAB_PID"
}

# lab_start_server PORT [SERVER OPTION...]: lab_launch_server, then waits (60 s at most) for /health.
# PORT 0 lets the server pick a free port (read from its INFO "listening on" line). Sets LAB_PID, LAB_PORT and LAB_URL; exits 1 when the
# server does not come up (its log is shown).
lab_start_server() {
  lab_launch_server "$@"
  LAB_PORT=$1
  if [[ $LAB_PORT == 0 ]]; then
    local _
    for _ in $(seq 600); do
      LAB_PORT=$(sed -n 's|.* listening on http://[^:]*:\([0-9]*\) .*|\1|p' "$LAB_LOG" | head -1)
      [[ -n $LAB_PORT ]] && break
      kill -0 "$LAB_PID" 2>/dev/null || break
      sleep 0.1
    done
    [[ -n $LAB_PORT ]] || { cat "$LAB_LOG" >&2; echo "$LAB_NAME: the server did not say its port" >&2; exit 1; }
  fi
  LAB_URL="http://127.0.0.1:$LAB_PORT"
  lab_wait_health "$LAB_URL" 60 "$LAB_PID" "$LAB_LOG" || exit 1
}

# lab_health_ok URL: true when URL/health answers 200 (curl when present, else bash's /dev/tcp).
lab_health_ok() {
  if command -v curl >/dev/null 2>&1; then
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$1/health" 2>/dev/null) == 200 ]]
    return
  fi
  local hostport=${1#*://} status
  hostport=${hostport%%/*}
  { exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}"; } 2>/dev/null || return 1
  printf 'GET /health HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$hostport" >&3
  read -r -t 2 _ status _ <&3 || true
  exec 3<&-
  [[ $status == 200 ]]
}

# lab_wait_health URL SECONDS [PID] [LOG]: the one way to wait for a server: until URL/health
# answers 200, at most SECONDS; gives up at once when PID has exited. On failure: the end of LOG,
# one line, return 1. Polls every LAB_POLL_S seconds (default 0.1).
lab_wait_health() {
  local url=$1 deadline=$((SECONDS + $2)) pid=${3:-} log=${4:-}
  until lab_health_ok "$url"; do
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      [[ -n $log ]] && tail -20 "$log" >&2
      echo "$LAB_NAME: the server for $url exited before answering /health" >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      [[ -n $log ]] && tail -20 "$log" >&2
      echo "$LAB_NAME: no answer from $url/health within $2 s" >&2
      return 1
    fi
    sleep "${LAB_POLL_S:-0.1}"
  done
}

# lab_stop PID...: SIGTERM, then up to LAB_STOP_S seconds (default 15) to drain, then SIGKILL.
# Never fails, whatever state the processes are in; forgets them.
lab_stop() {
  local pid deadline=$((SECONDS + ${LAB_STOP_S:-15})) left kept=()
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  for left in "${LAB_PIDS[@]}"; do
    [[ " $* " == *" $left "* ]] || kept+=("$left")
  done
  LAB_PIDS=("${kept[@]}")
  return 0
}

# lab_stop_all: stops every process the script started and tracked.
lab_stop_all() { lab_stop "${LAB_PIDS[@]}"; }

# lab_on_exit COMMAND: runs COMMAND (a function name, say) at clean-up, before the processes are stopped.
LAB_ON_EXIT=()
lab_on_exit() { LAB_ON_EXIT+=("$1"); }

lab_cleanup() {
  set +e
  local hook
  for hook in "${LAB_ON_EXIT[@]}"; do "$hook"; done
  lab_stop_all
  [[ -n $LAB_WORK ]] && rm -rf "$LAB_WORK"
  return 0
}
lab_exit() {
  local status=$?
  trap - EXIT
  lab_cleanup
  exit "$status"
}
trap lab_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- small helpers ------------------------------------------------------------------------------

lab_now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# the 1-minute load average: timings on a machine busy with other work run long, so say how busy it was
lab_load_average() { cut -d' ' -f1 /proc/loadavg; }

# lab_cpu_ticks PID: the CPU time PID has used so far (utime + stime from /proc/PID/stat), in clock
# ticks (getconf CLK_TCK a second, 100 on Linux); 0 once it is gone
lab_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
