#!/usr/bin/env bash
# Makes local stand-ins for the public images geo uses, for machines without access to Docker Hub:
# eclipse-temurin:25-jdk, debian:bookworm-slim, redis:7, haproxy:2.6 and registry:2, from one Debian root file system
# (debootstrap) and the local JDK. The real Dockerfile.api and Dockerfile.frontend then build unchanged, since
# `docker build` uses a local image before trying to pull one.
set -euo pipefail

SUITE="bookworm"
TEMURIN_IMAGE="eclipse-temurin:25-jdk"
DEBIAN_IMAGE="debian:bookworm-slim"
REDIS_IMAGE="redis:7"
HAPROXY_IMAGE="haproxy:2.6"
REGISTRY_IMAGE="registry:2"
# The recipe's version: a cached root file system made by another recipe is made again.
RECIPE="5"
CACHE="${GEO_E2E_CACHE:-/var/cache/geo-e2e}"
WORK=""

usage() {
  cat <<USAGE
Usage: e2e/stand-in-images.sh [IMAGE...]

Imports into the Docker daemon of DOCKER_HOST (default: the local one) the images named, or all of them:
  $TEMURIN_IMAGE   Debian $SUITE with the local JDK 25+ in /opt/java/openjdk and binutils (the Dockerfiles'
                   jlink stage)
  $DEBIAN_IMAGE  Debian $SUITE (minbase: bash, groupadd and useradd are there, as in the real slim image)
  $REDIS_IMAGE          the same root file system, running Debian's redis-server
  $HAPROXY_IMAGE        the same root file system, running Debian's haproxy
  $REGISTRY_IMAGE       the same root file system, running Debian's docker-registry (the Docker registry 2.8) on
                   port 5000, storing in /var/lib/registry, as the official image does
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
  local tarball="$CACHE/debian-$SUITE-geo-$RECIPE.tar" rootfs
  if [[ -s "$tarball" ]]; then
    printf '%s' "$tarball"
    return
  fi
  require_command debootstrap "apt-get install debootstrap"
  mkdir -p "$CACHE"
  rootfs="$WORK/rootfs"
  log "debootstrap $SUITE (minbase, with redis-server, haproxy, docker-registry and binutils) from $(debian_mirror)"
  # binutils: the Temurin JDK images have it, for jlink's objcopy and the Dockerfiles' strip.
  debootstrap --variant=minbase --include=redis-server,haproxy,docker-registry,ca-certificates,binutils "$SUITE" "$rootfs" \
    "$(debian_mirror)" >"$WORK/debootstrap.log" 2>&1 || { tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  # The registry as the official image runs it: no authentication, its data in /var/lib/registry.
  mkdir -p "$rootfs/var/lib/registry"
  cat >"$rootfs/etc/docker/registry/config.yml" <<'CONFIG'
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
CONFIG
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

# The root file system with the local JDK in /opt/java/openjdk, as the Temurin image has it: the Dockerfiles' first
# stage runs its jlink, which the JDK 25 can do from its own run-time image when it has no jmods.
jdk_image() {
  local tarball="$1" context="$WORK/jdk"
  [[ "$(jdk_major "$JAVA_HOME")" -ge 25 ]] || die "the stand-in for $TEMURIN_IMAGE needs a JDK 25 or newer (JAVA_HOME=$JAVA_HOME)"
  import_as "$tarball" "geo-stand-in-rootfs:$RECIPE"
  mkdir -p "$context"
  # -L: a distribution's JDK links some files (lib/security/cacerts) to elsewhere on its system.
  cp -rL "$JAVA_HOME" "$context/openjdk"
  cat >"$context/Dockerfile" <<DOCKERFILE
FROM geo-stand-in-rootfs:$RECIPE
COPY openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$path
CMD ["jshell"]
DOCKERFILE
  docker build -q -t "$TEMURIN_IMAGE" "$context" >/dev/null
  docker image rm "geo-stand-in-rootfs:$RECIPE" >/dev/null
  log "built $TEMURIN_IMAGE"
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local root tarball path image
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$root/scripts/lib.sh"
  [[ "$(id -u)" -eq 0 ]] || die "debootstrap needs root"
  require_command docker "apt-get install docker.io"
  use_jdk_21_or_newer
  WORK=$(mktemp -d)
  trap cleanup EXIT
  tarball=$(root_filesystem)
  path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
  [[ $# -gt 0 ]] || set -- "$TEMURIN_IMAGE" "$DEBIAN_IMAGE" "$REDIS_IMAGE" "$HAPROXY_IMAGE" "$REGISTRY_IMAGE"
  for image in "$@"; do
    case "$image" in
      "$TEMURIN_IMAGE")
        jdk_image "$tarball" ;;
      "$DEBIAN_IMAGE")
        import_as "$tarball" "$image" --change "ENV PATH=$path" --change 'CMD ["bash"]' ;;
      "$REDIS_IMAGE")
        import_as "$tarball" "$image" --change "ENV PATH=$path" --change 'EXPOSE 6379' \
          --change 'CMD ["redis-server", "--protected-mode", "no"]' ;;
      "$HAPROXY_IMAGE")
        import_as "$tarball" "$image" --change "ENV PATH=$path" \
          --change 'CMD ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"]' ;;
      "$REGISTRY_IMAGE")
        import_as "$tarball" "$image" --change "ENV PATH=$path" --change 'EXPOSE 5000' \
          --change 'CMD ["docker-registry", "serve", "/etc/docker/registry/config.yml"]' ;;
      *) die "no stand-in for $image (see --help)" ;;
    esac
  done
}

main "$@"
