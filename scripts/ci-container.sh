#!/usr/bin/env bash
# ci-container.sh: CI proof that the Dockerfile builds and the container serves.
#
# Builds the fat jar if it is missing (container-smoke.sh insists on one), then runs the shared
# smoke test: it builds the unmodified Dockerfile with podman and local Debian base images, runs
# the container and waits for HTTP 200 on /health. Needs root. Prints PASS or FAIL; exit 0 / 1.
#
# SMOKE_NET=private (default here): the container gets its own network namespace, so the probe
# never clashes with anything else listening on 127.0.0.1:8080 of a shared machine.
# SHARED_DIR: where shared/ is (default ../shared, beside the repo clone, as in CI).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED_DIR=${SHARED_DIR:-../shared}
[ -f "$SHARED_DIR/container/container-smoke.sh" ] || { echo "ci-container: no $SHARED_DIR/container/container-smoke.sh" >&2; exit 2; }
[ -f target/looplab.jar ] || mvn -B -q package -DskipTests
export SMOKE_PATH=${SMOKE_PATH:-/health}
export SMOKE_NET=${SMOKE_NET:-private}
exec bash "$SHARED_DIR/container/container-smoke.sh" .
