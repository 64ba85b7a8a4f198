#!/usr/bin/env bash
# Fuzzes what geo reads from strangers with Jazzer (coverage-guided), each target for a bounded time (60 s, set in
# the test): the address parser, and what a visitor types into geo-frontend. A finding fails the run and leaves the
# crashing input under the module's src/test/resources.
set -euo pipefail

# Each target as MODULE:TEST. Jazzer fuzzes one test per run.
TARGETS=(common:IpAddressFuzzTest frontend:VisitorInputFuzzTest)

usage() {
  cat <<'USAGE'
Usage: scripts/fuzz.sh

Runs each fuzz test in Jazzer's fuzzing mode (JAZZER_FUZZ=1) for 60 s, one after the other:
  IpAddressFuzzTest       the address parser: any text parses to a stable canonical address or is refused
  VisitorInputFuzzTest    whatever a visitor types into geo-frontend reaches geo-api only as address look-ups
A plain `mvn test` (scripts/test.sh) runs each once and replays the failing inputs Jazzer saved, if any, in
<module>/src/test/resources/geo/<package>/<Test>Inputs/. Needs a JDK 21+ and Maven.
USAGE
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root target
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  use_jdk_21_or_newer
  require_command mvn "install Maven 3.8 or newer (Debian/Ubuntu: apt-get install maven)"
  cd "$root"
  for target in "${TARGETS[@]}"; do
    log "fuzzing ${target#*:}"
    JAZZER_FUZZ=1 maven -pl "${target%%:*}" -am test -Dtest="${target#*:}" -Dsurefire.failIfNoSpecifiedTests=false
  done
}

main "$@"
