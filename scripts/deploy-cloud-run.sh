#!/usr/bin/env bash
# Usage: scripts/deploy-cloud-run.sh [--dry-run]
#
# Builds the image, pushes it to Artifact Registry and deploys it to Cloud Run with the lesson's
# settings: 0 to 3 instances, at most 5 requests at once per instance, port 8080, open to everyone.
# --dry-run prints the exact commands, one a line, and runs none of them.
#
# Every setting is an environment variable:
#   PROJECT_ID      Google Cloud project (default: gcloud's configured project)
#   REGION          europe-west1            REPOSITORY   looplab (Artifact Registry, Docker format)
#   SERVICE         looplab                 IMAGE_TAG    the git commit, else "latest"
#   MIN_INSTANCES   0                       MAX_INSTANCES 3
#   CONCURRENCY     5 (Cloud Run's maximum requests per container)
#   PORT            8080                    CPU 1        MEMORY 512Mi
#   TASK_MS         2000 (the server's task time, LOOPLAB_TASK_MS)
#   ALLOW_UNAUTHENTICATED 1 (0: only authenticated callers)
#   CPU_BOOST       1 (extra CPU while an instance starts: shorter cold starts; 0 to turn off)
#   DOCKER          docker (or podman)
# Needs: gcloud (logged in) and docker or podman, except for --dry-run. Takes a few minutes.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$LAB_ROOT"

die() { echo "deploy-cloud-run: $*" >&2; exit 2; }
DRY_RUN=0
for arg in "$@"; do
  case $arg in
    --dry-run) DRY_RUN=1 ;;
    -h|--help) lab_help ;;
    *) lab_unknown "$arg" ;;
  esac
done

REGION=${REGION:-europe-west1}
REPOSITORY=${REPOSITORY:-looplab}
SERVICE=${SERVICE:-looplab}
MIN_INSTANCES=${MIN_INSTANCES:-0}
MAX_INSTANCES=${MAX_INSTANCES:-3}
CONCURRENCY=${CONCURRENCY:-5}
PORT=${PORT:-8080}
CPU=${CPU:-1}
MEMORY=${MEMORY:-512Mi}
TASK_MS=${TASK_MS:-2000}
ALLOW_UNAUTHENTICATED=${ALLOW_UNAUTHENTICATED:-1}
CPU_BOOST=${CPU_BOOST:-1}
DOCKER=${DOCKER:-docker}
IMAGE_TAG=${IMAGE_TAG:-$(git rev-parse --short HEAD 2>/dev/null || echo latest)}

is_int() { [[ $1 =~ ^[0-9]+$ ]]; }
for v in MIN_INSTANCES MAX_INSTANCES CONCURRENCY PORT TASK_MS; do is_int "${!v}" || die "$v must be a whole number, not '${!v}'"; done
[ "$MIN_INSTANCES" -le "$MAX_INSTANCES" ] || die "MIN_INSTANCES ($MIN_INSTANCES) is above MAX_INSTANCES ($MAX_INSTANCES)"
[ "$MAX_INSTANCES" -ge 1 ] || die "MAX_INSTANCES must be at least 1"
{ [ "$CONCURRENCY" -ge 1 ] && [ "$CONCURRENCY" -le 1000 ]; } || die "CONCURRENCY must be 1..1000 (Cloud Run's range), not $CONCURRENCY"
{ [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ]; } || die "PORT must be 1..65535, not $PORT"
[[ $IMAGE_TAG =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "IMAGE_TAG '$IMAGE_TAG' is not a valid image tag"
[[ $SERVICE =~ ^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$ ]] || die "SERVICE '$SERVICE' is not a valid Cloud Run service name"

if [ $DRY_RUN = 0 ]; then
  lab_need gcloud google-cloud-cli
  lab_need "$DOCKER"
fi
if [ -z "${PROJECT_ID:-}" ]; then
  PROJECT_ID=$( (command -v gcloud >/dev/null && gcloud config get-value project 2>/dev/null) || true)
  [ -n "$PROJECT_ID" ] || die "set PROJECT_ID (no project configured in gcloud)"
fi

REGISTRY=$REGION-docker.pkg.dev
IMAGE=$REGISTRY/$PROJECT_ID/$REPOSITORY/$SERVICE:$IMAGE_TAG

run() { # prints the command in a form a shell can take back; runs it unless --dry-run
  if [ $DRY_RUN = 1 ]; then printf '%q ' "$@" | sed 's/ $//'; echo; else "$@"; fi
}

if [ $DRY_RUN = 1 ]; then
  echo "# only if repository $REPOSITORY does not exist yet in $REGION:"
  run gcloud artifacts repositories create "$REPOSITORY" --project="$PROJECT_ID" --location="$REGION" --repository-format=docker
elif ! gcloud artifacts repositories describe "$REPOSITORY" --project="$PROJECT_ID" --location="$REGION" >/dev/null 2>&1; then
  run gcloud artifacts repositories create "$REPOSITORY" --project="$PROJECT_ID" --location="$REGION" --repository-format=docker
fi
run gcloud auth configure-docker "$REGISTRY" --quiet
run "$DOCKER" build --platform=linux/amd64 -t "$IMAGE" .
run "$DOCKER" push "$IMAGE"

deploy=(gcloud run deploy "$SERVICE" --project="$PROJECT_ID" --region="$REGION" --image="$IMAGE"
  --port="$PORT" --concurrency="$CONCURRENCY" --min-instances="$MIN_INSTANCES" --max-instances="$MAX_INSTANCES"
  --cpu="$CPU" --memory="$MEMORY" --set-env-vars="LOOPLAB_TASK_MS=$TASK_MS")
[ "$CPU_BOOST" = 1 ] && deploy+=(--cpu-boost) || deploy+=(--no-cpu-boost)
[ "$ALLOW_UNAUTHENTICATED" = 1 ] && deploy+=(--allow-unauthenticated) || deploy+=(--no-allow-unauthenticated)
run "${deploy[@]}"
run gcloud run services describe "$SERVICE" --project="$PROJECT_ID" --region="$REGION" --format='value(status.url)'
