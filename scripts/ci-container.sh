#!/usr/bin/env bash
# Usage: scripts/ci-container.sh
#
# CI's proof that the Dockerfile builds and the container serves: builds the fat jar when it is
# missing, then hands over to CI's container smoke test, which builds the unmodified Dockerfile
# with podman, runs the container in its own network namespace and waits for HTTP 200 on /health.
# Prints PASS or FAIL; exit 0 / 1. Needs root, podman, and the smoke test's directory in
# SHARED_DIR (CI provides it; to try the image by hand, see docs/container-and-cloud-run.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

lab_no_arguments "$@"
cd "$LAB_ROOT"
SHARED_DIR=${SHARED_DIR:-../shared}
SMOKE="$SHARED_DIR/container/container-smoke.sh"
[[ -f $SMOKE ]] || { echo "$LAB_NAME: no container smoke test at $SMOKE (set SHARED_DIR)" >&2; exit 3; }
lab_jar
export SMOKE_PATH=${SMOKE_PATH:-/health}
export SMOKE_NET=${SMOKE_NET:-private}
exec bash "$SMOKE" .
