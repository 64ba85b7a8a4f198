#!/usr/bin/env bash
# Proves swarm-setup.sh on a real Docker Swarm of four nodes on this one machine: a manager and three workers, each
# a Docker daemon in its own network namespace, joined by a bridge. It follows the README's deploy section: a
# registry service, the real images built and pushed there, the real swarm-setup.sh with HTTPS and two host names;
# checks what the how-to shows, then drills failures under a steady stream of HTTPS requests.
set -Eeuo pipefail

# The shared helpers (a JDK, Maven, stop_pids); this script's own log and die, below, take the place of theirs.
# shellcheck source=scripts/lib.sh source-path=SCRIPTDIR/..
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/lib.sh"

PREFIX="geo-e2e"
SUBNET="${E2E_SUBNET:-10.77.0}"
BRIDGE="geo-e2e0"
NODES=(manager worker1 worker2 worker3)
STATE="/var/lib/geo-e2e"
RUN="/run/geo-e2e"
LB_API_PORT=18081
LB_WEB_PORT=18082
LB_HTTPS_PORT=18443
LB_HTTP_PORT=18080
PROVIDER_PORT=18090
# The swarm's own registry, a service on worker3 published on that node (no routing mesh here).
REGISTRY="${E2E_SUBNET:-10.77.0}.13:5000"
API_NAME="api.geo.test"
WEB_NAME="www.geo.test"
WAIT=120
# Four tasks, one at a time: each started, healthy, the old one stopped, then a 5 s delay.
UPDATE_WAIT=240
# Addresses the request stream cycles through, so that it meets both cache hits and misses.
STREAM_IPS=(8.8.8.8 1.1.1.1 9.9.9.9 8.8.4.4 1.0.0.1 208.67.222.222 149.112.112.112 4.2.2.2)

KEEP=false
ROOT=""
REPORT=()
PIDS=()
STREAM_PID=""
LB_LOG_FROM=1

usage() {
  cat <<USAGE
Usage: e2e/swarm-test.sh [--keep | --clean-up] [--help]

As root on Linux with Debian's docker.io, debootstrap, iproute2, haproxy, openssl and curl (.ci/run installs them):
  - a bridge $BRIDGE ($SUBNET.1/24) and four network namespaces with a Docker daemon each, named by their host
    names manager ($SUBNET.10), worker1 (.11), worker2 (.12) and worker3 (.13); the swarm, joined as the README says;
  - stand-in public images (e2e/stand-in-images.sh), a registry service on worker3 ($REGISTRY), the real
    Dockerfile.api and Dockerfile.frontend built on the manager and pushed there, with redis and haproxy: the workers
    pull everything by digest; a fake ipgeolocation.io on $SUBNET.1:$PROVIDER_PORT whose key reaches geo-api as a
    Docker secret; a test certificate authority (openssl) and a certificate for $API_NAME and $WEB_NAME;
  - the real swarm-setup.sh (PUBLISH_MODE=host: this kernel has no IPVS for the routing mesh; HTTPS), then checks of
    the nodes, labels, network, placement, answers over HTTP and HTTPS, the redirect, HSTS, TLS versions, the caller's
    address, secrets, a second run that must change nothing, and drills under a steady stream of HTTPS requests
    through a load balancer on 127.0.0.1:$LB_HTTPS_PORT over worker1 and worker2 (geo-edge's configuration, from
    swarm-setup.sh --print-edge-config): a geo-api task killed, worker1's daemon stopped, a rolling update of geo-api
    to a second image pushed to the registry, Redis killed, the certificate rotated; then --teardown.
Everything it made is removed at the end, also on failure or Ctrl-C, unless --keep; --clean-up removes what a
--keep run left.
Without root or network namespaces it says why and skips (exit 0).
USAGE
}

log() {
  printf '[swarm-test] %s\n' "$*" >&2
}

die() {
  printf '[swarm-test] FAILED: %s\n' "$*" >&2
  exit 1
}

skip() {
  printf '[swarm-test] SKIPPED: %s\n' "$*" >&2
  exit 0
}

# Runs one step, timing it for the report.
timed() {
  local name="$1" started=$SECONDS
  shift
  log "== $name"
  "$@"
  REPORT+=("$(printf '%4ds  %s' $((SECONDS - started)) "$name")")
}

report() {
  local line
  printf '\n[swarm-test] steps and their times:\n' >&2
  for line in "${REPORT[@]}"; do
    printf '  %s\n' "$line" >&2
  done
}

# docker against one node's daemon: dock worker1 ps
dock() {
  local node="$1"
  shift
  docker -H "unix://$RUN/$node/docker.sock" "$@"
}

ip_of() {
  case "$1" in
    manager) printf '%s.10' "$SUBNET" ;;
    worker1) printf '%s.11' "$SUBNET" ;;
    worker2) printf '%s.12' "$SUBNET" ;;
    worker3) printf '%s.13' "$SUBNET" ;;
  esac
}

# Waits until the command succeeds, or fails the test saying what it waited for.
await() {
  local what="$1" deadline=$((SECONDS + WAIT))
  shift
  until "$@" >/dev/null 2>&1; do
    [[ "$SECONDS" -lt "$deadline" ]] || die "waited ${WAIT}s for $what"
    sleep 1
  done
}

preflight() {
  [[ "$(uname -s)" == Linux ]] || skip "needs Linux network namespaces"
  [[ "$(id -u)" -eq 0 ]] || skip "needs root, to create network namespaces and run Docker daemons"
  local command
  for command in ip nsenter unshare iptables dockerd docker debootstrap haproxy curl openssl; do
    command -v "$command" >/dev/null 2>&1 \
      || die "$command is missing (apt-get install iproute2 util-linux iptables docker.io debootstrap haproxy curl openssl)"
  done
  ip netns add "$PREFIX-probe" 2>/dev/null || skip "this machine does not allow network namespaces"
  ip netns del "$PREFIX-probe"
  if ip link show "$BRIDGE" >/dev/null 2>&1 || [[ -e "$RUN" ]]; then
    die "an earlier run (--keep?) is still here: e2e/swarm-test.sh --clean-up removes it"
  fi
  if grep -q "^$SUBNET\." <<<"$(ip -4 route show)"; then
    die "$SUBNET.0/24 is already routed on this machine; choose another with E2E_SUBNET=10.x.y"
  fi
}

build_jars() {
  use_jdk_21_or_newer
  (cd "$ROOT" && maven -q package -DskipTests)
}

make_network() {
  ip link add "$BRIDGE" type bridge
  ip addr add "$SUBNET.1/24" dev "$BRIDGE"
  ip link set "$BRIDGE" up
  # A Docker daemon in the host sets FORWARD to DROP, which would also drop traffic between the nodes.
  iptables -I FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
  local node
  for node in "${NODES[@]}"; do
    ip netns add "$PREFIX-$node"
    ip link add "ge2e-$node" type veth peer name eth0 netns "$PREFIX-$node"
    ip link set "ge2e-$node" master "$BRIDGE" up
    ip -n "$PREFIX-$node" addr add "$(ip_of "$node")/24" dev eth0
    ip -n "$PREFIX-$node" link set eth0 up
    ip -n "$PREFIX-$node" link set lo up
    # No default route: a node that tries to pull from a registry fails at once instead of waiting.
  done
}

start_daemon() {
  local node="$1"
  mkdir -p "$STATE/$node" "$RUN/$node"
  # The swarm's registry is plain HTTP on the test bridge: every daemon is told to use it so.
  printf '{"insecure-registries": ["%s"]}\n' "$REGISTRY" >"$RUN/$node/daemon.json"
  nsenter --net="/var/run/netns/$PREFIX-$node" unshare --uts sh -c "hostname $node && exec dockerd \
    --config-file $RUN/$node/daemon.json --data-root $STATE/$node --exec-root $RUN/$node/exec \
    -H unix://$RUN/$node/docker.sock --pidfile $RUN/$node/docker.pid --cgroup-parent $PREFIX-$node" \
    >>"$RUN/$node/dockerd.log" 2>&1 &
}

start_daemons() {
  local node
  for node in "${NODES[@]}"; do
    start_daemon "$node"
  done
  for node in "${NODES[@]}"; do
    await "the Docker daemon of $node" dock "$node" info
  done
}

# The public images that a real swarm pulls from Docker Hub, as stand-ins: all of them on the manager, which pushes
# them to the swarm's registry, and the registry's own on worker3, which runs it.
base_images() {
  # The root file system is cached in the test's own folder, removed at the end, unless GEO_E2E_CACHE says where
  # to keep it between runs.
  DOCKER_HOST="unix://$RUN/manager/docker.sock" GEO_E2E_CACHE="${GEO_E2E_CACHE:-$STATE/cache}" \
    "$ROOT/e2e/stand-in-images.sh"
  DOCKER_HOST="unix://$RUN/worker3/docker.sock" GEO_E2E_CACHE="${GEO_E2E_CACHE:-$STATE/cache}" \
    "$ROOT/e2e/stand-in-images.sh" registry:2
}

# As the README: docker swarm init on the manager, docker swarm join on each worker.
form_swarm() {
  local token node
  dock manager swarm init --advertise-addr "$(ip_of manager)" >/dev/null
  token=$(dock manager swarm join-token -q worker)
  for node in worker1 worker2 worker3; do
    dock "$node" swarm join --token "$token" "$(ip_of manager):2377" >/dev/null
  done
  # Notice a lost node in seconds rather than the default tens of seconds, to keep the drill short.
  dock manager swarm update --dispatcher-heartbeat 2s >/dev/null
}

registry_answers() {
  curl -sf --max-time 2 "http://$REGISTRY/v2/" >/dev/null
}

start_registry() {
  dock manager service create --detach --name registry --no-resolve-image \
    --constraint node.hostname==worker3 --publish "published=5000,target=5000,mode=host" registry:2 >/dev/null
  await "the registry on $REGISTRY" registry_answers
}

# Built on the manager and pushed, with the public images geo runs, to the swarm's registry.
build_and_push_images() {
  local image started service
  dock manager build -q -f "$ROOT/Dockerfile.api" -t "$REGISTRY/geo-api:e2e" "$ROOT" >/dev/null
  dock manager build -q -f "$ROOT/Dockerfile.frontend" -t "$REGISTRY/geo-frontend:e2e" "$ROOT" >/dev/null
  # Each image's ahead-of-time cache fits its JVM and jar: with AOTMode=on java refuses to start otherwise (by
  # default it would start slowly, with a warning). The service then stops at once on its first bad setting.
  for service in api frontend; do
    started=$(dock manager run --rm --entrypoint java -e APP_PORT=none "$REGISTRY/geo-$service:e2e" \
      "-XX:AOTCache=/opt/geo/aot/geo-$service.aot" -XX:AOTMode=on @/opt/geo/jvm.options \
      -jar "/opt/geo/geo-$service.jar" 2>&1 || true)
    [[ "$started" == "geo-$service: "*" is"* ]] \
      || die "geo-$service's image does not start with its ahead-of-time cache: $started"
    log "ok: geo-$service's image starts with its ahead-of-time cache"
  done
  dock manager tag redis:7 "$REGISTRY/redis:7"
  dock manager tag haproxy:2.6 "$REGISTRY/haproxy:2.6"
  for image in geo-api:e2e geo-frontend:e2e redis:7 haproxy:2.6; do
    dock manager push -q "$REGISTRY/$image" >/dev/null
  done
}

# A certificate authority for this run, and two certificates it signs for both host names, each with a key of its
# own: the first deployed, the second rotated to. No key leaves $STATE.
make_certificates() {
  local certificate
  mkdir -p "$STATE/tls"
  (
    umask 077
    cd "$STATE/tls"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2 \
      -subj "/CN=geo e2e test CA" 2>/dev/null
    printf 'subjectAltName=DNS:%s,DNS:%s\n' "$API_NAME" "$WEB_NAME" >names.ext
    for certificate in first second; do
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$certificate.key" \
        -out "$certificate.csr" -subj "/CN=$API_NAME" 2>/dev/null
      openssl x509 -req -in "$certificate.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile names.ext -out "$certificate.crt" 2>/dev/null
    done
    # The load balancer in front holds the first certificate and key in one file, as HAProxy reads them.
    cat first.crt first.key >lb.pem
  )
}

start_fake_provider() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$STATE/api-key"
  chmod 600 "$STATE/api-key"
  "$JAVA_HOME/bin/java" "$ROOT/tools/FakeIpGeolocation.java" "$SUBNET.1" "$PROVIDER_PORT" --key-file "$STATE/api-key" \
    >"$RUN/fake-provider.log" 2>&1 &
  PIDS+=("$!")
  await "the fake ipgeolocation.io" curl -sf "http://$SUBNET.1:$PROVIDER_PORT/calls"
}

# swarm-setup.sh as the README runs it: images from the registry, pinned to their digests (RESOLVE_IMAGE=always,
# its default), the key as a file, the certificate of CERTIFICATE (first or second) and both host names.
swarm_setup() {
  local certificate="${CERTIFICATE:-first}"
  env DOCKER_HOST="unix://$RUN/manager/docker.sock" MANAGER_ADDR="$(ip_of manager)" PUBLISH_MODE=host \
    API_IMAGE="$REGISTRY/geo-api:e2e" FRONTEND_IMAGE="$REGISTRY/geo-frontend:e2e" \
    REDIS_IMAGE="$REGISTRY/redis:7" EDGE_IMAGE="$REGISTRY/haproxy:2.6" API_KEY_FILE="$STATE/api-key" \
    TLS_CERT_FILE="$STATE/tls/$certificate.crt" TLS_KEY_FILE="$STATE/tls/$certificate.key" \
    API_HOSTNAME="$API_NAME" FRONTEND_HOSTNAME="$WEB_NAME" \
    NODE_WAIT="$WAIT" CONVERGE_WAIT="$UPDATE_WAIT" "$ROOT/swarm-setup.sh" \
    --api-env "IPGEOLOCATION_URL=http://$SUBNET.1:$PROVIDER_PORT" --api-env PROVIDER_TIMEOUT=PT1S "$@"
}

run_swarm_setup() {
  if ! swarm_setup >"$RUN/swarm-setup.log" 2>&1; then
    cat "$RUN/swarm-setup.log" >&2
    die "swarm-setup.sh failed"
  fi
  grep -v 'docker swarm join' "$RUN/swarm-setup.log" >&2 || true
}

# With the routing mesh (which this kernel cannot run), HTTPS makes geo-edge one task per api node published through
# the mesh, and the services publish nothing themselves: what swarm-setup.sh --dry-run plans for a new swarm.
assert_ingress_plan() {
  local plan edge services flag
  plan=$(DOCKER_HOST="unix://$RUN/nowhere.sock" PUBLISH_MODE=ingress TLS_CERT_FILE="$STATE/tls/first.crt" \
    TLS_KEY_FILE="$STATE/tls/first.key" API_HOSTNAME="$API_NAME" FRONTEND_HOSTNAME="$WEB_NAME" \
    "$ROOT/swarm-setup.sh" --dry-run 2>&1)
  edge=$(grep -- '--name geo-edge ' <<<"$plan") || die "--dry-run plans no geo-edge: $plan"
  for flag in "--replicas 2 " "--replicas-max-per-node 1 " "--publish published=443,target=8443 " \
    "--publish published=80,target=8080 " "--publish published=8081,target=8081 " \
    "--secret source=geo-edge-tls-"; do
    [[ "$edge" == *"$flag"* ]] || die "geo-edge's plan lacks $flag: $edge"
  done
  services=$(grep -- '--name geo-api \|--name geo-frontend ' <<<"$plan" || true)
  [[ "$services" == *"--name geo-api "* && "$services" != *--publish* ]] \
    || die "with geo-edge in front, geo-api or geo-frontend is planned with a published port: $services"
  if grep -q "BEGIN\|PRIVATE" <<<"$plan"; then
    die "the plan shows key material"
  fi
  log "ok: with the routing mesh and HTTPS, geo-edge is planned one task per api node, publishing 443, 80, 8081, 8082"
}

# Every image a service runs is pinned to a digest in the registry, and the workers pulled it from there.
assert_images_pulled() {
  local service image
  for service in geo-api geo-frontend geo-redis geo-edge; do
    image=$(dock manager service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "$service")
    [[ "$image" == "$REGISTRY/"*"@sha256:"* ]] || die "$service runs $image, not an image of $REGISTRY by digest"
  done
  # Each output is read whole before it is searched: grep -q would stop reading early, and with pipefail the
  # writer's broken pipe would fail the check.
  grep -q "^$REGISTRY/geo-api@sha256:" <<<"$(dock worker1 image ls --digests --format '{{.Repository}}@{{.Digest}}')" \
    || die "worker1 did not pull geo-api from the registry"
  log "ok: every service runs an image of $REGISTRY by digest, pulled by the workers"
}

expect() {
  local what="$1" actual="$2" expected="$3"
  [[ "$actual" == "$expected" ]] || die "$what: expected '$expected', got '$actual'"
  log "ok: $what is '$actual'"
}

assert_cluster() {
  expect "the manager's availability" "$(dock manager node inspect --format '{{.Spec.Availability}}' manager)" drain
  expect "the manager's role" "$(dock manager node inspect --format '{{.ManagerStatus.Leader}}' manager)" true
  local node
  for node in worker1 worker2 worker3; do
    expect "$node's state" "$(dock manager node inspect --format '{{.Status.State}}' "$node")" ready
  done
  expect "worker1's label" "$(dock manager node inspect --format '{{index .Spec.Labels "service"}}' worker1)" api-service
  expect "worker2's label" "$(dock manager node inspect --format '{{index .Spec.Labels "service"}}' worker2)" api-service
  expect "worker3's label" "$(dock manager node inspect --format '{{index .Spec.Labels "service"}}' worker3)" redis-service
  expect "geo-net's driver" "$(dock manager network inspect --format '{{.Driver}} {{.Scope}}' geo-net)" "overlay swarm"
}

# The nodes of a service's running tasks, sorted and counted, e.g. "2 worker1,2 worker2".
placement() {
  dock manager service ps --filter desired-state=running --format '{{.Node}} {{.CurrentState}}' "$1" \
    | awk '$2 == "Running" {print $1}' | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=","}'
}

assert_placement() {
  expect "geo-redis's tasks" "$(placement geo-redis)" "1 worker3"
  expect "geo-api's tasks" "$(placement geo-api)" "2 worker1,2 worker2"
  expect "geo-frontend's tasks" "$(placement geo-frontend)" "2 worker1,2 worker2"
  expect "geo-edge's tasks" "$(placement geo-edge)" "1 worker1,1 worker2"
}

# GET through curl: prints "<status> <X-Cache> <X-Source> <apiServer>".
# GET through curl, with any more curl options: prints "<status> <X-Cache> <X-Source> <apiServer>".
probe() {
  local url="$1" headers body
  shift
  headers=$(mktemp)
  body=$(curl -s --max-time 10 -D "$headers" "$@" "$url" || true)
  printf '%s %s %s %s\n' \
    "$(awk 'NR == 1 {print $2}' "$headers")" \
    "$(tr -d '\r' <"$headers" | awk -F': ' 'tolower($1) == "x-cache" {print $2}')" \
    "$(tr -d '\r' <"$headers" | awk -F': ' 'tolower($1) == "x-source" {print $2}')" \
    "$(sed -n 's/.*"apiServer":"\([^"]*\)".*/\1/p' <<<"$body")"
  rm -f "$headers"
}

# curl's options to reach both host names at HOST:PORT over HTTPS, trusting the test authority only.
https_to() {
  local host="$1" port="$2"
  printf '%s\n' --cacert "$STATE/tls/ca.pem" --resolve "$API_NAME:$port:$host" --resolve "$WEB_NAME:$port:$host"
}

# The SHA-256 fingerprint of the certificate that HOST:443 serves for the api's name.
served_certificate() {
  openssl s_client -connect "$1:443" -servername "$API_NAME" </dev/null 2>/dev/null \
    | openssl x509 -noout -fingerprint -sha256 2>/dev/null
}

# On both api nodes, as a client of the two DNS names would meet them: HTTPS for each name, HTTP redirected, HSTS,
# TLS 1.1 and weak ciphers refused, the caller's own address, and the certificate deployed.
assert_https() {
  local node ip https=() answer
  for node in worker1 worker2; do
    ip=$(ip_of "$node")
    mapfile -t https < <(https_to "$ip" 443)
    answer=$(probe "https://$API_NAME/8.8.8.8" "${https[@]}")
    [[ "$answer" == "200 "*" ipgeolocation.io "* ]] || die "https://$API_NAME/8.8.8.8 on $node answered '$answer'"
    grep -q '<td>Mountain View</td>' <<<"$(curl -sf --max-time 10 "${https[@]}" "https://$WEB_NAME/?ip=8.8.8.8")" \
      || die "https://$WEB_NAME/?ip=8.8.8.8 on $node did not show the location"
    expect "https://$API_NAME/ip on $node (the caller)" \
      "$(curl -s --max-time 10 "${https[@]}" "https://$API_NAME/ip")" "$SUBNET.1"
    expect "HSTS on $node" "$(curl -s --max-time 10 -D - -o /dev/null "${https[@]}" "https://$API_NAME/8.8.8.8" \
      | tr -d '\r' | awk -F': ' 'tolower($1) == "strict-transport-security" {print $2}')" "max-age=31536000"
    expect "http://$WEB_NAME/?ip=1.1.1.1 on $node" "$(curl -s --max-time 10 -o /dev/null \
      -w '%{http_code} %{redirect_url}' -H "Host: $WEB_NAME" "http://$ip/?ip=1.1.1.1")" \
      "301 https://$WEB_NAME/?ip=1.1.1.1"
    expect "https for another name on $node" "$(curl -sk --max-time 10 -o /dev/null -w '%{http_code}' \
      --resolve "other.geo.test:443:$ip" "https://other.geo.test/8.8.8.8")" 421
    grep -q 'alert protocol version' <<<"$(openssl s_client -connect "$ip:443" -servername "$API_NAME" -tls1_1 \
      -cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>&1)" || die "$node did not refuse TLS 1.1"
    expect "the certificate $node serves" "$(served_certificate "$ip")" \
      "$(openssl x509 -noout -fingerprint -sha256 -in "$STATE/tls/first.crt")"
  done
  log "ok: both names over HTTPS on both api nodes, HTTP redirected, HSTS, TLS 1.1 refused, the caller's address"
}
assert_answers() {
  local node answer page
  for node in worker1 worker2; do
    answer=$(probe "http://$(ip_of "$node"):8081/8.8.8.8")
    [[ "$answer" == "200 "*" ipgeolocation.io "* ]] || die "geo-api on $node:8081 answered '$answer'"
    log "ok: geo-api on $node:8081 answers 8.8.8.8 from ipgeolocation.io (the key reached it as a secret)"
    page=$(curl -s --max-time 10 "http://$(ip_of "$node"):8082/?ip=8.8.8.8")
    grep -q '<td>Mountain View</td>' <<<"$page" || die "geo-frontend on $node:8082 did not show the location"
    log "ok: geo-frontend on $node:8082 shows the location"
  done
}

assert_shared_cache() {
  local first answer tries=0
  first=$(probe "http://$(ip_of worker1):8081/1.0.0.1")
  [[ "$first" == "200 MISS "* ]] || die "the first look-up of 1.0.0.1 answered '$first'"
  # geo-edge spreads requests over the tasks: ask until another replica answers, from the cache.
  while true; do
    answer=$(probe "http://$(ip_of worker2):8081/1.0.0.1")
    if [[ "$answer" == "200 HIT "* && "${answer##* }" != "${first##* }" ]]; then
      break
    fi
    tries=$((tries + 1))
    [[ "$tries" -lt 20 ]] || die "no other replica answered 1.0.0.1 from the cache (last: '$answer')"
  done
  expect "ipgeolocation.io calls for 1.0.0.1" "$(curl -s "http://$SUBNET.1:$PROVIDER_PORT/calls?ip=1.0.0.1")" 1
  log "ok: replica ${first##* } asked ipgeolocation.io, replica ${answer##* } answered from the shared Redis"
}

# The public ports say only "ready" and serve no metrics; the admin port answers on geo-net, and on no node's address.
assert_admin_port() {
  local node edge answer
  for node in worker1 worker2; do
    answer=$(curl -s --max-time 10 "http://$(ip_of "$node"):8081/ready")
    expect "/ready on $node:8081" "$answer" '{"status":"READY"}'
    answer=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "http://$(ip_of "$node"):8081/metrics")
    expect "/metrics on $node:8081" "$answer" 400
    if curl -s --max-time 5 -o /dev/null "http://$(ip_of "$node"):9090/metrics"; then
      die "the admin port 9090 answers on $node's address"
    fi
  done
  edge=$(dock worker1 ps -q --filter label=com.docker.swarm.service.name=geo-edge | head -n 1)
  # From a container on geo-net, as a Prometheus there would scrape it (bash's /dev/tcp: the image has no curl).
  answer=$(dock worker1 exec "$edge" bash -c 'exec 3<>/dev/tcp/tasks.geo-api/9090 \
    && printf "GET /metrics HTTP/1.0\r\n\r\n" >&3 && cat <&3' | grep -c '^http_requests_total' || true)
  [[ "$answer" -gt 0 ]] || die "geo-api's admin port gave no metrics on geo-net"
  log "ok: /ready names no internal host, /metrics is on the admin port only, reachable on geo-net and nowhere else"
  answer=$(probe "http://$(ip_of worker1):8081//8.8.8.8")
  [[ "$answer" == "200 "* ]] || die "geo-edge did not read //8.8.8.8 as a path: '$answer'"
  log "ok: geo-edge reads //8.8.8.8 as the path /8.8.8.8"
}

# Neither the API key nor the private key shows in docker service inspect, on a command line or in a log.
assert_secrets() {
  local key private service
  key=$(cat "$STATE/api-key")
  private=$(sed -n '2p' "$STATE/tls/first.key")
  for service in geo-api geo-edge; do
    if grep -qF -e "$key" -e "$private" -e "PRIVATE KEY" <<<"$(dock manager service inspect "$service")"; then
      die "a key shows in docker service inspect $service"
    fi
    if grep -qF -e "$key" -e "$private" <<<"$(dock manager service logs "$service" 2>&1)"; then
      die "a key shows in the logs of $service"
    fi
  done
  if pgrep -f -- "$key" >/dev/null || pgrep -f -- "$private" >/dev/null; then
    die "a key shows on a command line"
  fi
  log "ok: the API key and the private key are in no docker service inspect, log or command line"
}

service_state() {
  local service
  for service in geo-redis geo-api geo-frontend geo-edge; do
    dock manager service inspect --format '{{json .Spec}}' "$service"
    dock manager service ps -q --filter desired-state=running "$service" | sort
  done
}

assert_idempotent() {
  local before after
  before=$(service_state)
  swarm_setup >"$RUN/swarm-setup-again.log" 2>&1 || { cat "$RUN/swarm-setup-again.log" >&2; die "the second run failed"; }
  after=$(service_state)
  [[ "$before" == "$after" ]] || die "the second run of swarm-setup.sh changed the services or their tasks"
  log "ok: the second run changed no service and no task"
}

# The load balancer in front of the api nodes, in place of a cloud one: geo-edge's own configuration from
# swarm-setup.sh --print-edge-config, over both nodes' HTTPS port (verifying them with the test authority), with the
# settings the README gives for a balancer over the nodes: a node's geo-edge may itself take a few seconds to get
# past a task that vanished, so its checks wait longer and need two in a row.
start_lb() {
  EDGE_BIND_ADDRESS=127.0.0.1 API_PORT=$LB_API_PORT FRONTEND_PORT=$LB_WEB_PORT HTTPS_PORT=$LB_HTTPS_PORT \
    HTTP_PORT=$LB_HTTP_PORT EDGE_TLS_PEM="$STATE/tls/lb.pem" API_HOSTNAME="$API_NAME" FRONTEND_HOSTNAME="$WEB_NAME" \
    EDGE_API_SERVERS="$(ip_of worker1):443 $(ip_of worker2):443" \
    EDGE_FRONTEND_SERVERS="$(ip_of worker1):443 $(ip_of worker2):443" EDGE_SERVERS_CA="$STATE/tls/ca.pem" \
    EDGE_CONNECT_TIMEOUT=1s EDGE_CHECK_TIMEOUT=4s EDGE_FALL=2 EDGE_RISE=2 EDGE_API_WAIT=10s \
    EDGE_FRONTEND_WAIT=15s EDGE_ACCESS_LOG=true "$ROOT/swarm-setup.sh" --print-edge-config >"$RUN/haproxy.cfg"
  haproxy -db -f "$RUN/haproxy.cfg" >"$RUN/haproxy.log" 2>&1 &
  PIDS+=("$!")
  await "the load balancer" curl -sf --cacert "$STATE/tls/ca.pem" \
    --resolve "$API_NAME:$LB_HTTPS_PORT:127.0.0.1" "https://$API_NAME:$LB_HTTPS_PORT/health"
}

# A steady stream of requests through the load balancer, alternating geo-api and geo-frontend, until stopped.
# A steady stream of HTTPS requests through the load balancer, alternating geo-api and geo-frontend, until stopped.
stream_start() {
  rm -f "$RUN/stream.log" "$RUN/stream.stop"
  LB_LOG_FROM=$(($(wc -l <"$RUN/haproxy.log") + 1))
  (
    local i=0 url https=()
    mapfile -t https < <(https_to 127.0.0.1 "$LB_HTTPS_PORT")
    while [[ ! -e "$RUN/stream.stop" ]]; do
      if ((i % 2 == 0)); then
        url="https://$API_NAME:$LB_HTTPS_PORT/${STREAM_IPS[i / 2 % ${#STREAM_IPS[@]}]}"
      else
        url="https://$WEB_NAME:$LB_HTTPS_PORT/?ip=${STREAM_IPS[i / 2 % ${#STREAM_IPS[@]}]}"
      fi
      curl -s -o /dev/null --max-time 20 "${https[@]}" -w "%{http_code} %{time_total} $url\n" "$url" \
        >>"$RUN/stream.log" || true
      i=$((i + 1))
      sleep 0.05
    done
  ) &
  STREAM_PID=$!
  sleep 2
}
# Stops the stream and fails the drill if any request failed.
stream_stop() {
  local drill="$1" total failed slowest
  sleep 2
  touch "$RUN/stream.stop"
  wait "$STREAM_PID" || true
  STREAM_PID=""
  total=$(wc -l <"$RUN/stream.log")
  failed=$(awk '$1 != "200"' "$RUN/stream.log" | wc -l)
  slowest=$(awk 'BEGIN {max = 0} $2 > max {max = $2} END {print max}' "$RUN/stream.log")
  REPORT+=("$(printf '       %s: %d requests, %d failed, slowest %ss' "$drill" "$total" "$failed" "$slowest")")
  if [[ "$failed" -gt 0 ]]; then
    awk '$1 != "200"' "$RUN/stream.log" | head -n 10 >&2
    log "what the load balancer logged for answers other than 200, and for retries:"
    tail -n "+$LB_LOG_FROM" "$RUN/haproxy.log" | awk '$6 != "200" || $11 !~ /\/0$/' | tail -n 20 >&2
    die "$drill: $failed of $total requests failed"
  fi
  log "ok: $drill: $total requests, none failed, slowest ${slowest}s"
  # Timers (ms): waiting for the request / in the queue / to connect / for the answer / in all; then the status.
  tail -n "+$LB_LOG_FROM" "$RUN/haproxy.log" | awk '{split($5, t, "/")} t[5] >= 1000' | head -n 5 \
    | sed 's/^/[swarm-test]   slower than 1 s: /' >&2
}

running_tasks() {
  dock manager service ps --filter desired-state=running --format '{{.CurrentState}}' "$1" | grep -c '^Running' || true
}

has_running_tasks() {
  [[ "$(running_tasks "$1")" -ge "$2" ]]
}

task_not_running() {
  [[ "$(dock manager inspect --format '{{.Status.State}}' "$1")" != running ]]
}

drill_task_killed() {
  local victim task
  stream_start
  victim=$(dock worker1 ps -q --filter label=com.docker.swarm.service.name=geo-api | head -n 1)
  [[ -n "$victim" ]] || die "no geo-api container on worker1"
  task=$(dock worker1 inspect --format '{{index .Config.Labels "com.docker.swarm.task.id"}}' "$victim")
  dock worker1 kill "$victim" >/dev/null
  log "killed geo-api container $victim (task $task) on worker1"
  await "Swarm to see task $task end" task_not_running "$task"
  await "geo-api to run 4 tasks again" has_running_tasks geo-api 4
  stream_stop "a geo-api task killed"
}

node_is() {
  [[ "$(dock manager node inspect --format '{{.Status.State}}' "$1")" == "$2" ]]
}

all_on() {
  [[ "$(placement "$1")" == "$2" ]]
}

# What a node keeps of its overlay networks after its daemon stopped, removed as a reboot would: the sandboxes'
# namespaces and their vxlan interfaces. Left there, the daemon that starts again may fail to create a vxlan
# interface ("file exists", moby/libnetwork#1765) and reject the next task it is given.
forget_network_state() {
  local node="$1" netns link
  for netns in "$RUN/$node/exec/netns"/*; do
    [[ -e "$netns" ]] || continue
    umount -l "$netns" 2>/dev/null || true
    rm -f "$netns"
  done
  for link in $(ip -n "$PREFIX-$node" -o link show type vxlan 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip -n "$PREFIX-$node" link del "$link" 2>/dev/null || true
  done
}

drill_node_lost() {
  local pid
  stream_start
  pid=$(cat "$RUN/worker1/docker.pid")
  kill -TERM "$pid"
  log "stopped worker1's Docker daemon"
  await "worker1 to be down" node_is worker1 down
  await "geo-api's tasks to move to worker2" all_on geo-api "4 worker2"
  await "geo-frontend's tasks to move to worker2" all_on geo-frontend "4 worker2"
  stream_stop "worker1 lost"
  log "ok: geo-api and geo-frontend run 4 tasks on worker2"
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
  done
  forget_network_state worker1
  start_daemon worker1
  await "worker1's daemon" dock worker1 info
  await "worker1 to be back" node_is worker1 ready
}

update_state() {
  dock manager service inspect --format '{{.UpdateStatus.State}}' "${1:-geo-api}"
}

# Completed, or stopped for good: paused, rolled back.
update_settled() {
  case "$(update_state "${1:-geo-api}")" in
    completed | paused | rollback_completed | rollback_paused) return 0 ;;
    *) return 1 ;;
  esac
}

# Waits for the update of SERVICE that the command after it started, and starts it again once when Docker's own
# overlay race (moby/libnetwork#1765: "error creating vxlan interface: file exists") rejected a task and Swarm rolled
# the update back, as it should: the drills are about geo, not about that race. Fails unless the update completed.
settle_update() {
  local service="$1"
  shift
  (WAIT=$UPDATE_WAIT await "the rolling update of $service" update_settled "$service") || true
  if [[ "$(update_state "$service")" == rollback_completed ]] && grep -q 'error creating vxlan interface' \
    <<<"$(dock manager service ps --no-trunc --format '{{.Error}}' "$service")"; then
    log "a task of $service was rejected by Docker's vxlan race (moby/libnetwork#1765); updating again"
    "$@"
    (WAIT=$UPDATE_WAIT await "the rolling update of $service" update_settled "$service") || true
  fi
  if [[ "$(update_state "$service")" != completed ]]; then
    log "$service's update status and tasks:"
    dock manager service inspect --format '{{json .UpdateStatus}}' "$service" >&2
    dock manager service ps --no-trunc --format '{{.Name}} {{.Node}} {{.Image}} {{.DesiredState}} {{.CurrentState}} {{.Error}}' \
      "$service" >&2
    die "the rolling update of $service did not complete"
  fi
  log "the rolling update of $service completed"
}

update_geo_api() {
  dock manager service update --detach --with-registry-auth --image "$REGISTRY/geo-api:e2e-2" geo-api >/dev/null
}

# A second version pushed to the registry, and geo-api updated to it, task by task, as the README says.
drill_rolling_update() {
  printf 'FROM %s/geo-api:e2e\nLABEL geo.e2e.revision=2\n' "$REGISTRY" \
    | dock manager build -q -t "$REGISTRY/geo-api:e2e-2" - >/dev/null
  dock manager push -q "$REGISTRY/geo-api:e2e-2" >/dev/null
  stream_start
  update_geo_api
  settle_update geo-api update_geo_api
  stream_stop "rolling update of geo-api"
  expect "geo-api's image" "$(dock manager service ps --filter desired-state=running --format '{{.Image}}' geo-api \
    | sed 's/@sha256:.*//' | sort -u)" "$REGISTRY/geo-api:e2e-2"
}

# swarm-setup.sh with the second certificate; whether geo-edge's update completed is settle_update's to say.
rotate_certificate() {
  if ! CERTIFICATE=second swarm_setup >"$RUN/swarm-setup-rotate.log" 2>&1; then
    log "swarm-setup.sh with the new certificate failed:"
    cat "$RUN/swarm-setup-rotate.log" >&2
  fi
}

# swarm-setup.sh again with a new certificate, under traffic: geo-edge rolls onto it node by node, no request fails,
# the new certificate is the one served, and the old secret is gone.
drill_certificate_rotated() {
  local node secrets
  stream_start
  rotate_certificate
  settle_update geo-edge rotate_certificate
  stream_stop "certificate rotated"
  for node in worker1 worker2; do
    expect "the certificate $node serves" "$(served_certificate "$(ip_of "$node")")" \
      "$(openssl x509 -noout -fingerprint -sha256 -in "$STATE/tls/second.crt")"
  done
  secrets=$(dock manager secret ls --format '{{.Name}}' | grep -c '^geo-edge-tls-' || true)
  expect "geo-edge-tls secrets left" "$secrets" 1
}
redis_serves_again() {
  local ip="$1" answer https=()
  mapfile -t https < <(https_to 127.0.0.1 "$LB_HTTPS_PORT")
  probe "https://$API_NAME:$LB_HTTPS_PORT/$ip" "${https[@]}" >/dev/null
  answer=$(probe "https://$API_NAME:$LB_HTTPS_PORT/$ip" "${https[@]}")
  [[ "$answer" == "200 HIT "* ]]
}
drill_redis_killed() {
  local victim
  stream_start
  victim=$(dock worker3 ps -q --filter label=com.docker.swarm.service.name=geo-redis | head -n 1)
  [[ -n "$victim" ]] || die "no geo-redis container on worker3"
  dock worker3 kill "$victim" >/dev/null
  log "killed the Redis container $victim on worker3"
  sleep 3
  await "geo-redis to run again" has_running_tasks geo-redis 1
  await "geo-api to cache in the new Redis" redis_serves_again 1.1.1.2
  stream_stop "Redis killed"
  log "ok: geo-api answered throughout and caches in the new Redis"
}

assert_teardown() {
  swarm_setup --teardown >"$RUN/teardown.log" 2>&1 || { cat "$RUN/teardown.log" >&2; die "--teardown failed"; }
  expect "services left" "$(dock manager service ls --format '{{.Name}}')" registry
  expect "secrets and configs left" "$(dock manager secret ls -q | wc -l) $(dock manager config ls -q | wc -l)" "0 0"
  if dock manager network inspect geo-net >/dev/null 2>&1; then
    die "geo-net is still there"
  fi
  expect "worker1's label" "$(dock manager node inspect --format '{{index .Spec.Labels "service"}}' worker1)" ""
  expect "the manager's availability" "$(dock manager node inspect --format '{{.Spec.Availability}}' manager)" active
}
# shellcheck disable=SC2317  # called by the EXIT trap
# Stops and removes everything a run made: processes, daemons and their containers, mounts, cgroups, namespaces.
remove_everything() {
  local pid node procs mount
  # Best effort: whatever is already gone is no failure.
  set +e
  stop_pids "${PIDS[@]}"
  for node in "${NODES[@]}"; do
    [[ -s "$RUN/$node/docker.pid" ]] && kill -TERM "$(cat "$RUN/$node/docker.pid")" 2>/dev/null
  done
  for _ in $(seq 1 30); do
    pgrep -f "$RUN/" >/dev/null || break
    sleep 1
  done
  pkill -9 -f "$RUN/" 2>/dev/null
  pkill -9 -f "$STATE/" 2>/dev/null
  # Containers whose daemon is gone keep running: their processes sit in the daemons' cgroups.
  for procs in /sys/fs/cgroup/*/"$PREFIX"-*/*/cgroup.procs /sys/fs/cgroup/"$PREFIX"-*/*/cgroup.procs; do
    [[ -f "$procs" ]] && xargs -r kill -9 <"$procs" 2>/dev/null
  done
  sleep 1
  grep -E " ($STATE|$RUN)" /proc/mounts | awk '{print $2}' | sort -r | while read -r mount; do
    umount -l "$mount" 2>/dev/null
  done
  find /sys/fs/cgroup -depth -type d -path "*/$PREFIX-*" -exec rmdir {} + 2>/dev/null
  rm -rf "$STATE" "$RUN"
  for node in "${NODES[@]}"; do
    ip netns del "$PREFIX-$node" 2>/dev/null
  done
  ip link del "$BRIDGE" 2>/dev/null
  while iptables -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null; do
    :
  done
  return 0
}

cleanup() {
  local status=$?
  set +e
  trap - EXIT INT TERM
  [[ -z "$STREAM_PID" ]] || kill "$STREAM_PID" 2>/dev/null
  if [[ "$KEEP" == true ]]; then
    log "--keep: everything stays; e.g. docker -H unix://$RUN/manager/docker.sock service ls"
    log "e2e/swarm-test.sh --clean-up removes it"
    return "$status"
  fi
  log "cleaning up"
  remove_everything
  report
  if [[ "$status" -eq 0 ]]; then
    log "PASSED in ${SECONDS}s"
  else
    log "FAILED after ${SECONDS}s"
  fi
  return "$status"
}

main() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --keep) KEEP=true ;;
      --clean-up)
        [[ "$(id -u)" -eq 0 ]] || die "needs root"
        remove_everything
        log "removed what an earlier run left"
        exit 0
        ;;
      *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
  done
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  preflight
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$STATE" "$RUN"
  timed "build the jars" build_jars
  timed "the offline database" "$ROOT/scripts/fetch-geodb.sh"
  timed "bridge $BRIDGE and four network namespaces" make_network
  timed "four Docker daemons: ${NODES[*]}" start_daemons
  timed "stand-in public images (debootstrap, jlink)" base_images
  timed "docker swarm init, and the workers join" form_swarm
  timed "the registry, a service on worker3" start_registry
  timed "docker build Dockerfile.api and Dockerfile.frontend, push to $REGISTRY" build_and_push_images
  timed "a test certificate authority and two certificates" make_certificates
  timed "check: the plan for the routing mesh with HTTPS (--dry-run)" assert_ingress_plan
  timed "fake ipgeolocation.io on $SUBNET.1:$PROVIDER_PORT" start_fake_provider
  timed "swarm-setup.sh, with HTTPS for $API_NAME and $WEB_NAME" run_swarm_setup
  timed "check: manager drained, labels, geo-net" assert_cluster
  timed "check: tasks on the right nodes" assert_placement
  timed "check: images pulled from the registry by digest" assert_images_pulled
  timed "check: answers on :8081 and :8082 of both api workers" assert_answers
  timed "check: HTTPS, redirect, HSTS, TLS versions, the caller's address" assert_https
  timed "check: one Redis serves every replica" assert_shared_cache
  timed "check: the API key and the private key stay secret" assert_secrets
  timed "check: the admin port is on geo-net only" assert_admin_port
  timed "check: swarm-setup.sh again changes nothing" assert_idempotent
  timed "a load balancer over worker1 and worker2, from --print-edge-config" start_lb
  timed "drill: a geo-api task killed" drill_task_killed
  timed "drill: worker1's daemon stopped" drill_node_lost
  timed "drill: rolling update of geo-api" drill_rolling_update
  timed "drill: Redis killed" drill_redis_killed
  timed "drill: the certificate rotated" drill_certificate_rotated
  timed "swarm-setup.sh --teardown" assert_teardown
}

main "$@"
