#!/usr/bin/env bash
# Usage: scripts/curl-timing.sh [BASE_URL]
#
# Calls each route of the first lesson once (say-hi, fast-run, slow-run, standard-run) with curl and
# prints curl's own total time beside who answered (app_instance_id, thread). BASE_URL defaults to
# http://127.0.0.1:8080; start a server first (scripts/run-server.sh). Takes about 3 task times.
# Needs: curl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

BASE="http://127.0.0.1:8080"
case ${1:-} in
  -h|--help) lab_help ;;
  http://*|https://*) BASE=$1; [[ $# -eq 1 ]] || lab_unknown "$2" ;;
  "") ;;
  *) lab_unknown "$1" ;;
esac
lab_need curl

field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -1 | cut -d'"' -f4; }

printf '%-14s %6s %12s  %-36s %s\n' route status "time_total" app_instance_id thread
lab_work_dir
for route in say-hi fast-run slow-run standard-run; do
  if ! timing="$(curl -sS --max-time 120 -o "$LAB_WORK/body" -w '%{http_code} %{time_total}' "$BASE/$route")"; then
    echo "$LAB_NAME: curl could not reach $BASE/$route; is the server running? (scripts/run-server.sh)" >&2
    exit 1
  fi
  body="$(cat "$LAB_WORK/body")"
  printf '%-14s %6s %11ss  %-36s %s\n' "$route" "${timing% *}" "${timing#* }" "$(field app_instance_id "$body")" "$(field thread "$body")"
done
