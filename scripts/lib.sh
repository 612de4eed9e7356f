# Shared by the scripts in this directory; sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/target/looplab.jar"

# Builds the fat jar when it is missing.
ensure_jar() {
  if [[ ! -f "$JAR" ]]; then
    echo "building $JAR ..." >&2
    (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
  fi
}

# The server a script started itself (empty when it uses one already running); stop_server ends it.
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

# wait_for_health URL SECONDS: waits until URL/health answers, at most SECONDS.
wait_for_health() {
  local url="$1" deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null --max-time 1 "$url/health" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "no answer from $url/health after $2 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# port_of URL: the port of an http URL (80 when none is given).
port_of() {
  local hostport="${1#*://}"
  hostport="${hostport%%/*}"
  if [[ "$hostport" == *:* ]]; then echo "${hostport##*:}"; else echo 80; fi
}
