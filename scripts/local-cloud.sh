#!/usr/bin/env bash
# Usage: scripts/local-cloud.sh start|stop|status|burst  —  a local model of Cloud Run's instances x concurrency
#
#   local-cloud.sh start [--instances K] [--concurrency C] [--queue Q] [--ttl S] [-- SERVER_OPTIONS...]
#       starts K server processes (each its own JVM, so its own app_instance_id) on 127.0.0.1,
#       and HAProxy in front on --port (default 18500) with `maxconn C` per server: at most C requests
#       in an instance at once, like Cloud Run's concurrency; the rest wait in HAProxy's queue,
#       and when Q are already waiting the next one gets 429 at once. Everything stops by itself
#       after --ttl seconds (default 900).
#   local-cloud.sh status           instances, their ids and 429 counts; HAProxy's queue and sessions
#   local-cloud.sh burst ROUTE N    N concurrent curls to ROUTE through the front; status codes,
#                                   calls per app_instance_id and the wall time
#   local-cloud.sh stop             stops everything start started (recorded pids only)
#
# Defaults are the lesson's: 3 instances x 5 concurrency, queue 20, task 2000 ms.
# It models: a fixed pool of warm instances, per-instance concurrency, a bounded queue in front,
# 429s when it is full, and least-connections routing. It does not model: cold starts, scaling
# from 0 to K and back, per-instance CPU limits (all JVMs share this machine's cores), request
# timeouts of the platform, or the network between client and cloud.
# Ports: front 18500, instances 18501.., HAProxy stats page 18598 (127.0.0.1 only).
# Needs: a JDK 17+, haproxy, curl. start takes about 5 s; a burst of /slow-run takes a few task times.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB_ROOT"

STATE=target/local-cloud
die() { lab_usage_error "$@"; }
is_running() { [ -f "$STATE/pids" ] && while read -r _ pid; do kill -0 "$pid" 2>/dev/null && return 0; done <"$STATE/pids"; return 1; }
conf() { sed -n "s/^$1=//p" "$STATE/settings" 2>/dev/null; }

start() {
  local K=3 C=5 Q=20 FRONT=18500 TTL=900
  while [ $# -gt 0 ]; do
    case $1 in
      -h|--help) lab_help ;;
      --instances) K=$2; shift 2 ;;
      --concurrency) C=$2; shift 2 ;;
      --queue) Q=$2; shift 2 ;;
      --port) FRONT=$2; shift 2 ;;
      --ttl) TTL=$2; shift 2 ;;
      --) shift; break ;;
      *) lab_unknown "$1" ;;
    esac
  done
  for v in K C Q FRONT TTL; do [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, not '${!v}'"; done
  { [ "$K" -ge 1 ] && [ "$K" -le 20 ]; } || die "--instances must be 1..20"
  [ "$C" -ge 1 ] || die "--concurrency must be at least 1"
  { [ "$TTL" -ge 1 ] && [ "$TTL" -le 7200 ]; } || die "--ttl must be 1..7200 seconds"
  lab_need haproxy
  lab_need curl
  lab_jar
  is_running && die "already running (local-cloud.sh stop first)"
  for p in "$FRONT" $(seq $((FRONT + 1)) $((FRONT + K))) $((FRONT + 98)); do
    lab_port_free "$p" || die "port $p is in use"
  done
  rm -rf "$STATE"; mkdir -p "$STATE"
  printf 'instances=%s\nconcurrency=%s\nqueue=%s\nfront=%s\n' "$K" "$C" "$Q" "$FRONT" >"$STATE/settings"
  : >"$STATE/pids"
  trap 'echo "local-cloud: start failed; stopping what was started" >&2; stop >/dev/null 2>&1' ERR

  local i port pid servers=""
  for i in $(seq "$K"); do
    port=$((FRONT + i))
    "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx256m -jar "$JAR" server --host 127.0.0.1 --port "$port" --instances 1 "$@" \
      >"$STATE/instance-$i.log" 2>&1 &
    echo "instance-$i $!" >>"$STATE/pids"
    servers+="  server instance-$i 127.0.0.1:$port maxconn $C"$'\n'
  done
  for i in $(seq "$K"); do lab_wait_health "http://127.0.0.1:$((FRONT + i))" 30 "" "$STATE/instance-$i.log"; done

  cat >"$STATE/haproxy.cfg" <<CFG
global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  # a request may wait this long in the queue; after it, HAProxy answers 503
  timeout queue 60s
frontend cloud
  bind 127.0.0.1:$FRONT
  default_backend instances
backend instances
  # the lesson's instances x concurrency: each server takes at most C requests at once (maxconn),
  # the rest wait in the queue; once Q wait, the next one is refused at once, as Cloud Run does
  http-request return status 429 content-type application/json hdr Retry-After 1 string '{"error":"too_many_requests","detail":"all $K instances are serving $C requests each and $Q more are waiting"}' if { queue(instances) ge $Q }
  balance leastconn
$servers
listen stats
  bind 127.0.0.1:$((FRONT + 98))
  stats enable
  stats uri /
CFG
  haproxy -c -q -f "$STATE/haproxy.cfg" || die "haproxy rejected $STATE/haproxy.cfg"
  haproxy -f "$STATE/haproxy.cfg" -db >"$STATE/haproxy.log" 2>&1 &
  echo "haproxy $!" >>"$STATE/pids"
  lab_wait_health "http://127.0.0.1:$FRONT" 30 "" "$STATE/haproxy.log"

  # the bound: everything stops after TTL seconds even if nobody calls stop
  setsid bash "$0" stop --after "$TTL" >/dev/null 2>&1 </dev/null &
  echo "watchdog $!" >>"$STATE/pids"
  trap - ERR
  echo "local cloud: http://127.0.0.1:$FRONT  ($K instances x concurrency $C, queue $Q, 429 beyond; stops by itself in ${TTL}s)"
  echo "stats: http://127.0.0.1:$((FRONT + 98))/   logs: $STATE/"
}

stop() {
  if [ "${1:-}" = --after ]; then sleep "$2"; fi
  [ -f "$STATE/pids" ] || { echo "local cloud: not running"; return 0; }
  local name pid stopped=0
  while read -r name pid; do
    [ "$name" = watchdog ] && { [ "$pid" = "$PPID" ] || [ "$pid" = "$$" ]; } && continue   # the watchdog is stopping us
    if [ "$name" = watchdog ]; then kill -TERM -- "-$pid" 2>/dev/null || true; continue; fi   # its whole group: bash and its sleep
    if kill -TERM "$pid" 2>/dev/null; then stopped=$((stopped + 1)); fi
  done <"$STATE/pids"
  # the servers drain (up to their grace period), then exit; anything left after 15 s is killed
  local deadline=$(( $(date +%s) + 15 ))
  while read -r name pid; do
    [ "$name" = watchdog ] && continue
    while kill -0 "$pid" 2>/dev/null; do
      [ "$(date +%s)" -ge $deadline ] && { kill -KILL "$pid" 2>/dev/null; break; }
      sleep 0.1
    done
  done <"$STATE/pids"
  rm -f "$STATE/pids"
  echo "local cloud: stopped $stopped process(es)"
}

status() {
  is_running || { echo "local cloud: not running"; return 0; }
  local K FRONT i
  K=$(conf instances); FRONT=$(conf front)
  echo "front http://127.0.0.1:$FRONT: $K instances x concurrency $(conf concurrency), queue $(conf queue)"
  for i in $(seq "$K"); do
    curl -s --max-time 2 "http://127.0.0.1:$((FRONT + i))/info" \
      | sed -E 's/.*"app_instance_id":"([^"]*)".*"too_many_requests":([0-9]+).*/'"instance-$i"' id=\1 429s_from_server=\2/' || echo "instance-$i: no answer"
    echo
  done
  # HAProxy's own view: sessions now/max/total, queue now/max, 4xx answers
  curl -s --max-time 2 "http://127.0.0.1:$((FRONT + 98))/;csv" | awk -F, '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    $1 == "cloud" || $1 == "instances" {
      printf "%-9s %-10s sessions now %s max %s total %s  queue now %s max %s  4xx %s\n", $1, $col["svname"], $col["scur"], $col["smax"], $col["stot"], $col["qcur"], $col["qmax"], $col["hrsp_4xx"] }'
}

burst() { # ROUTE N
  if ! { [ $# = 2 ] && [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -ge 1 ] && [ "$2" -le 500 ]; }; then
    die "burst expects ROUTE N (N 1..500), e.g. burst /slow-run 25"
  fi
  is_running || die "not running (local-cloud.sh start first)"
  local url out t0 t1
  url="http://127.0.0.1:$(conf front)$1"; out=$(mktemp)
  t0=$(date +%s%N)
  seq "$2" | xargs -P "$2" -I{} curl -s --max-time 120 -o >(cat >>"$out.bodies") -w '%{http_code} %{time_total}\n' "$url" >"$out" || true
  t1=$(date +%s%N)
  sleep 0.2   # the process substitutions may still be writing bodies
  echo "$2 concurrent GET $1: wall $(( (t1 - t0) / 1000000 )) ms"
  echo "status codes:"; cut -d' ' -f1 "$out" | sort | uniq -c | sed 's/^/  /'
  echo "latency s (min / median / max): $(cut -d' ' -f2 "$out" | sort -n | awk '{a[NR]=$1} END {print a[1], "/", a[int((NR+1)/2)], "/", a[NR]}')"
  echo "answered by app_instance_id:"; grep -o '"app_instance_id":"[^"]*"' "$out.bodies" | cut -d'"' -f4 | sort | uniq -c | sed 's/^/  /' || echo "  (none)"
  rm -f "$out" "$out.bodies"
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  status) status ;;
  burst) shift; burst "$@" ;;
  -h|--help) lab_help ;;
  "") die "needs a command: start, stop, status or burst" ;;
  *) lab_unknown "$1" ;;
esac
