#!/usr/bin/env bash
# The high-availability drill: a cluster like the swarm's on loopback (one Redis, four geo-api replicas, two
# geo-frontend replicas, geo-edge in front of each group with the configuration swarm-setup.sh deploys, a fake
# ipgeolocation.io), a steady stream of requests through it, and one failure after another. Every request must
# succeed.
set -Eeuo pipefail

RATE="${RATE:-100}"
SHORT=false
WRITE=true
PROVIDER_DELAY_MS="${PROVIDER_DELAY_MS:-50}"
API_REPLICAS=4
FRONTEND_REPLICAS=2
KEY="drill-key"
# A request that takes this long fails the drill. A page must come back within it, also while ipgeolocation.io times
# out: it is given 1 s.
SLOW_MS=2000
PROVIDER_TIMEOUT="PT1S"

ROOT=""
WORK=""
PIDS=()
declare -A API_PID FRONTEND_PID API_PORT FRONTEND_PORT
ROWS=()
FAILED=false
LOAD_PID=""
REDIS_PID=""

usage() {
  cat <<USAGE
Usage: bench/ha-drill.sh [--short] [--help]

On loopback ports: Redis, a fake ipgeolocation.io (delay PROVIDER_DELAY_MS=$PROVIDER_DELAY_MS ms), $API_REPLICAS geo-api
replicas (ipgeolocation.io with the offline database as fallback, PROVIDER_TIMEOUT=$PROVIDER_TIMEOUT), $FRONTEND_REPLICAS
geo-frontend replicas, and geo-edge in front of each group (HAProxy with the configuration that
swarm-setup.sh --print-edge-config writes: health checks, retries). Under $RATE requests/s (RATE=...), half to
geo-api and half to geo-frontend through geo-edge, it runs one after another:
  1. kill -9 of a geo-api replica, then its restart
  2. SIGTERM of each geo-api replica in turn, restarted one by one (a rolling update)
  3. Redis killed for 10 s, then restarted
  4. ipgeolocation.io answering 503 for 10 s, then not answering in time for 10 s
  5. kill -9 of a geo-frontend replica, then its restart
and counts, for each: requests sent, failed, p99 and slowest, and the time until the part serves again. It fails
if any request fails or takes $((SLOW_MS / 1000)) s or more. The table goes to bench/ha-drill.md and BENCHMARKS.md.
  --short   a few seconds a step, nothing written (what .ci/run runs)
Needs a JDK 21+, Maven, redis-server, haproxy, curl and the offline database (scripts/fetch-geodb.sh).
USAGE
}

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$? file
  [[ -n "$WORK" && -d "$WORK" ]] || return 0
  touch "$WORK/stop"
  stop_pids -KILL "${PIDS[@]}" "${API_PID[@]}" "${FRONTEND_PID[@]}" "$LOAD_PID" "$REDIS_PID"
  if [[ "$status" -ne 0 ]]; then
    # The folder goes with the run (CI keeps only what was printed), so a failure shows the end of every log, then
    # what failed: last, where the tail of CI's output shows it.
    for file in "$WORK"/*.log "$WORK/load.err"; do
      [[ -s "$file" ]] || continue
      printf '\n--- the last lines of %s\n' "$(basename "$file")" >&2
      tail -n 25 "$file" >&2
    done
    [[ "${#ROWS[@]}" -eq 0 ]] || printf '\n--- the drills so far\n%s\n' "$(printf '%s\n' "${ROWS[@]}")" >&2
    [[ ! -s "$WORK/failures" ]] || printf '\n--- what failed\n%s\n' "$(cat "$WORK/failures")" >&2
  fi
  rm -rf "$WORK"
}

now_ms() {
  echo $(($(date +%s%N) / 1000000))
}

# Waits until the URL answers 200; prints how long that took, in ms.
wait_healthy() {
  local url="$1" started
  started=$(now_ms)
  wait_for_url "$url" 30
  echo $(($(now_ms) - started))
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >>"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do
    sleep 0.05
  done
}

start_api() {
  local replica="$1"
  launch_geo api "$WORK/api-$replica.log" APP_PORT="${API_PORT[$replica]}" HOSTNAME="api-$replica" PROVIDER=auto \
    API_KEY="$KEY" IPGEOLOCATION_URL="http://127.0.0.1:$PROVIDER_PORT" PROVIDER_TIMEOUT="$PROVIDER_TIMEOUT" \
    GEO_DB="$ROOT/data" REDIS_HOST=127.0.0.1 REDIS_PORT="$REDIS_PORT" SHUTDOWN_GRACE=PT5S
  API_PID[$replica]=$LAUNCHED_PID
}

start_frontend() {
  local replica="$1"
  launch_geo frontend "$WORK/frontend-$replica.log" APP_PORT="${FRONTEND_PORT[$replica]}" API_SERVER=127.0.0.1 \
    API_SERVER_PORT="$LB_API_PORT" SHUTDOWN_GRACE=PT5S
  FRONTEND_PID[$replica]=$LAUNCHED_PID
}

# HAProxy in front of each group, as geo-edge: the configuration swarm-setup.sh deploys, over these replicas.
start_haproxy() {
  local replica api_servers=() web_servers=()
  for replica in $(seq 1 "$API_REPLICAS"); do
    api_servers+=("127.0.0.1:${API_PORT[$replica]}")
  done
  for replica in $(seq 1 "$FRONTEND_REPLICAS"); do
    web_servers+=("127.0.0.1:${FRONTEND_PORT[$replica]}")
  done
  EDGE_BIND_ADDRESS=127.0.0.1 API_PORT="$LB_API_PORT" FRONTEND_PORT="$LB_WEB_PORT" \
    EDGE_API_SERVERS="${api_servers[*]}" EDGE_FRONTEND_SERVERS="${web_servers[*]}" \
    "$ROOT/swarm-setup.sh" --print-edge-config >"$WORK/haproxy.cfg"
  haproxy -db -f "$WORK/haproxy.cfg" >>"$WORK/haproxy.log" 2>&1 &
  PIDS+=("$!")
}

start_cluster() {
  local replica
  free_port REDIS_PORT
  start_redis
  free_port PROVIDER_PORT
  "$JAVA_HOME/bin/java" "$ROOT/tools/FakeIpGeolocation.java" 127.0.0.1 "$PROVIDER_PORT" --key-file "$WORK/key" \
    --delay-ms "$PROVIDER_DELAY_MS" >"$WORK/provider.log" 2>&1 &
  PIDS+=("$!")
  free_port LB_API_PORT
  free_port LB_WEB_PORT
  for replica in $(seq 1 "$API_REPLICAS"); do
    free_port "API_PORT[$replica]"
    start_api "$replica"
  done
  for replica in $(seq 1 "$FRONTEND_REPLICAS"); do
    free_port "FRONTEND_PORT[$replica]"
    start_frontend "$replica"
  done
  start_haproxy
  wait_healthy "http://127.0.0.1:$PROVIDER_PORT/calls" >/dev/null
  for replica in $(seq 1 "$API_REPLICAS"); do
    wait_healthy "http://127.0.0.1:${API_PORT[$replica]}/health" >/dev/null
  done
  for replica in $(seq 1 "$FRONTEND_REPLICAS"); do
    wait_healthy "http://127.0.0.1:${FRONTEND_PORT[$replica]}/health" >/dev/null
  done
  wait_healthy "http://127.0.0.1:$LB_API_PORT/8.8.8.8" >/dev/null
  wait_healthy "http://127.0.0.1:$LB_WEB_PORT/?ip=8.8.8.8" >/dev/null
}

load_start() {
  local urls=() ip
  rm -f "$WORK/stop"
  for ip in 8.8.8.8 1.1.1.1 9.9.9.9 8.8.4.4 208.67.222.222 149.112.112.112 4.2.2.2 1.0.0.1; do
    urls+=("http://127.0.0.1:$LB_API_PORT/$ip" "http://127.0.0.1:$LB_WEB_PORT/?ip=$ip")
  done
  "$JAVA_HOME/bin/java" -cp "$WORK/classes" Load "$RATE" "$WORK/stop" "$SLOW_MS" "${urls[@]}" >"$WORK/load.out" \
    2>"$WORK/load.err" &
  LOAD_PID=$!
  sleep "$SETTLE"
}

# Stops the stream and records the drill's row: sent, failed, p99, slowest, recovery. A failure is also kept in
# $WORK/failures (as die's message is), with the first requests that failed or were slow, for the end of the output.
load_stop() {
  local drill="$1" recovery="$2" sent failed slow p99 max
  sleep "$SETTLE"
  touch "$WORK/stop"
  wait "$LOAD_PID"
  read -r sent failed slow p99 max <"$WORK/load.out"
  ROWS+=("| $drill | $sent | $failed | $p99 ms | $max ms | $recovery |")
  if [[ "$failed" -gt 0 || "$slow" -gt 0 ]]; then
    FAILED=true
    {
      printf 'FAILED: %s: %s of %s requests failed, %s took %s ms or more (slowest %s ms)\n' "$drill" "$failed" \
        "$sent" "$slow" "$SLOW_MS" "$max"
      head -n 10 "$WORK/load.err"
    } | tee -a "$WORK/failures" >&2
  else
    log "ok: $drill: $sent requests, none failed, p99 $p99 ms, slowest $max ms; $recovery"
  fi
}

# After a restart: the process must be the one answering on its port (not a stray server that took the port).
check_running() {
  local pid="$1" what="$2" state=""
  # Not kill -0, which a child that exited (a zombie, not yet waited for) passes too.
  [[ ! -r "/proc/$pid/stat" ]] || read -r _ _ state _ <"/proc/$pid/stat"
  [[ -n "$state" && "$state" != Z ]] || die "$what exited after its restart, though its port answered"
}

# kill -9 of replica 1 of a kind (api or frontend), and its restart.
kill_replica() {
  local kind="$1" label="$2" started
  local -n pids="${kind^^}_PID" ports="${kind^^}_PORT"
  load_start
  kill -9 "${pids[1]}"
  wait "${pids[1]}" 2>/dev/null || true
  started=$(now_ms)
  sleep "$OUTAGE"
  "start_$kind" 1
  wait_healthy "http://127.0.0.1:${ports[1]}/health" >/dev/null
  check_running "${pids[1]}" "$label replica 1"
  load_stop "kill -9 of a $label replica, restarted" "serving again $(($(now_ms) - started)) ms after the kill"
}

drill_kill_api() {
  kill_replica api geo-api
}

drill_rolling_api() {
  local replica slowest=0 started took
  load_start
  for replica in $(seq 1 "$API_REPLICAS"); do
    started=$(now_ms)
    kill -TERM "${API_PID[$replica]}"
    wait "${API_PID[$replica]}" 2>/dev/null || true
    start_api "$replica"
    wait_healthy "http://127.0.0.1:${API_PORT[$replica]}/health" >/dev/null
    check_running "${API_PID[$replica]}" "geo-api replica $replica"
    took=$(($(now_ms) - started))
    [[ "$took" -le "$slowest" ]] || slowest=$took
    sleep "$SETTLE"
  done
  load_stop "SIGTERM of each geo-api replica in turn, restarted" "each back within $slowest ms of its SIGTERM"
}

# Whether a new look-up through a replica lands in Redis.
redis_hit() {
  local ip="$1"
  curl -s -o /dev/null "http://127.0.0.1:${API_PORT[2]}/$ip"
  [[ "$(redis-cli -p "$REDIS_PORT" exists "geo:v2:ip:$ip")" == 1 ]]
}

drill_redis() {
  local started probe=0
  load_start
  kill -9 "$REDIS_PID"
  wait "$REDIS_PID" 2>/dev/null || true
  sleep "$OUTAGE"
  start_redis
  started=$(now_ms)
  # Addresses nobody asked yet: one already asked may sit in the replica's near cache and never reach Redis.
  until redis_hit "5.5.5.$((probe % 250))"; do
    probe=$((probe + 1))
    [[ $(($(now_ms) - started)) -lt 30000 ]] || die "geo-api did not use Redis again within 30 s"
    sleep 0.1
  done
  load_stop "Redis killed for ${OUTAGE}s, restarted" "caching again $(($(now_ms) - started)) ms after its restart"
}

answers_from_provider() {
  grep -qi '^x-source: ipgeolocation.io' <<<"$(curl -s -D - -o /dev/null "http://127.0.0.1:${API_PORT[3]}/$1")"
}

drill_provider() {
  local started probe=0
  load_start
  curl -sf -o /dev/null "http://127.0.0.1:$PROVIDER_PORT/control?mode=fail"
  sleep "$OUTAGE"
  curl -sf -o /dev/null "http://127.0.0.1:$PROVIDER_PORT/control?mode=stall"
  sleep "$OUTAGE"
  curl -sf -o /dev/null "http://127.0.0.1:$PROVIDER_PORT/control?mode=ok"
  started=$(now_ms)
  # Addresses nobody asked yet, so that the answer cannot come from the cache.
  until answers_from_provider "6.6.6.$((probe % 250))"; do
    probe=$((probe + 1))
    [[ $(($(now_ms) - started)) -lt 30000 ]] || die "geo-api did not use ipgeolocation.io again within 30 s"
    sleep 0.2
  done
  load_stop "ipgeolocation.io 503 for ${OUTAGE}s, then timing out for ${OUTAGE}s" \
    "answering from it again $(($(now_ms) - started)) ms after it recovered"
}

drill_kill_frontend() {
  kill_replica frontend geo-frontend
}

write_report() {
  local table
  table="$(printf '%s\n' "${ROWS[@]}")"
  cat >"$ROOT/bench/ha-drill.md" <<REPORT

## High-availability drill

Written by \`bench/ha-drill.sh\` on $(date -u +%Y-%m-%d), on the machine above. On loopback: Redis, $API_REPLICAS geo-api
replicas (ipgeolocation.io with the offline database as fallback, \`PROVIDER_TIMEOUT=$PROVIDER_TIMEOUT\`),
$FRONTEND_REPLICAS geo-frontend replicas, geo-edge in front of each group (the configuration swarm-setup.sh deploys:
health checks every second, retries on another replica), and a fake ipgeolocation.io answering after
$PROVIDER_DELAY_MS ms. Each drill runs under $RATE requests/s through geo-edge, half to geo-api and half to
geo-frontend (open loop: a stall shows as latency).
Goal: no failed request, none as slow as $((SLOW_MS / 1000)) s, every part serving again by itself.

| Drill | Requests | Failed | p99 | Slowest | Recovery |
|---|---|---|---|---|---|
$table
REPORT
  if [[ -f "$ROOT/BENCHMARKS.md" ]]; then
    # The drill's section replaces the one a previous drill left at the end of BENCHMARKS.md.
    awk '/^## High-availability drill/ { exit } { print }' "$ROOT/BENCHMARKS.md" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' \
      >"$WORK/benchmarks.md"
    cat "$WORK/benchmarks.md" "$ROOT/bench/ha-drill.md" >"$ROOT/BENCHMARKS.md"
  fi
  log "wrote bench/ha-drill.md and its section of BENCHMARKS.md"
}

main() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --short) SHORT=true; WRITE=false ;;
      *) printf 'unknown argument %s (see --help)\n' "$1" >&2; exit 1 ;;
    esac
    shift
  done
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
  source "$ROOT/scripts/lib.sh"
  use_jdk_21_or_newer
  local command
  for command in mvn redis-server redis-cli haproxy curl; do
    require_command "$command" "apt-get install maven redis-server haproxy curl"
  done
  if [[ "$SHORT" == true ]]; then
    OUTAGE=3
    SETTLE=1
  else
    OUTAGE=10
    SETTLE=3
  fi
  "$ROOT/scripts/fetch-geodb.sh"
  if [[ ! -f "$ROOT/api/target/geo-api.jar" || ! -f "$ROOT/frontend/target/geo-frontend.jar" ]]; then
    (cd "$ROOT" && maven -q package -DskipTests)
  fi
  WORK=$(mktemp -d)
  trap cleanup EXIT
  DIE_LOG="$WORK/failures"
  printf '%s\n' "$KEY" >"$WORK/key"
  mkdir -p "$WORK/classes"
  "$JAVA_HOME/bin/javac" -d "$WORK/classes" "$ROOT/bench/Load.java"
  start_cluster
  log "cluster up: HAProxy on 127.0.0.1:$LB_API_PORT (geo-api) and :$LB_WEB_PORT (geo-frontend); warming up"
  # The stream once through every replica before the first drill, so that the drills meet warm JITs.
  load_start
  sleep "$OUTAGE"
  touch "$WORK/stop"
  wait "$LOAD_PID"
  drill_kill_api
  drill_rolling_api
  drill_redis
  drill_provider
  drill_kill_frontend
  printf '\n%s\n' "${ROWS[@]}" >&2
  if [[ "$WRITE" == true ]]; then
    write_report
  fi
  [[ "$FAILED" == false ]] || die "a drill failed"
  log "every drill passed"
}

main "$@"
