#!/usr/bin/env bash
# Builds geo's images with the Docker daemon of DOCKER_HOST and measures them: each image's size and its layers'
# (the base, the Java runtime, the jar, the database, the training run's cache and tables), and geo-api's first
# answer after its process starts in a container (PROVIDER=database, the Swarm memory limit), with and without the
# ahead-of-time cache. Writes bench/images.md (OUTPUT=file for another), which bench/run.sh puts into BENCHMARKS.md.
set -euo pipefail

RUNS="${RUNS:-5}"
OUTPUT="${OUTPUT:-}"
API_MEMORY="${API_MEMORY:-256M}"
CONTAINERS=()

usage() {
  cat <<USAGE
Usage: bench/images.sh [--help]

Needs Docker, the base images the Dockerfiles name (or e2e/stand-in-images.sh's stand-ins), the jars (mvn package)
and the offline database (scripts/fetch-geodb.sh). Starts geo-api $RUNS times with each setting, on the host's
network on a free port, and writes the medians. Settings: RUNS, API_MEMORY.
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [[ ${#CONTAINERS[@]} -eq 0 ]] || docker rm -f "${CONTAINERS[@]}" >/dev/null 2>&1 || true
}

# Milliseconds from the start of the container's first process to geo-api's first answer, from /proc; with
# arguments, java runs with them in place of the image's ENTRYPOINT.
first_answer_ms() {
  local image="$1" port name pid started ticks boot entrypoint=()
  shift
  [[ $# -eq 0 ]] || entrypoint=(--entrypoint java)
  port=$(free_port)
  name="geo-images-$port"
  CONTAINERS+=("$name")
  docker run -d --name "$name" --network host -m "$API_MEMORY" -e APP_PORT="$port" -e ADMIN_PORT="$(free_port)" \
    -e PROVIDER=database "${entrypoint[@]}" "$image" "$@" >/dev/null
  until curl -sf -o /dev/null "http://127.0.0.1:$port/8.8.8.8"; do
    sleep 0.005
  done
  started=$(date +%s%N)
  pid=$(docker inspect --format '{{.State.Pid}}' "$name")
  ticks=$(awk '{ print $22 }' "/proc/$pid/stat")
  boot=$(awk '/^btime/ { print $2 }' /proc/stat)
  docker rm -f "$name" >/dev/null
  awk -v now="$started" -v boot="$boot" -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "%.0f\n", now / 1e6 - (boot * 1000 + ticks * 1000 / hz) }'
}

median_of_runs() {
  for _ in $(seq 1 "$RUNS"); do
    first_answer_ms "$@"
  done | median
}

# The size of the layer whose command mentions the pattern.
layer() {
  docker history --human=false --no-trunc --format '{{.Size}} {{.CreatedBy}}' "$1" | grep -F -- "$2" | head -n 1 | cut -d' ' -f1
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root api frontend base database with without
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  OUTPUT="${OUTPUT:-$root/bench/images.md}"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  require_command docker "apt-get install docker.io"
  require_command curl "apt-get install curl"
  trap cleanup EXIT
  docker build -q -f "$root/Dockerfile.api" -t geo-api:images "$root" >/dev/null
  docker build -q -f "$root/Dockerfile.frontend" -t geo-frontend:images "$root" >/dev/null
  api=$(docker image inspect --format '{{.Size}}' geo-api:images)
  frontend=$(docker image inspect --format '{{.Size}}' geo-frontend:images)
  base=$(docker image inspect --format '{{.Size}}' debian:bookworm-slim)
  database=$(layer geo-api:images 'COPY multi:')
  with=$(median_of_runs geo-api:images)
  without=$(median_of_runs geo-api:images @/opt/geo/jvm.options -jar /opt/geo/geo-api.jar)
  log "geo-api $(mb "$api"), geo-frontend $(mb "$frontend") on $(mb "$base"); first answer $with ms (without the cache $without ms)"
  cat >"$OUTPUT" <<REPORT

## Images

Written by \`bench/images.sh\` on $(date -u +%Y-%m-%d), with the Docker daemon's base images$(
    [[ "$(docker image inspect --format '{{.Comment}}' debian:bookworm-slim)" == *Imported* ]] && printf ' (here the stand-ins of e2e/stand-in-images.sh, whose Debian is a larger minbase with Redis, HAProxy and the registry: the real debian:bookworm-slim is about 75 MB)'
  ).

| | Size | Goal |
|---|---|---|
| base image (debian:bookworm-slim) | $(mb "$base") | |
| geo-api image | $(mb "$api") | ≤ 90 MB + database: $(mb "$((api - base - database))") above its base without the database, **not met** |
| - Java runtime (jlink) | $(mb "$(layer geo-api:images 'COPY dir:')") | |
| - geo-api.jar | $(mb "$(layer geo-api:images 'in /opt/geo/geo-api.jar')") | |
| - database files (city, ASN) | $(mb "$database") | |
| - training run: ahead-of-time cache and ASN tables | $(mb "$(layer geo-api:images 'AOTCacheOutput')") | |
| geo-frontend image | $(mb "$frontend") | ≤ 90 MB: $(mb "$((frontend - base))") above its base, **not met** with a 75 MB base |
| - Java runtime (jlink) | $(mb "$(layer geo-frontend:images 'COPY dir:')") | |
| - geo-frontend.jar | $(mb "$(layer geo-frontend:images 'in /opt/geo/geo-frontend.jar')") | |

geo-api's first answer after its process starts in a container (\`-m $API_MEMORY\`, PROVIDER=database, median of
$RUNS): **$with ms** with the ahead-of-time cache, $without ms without it (goal ≤ 400 ms: $( [[ "$with" -le 400 ]] && printf 'met' || printf '**not met**')).
REPORT
  log "wrote $OUTPUT"
}

main "$@"
