#!/usr/bin/env bash
# Makes local stand-ins for the public base images geo uses, for machines without a container registry:
# eclipse-temurin:25-jre, redis:7 and haproxy:2.6, from one Debian root file system (debootstrap) with a JRE made
# by jlink from the local JDK. The real Dockerfile.api and Dockerfile.frontend then build unchanged, since
# `docker build` uses a local image before trying to pull one.
set -euo pipefail

SUITE="bookworm"
TEMURIN_IMAGE="eclipse-temurin:25-jre"
REDIS_IMAGE="redis:7"
HAPROXY_IMAGE="haproxy:2.6"
# The JRE's modules: Java SE, and the JDK modules that a Temurin JRE has and geo needs (HTTP server, locales for
# currency symbols, EC crypto for TLS to ipgeolocation.io and AWS).
JRE_MODULES="java.se,jdk.httpserver,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.naming.dns,jdk.net,jdk.management,jdk.localedata"
CACHE="${GEO_E2E_CACHE:-/var/cache/geo-e2e}"
WORK=""

usage() {
  cat <<USAGE
Usage: e2e/stand-in-images.sh

Imports into the Docker daemon of DOCKER_HOST (default: the local one):
  $TEMURIN_IMAGE   Debian $SUITE with a jlink-made JRE of the local JDK 21+ in /opt/java/openjdk
  $REDIS_IMAGE          the same root file system, running Debian's redis-server
  $HAPROXY_IMAGE        the same root file system, running Debian's haproxy
The root file system is cached in $CACHE (GEO_E2E_CACHE=...). Needs root, debootstrap and docker.
The Debian mirror is read from the machine's apt sources.
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [[ -n "$WORK" && -d "$WORK" ]] && rm -rf "$WORK"
}

debian_mirror() {
  local mirror
  mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v security | head -n 1 || true)
  if [[ -z "$mirror" ]]; then
    mirror=$(sed -n 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\(http[^ ]*\) .*/\2/p' /etc/apt/sources.list 2>/dev/null \
      | grep -v security | head -n 1 || true)
  fi
  [[ -n "$mirror" ]] || die "no Debian mirror found in /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list"
  printf '%s' "$mirror"
}

# The root file system as a tarball, made once and cached: debootstrap takes about 40 s.
root_filesystem() {
  local tarball="$CACHE/debian-$SUITE-geo.tar" rootfs
  if [[ -s "$tarball" ]]; then
    printf '%s' "$tarball"
    return
  fi
  require_command debootstrap "apt-get install debootstrap"
  mkdir -p "$CACHE"
  rootfs="$WORK/rootfs"
  log "debootstrap $SUITE (minbase, with redis-server and haproxy) from $(debian_mirror)"
  debootstrap --variant=minbase --include=redis-server,haproxy,ca-certificates "$SUITE" "$rootfs" \
    "$(debian_mirror)" >"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  log "adding a JRE made with jlink from $JAVA_HOME"
  mkdir -p "$rootfs/opt/java"
  "$JAVA_HOME/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --output "$rootfs/opt/java/openjdk"
  rm -rf "$rootfs/var/cache/apt/archives"/*.deb "$rootfs/var/lib/apt/lists"/*
  tar -C "$rootfs" -cf "$tarball.tmp" .
  mv -f "$tarball.tmp" "$tarball"
  printf '%s' "$tarball"
}

import_as() {
  local tarball="$1" image="$2"
  shift 2
  docker import "$@" "$tarball" "$image" >/dev/null
  log "imported $image"
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root tarball path
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  [[ "$(id -u)" -eq 0 ]] || die "debootstrap needs root"
  require_command docker "apt-get install docker.io"
  use_jdk_21_or_newer
  WORK=$(mktemp -d)
  trap cleanup EXIT
  tarball=$(root_filesystem)
  path="/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  import_as "$tarball" "$TEMURIN_IMAGE" --change "ENV JAVA_HOME=/opt/java/openjdk" --change "ENV PATH=$path" \
    --change 'CMD ["jshell"]'
  import_as "$tarball" "$REDIS_IMAGE" --change "ENV PATH=$path" --change 'EXPOSE 6379' \
    --change 'CMD ["redis-server", "--protected-mode", "no"]'
  import_as "$tarball" "$HAPROXY_IMAGE" --change "ENV PATH=$path" \
    --change 'CMD ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]'
}

main "$@"
