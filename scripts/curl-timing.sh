#!/usr/bin/env bash
# Calls each route once with curl and prints curl's own total time next to who answered.
set -euo pipefail

usage() { echo "usage: scripts/curl-timing.sh [BASE_URL]   (default http://127.0.0.1:8080)" >&2; exit 2; }
[[ $# -le 1 ]] || usage
BASE="${1:-http://127.0.0.1:8080}"
[[ "$BASE" == http://* || "$BASE" == https://* ]] || usage

field() { grep -o "\"$1\":\"[^\"]*\"" <<<"$2" | head -1 | cut -d'"' -f4; }

printf '%-14s %6s %12s  %-36s %s\n' route status "time_total" app_instance_id thread
for route in say-hi fast-run slow-run standard-run; do
  body_file="$(mktemp)"
  if ! timing="$(curl -sS --max-time 120 -o "$body_file" -w '%{http_code} %{time_total}' "$BASE/$route")"; then
    rm -f "$body_file"
    echo "curl could not reach $BASE/$route; is the server running? (scripts/run-server.sh)" >&2
    exit 1
  fi
  body="$(cat "$body_file")"
  rm -f "$body_file"
  printf '%-14s %6s %11ss  %-36s %s\n' "$route" "${timing% *}" "${timing#* }" "$(field app_instance_id "$body")" "$(field thread "$body")"
done
