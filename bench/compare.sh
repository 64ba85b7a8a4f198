#!/usr/bin/env bash
# Paired comparison of the cache-hit path of two geo-api builds: this checkout's and another jar.
set -euo pipefail

DURATION="${DURATION:-8s}"
ROUNDS="${ROUNDS:-15}"
CONNECTIONS="${CONNECTIONS:-64}"
WORKING_SET="${WORKING_SET:-10000}"
KEY="bench-key"

BASE_LABEL="${BASE_LABEL:-}"
OUTPUT="${OUTPUT:-}"
WORK=""
PIDS=()
REPORT=()

usage() {
  cat <<USAGE
Usage: bench/compare.sh BASE_JAR [--help]

Compares the cache-hit throughput of this checkout's geo-api with another build of it, BASE_JAR (for example the
jar of the commit before a change: git worktree add /tmp/base <commit> && (cd /tmp/base && mvn -q package
-DskipTests), then bench/compare.sh /tmp/base/api/target/geo-api.jar). On loopback ports it starts Redis, the fake
ipgeolocation.io and one replica of each build (near cache + Redis, as bench/run.sh measures hits), fills the cache
with $WORKING_SET addresses, and then measures them in turns, $ROUNDS rounds of $DURATION with $CONNECTIONS
connections each, alternating which goes first, so that a slower minute of the machine falls on both. It prints
each round, and the medians' ratios (this build / the base) of the requests/s and of each replica's CPU time per
request (from /proc), which the other processes sharing the machine blur less, and writes them to
bench/compare.md (OUTPUT=file for another), which bench/run.sh puts into BENCHMARKS.md. BASE_LABEL names the base
there, e.g. "dbc8bdf, before the request pipeline". Settings: DURATION, ROUNDS, CONNECTIONS, WORKING_SET.
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
    | awk '/Requests\/sec/ { printf "%.0f\n", $2 } /requests in/ { print $1 }'
}

# One round against one replica: "requests/s CPU-microseconds-per-request", the CPU measured from /proc, which the
# other processes on the machine do not blur as they blur throughput.
measure_round() {
  local port="$1" pid="$2" before after out rps total
  before=$(cpu_ticks "$pid")
  out=$(requests_per_second "$DURATION" "$port")
  after=$(cpu_ticks "$pid")
  total=$(sed -n 1p <<<"$out")
  rps=$(sed -n 2p <<<"$out")
  echo "$rps $(cpu_us_per_request $((after - before)) "$total")"
}

report() {
  local ratio
  ratio=$(awk -v a="$3" -v b="$2" 'BEGIN { printf "%.3f", a / b }')
  printf '%s, medians of %s rounds of %s: base %s, this build %s, ratio %s\n' "$1" "$ROUNDS" "$DURATION" "$2" "$3" \
    "$ratio"
  REPORT+=("| $1 | $3 | $2 | $ratio |")
}

write_report() {
  local commit
  commit=$(git -C "$GEO_ROOT" describe --always --dirty 2>/dev/null || echo "this checkout")
  {
    printf '\n## A change held against the build before it\n\n'
    # shellcheck disable=SC2016  # the backquotes are Markdown
    printf 'Written by `bench/compare.sh` on %s: this build (%s) against %s, one replica of each on the same\n' \
      "$(date -u +%Y-%m-%d)" "$commit" "${BASE_LABEL:-another build}"
    printf 'Redis, cache hits of %s addresses with %s connections, %s paired rounds of %s. Medians.\n\n' \
      "$WORKING_SET" "$CONNECTIONS" "$ROUNDS" "$DURATION"
    printf '| Measure | This build | Base | Ratio |\n|---|---|---|---|\n'
    printf '%s\n' "${REPORT[@]}"
  } >"$OUTPUT"
  log "wrote $OUTPUT"
}

start_replica() {
  local jar="$1" name="$2" port="$3"
  launch_geo "$jar" "$WORK/$name.log" APP_PORT="$port" HOSTNAME="$name" PROVIDER=ipgeolocation API_KEY="$KEY" \
    IPGEOLOCATION_URL="http://127.0.0.1:$PROVIDER_PORT" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT"
  PIDS+=("$LAUNCHED_PID")
  REPLICA_PID=$LAUNCHED_PID
  wait_for_url "http://127.0.0.1:$port/health"
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" || $# -ne 1 ]]; then
    usage
    [[ $# -eq 1 ]] && exit 0 || exit 2
  fi
  local base_jar round first second base=() this=() base_cpu=() this_cpu=() base_port this_port base_pid this_pid
  local line
  base_jar="$(readlink -f "$1")"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"
  [[ -f "$base_jar" ]] || die "no such jar: $1"
  use_jdk_21_or_newer
  for command in mvn redis-server wrk curl; do
    require_command "$command" "apt-get install maven redis-server wrk curl"
  done
  OUTPUT="${OUTPUT:-$GEO_ROOT/bench/compare.md}"
  (cd "$GEO_ROOT" && maven -q package -DskipTests)
  WORK=$(mktemp -d)
  trap cleanup EXIT

  free_port REDIS_PORT
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
  PIDS+=("$!")
  free_port PROVIDER_PORT
  "$JAVA_HOME/bin/java" "$GEO_ROOT/tools/FakeIpGeolocation.java" 127.0.0.1 "$PROVIDER_PORT" \
    >"$WORK/provider.log" 2>&1 &
  PIDS+=("$!")
  wait_for_url "http://127.0.0.1:$PROVIDER_PORT/calls"
  free_port base_port
  start_replica "$base_jar" base "$base_port"
  base_pid=$REPLICA_PID
  free_port this_port
  start_replica api this "$this_port"
  this_pid=$REPLICA_PID

  log "filling the cache and warming both JVMs"
  for _ in 1 2 3; do
    requests_per_second 10s "$base_port" >/dev/null
    requests_per_second 10s "$this_port" >/dev/null
  done
  for round in $(seq 1 "$ROUNDS"); do
    if ((round % 2)); then first=base second=this; else first=this second=base; fi
    for name in "$first" "$second"; do
      if [[ "$name" == base ]]; then
        line=$(measure_round "$base_port" "$base_pid")
        base+=("${line% *}")
        base_cpu+=("${line#* }")
      else
        line=$(measure_round "$this_port" "$this_pid")
        this+=("${line% *}")
        this_cpu+=("${line#* }")
      fi
    done
    log "round $round: base ${base[-1]}/s ${base_cpu[-1]} us CPU a hit, this build ${this[-1]}/s ${this_cpu[-1]} us"
  done
  report "hits/s" "$(printf '%s\n' "${base[@]}" | median)" "$(printf '%s\n' "${this[@]}" | median)"
  report "server CPU per hit, us" "$(printf '%s\n' "${base_cpu[@]}" | median)" \
    "$(printf '%s\n' "${this_cpu[@]}" | median)"
  write_report
}

main "$@"
