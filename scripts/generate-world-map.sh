#!/usr/bin/env bash
# Regenerates geo-frontend's world map (frontend/src/main/resources/geo/frontend/world-land.path) from Natural
# Earth's 1:110m land data in the npm package world-atlas. The output is committed; run this to update it.
set -euo pipefail

WORLD_ATLAS_VERSION="2.0.2"
TOPOJSON_CLIENT_VERSION="3.1.0"
WORK=""

usage() {
  cat <<'USAGE'
Usage: scripts/generate-world-map.sh

Rewrites frontend/src/main/resources/geo/frontend/world-land.path (SVG path data of the land, equirectangular,
2 units per degree) from world-atlas (Natural Earth, public domain) read with topojson-client. Needs node and npm.
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
  WORK=$(mktemp -d)
  trap cleanup EXIT
  (cd "$WORK" && npm install --silent --no-save --no-package-lock --ignore-scripts \
    "world-atlas@$WORLD_ATLAS_VERSION" "topojson-client@$TOPOJSON_CLIENT_VERSION" >/dev/null)
  output="$root/frontend/src/main/resources/geo/frontend/world-land.path"
  node "$root/scripts/world-map.mjs" "$WORK/node_modules" > "$output.tmp"
  mv -f "$output.tmp" "$output"
  log "wrote $output ($(wc -c < "$output") bytes)"
}

main "$@"
