#!/usr/bin/env bash
# Trains a geo service's ahead-of-time cache (JDK 25+): starts it with -XX:AOTCacheOutput, asks it a few requests of
# each kind, and stops it; at exit the JVM writes what it loaded, linked and profiled into the cache, which a later
# start with -XX:AOTCache uses. The one training run for both the Dockerfiles' builds and scripts/lib.sh's local
# starts, so that both caches learn the same work. Bash alone talks to the service (the images' builds have no curl).
#
# Usage: scripts/train-aot.sh api|frontend JAVA JAR CACHE [JVM OPTION...]
# The service's settings come from the environment; APP_PORT and ADMIN_PORT default to 8080 and 9090.
# - api: geo-api must answer from the database (PROVIDER=database, GEO_DB...).
# - frontend: geo-frontend asks a stand-in geo-api on API_SERVER_PORT (default 8081): the JDK's own file server
#   (java -m jdk.httpserver, in the images' runtime too) serving frontend/aot-training, one answer in geo-api's
#   shape (GEO_TRAINING_ANSWERS names that folder where the script is not in the checkout), so that the training
#   needs no geo-api, database or network.
set -euo pipefail

if [[ $# -lt 4 || ( "$1" != api && "$1" != frontend ) ]]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
service="$1" java="$2" jar="$3" cache="$4"
shift 4
app_port="${APP_PORT:-8080}"
admin_port="${ADMIN_PORT:-9090}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stand_in="" pid=""

# One HTTP/1.0 exchange on loopback: METHOD PATH and a JSON body (may be empty); the answer is read and dropped.
ask() {
  local port="$1" request="$2" body="$3"
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: %s\r\n\r\n%s' \
    "$request" "${#body}" "$body" >&3
  read -r -t 10 -d '' _ <&3 || true
  exec 3>&-
}

# Waits until PORT answers GET PATH, while the process PROCESS lives.
await() {
  local port="$1" path="$2" process="$3" name="$4" tries
  for ((tries = 0; tries < 150; tries++)); do
    ask "$port" "GET $path" '' 2>/dev/null && return 0
    kill -0 "$process" 2>/dev/null || { echo "train-aot.sh: $name stopped before answering" >&2; exit 1; }
    sleep 0.2
  done
  echo "train-aot.sh: $name did not answer within 30 s" >&2
  exit 1
}

# Whatever this script started and is still running when it ends, on a failure too.
stop_started() {
  local started
  for started in "$pid" "$stand_in"; do
    [[ -z "$started" ]] || kill "$started" 2>/dev/null || true
  done
}
trap stop_started EXIT

if [[ "$service" == frontend ]]; then
  export API_SERVER=127.0.0.1 API_SERVER_PORT="${API_SERVER_PORT:-8081}"
  "$java" -m jdk.httpserver -b 127.0.0.1 -p "$API_SERVER_PORT" \
    -d "${GEO_TRAINING_ANSWERS:-$root/frontend/aot-training}" -o none &
  stand_in=$!
  await "$API_SERVER_PORT" /ip/8.8.8.8 "$stand_in" "the stand-in geo-api"
fi

"$java" -XX:AOTCacheOutput="$cache" "$@" -jar "$jar" &
pid=$!
await "$app_port" /health "$pid" "geo-$service"
if [[ "$service" == api ]]; then
  # What a task does first and most: look-ups (IPv4, IPv6, reserved, invalid, with fields) and a bulk look-up.
  for ip in 8.8.8.8 1.1.1.1 81.2.69.142 2001:4860:4860::8888 10.0.0.1 not-an-address; do
    ask "$app_port" "GET /$ip" ''
    ask "$app_port" "GET /$ip?fields=country_name,city" ''
  done
  ask "$app_port" 'POST /bulk' '{"ips":["8.8.8.8","9.9.9.9"]}'
else
  # A location's page (its flag, map and table), its JSON, the style and the map's land, a page geo-api's answer
  # for does not fit (the stand-in's folder listing for the visitor's own location), and a refused address.
  for ((page = 0; page < 20; page++)); do
    ask "$app_port" 'GET /ip/8.8.8.8' ''
  done
  ask "$app_port" 'GET /json?ip=8.8.8.8' ''
  ask "$app_port" 'GET /style.css' ''
  ask "$app_port" 'GET /world-land.svg' ''
  ask "$app_port" 'GET /' ''
  ask "$app_port" 'GET /ip/not-an-address' ''
fi
# What Swarm and the operators ask of the admin port.
ask "$admin_port" 'GET /metrics' ''
ask "$admin_port" 'GET /ready' ''
kill -TERM "$pid"
# The JVM writes the cache as it exits, after the service's shutdown: 143 is java's status after SIGTERM.
status=0
wait "$pid" || status=$?
pid=""
[[ "$status" -eq 0 || "$status" -eq 143 ]] || { echo "train-aot.sh: geo-$service exited with $status" >&2; exit 1; }
[[ -s "$cache" ]] || { echo "train-aot.sh: the JVM wrote no cache at $cache" >&2; exit 1; }
