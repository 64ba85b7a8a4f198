#!/usr/bin/env bash
# Starts geo-api on :8081 and geo-frontend on :8082 on this machine, without Redis, until Ctrl-C.
set -euo pipefail

API_PORT="${API_PORT:-8081}"
FRONTEND_PORT="${FRONTEND_PORT:-8082}"
API_ADMIN_PORT="${API_ADMIN_PORT:-9081}"
FRONTEND_ADMIN_PORT="${FRONTEND_ADMIN_PORT:-9082}"
PIDS=()

usage() {
  cat <<'USAGE'
Usage: scripts/run-local.sh
       API_KEY=<your ipgeolocation.io key> scripts/run-local.sh

Fetches the offline database if it is missing (scripts/fetch-geodb.sh), builds geo if needed, and starts,
in the foreground until Ctrl-C:
  geo-api       on http://localhost:8081   (try: curl localhost:8081/8.8.8.8)
  geo-frontend  on http://localhost:8082   (open it in a browser)
and their admin ports (/health, /ready with details, /metrics) on 9081 and 9082. No Redis is needed.
Without a key, geo-api answers from the offline database, which needs no cache (every answer is a MISS,
read from the database); with one, from ipgeolocation.io through an in-memory cache, falling back to the
database when it fails.

Settings (environment variables):
  API_KEY         the ipgeolocation.io API key (or API_KEY_FILE, or the AWS Secrets Manager variables)
  API_PORT        geo-api's port (default 8081)
  FRONTEND_PORT   geo-frontend's port (default 8082)
  API_ADMIN_PORT, FRONTEND_ADMIN_PORT   their admin ports (default 9081, 9082)
  REDIS_HOST      cache in this Redis instead of in memory
  GEO_AOT=off     start both services without their ahead-of-time caches (on JDK 25+ each is trained once per
                  build, by scripts/train-aot.sh; geo-api's about halves the time to its first answer, and
                  geo-frontend's keeps its classes out of its own memory)
Any other geo-api setting (see README.md) is passed on as well.
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
stop_services() {
  stop_pids "${PIDS[@]}"
}

build_if_needed() {
  local jar newest
  for jar in api/target/geo-api.jar frontend/target/geo-frontend.jar; do
    newest=$(find pom.xml common api frontend -newer "$jar" -type f \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print -quit 2>/dev/null || true)
    if [[ ! -f "$jar" || -n "$newest" ]]; then
      log "building the jars (mvn package, tests skipped)"
      maven -q package -DskipTests
      return
    fi
  done
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  cd "$root"
  use_jdk_21_or_newer
  require_command mvn "install Maven 3.8 or newer (Debian/Ubuntu: apt-get install maven)"
  require_command curl "apt-get install curl"
  if [[ -z "${GEO_DB:-}" && "${PROVIDER:-auto}" != ipgeolocation ]]; then
    "$root/scripts/fetch-geodb.sh"
  fi
  build_if_needed

  trap stop_services EXIT
  trap 'exit 130' INT TERM
  launch_geo api - APP_PORT="$API_PORT" ADMIN_PORT="$API_ADMIN_PORT"
  PIDS+=("$LAUNCHED_PID")
  wait_for_url "http://127.0.0.1:$API_ADMIN_PORT/health"
  launch_geo frontend - APP_PORT="$FRONTEND_PORT" ADMIN_PORT="$FRONTEND_ADMIN_PORT" API_SERVER=localhost \
    API_SERVER_PORT="$API_PORT"
  PIDS+=("$LAUNCHED_PID")
  wait_for_url "http://127.0.0.1:$FRONTEND_ADMIN_PORT/health"
  log "geo-api:      http://localhost:$API_PORT/8.8.8.8"
  log "geo-frontend: http://localhost:$FRONTEND_PORT/"
  log "metrics:      http://localhost:$API_ADMIN_PORT/metrics and http://localhost:$FRONTEND_ADMIN_PORT/metrics"
  log "Ctrl-C stops both."
  wait -n "${PIDS[@]}"
  die "a service stopped; see its log lines above"
}

main "$@"
