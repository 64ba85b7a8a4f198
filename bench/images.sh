#!/usr/bin/env bash
# Builds geo's images with the Docker daemon of DOCKER_HOST and measures them: each image's size and its layers'
# (the system files, the Java runtime, the jar, the database, the training run's cache and tables), geo-api's first
# answer after its process starts in a container (PROVIDER=database, the Swarm memory limit) with and without the
# ahead-of-time cache, against the bare JDK server's (bench/Ceiling.java) in the same runtime, and the CPU time of
# one health check in each image. Writes bench/images.md (OUTPUT=file for another), which bench/run.sh puts into
# BENCHMARKS.md.
set -euo pipefail

RUNS="${RUNS:-7}"
CHECKS="${CHECKS:-10}"
OUTPUT="${OUTPUT:-}"
API_MEMORY="${API_MEMORY:-256M}"
FRONTEND_MEMORY="${FRONTEND_MEMORY:-128M}"

usage() {
  cat <<USAGE
Usage: bench/images.sh [--help]

Needs Docker, the base images the Dockerfiles name (or e2e/stand-in-images.sh's stand-ins), the jars (mvn package)
and the offline database (scripts/fetch-geodb.sh). Starts geo-api with and without its cache and the bare server
$RUNS times each, in turns, on the host's network on a free port, and writes the medians; runs each image's
HEALTHCHECK command $CHECKS times in a container.
Settings: RUNS, CHECKS, API_MEMORY, FRONTEND_MEMORY.
USAGE
}

# Found by name: start_container runs in command substitutions, whose variables this shell never sees.
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local containers=()
  mapfile -t containers < <(docker ps -aq --filter name=geo-images- 2>/dev/null)
  [[ ${#containers[@]} -eq 0 ]] || docker rm -f "${containers[@]}" >/dev/null 2>&1 || true
}

# Starts a container of the image on the host's network, without its health check, and prints its name; APP_PORT
# is the name's number. Arguments after the image: options for docker run, then "--", then java's in place of the
# image's ENTRYPOINT (none: the image's own), where {port} stands for APP_PORT.
start_container() {
  local image="$1" port admin_port name options=() entrypoint=()
  shift
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    options+=("$1")
    shift
  done
  [[ $# -eq 0 ]] || shift
  [[ $# -eq 0 ]] || entrypoint=(--entrypoint java)
  free_port port
  free_port admin_port
  name="geo-images-$port"
  docker run -d --name "$name" --network host --no-healthcheck -e APP_PORT="$port" -e ADMIN_PORT="$admin_port" \
    "${options[@]}" "${entrypoint[@]}" "$image" "${@//\{port\}/$port}" >/dev/null
  printf '%s' "$name"
}

# Milliseconds from the start of the container's first process to the first answer to GET /8.8.8.8, from /proc, and
# from java's own start (the JVM logs it: Docker's runc prepares the container in that process before it runs java).
# Arguments after the image: as start_container's, after geo-api's settings. Prints "process java".
first_answer_ms() {
  local image="$1" name port pid java_start
  shift
  name=$(start_container "$image" -m "$API_MEMORY" -e PROVIDER=database \
    -e JAVA_TOOL_OPTIONS=-Xlog:startuptime:stdout:time,uptimemillis "$@")
  port="${name##*-}"
  wait_first_answer "$port" /8.8.8.8
  pid=$(docker inspect --format '{{.State.Pid}}' "$name")
  # "[2026-12-02T06:30:01.123+0000][104ms] Create VM, ...": the JVM started 104 ms before that time.
  java_start=$(docker logs "$name" 2>&1 | sed -n 's/^\[\([^]]*\)\]\[\([0-9]*\)ms\] Create VM.*/\1 \2/p' | head -n 1 \
    | { read -r time uptime; printf '%s' "$(($(date -d "$time" +%s%3N) - uptime))"; })
  printf '%s %s\n' "$((ANSWERED_UPTIME_MS - $(process_start_ms "$pid")))" "$((ANSWERED_MS - java_start))"
  docker rm -f "$name" >/dev/null
}

# The CPU time the container's processes have used, in nanoseconds, from its cgroup (version 1 or 2).
container_cpu_ns() {
  local pid path mount
  pid=$(docker inspect --format '{{.State.Pid}}' "$1")
  path=$(awk -F: '$1 == "0" { print $3 }' "/proc/$pid/cgroup")
  if [[ -n "$path" && -r "/sys/fs/cgroup$path/cpu.stat" ]]; then
    awk '$1 == "usage_usec" { print $2 * 1000 }' "/sys/fs/cgroup$path/cpu.stat"
  else
    path=$(awk -F: '$2 ~ /(^|,)cpuacct(,|$)/ { print $3 }' "/proc/$pid/cgroup")
    for mount in /sys/fs/cgroup/cpu,cpuacct /sys/fs/cgroup/cpuacct; do
      [[ -r "$mount$path/cpuacct.usage" ]] && cat "$mount$path/cpuacct.usage" && return
    done
    die "no CPU accounting for container $1 in /sys/fs/cgroup"
  fi
}

# Milliseconds of CPU one run of the image's HEALTHCHECK command takes, in a container of the image that is up and
# idle: the container's CPU time over $CHECKS checks, less what it used idle over as long a time after them.
# Arguments after the image: options for docker run.
health_check_cpu_ms() {
  local image="$1" name check idle_ns probe_ns start end
  shift
  # The command's words after "CMD", each ended by a NUL.
  mapfile -d '' check < <(docker image inspect "$image" \
    --format '{{range $i, $word := .Config.Healthcheck.Test}}{{if $i}}{{$word}}{{"\x00"}}{{end}}{{end}}')
  name=$(start_container "$image" "$@")
  wait_for_url "http://127.0.0.1:${name##*-}/ready" 60
  # geo-api warms its country data up 3 s after starting: past that, the service idles.
  sleep 5
  start=$(date +%s%N)
  probe_ns=$(container_cpu_ns "$name")
  for _ in $(seq 1 "$CHECKS"); do
    docker exec "$name" "${check[@]}"
  done
  probe_ns=$(($(container_cpu_ns "$name") - probe_ns))
  end=$(date +%s%N)
  idle_ns=$(container_cpu_ns "$name")
  sleep "$(awk -v ns="$((end - start))" 'BEGIN { printf "%.3f", ns / 1e9 }')"
  idle_ns=$(($(container_cpu_ns "$name") - idle_ns))
  docker rm -f "$name" >/dev/null
  awk -v probe="$probe_ns" -v idle="$idle_ns" -v n="$CHECKS" 'BEGIN { printf "%.0f\n", (probe - idle) / n / 1e6 }'
}

# geo-api's starts with and without its cache and the bare server's (bench/Ceiling.java, compiled into CLASSES), one
# of each in turn, $RUNS times: this machine's speed drifts from minute to minute, and turns share the drift out.
# Prints the medians of first_answer_ms's two figures, "process java", for each of the three, one line each.
start_ups_in_turns() {
  local classes="$1" starts=() kind column
  for _ in $(seq 1 "$RUNS"); do
    starts+=("with $(first_answer_ms geo-api:images)")
    starts+=("without $(first_answer_ms geo-api:images -- @/opt/geo/jvm.options -jar /opt/geo/geo-api.jar)")
    starts+=("ceiling $(first_answer_ms geo-api:images -v "$classes:/bench:ro" -- -cp /bench Ceiling '{port}' 600)")
  done
  for kind in with without ceiling; do
    for column in 2 3; do
      printf '%s\n' "${starts[@]}" | awk -v kind="$kind" -v column="$column" '$1 == kind { print $column }' | median
    done | paste -sd' '
  done
}

# The size of the image's layer that copied into the folder or file $2.
layer() {
  docker history --human=false --no-trunc --format '{{.Size}} {{.CreatedBy}}' "$1" | grep -E -- " in $2 *\$" \
    | head -n 1 | cut -d' ' -f1
}

# "met" or "**not met**": whether $1 <= $2.
verdict() {
  if [[ "$1" -le "$2" ]]; then printf 'met'; else printf '**not met**'; fi
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root api frontend database tables bare with without with_java without_java ceiling ceiling_java classes
  local api_check frontend_check
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  OUTPUT="${OUTPUT:-$root/bench/images.md}"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  require_command docker "apt-get install docker.io"
  require_command curl "apt-get install curl"
  use_jdk_21_or_newer
  trap cleanup EXIT
  # The baseline runs in the image's own runtime: compiled for the oldest JDK geo supports, readable by its user.
  classes=$(mktemp -d)
  chmod 755 "$classes"
  "$JAVA_HOME/bin/javac" --release 21 -d "$classes" "$root/bench/Ceiling.java"
  docker build -q -f "$root/Dockerfile.api" -t geo-api:images "$root" >/dev/null
  docker build -q -f "$root/Dockerfile.frontend" -t geo-frontend:images "$root" >/dev/null
  api=$(docker image inspect --format '{{.Size}}' geo-api:images)
  frontend=$(docker image inspect --format '{{.Size}}' geo-frontend:images)
  database=$(layer geo-api:images /opt/geo/data/)
  tables=$(layer geo-api:images /var/lib/geo/)
  bare=$((api - database - tables))
  {
    read -r with with_java
    read -r without without_java
    read -r ceiling ceiling_java
  } < <(start_ups_in_turns "$classes")
  rm -rf "$classes"
  api_check=$(health_check_cpu_ms geo-api:images -m "$API_MEMORY" -e PROVIDER=database)
  frontend_check=$(health_check_cpu_ms geo-frontend:images -m "$FRONTEND_MEMORY" -e API_SERVER=127.0.0.1)
  log "geo-api $(mb "$api") ($(mb "$bare") without its database files), geo-frontend $(mb "$frontend"); first answer $with ms, $with_java ms from java's start (without the cache $without ms, $without_java ms; the bare server $ceiling ms, $ceiling_java ms); a health check $api_check / $frontend_check ms of CPU"
  cat >"$OUTPUT" <<REPORT

## Images

Written by \`bench/images.sh\` on $(date -u +%Y-%m-%d). Both images are built FROM scratch: the C library and the
loader from debian:bookworm-slim, the Java runtime from eclipse-temurin:25-jdk's jlink$(
    [[ "$(docker image inspect --format '{{.Comment}}' debian:bookworm-slim)" == *Imported* ]] && printf ' (here the stand-ins of e2e/stand-in-images.sh)'
  ); no package manager, no programs but java and bash.

| | Size | Goal |
|---|---|---|
| geo-api image | $(mb "$api") | ≤ 90 MB + database files: $(mb "$bare") without them, $(verdict "$bare" 90000000) |
| - system files (C library, loader, bash, /tmp, the user geo) | $(mb "$(layer geo-api:images /)") | |
| - Java runtime (jlink, shared with geo-frontend) | $(mb "$(layer geo-api:images /opt/java)") | |
| - geo-api.jar | $(mb "$(layer geo-api:images /opt/geo/geo-api.jar)") | |
| - ahead-of-time cache (training run) | $(mb "$(layer geo-api:images /opt/geo/aot/)") | |
| - database files: city and ASN data | $(mb "$database") | |
| - database files: ASN tables kept by the training run | $(mb "$tables") | |
| geo-frontend image | $(mb "$frontend") | ≤ 90 MB: $(verdict "$frontend" 90000000) |
| - system files | $(mb "$(layer geo-frontend:images /)") | |
| - Java runtime (jlink) | $(mb "$(layer geo-frontend:images /opt/java)") | |
| - geo-frontend.jar | $(mb "$(layer geo-frontend:images /opt/geo/geo-frontend.jar)") | |
| - ahead-of-time cache (training run) | $(mb "$(layer geo-frontend:images /opt/geo/aot/)") | |

geo-api's first answer in a container (\`-m $API_MEMORY\`, PROVIDER=database, median of $RUNS starts in turns;
asked every 5 ms by bash alone, so that no curl process takes CPU from the start), with the ahead-of-time cache:
**$with ms** after the container's process starts, **$with_java ms** after java starts in it (Docker's runc
prepares the container in that process first); without the cache $without ms and $without_java ms. The baseline,
in the same runs: the bare JDK server (bench/Ceiling.java, a fixed answer) in a container of the same image and
limit answered after $ceiling ms and $ceiling_java ms; geo-api took $(ratio "$with" "$ceiling") times as long. The
bare server has no cache of its own on that runtime, which has no class-data archive of the JDK's (the JDK's own is
15 MB); geo-api's cache holds the JDK's classes it uses as well as its own. Goal ≤ 400 ms:
$(verdict "$with" 400) from the process's start, $(verdict "$with_java" 400) from java's.

A health check (the images' HEALTHCHECK: bash asks /ready, every 5 s) costs $api_check ms of CPU in geo-api's
container and $frontend_check ms in geo-frontend's: mean of $CHECKS, less the idle service's own, with the service's
answer and Docker's exec (a JVM running a Java probe in its place took 140-180 ms and 40 MB).
REPORT
  log "wrote $OUTPUT"
}

main "$@"
