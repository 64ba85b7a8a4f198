#!/usr/bin/env bash
# Regenerates geo-api's country metadata (api/src/main/resources/geo/api/database/countries.tsv) from the npm
# package countries-list and the IANA tz database's zone.tab, with the currency symbols from the JDK. The output is
# committed; run this to update it (again after a JDK update, whose locale data may change a symbol).
set -euo pipefail

COUNTRIES_LIST_VERSION="3.4.1"
ZONE_TAB="${ZONE_TAB:-/usr/share/zoneinfo/zone.tab}"
WORK=""

usage() {
  cat <<'USAGE'
Usage: scripts/generate-country-data.sh

Rewrites api/src/main/resources/geo/api/database/countries.tsv from countries-list (npm) and zone.tab
(Debian/Ubuntu package tzdata; another file with ZONE_TAB=...). Needs node, npm and a JDK 21 or newer.
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [[ -n "$WORK" && -d "$WORK" ]] && rm -rf "$WORK"
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root output
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  require_command npm "install Node.js with npm (Debian/Ubuntu: apt-get install npm)"
  require_command node "install Node.js"
  [[ -r "$ZONE_TAB" ]] || die "$ZONE_TAB not found: install tzdata, or point ZONE_TAB at a zone.tab"
  WORK=$(mktemp -d)
  trap cleanup EXIT
  (cd "$WORK" && npm pack --silent "countries-list@$COUNTRIES_LIST_VERSION" >/dev/null)
  tar -xzf "$WORK"/*.tgz -C "$WORK"
  output="$root/api/src/main/resources/geo/api/database/countries.tsv"
  mkdir -p "$(dirname "$output")"
  use_jdk_21_or_newer
  node "$root/scripts/country-data.mjs" "$WORK/package" "$ZONE_TAB" --languages \
    | java "$root/scripts/CurrencySymbols.java" > "$WORK/symbols"
  node "$root/scripts/country-data.mjs" "$WORK/package" "$ZONE_TAB" "$WORK/symbols" > "$output.tmp"
  mv -f "$output.tmp" "$output"
  log "wrote $output ($(wc -c < "$output") bytes)"
}

main "$@"
