#!/usr/bin/env bash
# Fuzzes geo-api's address parser with Jazzer (coverage-guided) for a bounded time: 60 s, set in
# IpAddressFuzzTest. A finding fails the run and leaves the crashing input under api/src/test/resources.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/fuzz.sh

Runs IpAddressFuzzTest in Jazzer's fuzzing mode (JAZZER_FUZZ=1) for 60 s. A plain `mvn test` (scripts/test.sh)
runs it once and replays the failing inputs Jazzer saved, if any, in
api/src/test/resources/geo/api/address/IpAddressFuzzTestInputs/. Needs a JDK 21+ and Maven.
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
  cd "$root"
  JAZZER_FUZZ=1 mvn -B -pl api -am test -Dtest=IpAddressFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
}

main "$@"
