#!/usr/bin/env bash
# Runs every test of geo: unit tests and integration tests against real servers (Redis, geo-api, geo-frontend)
# on loopback ports. Needs a JDK 21+, Maven 3.8+ and redis-server.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/test.sh [MAVEN_ARGS...]

Builds geo and runs all its tests (mvn verify). Extra arguments go to Maven, e.g.
  scripts/test.sh -pl api -am -Dtest=GeoApiTest -Dsurefire.failIfNoSpecifiedTests=false

Needs: a JDK 21 or newer (found through JAVA_HOME, javac on PATH or /usr/lib/jvm), Maven 3.8+,
and redis-server on PATH (the tests start real Redis servers).
USAGE
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
  use_jdk_21_or_newer
  require_command mvn "install Maven 3.8 or newer (Debian/Ubuntu: apt-get install maven)"
  require_command redis-server "the tests run a real Redis (Debian/Ubuntu: apt-get install redis-server)"
  cd "$root"
  mvn -B verify "$@"
}

main "$@"
