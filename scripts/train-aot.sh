#!/usr/bin/env bash
# Trains geo-api's ahead-of-time cache (JDK 25+): starts geo-api with -XX:AOTCacheOutput, asks it a few requests of
# each kind, and stops it; at exit the JVM writes what it loaded, linked and profiled into the cache, which a later
# start with -XX:AOTCache uses. The one training run for both Dockerfile.api's build and scripts/lib.sh's local
# starts, so that both caches learn the same work. Bash alone talks to geo-api (the image's build has no curl).
#
# Usage: scripts/train-aot.sh JAVA JAR CACHE [JVM OPTION...]
# geo-api's settings come from the environment: it must answer from the database (PROVIDER=database, GEO_DB...);
# APP_PORT and ADMIN_PORT default to 8080 and 9090.
set -euo pipefail

if [[ $# -lt 3 ]]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
java="$1" jar="$2" cache="$3"
shift 3
app_port="${APP_PORT:-8080}"
admin_port="${ADMIN_PORT:-9090}"

# One HTTP/1.0 exchange on loopback: METHOD PATH and a JSON body (may be empty); the answer is read and dropped.
ask() {
  local port="$1" request="$2" body="$3"
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
    "$request" "${#body}" "$body" >&3
  read -r -t 10 -d '' _ <&3 || true
  exec 3>&-
}

"$java" -XX:AOTCacheOutput="$cache" "$@" -jar "$jar" &
pid=$!
for ((tries = 0; tries < 150; tries++)); do
  ask "$app_port" 'GET /health' '' 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "train-aot.sh: geo-api stopped before answering" >&2; exit 1; }
  sleep 0.2
done
# What a task does first and most: look-ups (IPv4, IPv6, reserved, invalid, with fields), a bulk look-up, and what
# Swarm and the operators ask of the admin port.
for ip in 8.8.8.8 1.1.1.1 81.2.69.142 2001:4860:4860::8888 10.0.0.1 not-an-address; do
  ask "$app_port" "GET /$ip" ''
  ask "$app_port" "GET /$ip?fields=country_name,city" ''
done
ask "$app_port" 'POST /bulk' '{"ips":["8.8.8.8","9.9.9.9"]}'
ask "$admin_port" 'GET /metrics' ''
ask "$admin_port" 'GET /ready' ''
kill -TERM "$pid"
# The JVM writes the cache as it exits, after geo-api's shutdown: 143 is java's status after SIGTERM.
status=0
wait "$pid" || status=$?
[[ "$status" -eq 0 || "$status" -eq 143 ]] || { echo "train-aot.sh: geo-api exited with $status" >&2; exit 1; }
[[ -s "$cache" ]] || { echo "train-aot.sh: the JVM wrote no cache at $cache" >&2; exit 1; }
