#!/usr/bin/env bash
# Runs every test of geo: unit tests and integration tests against real servers (Redis, geo-api, geo-frontend)
# on loopback ports, geo-edge (HAProxy) in front of them, and browser tests of the web page in headless Chromium.
# Needs a JDK 21+, Maven 3.8+, redis-server, haproxy, chromium and chromium-driver.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/test.sh [MAVEN_ARGS...]

Fetches the offline database into data/ if it is not there (scripts/fetch-geodb.sh, with npm), then
builds geo and runs all its tests (mvn verify). Extra arguments go to Maven, e.g.
  scripts/test.sh -pl api -am -Dtest=GeoApiTest -Dsurefire.failIfNoSpecifiedTests=false

Needs: a JDK 21 or newer (found through JAVA_HOME, javac on PATH or /usr/lib/jvm), Maven 3.8+,
redis-server (the tests start real Redis servers), haproxy (geo-edge), Chromium and ChromeDriver (the browser
tests; /usr/bin/chromium and /usr/bin/chromedriver, or CHROMIUM and CHROMEDRIVER set to them), and npm the first
time (for the database).
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
  # Debian puts HAProxy in /usr/sbin, which is not on every user's PATH; the tests look there too.
  command -v haproxy >/dev/null 2>&1 || [[ -x /usr/sbin/haproxy ]] ||
    die "haproxy is needed but not installed: the tests run geo-edge (Debian/Ubuntu: apt-get install haproxy)"
  [[ -x "${CHROMIUM:-/usr/bin/chromium}" && -x "${CHROMEDRIVER:-/usr/bin/chromedriver}" ]] ||
    die "the browser tests need Chromium and ChromeDriver (Debian/Ubuntu: apt-get install chromium chromium-driver)"
  "$root/scripts/fetch-geodb.sh" --test-data
  cd "$root"
  maven verify "$@"
}

main "$@"
