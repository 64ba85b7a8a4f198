#!/usr/bin/env bash
# Helpers shared by geo's scripts: logging and failing, picking a JDK 21 or newer, Maven, waiting for a URL,
# stopping processes, starting geo-api and geo-frontend, and the benchmarks' arithmetic.
# Source it; it defines functions only.

log() {
  printf '%s %s\n' "[$(basename "$0")]" "$*" >&2
}

# Also appends the message to the file DIE_LOG names, if set: a script that prints much on its way out (the HA
# drill's logs) prints that file last, where the tail of CI's output still shows why it stopped.
die() {
  printf '%s error: %s\n' "[$(basename "$0")]" "$*" >&2
  [[ -z "${DIE_LOG:-}" ]] || printf 'error: %s\n' "$*" >>"$DIE_LOG"
  exit 1
}

# Prints the major version of the JDK at $1 (a JAVA_HOME), or nothing when it is not a JDK.
jdk_major() {
  local home="$1" version
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 0
  version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = //p')
  printf '%s' "${version%%.*}"
}

# Exports JAVA_HOME as the first JDK 21+ among: $JAVA_HOME, the JDK of `javac` on PATH, /usr/lib/jvm/*, and
# /opt/java/*. Fails with a clear message when there is none.
use_jdk_21_or_newer() {
  local candidates=() candidate major
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in /usr/lib/jvm/* /opt/java/*; do
    [[ -d "$candidate" ]] && candidates+=("$candidate")
  done
  for candidate in "${candidates[@]}"; do
    major=$(jdk_major "$candidate")
    if [[ -n "$major" && "$major" -ge 21 ]]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      GEO_JDK_MAJOR="$major"
      if [[ "$major" -ge 24 ]]; then
        # Maven 3.8's bundled Guava uses sun.misc.Unsafe, which JDK 24+ warns about on every build.
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      fi
      log "using the JDK $major at $JAVA_HOME"
      return 0
    fi
  done
  die "geo needs a JDK 21 or newer, and none was found (looked at \$JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt/java). Install one, e.g. Eclipse Temurin 21 or 25, and set JAVA_HOME to it."
}

require_command() {
  local command="$1" hint="$2"
  command -v "$command" >/dev/null 2>&1 || die "$command is needed but not installed: $hint"
}

# Ports handed out by free_port in this shell, so that none is handed out twice before its service binds it.
GEO_GIVEN_PORTS=" "

# Sets the variable named $1 (an array element too: "PORTS[2]") to a loopback port for a service to bind: one that
# no socket uses now, not handed out before by this shell, and below the kernel's ephemeral range, where outgoing
# connections never take it (a port in that range can be the local end of any connection made between this choice
# and the bind, which then fails, or of a connection from that very port to itself).
free_port() {
  # Its own names start with _free_: printf -v sets the caller's variable only if no local here shadows it.
  local _free_first _free_last _free_low=20000 _free_high _free_port
  read -r _free_first _free_last </proc/sys/net/ipv4/ip_local_port_range
  _free_high=$((_free_first - 1))
  if [[ "$_free_high" -lt $((_free_low + 1000)) ]]; then
    # An ephemeral range set to start low: the ports above it instead.
    _free_low=$((_free_last + 1)) _free_high=65535
  fi
  [[ "$_free_high" -ge $((_free_low + 1000)) ]] \
    || die "no room for test ports outside the ephemeral range $_free_first-$_free_last"
  while true; do
    _free_port=$(shuf -i "$_free_low-$_free_high" -n 1)
    if [[ "$GEO_GIVEN_PORTS" != *" $_free_port "* && -z "$(ss -Htan "( sport = :$_free_port )")" ]]; then
      GEO_GIVEN_PORTS+="$_free_port "
      printf -v "$1" '%s' "$_free_port"
      return
    fi
  done
}

# The checkout this library belongs to.
GEO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Maven in batch mode, without the colour codes that Debian's Maven 3.8 writes even then; its status is Maven's.
maven() {
  mvn -B -Dstyle.color=never "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
  return "${PIPESTATUS[0]}"
}

# Waits until the URL answers 2xx, checking every 50 ms for at most $2 seconds (30); fails naming the URL.
wait_for_url() {
  local url="$1" seconds="${2:-30}" deadline
  deadline=$((SECONDS + seconds))
  until curl -sf -o /dev/null --max-time 1 "$url"; do
    [[ "$SECONDS" -lt "$deadline" ]] || die "$url did not answer within $seconds s"
    sleep 0.05
  done
}

# Stops these processes (SIGTERM, or the signal given first, e.g. -KILL) and waits for those that are children of
# this shell. Empty and vanished PIDs are no failure: it runs in EXIT traps.
stop_pids() {
  local signal=-TERM pid
  if [[ "${1:-}" == -* ]]; then
    signal="$1"
    shift
  fi
  for pid in "$@"; do
    [[ -z "$pid" ]] || kill "$signal" "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do
    [[ -z "$pid" ]] || wait "$pid" 2>/dev/null || true
  done
}

# Prints the default of swarm-setup.sh's setting NAME (API_MEMORY, FRONTEND_MEMORY), read from the script itself: the
# limits are decided there, once, and what runs here follows them. Fails if the script no longer sets it so.
swarm_memory() {
  local name="$1" memory
  memory=$(sed -n "s/^$name=\"\\\${$name:-\(.*\)}\"\$/\1/p" "$GEO_ROOT/swarm-setup.sh")
  [[ -n "$memory" ]] || die "swarm-setup.sh has no default for $name"
  printf '%s' "$memory"
}

# Sets JVM_OPTIONS to the options a service (api or frontend) runs with here: its jvm.options, and -XX:MaxRAM set to
# the memory limit swarm-setup.sh gives its containers (API_MEMORY, FRONTEND_MEMORY), so the heap is sized as in
# Swarm; GEO_JVM_OPTIONS="..." replaces both (bench/run.sh measures the JVM's defaults so).
jvm_options() {
  local service="$1" memory
  case "$service" in
    frontend) memory="${FRONTEND_MEMORY:-$(swarm_memory FRONTEND_MEMORY)}" ;;
    *) memory="${API_MEMORY:-$(swarm_memory API_MEMORY)}" ;;
  esac
  JVM_OPTIONS=("-XX:MaxRAM=$memory" "@$GEO_ROOT/$service/jvm.options")
  if [[ -n "${GEO_JVM_OPTIONS:-}" ]]; then
    read -r -a JVM_OPTIONS <<<"$GEO_JVM_OPTIONS"
  fi
}

# Sets AOT_CACHE to a service's (api or frontend) ahead-of-time cache for this jar on this JDK (25 or newer), trained
# by scripts/train-aot.sh when it is missing or older than the jar or the service's jvm.options (a few seconds, once
# per build; geo-api on the offline database, geo-frontend on a stand-in geo-api), as the Dockerfiles train the
# images'; to nothing on an older JDK, with GEO_AOT=off, or when training failed (the service then starts without
# one, as it would with a cache that does not fit).
aot_cache() {
  local service="$1" jar="$2" cache log port admin_port api_port
  AOT_CACHE=""
  [[ "${GEO_AOT:-on}" != off && -f "$JAVA_HOME/release" ]] || return 0
  [[ "${GEO_JDK_MAJOR:-$(jdk_major "$JAVA_HOME")}" -ge 25 ]] || return 0
  # A cache holds only for the JVM that wrote it: one file per JDK, named by a checksum of its release file.
  cache="${jar%.jar}.$(cksum <"$JAVA_HOME/release" | cut -d' ' -f1).aot"
  log="${cache%.aot}.training.log"
  if [[ ! -f "$cache" || "$cache" -ot "$jar" || "$cache" -ot "$GEO_ROOT/$service/jvm.options" ]]; then
    log "training geo-$service's ahead-of-time cache for $(basename "$jar") (scripts/train-aot.sh, once per build)"
    free_port port
    free_port admin_port
    free_port api_port
    # Only these settings: none of the caller's (a REDIS_HOST, a key) belongs in the training run.
    if ! env -i PATH="$PATH" APP_PORT="$port" ADMIN_PORT="$admin_port" PROVIDER=database GEO_DB="$GEO_ROOT/data" \
      API_SERVER_PORT="$api_port" "$GEO_ROOT/scripts/train-aot.sh" "$service" "$JAVA_HOME/bin/java" "$jar" \
      "$cache.$$" "${JVM_OPTIONS[@]}" >"$log" 2>&1; then
      log "warning: the training failed (its output: $log); geo-$service starts without an ahead-of-time cache"
      rm -f "$cache.$$"
      return 0
    fi
    mv "$cache.$$" "$cache"
  fi
  AOT_CACHE="$cache"
}

# Starts a geo service (api or frontend, or the path of another build's jar) in the background with these settings
# (NAME=value ...), appending its output to LOG, or to this terminal when LOG is -; ADMIN_PORT is a free port unless
# given. Sets LAUNCHED_PID. Every script that runs geo on this machine starts it here, as the Dockerfiles do in a
# container: with the options jvm_options gives, and with its ahead-of-time cache (aot_cache).
launch_geo() {
  local jar="$1" output="$2"
  shift 2
  [[ "$jar" == *.jar ]] || jar="$GEO_ROOT/$jar/target/geo-$jar.jar"
  [[ -f "$jar" ]] || die "$jar is missing: build first (mvn package)"
  local service=api
  [[ "$(basename "$jar")" != *frontend* ]] || service=frontend
  jvm_options "$service"
  AOT_CACHE=""
  [[ -n "${GEO_JVM_OPTIONS:-}" ]] || aot_cache "$service" "$jar"
  [[ -z "${AOT_CACHE:-}" ]] || JVM_OPTIONS=("-XX:AOTCache=$AOT_CACHE" "${JVM_OPTIONS[@]}")
  local admin_port
  free_port admin_port
  if [[ "$output" == - ]]; then
    env ADMIN_PORT="$admin_port" "$@" "$JAVA_HOME/bin/java" "${JVM_OPTIONS[@]}" -jar "$jar" &
  else
    env ADMIN_PORT="$admin_port" "$@" "$JAVA_HOME/bin/java" "${JVM_OPTIONS[@]}" -jar "$jar" >>"$output" 2>&1 &
  fi
  # shellcheck disable=SC2034  # read by the caller
  LAUNCHED_PID=$!
}

# Waits until GET PATH on the loopback PORT answers 200, asking every 5 ms for at most 60 s, and sets ANSWERED_MS to
# when it did, in ms since the epoch, and ANSWERED_UPTIME_MS in ms since the machine booted (the clock of
# process_start_ms). Bash alone asks and waits: a curl or sleep process for every try would take CPU from the
# start-up being timed.
wait_first_answer() {
  local port="$1" path="$2" status never connection deadline uptime
  deadline=$((SECONDS + 60))
  exec {never}<> <(:)
  while true; do
    status=""
    if exec {connection}<>"/dev/tcp/127.0.0.1/$port"; then
      printf 'GET %s HTTP/1.0\r\n\r\n' "$path" >&"$connection"
      read -r -t 5 _ status _ <&"$connection" || true
      exec {connection}>&-
    fi 2>/dev/null
    [[ "$status" != 200 ]] || break
    [[ "$SECONDS" -lt "$deadline" ]] || die "nothing answered GET $path on port $port within 60 s"
    read -r -t 0.005 -u "$never" _ || true
  done
  read -r uptime _ </proc/uptime
  # shellcheck disable=SC2034  # both read by the caller
  ANSWERED_MS=$((${EPOCHREALTIME/./} / 1000))
  # shellcheck disable=SC2034
  ANSWERED_UPTIME_MS=$((10#${uptime/./} * 10))
  exec {never}>&-
}

# When process PID started, in ms since the machine booted (to the kernel's clock tick, 10 ms here), from /proc.
process_start_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f\n", $22 * 1000 / hz }' "/proc/$1/stat"
}

# The median of the numbers on standard input, one per line (the lower middle one of an even count).
median() {
  sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# $1 / $2 to two decimals, for a report ("n/a" when $2 is 0).
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# CPU time a process has used so far (user and system), in clock ticks (getconf CLK_TCK a second).
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# Microseconds of CPU per request: TICKS of cpu_ticks spent on REQUESTS requests (0 when there were none).
cpu_us_per_request() {
  awk -v ticks="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f\n", (n > 0 ? ticks * 1e6 / hz / n : 0) }'
}

# Bytes as megabytes, for a report: "57.3 MB".
mb() {
  awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1000000 }'
}
