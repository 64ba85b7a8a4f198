#!/usr/bin/env bash
# Paired comparison of the cache-hit path of two geo-api builds: this checkout's and another jar.
set -euo pipefail

DURATION="${DURATION:-10s}"
ROUNDS="${ROUNDS:-7}"
CONNECTIONS="${CONNECTIONS:-64}"
WORKING_SET="${WORKING_SET:-10000}"
KEY="bench-key"

WORK=""
PIDS=()

usage() {
  cat <<USAGE
Usage: bench/compare.sh BASE_JAR [--help]

Compares the cache-hit throughput of this checkout's geo-api with another build of it, BASE_JAR (for example the
jar of the commit before a change: git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -q package
-DskipTests), then bench/compare.sh /tmp/base/api/target/geo-api.jar). On loopback ports it starts Redis, the fake
ipgeolocation.io and one replica of each build (near cache + Redis, as bench/run.sh measures hits), fills the cache
with $WORKING_SET addresses, and then measures them in turns, $ROUNDS rounds of $DURATION with $CONNECTIONS
connections each, alternating which goes first, so that a slower minute of the machine falls on both. It prints
each round and the medians' ratio (this build / the base). Settings: DURATION, ROUNDS, CONNECTIONS, WORKING_SET.
Needs a JDK 21+, Maven, redis-server, wrk and curl.
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  stop_pids "${PIDS[@]}"
  [[ -n "$WORK" && -d "$WORK" ]] && rm -rf "$WORK"
}

requests_per_second() {
  WORKING_SET="$WORKING_SET" wrk -t2 -c"$CONNECTIONS" -d"$1" -s "$GEO_ROOT/bench/hits.lua" "http://127.0.0.1:$2" \
    | awk '/Requests\/sec/ { printf "%.0f\n", $2 }'
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

start_replica() {
  local jar="$1" name="$2" port="$3"
  launch_geo "$jar" "$WORK/$name.log" APP_PORT="$port" HOSTNAME="$name" PROVIDER=ipgeolocation API_KEY="$KEY" \
    IPGEOLOCATION_URL="http://127.0.0.1:$PROVIDER_PORT" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT"
  PIDS+=("$LAUNCHED_PID")
  wait_for_url "http://127.0.0.1:$port/health"
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" || $# -ne 1 ]]; then
    usage
    [[ $# -eq 1 ]] && exit 0 || exit 2
  fi
  local base_jar round first second base=() this=() base_port this_port
  base_jar="$(readlink -f "$1")"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"
  [[ -f "$base_jar" ]] || die "no such jar: $1"
  use_jdk_21_or_newer
  for command in mvn redis-server wrk curl; do
    require_command "$command" "apt-get install maven redis-server wrk curl"
  done
  (cd "$GEO_ROOT" && maven -q package -DskipTests)
  WORK=$(mktemp -d)
  trap cleanup EXIT

  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
  PIDS+=("$!")
  PROVIDER_PORT=$(free_port)
  "$JAVA_HOME/bin/java" "$GEO_ROOT/tools/FakeIpGeolocation.java" 127.0.0.1 "$PROVIDER_PORT" \
    >"$WORK/provider.log" 2>&1 &
  PIDS+=("$!")
  wait_for_url "http://127.0.0.1:$PROVIDER_PORT/calls"
  base_port=$(free_port)
  start_replica "$base_jar" base "$base_port"
  this_port=$(free_port)
  start_replica api this "$this_port"

  log "filling the cache and warming both JVMs"
  for _ in 1 2 3; do
    requests_per_second 10s "$base_port" >/dev/null
    requests_per_second 10s "$this_port" >/dev/null
  done
  for round in $(seq 1 "$ROUNDS"); do
    if ((round % 2)); then first=base second=this; else first=this second=base; fi
    for name in "$first" "$second"; do
      if [[ "$name" == base ]]; then
        base+=("$(requests_per_second "$DURATION" "$base_port")")
      else
        this+=("$(requests_per_second "$DURATION" "$this_port")")
      fi
    done
    log "round $round: base ${base[-1]}/s, this build ${this[-1]}/s"
  done
  local base_median this_median
  base_median=$(printf '%s\n' "${base[@]}" | median)
  this_median=$(printf '%s\n' "${this[@]}" | median)
  printf 'hits/s, medians of %s rounds of %s: base %s, this build %s, ratio %s\n' "$ROUNDS" "$DURATION" \
    "$base_median" "$this_median" "$(awk -v a="$this_median" -v b="$base_median" 'BEGIN { printf "%.3f", a / b }')"
}

main "$@"
