#!/usr/bin/env bash
# Sets up geo on a Docker Swarm, on its manager, as the how-to does: swarm init, drain the manager, label the
# workers, the overlay network geo-net, then the services geo-redis, geo-api and geo-frontend. Running it again
# updates what is there instead of failing.
set -Eeuo pipefail

# Settings, with the how-to's values as defaults; each can be set in the environment.
MANAGER_ADDR="${MANAGER_ADDR:-}"
MANAGER_NODE="${MANAGER_NODE:-}"
API_NODES="${API_NODES:-worker1 worker2}"
REDIS_NODE="${REDIS_NODE:-worker3}"
NODE_WAIT="${NODE_WAIT:-300}"
NETWORK="${NETWORK:-geo-net}"
API_IMAGE="${API_IMAGE:-geo-api:latest}"
FRONTEND_IMAGE="${FRONTEND_IMAGE:-geo-frontend:latest}"
REDIS_IMAGE="${REDIS_IMAGE:-redis:7}"
EDGE_IMAGE="${EDGE_IMAGE:-haproxy:2.6}"
API_PORT="${API_PORT:-8081}"
FRONTEND_PORT="${FRONTEND_PORT:-8082}"
APP_PORT="${APP_PORT:-8080}"
ADMIN_PORT="${ADMIN_PORT:-9090}"
REDIS_PORT="${REDIS_PORT:-6379}"
API_REPLICAS="${API_REPLICAS:-4}"
FRONTEND_REPLICAS="${FRONTEND_REPLICAS:-4}"
API_MEMORY="${API_MEMORY:-256M}"
FRONTEND_MEMORY="${FRONTEND_MEMORY:-128M}"
REDIS_MEMORY="${REDIS_MEMORY:-320M}"
REDIS_MAXMEMORY="${REDIS_MAXMEMORY:-256mb}"
PUBLISH_MODE="${PUBLISH_MODE:-ingress}"
EDGE_API_WAIT="${EDGE_API_WAIT:-3s}"
EDGE_FRONTEND_WAIT="${EDGE_FRONTEND_WAIT:-8s}"
EDGE_API_SERVERS="${EDGE_API_SERVERS:-}"
EDGE_FRONTEND_SERVERS="${EDGE_FRONTEND_SERVERS:-}"
EDGE_SERVERS_CA="${EDGE_SERVERS_CA:-}"
EDGE_BIND_ADDRESS="${EDGE_BIND_ADDRESS:-}"
EDGE_CONNECT_TIMEOUT="${EDGE_CONNECT_TIMEOUT:-500ms}"
EDGE_CHECK_TIMEOUT="${EDGE_CHECK_TIMEOUT:-1s}"
EDGE_FALL="${EDGE_FALL:-1}"
EDGE_RISE="${EDGE_RISE:-1}"
EDGE_ACCESS_LOG="${EDGE_ACCESS_LOG:-false}"
TLS_CERT_FILE="${TLS_CERT_FILE:-}"
TLS_KEY_FILE="${TLS_KEY_FILE:-}"
EDGE_TLS_PEM="${EDGE_TLS_PEM:-}"
HTTPS_PORT="${HTTPS_PORT:-443}"
HTTP_PORT="${HTTP_PORT:-80}"
EDGE_HTTPS_BIND="${EDGE_HTTPS_BIND:-$HTTPS_PORT}"
EDGE_HTTP_BIND="${EDGE_HTTP_BIND:-$HTTP_PORT}"
API_HOSTNAME="${API_HOSTNAME:-}"
FRONTEND_HOSTNAME="${FRONTEND_HOSTNAME:-}"
HSTS_MAX_AGE="${HSTS_MAX_AGE:-31536000}"
RESOLVE_IMAGE="${RESOLVE_IMAGE:-always}"
CONVERGE_WAIT="${CONVERGE_WAIT:-300}"
API_KEY_FILE="${API_KEY_FILE:-}"
API_KEY_FROM_SECRETSMANAGER="${API_KEY_FROM_SECRETSMANAGER:-False}"
SECRET_NAME="${SECRET_NAME:-}"
SECRET_KEY="${SECRET_KEY:-}"
REGION_NAME="${REGION_NAME:-}"

API_LABEL="service=api-service"
REDIS_LABEL="service=redis-service"
KEY_SECRET_PREFIX="geo-ipgeolocation-key"
KEY_SECRET_TARGET="ipgeolocation_api_key"
TLS_SECRET_PREFIX="geo-edge-tls"
TLS_SECRET_TARGET="geo-edge-tls.pem"
# geo-edge's ports inside its container, unprivileged: Swarm publishes HTTPS_PORT and HTTP_PORT on them.
EDGE_HTTPS_TARGET=8443
EDGE_HTTP_TARGET=8080
EDGE_CONFIG_PREFIX="geo-edge-haproxy"
EDGE_CONFIG_TARGET="/usr/local/etc/haproxy/haproxy.cfg"
# SHUTDOWN_GRACE in the services is 10 s: Swarm waits a little longer before it kills a task.
STOP_GRACE="15s"

DRY_RUN=false
TEARDOWN=false
PRINT_EDGE_CONFIG=false
API_ENV=()
COMMAND=()
CHANGE=()
KEY_SECRET=""
TLS_SECRET=""
EDGE_CONFIG=""
STEP="start"

usage() {
  cat <<USAGE
Usage: swarm-setup.sh [--dry-run] [--teardown] [--print-edge-config] [--api-env NAME=VALUE]... [--help]

Run on the swarm's manager (or with DOCKER_HOST pointing at it). In order:
  1. docker swarm init (unless this node is already a swarm manager), and the command for workers to join
  2. wait until the nodes $API_NODES $REDIS_NODE have joined
  3. drain the manager, so that it runs no tasks
  4. label $API_NODES with $API_LABEL and $REDIS_NODE with $REDIS_LABEL
  5. docker network create --driver overlay $NETWORK
  6. the API key as a Docker secret (when API_KEY_FILE is set)
  7. the services geo-redis, geo-api and geo-frontend (and geo-edge with PUBLISH_MODE=host), waiting until each
     has its replicas running
Running it again changes nothing that is already as asked, and updates what is not.

Options:
  --dry-run              print every command instead of running it
  --teardown             remove what this script creates (services, network, secrets, configs, labels) and make
                         the manager active again; the swarm itself stays
  --print-edge-config    print geo-edge's HAProxy configuration and stop (what the drills and tests run too); with
                         EDGE_API_SERVERS and EDGE_FRONTEND_SERVERS ("host:port ...") it balances over those
                         rather than over the tasks Swarm's DNS names
  --api-env NAME=VALUE   one more environment variable for geo-api (e.g. CACHE_TTL=PT6H, PROVIDER=database)
  --help                 this text

Settings (environment variables) and their defaults:
  MANAGER_ADDR=$MANAGER_ADDR          address to advertise at swarm init (empty: Docker chooses)
  MANAGER_NODE=$MANAGER_NODE          the manager's node name (empty: this node)
  API_NODES="$API_NODES"  REDIS_NODE=$REDIS_NODE   NODE_WAIT=$NODE_WAIT (seconds to wait for them)
  NETWORK=$NETWORK
  API_IMAGE=$API_IMAGE  FRONTEND_IMAGE=$FRONTEND_IMAGE  REDIS_IMAGE=$REDIS_IMAGE  EDGE_IMAGE=$EDGE_IMAGE
  API_PORT=$API_PORT  FRONTEND_PORT=$FRONTEND_PORT  (published)   APP_PORT=$APP_PORT  REDIS_PORT=$REDIS_PORT  (inside)
  ADMIN_PORT=$ADMIN_PORT     the services' admin port (/metrics, /ready with details): on geo-net only, published nowhere
  API_REPLICAS=$API_REPLICAS  FRONTEND_REPLICAS=$FRONTEND_REPLICAS
  API_MEMORY=$API_MEMORY  FRONTEND_MEMORY=$FRONTEND_MEMORY  REDIS_MEMORY=$REDIS_MEMORY  REDIS_MAXMEMORY=$REDIS_MAXMEMORY
  PUBLISH_MODE=$PUBLISH_MODE
      ingress: Swarm's routing mesh publishes $API_PORT and $FRONTEND_PORT on every node (needs IPVS in the kernel)
      host:    no routing mesh: services resolve by DNS (endpoint mode dnsrr), and geo-edge, one HAProxy task per
               api node, publishes $API_PORT and $FRONTEND_PORT on that node and balances over all the tasks
  EDGE_API_WAIT=$EDGE_API_WAIT  EDGE_FRONTEND_WAIT=$EDGE_FRONTEND_WAIT
               host mode: how long geo-edge waits for the answer to a GET before it asks another task, since a task
               whose node dropped off the network never answers; keep them above geo-api's PROVIDER_TIMEOUT (2 s)
               and geo-frontend's API_TIMEOUT (5 s)
  RESOLVE_IMAGE=$RESOLVE_IMAGE      always: pin images to the registry's digest; never: use the nodes' local images
  CONVERGE_WAIT=$CONVERGE_WAIT      seconds to wait for a service's replicas to run and its update to complete
The ipgeolocation.io key (none: geo-api answers from its offline database):
  API_KEY_FILE=/path/to/file        becomes a Docker secret, read by geo-api from /run/secrets/$KEY_SECRET_TARGET
  API_KEY_FROM_SECRETSMANAGER=True with SECRET_NAME, SECRET_KEY and REGION_NAME: read from AWS Secrets Manager
The key itself never appears on a command line or in docker service inspect.
USAGE
}

log() {
  printf '[swarm-setup] %s\n' "$*" >&2
}

die() {
  printf '[swarm-setup] error: %s\n' "$*" >&2
  exit 1
}

# shellcheck disable=SC2317  # called by the ERR trap
failed() {
  printf '[swarm-setup] error: step "%s" failed; nothing after it was done\n' "$STEP" >&2
}

step() {
  STEP="$1"
  log "$STEP"
}

# Runs a command that changes the swarm, or prints it with --dry-run (on stderr, like the log).
run() {
  if [[ "$DRY_RUN" == true ]]; then
    printf '+ %s\n' "$(quoted "$@")" >&2
  else
    "$@"
  fi
}

quoted() {
  local out="" word
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then
      out+="$word "
    else
      out+="'${word//\'/\'\\\'\'}' "
    fi
  done
  printf '%s' "${out% }"
}

# Read-only questions to Docker; in a dry run without a reachable Docker they answer "nothing there".
ask() {
  if [[ "$DRY_RUN" == true ]] && ! docker info >/dev/null 2>&1; then
    return 1
  fi
  "$@" 2>/dev/null
}

exists() {
  ask "$@" >/dev/null
}

check_settings() {
  local number
  for number in API_PORT FRONTEND_PORT APP_PORT ADMIN_PORT REDIS_PORT API_REPLICAS FRONTEND_REPLICAS NODE_WAIT \
    CONVERGE_WAIT; do
    [[ "${!number}" =~ ^[0-9]+$ ]] || die "$number=${!number} is not a whole number"
  done
  [[ "$PUBLISH_MODE" == ingress || "$PUBLISH_MODE" == host ]] || die "PUBLISH_MODE=$PUBLISH_MODE: expected ingress or host"
  [[ "$RESOLVE_IMAGE" == always || "$RESOLVE_IMAGE" == never ]] || die "RESOLVE_IMAGE=$RESOLVE_IMAGE: expected always or never"
  local wait
  for wait in EDGE_API_WAIT EDGE_FRONTEND_WAIT; do
    [[ "${!wait}" =~ ^[1-9][0-9]*(ms|s)$ ]] || die "$wait=${!wait}: expected a time such as 3s or 2500ms"
  done
  [[ -z "$API_KEY_FILE" || -r "$API_KEY_FILE" ]] || die "API_KEY_FILE=$API_KEY_FILE cannot be read"
  for number in HTTPS_PORT HTTP_PORT HSTS_MAX_AGE EDGE_FALL EDGE_RISE; do
    [[ "${!number}" =~ ^[0-9]+$ ]] || die "$number=${!number} is not a whole number"
  done
  check_tls
  if [[ "${API_KEY_FROM_SECRETSMANAGER,,}" == true ]]; then
    [[ -n "$SECRET_NAME" && -n "$SECRET_KEY" && -n "$REGION_NAME" ]] \
      || die "API_KEY_FROM_SECRETSMANAGER=True needs SECRET_NAME, SECRET_KEY and REGION_NAME"
  fi
  local pair
  for pair in "${API_ENV[@]}"; do
    [[ "$pair" =~ ^[A-Z_][A-Z0-9_]*=.*$ ]] || die "--api-env $pair: expected NAME=VALUE"
    [[ ! "$pair" =~ ^API_KEY= ]] || die "--api-env API_KEY=...: a key on the command line would show in docker service inspect; use API_KEY_FILE"
  done
}

# The certificate and its key: readable, a certificate and a private key, the one the other's, and a host name to
# serve. Nothing of the key is ever printed.
check_tls() {
  [[ -n "$TLS_CERT_FILE" ]] || {
    [[ -z "$TLS_KEY_FILE" ]] || die "TLS_KEY_FILE is set without TLS_CERT_FILE"
    return 0
  }
  [[ -r "$TLS_CERT_FILE" ]] || die "TLS_CERT_FILE=$TLS_CERT_FILE cannot be read"
  [[ -z "$TLS_KEY_FILE" || -r "$TLS_KEY_FILE" ]] || die "TLS_KEY_FILE=$TLS_KEY_FILE cannot be read"
  grep -q -- '-----BEGIN CERTIFICATE-----' "$TLS_CERT_FILE" || die "TLS_CERT_FILE=$TLS_CERT_FILE holds no PEM certificate"
  grep -q -- '-----BEGIN .*PRIVATE KEY-----' "${TLS_KEY_FILE:-$TLS_CERT_FILE}" ||
    die "${TLS_KEY_FILE:+TLS_KEY_FILE=$TLS_KEY_FILE holds}${TLS_KEY_FILE:-TLS_CERT_FILE holds no private key and TLS_KEY_FILE is not set:} no PEM private key"
  if command -v openssl >/dev/null 2>&1; then
    [[ "$(openssl x509 -noout -pubkey -in "$TLS_CERT_FILE" 2>/dev/null)" == \
      "$(openssl pkey -pubout -in "${TLS_KEY_FILE:-$TLS_CERT_FILE}" 2>/dev/null)" ]] ||
      die "the private key is not the certificate's (TLS_CERT_FILE=$TLS_CERT_FILE${TLS_KEY_FILE:+, TLS_KEY_FILE=$TLS_KEY_FILE})"
  fi
  [[ -n "$API_HOSTNAME" || -n "$FRONTEND_HOSTNAME" ]] ||
    die "with TLS_CERT_FILE, set API_HOSTNAME, FRONTEND_HOSTNAME or both: the names that HTTPS serves"
}

# geo-edge runs without the routing mesh, in its place, and whenever HTTPS is asked for.
edge_wanted() {
  [[ "$PUBLISH_MODE" == host || -n "$TLS_CERT_FILE" ]]
}

init_swarm() {
  step "swarm init"
  local state
  state=$(ask docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}' || true)
  if [[ "$state" == "active true" ]]; then
    log "this node is already a swarm manager"
  elif [[ "$state" == active* ]]; then
    die "this node is in a swarm but not a manager: run swarm-setup.sh on the manager"
  elif [[ -n "$MANAGER_ADDR" ]]; then
    run docker swarm init --advertise-addr "$MANAGER_ADDR" >/dev/null
  else
    run docker swarm init >/dev/null
  fi
  if [[ "$DRY_RUN" == false ]]; then
    log "workers join with:  $(docker swarm join-token worker | grep 'docker swarm join')"
  fi
  if [[ -z "$MANAGER_NODE" ]]; then
    MANAGER_NODE=$(ask docker info --format '{{.Name}}' || hostname)
  fi
}

node_ready() {
  [[ "$(ask docker node inspect --format '{{.Status.State}}' "$1" || true)" == ready ]]
}

wait_for_nodes() {
  step "wait for the nodes $API_NODES $REDIS_NODE"
  [[ "$DRY_RUN" == false ]] || return 0
  local node deadline=$((SECONDS + NODE_WAIT))
  for node in $API_NODES $REDIS_NODE; do
    until node_ready "$node"; do
      [[ "$SECONDS" -lt "$deadline" ]] || die "node $node has not joined the swarm within ${NODE_WAIT}s"
      sleep 2
    done
  done
}

drain_manager() {
  step "drain the manager $MANAGER_NODE"
  if [[ "$(ask docker node inspect --format '{{.Spec.Availability}}' "$MANAGER_NODE" || true)" == drain ]]; then
    log "already drained"
  else
    run docker node update --availability drain "$MANAGER_NODE" >/dev/null
  fi
}

label_node() {
  local node="$1" label="$2" key="${2%%=*}" value="${2#*=}"
  if [[ "$(ask docker node inspect --format "{{index .Spec.Labels \"$key\"}}" "$node" || true)" == "$value" ]]; then
    log "$node already has $label"
  else
    run docker node update --label-add "$label" "$node" >/dev/null
  fi
}

label_nodes() {
  step "label the nodes"
  local node
  for node in $API_NODES; do
    label_node "$node" "$API_LABEL"
  done
  label_node "$REDIS_NODE" "$REDIS_LABEL"
}

create_network() {
  step "overlay network $NETWORK"
  if exists docker network inspect "$NETWORK"; then
    log "$NETWORK already exists"
  else
    run docker network create --driver overlay "$NETWORK" >/dev/null
  fi
}

# Secrets and configs cannot change; a name with a hash of the content makes a new one when the content changes.
content_name() {
  local prefix="$1" file="$2"
  printf '%s-%s' "$prefix" "$(sha256sum "$file" | cut -c1-12)"
}

create_key_secret() {
  [[ -n "$API_KEY_FILE" ]] || return 0
  step "the API key as a Docker secret"
  KEY_SECRET=$(content_name "$KEY_SECRET_PREFIX" "$API_KEY_FILE")
  if exists docker secret inspect "$KEY_SECRET"; then
    log "secret $KEY_SECRET already exists"
  else
    run docker secret create "$KEY_SECRET" "$API_KEY_FILE" >/dev/null
  fi
}

# A frontend of geo-edge: NAME, and the lines that bind it (and route, for the HTTPS one).
edge_frontend() {
  local name="$1" format="$2"
  shift 2
  printf 'frontend %s\n' "$name"
  printf '    %s\n' "$@"
  # What HAProxy answers itself before any rule runs: a malformed request, one that is too slow to arrive.
  edge_answer "$format" 400 "bad request"
  edge_answer "$format" 408 "the request did not arrive in time"
  printf '\n'
}

# What every backend does before it forwards a request, in its service's FORMAT (json for geo-api, html for
# geo-frontend): what geo's JDK server would refuse with its own page before any of geo's code runs, or read
# otherwise than geo-edge does, is answered here, so that a client always meets geo's answers.
edge_guard() {
  local format="$1"
  cat <<'RULES'
    # Characters java.net.URI refuses (and any byte outside printable ASCII), broken percent escapes, a target that
    # is not a path, more header fields (or bytes of them) than the JDK takes. A target starting with // would be
    # read as a host name: merged.
    acl uri_refused url -m reg '[^\x21-\x7e]'
    acl uri_refused url -m reg '["<>\\^`{|}]'
    acl uri_refused path -m reg '[][]'
    acl uri_refused url -m reg '%([^0-9A-Fa-f]|.[^0-9A-Fa-f]|.?$)'
    acl target_is_path path_beg /
    acl headers_too_large req.fhdr_cnt gt 64
    acl headers_too_large req.hdrs,length gt 12288
RULES
  edge_answer "$format" 400 "the request target is not a valid URI" "if uri_refused or !target_is_path"
  edge_answer "$format" 431 "request header fields too large: at most 64 of them and 12 KiB" "if headers_too_large"
  printf '    http-request set-path %%[path,regsub(^/+,/)] if { path_beg // }\n'
  edge_answer "$format" 502 "geo could not answer: please try again in a moment"
  edge_answer "$format" 503 "no replica of geo is ready: please try again in a moment"
  edge_answer "$format" 504 "geo did not answer in time: please try again in a moment"
}

# An answer of geo-edge's own in FORMAT: with a CONDITION, a rule that returns it; without, the page for the
# errors HAProxy detects itself (HAProxy 2.6 still answers a request it cannot parse at all with its own page).
edge_answer() {
  local format="$1" status="$2" message="$3" condition="${4:-}" type body
  if [[ "$format" == json ]]; then
    type="application/json"
    body="{\"status\":$status,\"error\":\"$message\"}"
  else
    type="text/html;charset=utf-8"
    body="<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error $status · geo</title><h1>Error $status</h1><p>$message.</p><p><a href=\"/\">Look up an address</a></p></html>"
  fi
  if [[ -n "$condition" ]]; then
    printf "    http-request return status %s content-type %s hdr Cache-Control no-store string '%s' %s\n" \
      "$status" "$type" "$body" "$condition"
  else
    printf "    http-error status %s content-type %s hdr Cache-Control no-store string '%s'\n" "$status" "$type" "$body"
  fi
}

# A backend: NAME, its service's FORMAT, the GET wait, the server PREFIX, the Swarm SERVICE, the given servers
# ("host:port ..."; none: every task through Swarm's DNS), and the service's HOST NAME (for checks, and the Host of
# requests when the servers are other geo-edges behind TLS).
edge_backend() {
  local name="$1" format="$2" wait="$3" prefix="$4" service="$5" given="$6" host="${7:-localhost}" server i=0
  local tls=""
  printf 'backend %s\n' "$name"
  edge_guard "$format"
  printf '    option httpchk\n    http-check send meth GET uri /ready ver HTTP/1.1 hdr Host %s\n' "$host"
  printf '    http-request set-timeout server %s if METH_GET\n' "$wait"
  if [[ -n "$EDGE_SERVERS_CA" ]]; then
    # The servers are geo-edges themselves, over HTTPS: each is asked for this service by its host name.
    printf '    http-request set-header Host %s\n' "$host"
    tls=" ssl verify required ca-file $EDGE_SERVERS_CA sni str($host) check-sni $host"
  fi
  if [[ -n "$given" ]]; then
    for server in $given; do
      i=$((i + 1))
      printf '    server %s%s %s%s\n' "$prefix" "$i" "$server" "$tls"
    done
  else
    printf '    server-template %s 1-32 tasks.%s:%s resolvers swarm init-addr none\n' "$prefix" "$service" "$APP_PORT"
  fi
  printf '\n'
}

# The HTTPS frontend's routing: by host name when there are two, to the one service when there is one.
edge_https_routes() {
  if [[ -n "$API_HOSTNAME" && -n "$FRONTEND_HOSTNAME" ]]; then
    printf '%s\n' "acl for_api req.hdr(host),regsub(:[0-9]+\$,),lower -m str ${API_HOSTNAME,,}" \
      "acl for_frontend req.hdr(host),regsub(:[0-9]+\$,),lower -m str ${FRONTEND_HOSTNAME,,}" \
      "http-request return status 421 content-type text/plain string 'misdirected request: this is ${API_HOSTNAME,,} and ${FRONTEND_HOSTNAME,,}' unless for_api or for_frontend" \
      "use_backend geo_api if for_api" "default_backend geo_frontend"
  elif [[ -n "$API_HOSTNAME" ]]; then
    printf '%s\n' "default_backend geo_api"
  else
    printf '%s\n' "default_backend geo_frontend"
  fi
}

# geo-edge's HAProxy configuration, on stdout: the one that production runs and that every drill and test uses.
print_edge_config() {
  local bind="${EDGE_BIND_ADDRESS}" https_suffix="" lines=() log_level=notice httplog=""
  [[ "$HTTPS_PORT" == 443 ]] || https_suffix=":$HTTPS_PORT"
  if [[ "$EDGE_ACCESS_LOG" == true ]]; then
    log_level=info
    httplog=$'    option httplog\n'
  fi
  cat <<HAPROXY
# geo-edge: geo's front door, one per api node. Written by swarm-setup.sh --print-edge-config.
global
    log stdout format raw local0 $log_level
    maxconn 8192
    # TLS 1.2 and 1.3 only, forward-secret AEAD ciphers only.
    ssl-default-bind-options ssl-min-ver TLSv1.2 no-tls-tickets
    ssl-default-bind-ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305
    ssl-default-bind-ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256
    ssl-default-server-options ssl-min-ver TLSv1.2

defaults
    mode http
    log global
${httplog}    option forwardfor
    # Tasks are on the same overlay network: a connection that takes longer is to a task that is gone.
    timeout connect $EDGE_CONNECT_TIMEOUT
    timeout client 30s
    timeout http-request 10s
    timeout server 15s
    timeout http-keep-alive 10s
    timeout check $EDGE_CHECK_TIMEOUT
    # A request that meets a task which is stopping or gone is sent again, to another task.
    retries 3
    option redispatch 1
    retry-on all-retryable-errors
    # By default one failed check takes a task out, one good check brings it back: a lost task stops costing
    # requests at once. A task that comes back gets its share of requests over 5 s, while its JIT warms up.
    default-server check inter 1s fall $EDGE_FALL rise $EDGE_RISE slowstart 5s

HAPROXY
  if [[ -z "$EDGE_API_SERVERS" || -z "$EDGE_FRONTEND_SERVERS" ]]; then
    cat <<'HAPROXY'
# Swarm's DNS: tasks.<service> names every running task.
resolvers swarm
    nameserver docker 127.0.0.11:53
    hold valid 2s
    hold obsolete 2s
    accepted_payload_size 8192

HAPROXY
  fi
  edge_frontend api json "bind $bind:$API_PORT" "http-request set-header X-Forwarded-Proto http" \
    "default_backend geo_api"
  edge_frontend web html "bind $bind:$FRONTEND_PORT" "http-request set-header X-Forwarded-Proto http" \
    "default_backend geo_frontend"
  if [[ -n "$EDGE_TLS_PEM" ]]; then
    lines=("bind $bind:$EDGE_HTTPS_BIND ssl crt $EDGE_TLS_PEM alpn h2,http/1.1"
      "http-request set-header X-Forwarded-Proto https")
    [[ "$HSTS_MAX_AGE" == 0 ]] ||
      lines+=("http-after-response set-header Strict-Transport-Security max-age=$HSTS_MAX_AGE")
    mapfile -t -O "${#lines[@]}" lines < <(edge_https_routes)
    edge_frontend https json "${lines[@]}"
    # Plain HTTP on the standard port: to the same host and path on https, for every request.
    printf 'frontend http\n    bind %s:%s\n' "$bind" "$EDGE_HTTP_BIND"
    printf '    http-request redirect code 301 location https://%%[req.hdr(host),regsub(:[0-9]+$,)]%s%%[capture.req.uri]\n\n' \
      "$https_suffix"
  fi
  cat <<'HAPROXY'
# When a node drops off the overlay network, the requests in flight to its tasks are neither answered nor refused.
# A GET is safe to ask again: once it has waited longer than any answer takes, it goes to another task.
HAPROXY
  edge_backend geo_api json "$EDGE_API_WAIT" api geo-api "$EDGE_API_SERVERS" "$API_HOSTNAME"
  edge_backend geo_frontend html "$EDGE_FRONTEND_WAIT" web geo-frontend "$EDGE_FRONTEND_SERVERS" "$FRONTEND_HOSTNAME"
}

# The certificate chain and its key in one PEM file, as HAProxy reads them, made in a private temporary file that is
# removed at once: a Docker secret whose name has a hash of the content, so that a new certificate makes a new one.
create_tls_secret() {
  [[ -n "$TLS_CERT_FILE" ]] || return 0
  step "the TLS certificate and key as a Docker secret"
  local pem
  pem=$(umask 077 && mktemp)
  cat "$TLS_CERT_FILE" >"$pem"
  [[ -z "$TLS_KEY_FILE" ]] || { printf '\n' >>"$pem"; cat "$TLS_KEY_FILE" >>"$pem"; }
  TLS_SECRET=$(content_name "$TLS_SECRET_PREFIX" "$pem")
  if exists docker secret inspect "$TLS_SECRET"; then
    log "secret $TLS_SECRET already exists"
  else
    run docker secret create "$TLS_SECRET" "$pem" >/dev/null
  fi
  rm -f "$pem"
}

create_edge_config() {
  edge_wanted || return 0
  step "geo-edge's HAProxy configuration as a Docker config"
  local file
  file=$(mktemp)
  # Inside its container geo-edge listens on unprivileged ports; Swarm publishes HTTPS_PORT and HTTP_PORT on them.
  if [[ -n "$TLS_CERT_FILE" ]]; then
    EDGE_TLS_PEM="/run/secrets/$TLS_SECRET_TARGET" EDGE_HTTPS_BIND=$EDGE_HTTPS_TARGET \
      EDGE_HTTP_BIND=$EDGE_HTTP_TARGET print_edge_config >"$file"
  else
    print_edge_config >"$file"
  fi
  EDGE_CONFIG=$(content_name "$EDGE_CONFIG_PREFIX" "$file")
  if exists docker config inspect "$EDGE_CONFIG"; then
    log "config $EDGE_CONFIG already exists"
  else
    run docker config create "$EDGE_CONFIG" "$file" >/dev/null
  fi
  rm -f "$file"
}

# What every service gets: restart on failure, one task at a time on update with the new one started (and healthy)
# before the old one stops, automatic rollback when an update fails, and time to finish requests on SIGTERM.
ha_flags() {
  local order="$1"
  printf '%s\n' --restart-condition any --restart-delay 2s \
    --update-parallelism 1 --update-delay 5s --update-order "$order" --update-monitor 20s \
    --update-failure-action rollback --rollback-parallelism 1 --rollback-order "$order" \
    --stop-grace-period "$STOP_GRACE"
}

endpoint_flags() {
  if [[ "$PUBLISH_MODE" == host ]]; then
    printf '%s\n' --endpoint-mode dnsrr
  fi
}

# Pinned to the registry's digest (with the manager's registry login passed on, for private registries), or the
# nodes' local images.
resolve_flags() {
  if [[ "$RESOLVE_IMAGE" == never ]]; then
    printf '%s\n' --no-resolve-image
  else
    printf '%s\n' --with-registry-auth
  fi
}

# A service publishes its own port only through the routing mesh, and only where no geo-edge stands in front.
publish_flags() {
  local published="$1"
  if [[ "$PUBLISH_MODE" == ingress ]] && ! edge_wanted; then
    printf '%s\n' --publish "published=$published,target=$APP_PORT"
  fi
}

# The ports that --publish arguments ask for, a line each: "published target mode".
wanted_ports() {
  local spec published target mode
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == --publish ]]; then
      spec="$2,"
      published=${spec#*published=}
      target=${spec#*target=}
      mode=ingress
      [[ "$spec" != *mode=* ]] || mode=${spec#*mode=}
      printf '%s %s %s\n' "${published%%,*}" "${target%%,*}" "${mode%%,*}"
      shift
    fi
    shift
  done | sort
}

current_ports() {
  docker service inspect --format '{{range .Spec.EndpointSpec.Ports}}{{println .PublishedPort .TargetPort .PublishMode}}{{end}}' \
    "$1" | grep -v '^$' | sort || true
}

# The --publish-add and --publish-rm that make the service's ports those the arguments ask for.
publish_changes() {
  local service="$1" published target mode wanted
  shift
  wanted=$(wanted_ports "$@")
  while read -r published target mode; do
    grep -qxF "$published $target $mode" <<<"$wanted" || printf '%s\n' --publish-rm "$target"
  done < <(current_ports "$service")
  while read -r published target mode; do
    [[ -z "$published" ]] || printf '%s\n' --publish-add "published=$published,target=$target,mode=$mode"
  done <<<"$wanted"
}

# Adds to CHANGE what swaps the service's secret or config (KIND: Secrets or Configs) of that prefix for NAME.
swap_reference() {
  local service="$1" kind="$2" prefix="$3" name="$4" target="$5" previous flag
  flag=${kind,,}
  flag=${flag%s}
  previous=$(current_reference "$service" "$kind" "$prefix")
  [[ "$previous" != "$name" ]] || return 0
  [[ -z "$previous" ]] || CHANGE+=("--$flag-rm" "$previous")
  CHANGE+=("--$flag-add" "source=$name,target=$target")
}

# The secret or config a service has now whose name starts with the prefix, if any.
current_reference() {
  local service="$1" kind="$2" prefix="$3"
  ask docker service inspect --format "{{range .Spec.TaskTemplate.ContainerSpec.$kind}}{{println .${kind%s}Name}}{{end}}" \
    "$service" | grep "^$prefix-" | head -n 1 || true
}

# Waits until the service runs its tasks and any update of it has completed; an update that Swarm rolled back or
# paused (a new task that failed) fails the run.
wait_converged() {
  local service="$1" expected running update deadline=$((SECONDS + CONVERGE_WAIT))
  [[ "$DRY_RUN" == false ]] || return 0
  while true; do
    update=$(docker service inspect --format '{{if .UpdateStatus}}{{.UpdateStatus.State}} {{.UpdateStatus.Message}}{{end}}' \
      "$service")
    case "$update" in
      paused* | rollback_*)
        docker service ps --no-trunc --format '{{.Name}} {{.Node}} {{.CurrentState}} {{.Error}}' "$service" | head -n 8 >&2
        die "the update of $service did not complete: $update" ;;
    esac
    expected=$(docker service inspect --format '{{if .Spec.Mode.Replicated}}{{.Spec.Mode.Replicated.Replicas}}{{else}}global{{end}}' "$service")
    running=$(docker service ps --filter desired-state=running --format '{{.CurrentState}}' "$service" | grep -c '^Running' || true)
    if [[ "$expected" == global ]]; then
      expected=$(docker service ps --filter desired-state=running -q "$service" | wc -l)
    fi
    if [[ "$update" != updating* && "$running" -ge "$expected" && "$expected" -gt 0 ]]; then
      log "$service: $running/$expected tasks running"
      return 0
    fi
    if [[ "$SECONDS" -ge "$deadline" ]]; then
      docker service ps --no-trunc --format '{{.Name}} {{.Node}} {{.CurrentState}} {{.Error}}' "$service" | head -n 8 >&2
      die "$service did not get its tasks running${update:+ and its update completed} within ${CONVERGE_WAIT}s"
    fi
    sleep 2
  done
}

# The values given after each --env in the arguments.
env_pairs() {
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == --env ]]; then
      printf '%s\n' "$2"
      shift
    fi
    shift
  done
}

# Whether the service already runs the image, with the replicas, ports and every environment variable asked for.
service_is_as_asked() {
  local service="$1" image="$2" replicas="$3" current pair
  shift 3
  [[ "$(current_ports "$service")" == "$(wanted_ports "$@")" ]] || return 1
  current=$(docker service inspect --format '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "$service")
  # An image resolved to a digest reads image:tag@sha256:...
  [[ "${current%%@*}" == "$image" ]] || return 1
  if [[ "$replicas" != global ]]; then
    current=$(docker service inspect --format '{{.Spec.Mode.Replicated.Replicas}}' "$service")
    [[ "$current" == "$replicas" ]] || return 1
  fi
  current=$(docker service inspect --format '{{range .Spec.TaskTemplate.ContainerSpec.Env}}{{println .}}{{end}}' \
    "$service")
  while IFS= read -r pair; do
    [[ -z "$pair" ]] || grep -qxF -- "$pair" <<<"$current" || return 1
  done < <(env_pairs "$@")
}

# Creates the service, or updates what may change in place (image, replicas, environment, published ports,
# secrets, configs). Other settings (placement, network, endpoint mode) stay as created: change them with
# --teardown and a new run.
deploy() {
  local service="$1" image="$2" replicas="$3"
  shift 3
  local resolve=() update=() pair
  step "service $service"
  mapfile -t resolve < <(resolve_flags)
  if exists docker service inspect "$service"; then
    if [[ "$DRY_RUN" == false && "${#CHANGE[@]}" -eq 0 ]] && service_is_as_asked "$service" "$image" "$replicas" "$@"
    then
      log "$service is already as asked"
    else
      update=(--image "$image")
      [[ "$replicas" == global ]] || update+=(--replicas "$replicas")
      while IFS= read -r pair; do
        update+=(--env-add "$pair")
      done < <(env_pairs "$@")
      mapfile -t -O "${#update[@]}" update < <(publish_changes "$service" "$@")
      run docker service update --detach "${resolve[@]}" "${update[@]}" "${CHANGE[@]}" "$service" >/dev/null
    fi
  elif [[ "$replicas" == global ]]; then
    run docker service create --detach --name "$service" --mode global "${resolve[@]}" "$@" "$image" \
      "${COMMAND[@]}" >/dev/null
  else
    run docker service create --detach --name "$service" --replicas "$replicas" "${resolve[@]}" "$@" "$image" \
      "${COMMAND[@]}" >/dev/null
  fi
  wait_converged "$service"
}

deploy_redis() {
  local flags=()
  mapfile -t flags < <(ha_flags stop-first; endpoint_flags)
  CHANGE=()
  COMMAND=(redis-server --port "$REDIS_PORT" --protected-mode no --save "" --appendonly no
    --maxmemory "$REDIS_MAXMEMORY" --maxmemory-policy allkeys-lru)
  deploy geo-redis "$REDIS_IMAGE" 1 --network "$NETWORK" --constraint "node.labels.${REDIS_LABEL/=/==}" \
    --limit-memory "$REDIS_MEMORY" "${flags[@]}"
}

deploy_api() {
  local flags=() env=(--env "APP_PORT=$APP_PORT" --env "ADMIN_PORT=$ADMIN_PORT" --env REDIS_HOST=geo-redis
    --env "REDIS_PORT=$REDIS_PORT") pair
  mapfile -t flags < <(ha_flags start-first; endpoint_flags; publish_flags "$API_PORT")
  CHANGE=()
  if [[ -n "$API_KEY_FILE" ]]; then
    swap_reference geo-api Secrets "$KEY_SECRET_PREFIX" "$KEY_SECRET" "$KEY_SECRET_TARGET"
    flags+=(--secret "source=$KEY_SECRET,target=$KEY_SECRET_TARGET")
    env+=(--env "API_KEY_FILE=/run/secrets/$KEY_SECRET_TARGET")
  elif [[ "${API_KEY_FROM_SECRETSMANAGER,,}" == true ]]; then
    env+=(--env API_KEY_FROM_SECRETSMANAGER=True --env "SECRET_NAME=$SECRET_NAME" --env "SECRET_KEY=$SECRET_KEY"
      --env "REGION_NAME=$REGION_NAME")
  fi
  for pair in "${API_ENV[@]}"; do
    env+=(--env "$pair")
  done
  COMMAND=()
  deploy geo-api "$API_IMAGE" "$API_REPLICAS" --network "$NETWORK" --constraint "node.labels.${API_LABEL/=/==}" \
    --limit-memory "$API_MEMORY" "${env[@]}" "${flags[@]}"
}

deploy_frontend() {
  local flags=()
  mapfile -t flags < <(ha_flags start-first; endpoint_flags; publish_flags "$FRONTEND_PORT")
  CHANGE=()
  COMMAND=()
  deploy geo-frontend "$FRONTEND_IMAGE" "$FRONTEND_REPLICAS" --network "$NETWORK" \
    --constraint "node.labels.${API_LABEL/=/==}" --limit-memory "$FRONTEND_MEMORY" \
    --env "APP_PORT=$APP_PORT" --env "ADMIN_PORT=$ADMIN_PORT" --env API_SERVER=geo-api \
    --env "API_SERVER_PORT=$APP_PORT" "${flags[@]}"
}

# geo-edge: in host mode one task on every api node, publishing its ports there; through the routing mesh, one
# task per api node too, published on every node.
deploy_edge() {
  edge_wanted || return 0
  local flags=() mode=global placement=() publish=() order=start-first on_node="" i
  CHANGE=()
  swap_reference geo-edge Configs "$EDGE_CONFIG_PREFIX" "$EDGE_CONFIG" "$EDGE_CONFIG_TARGET"
  flags+=(--config "source=$EDGE_CONFIG,target=$EDGE_CONFIG_TARGET")
  if [[ -n "$TLS_CERT_FILE" ]]; then
    swap_reference geo-edge Secrets "$TLS_SECRET_PREFIX" "$TLS_SECRET" "$TLS_SECRET_TARGET"
    flags+=(--secret "source=$TLS_SECRET,target=$TLS_SECRET_TARGET")
    publish=("$HTTPS_PORT:$EDGE_HTTPS_TARGET" "$HTTP_PORT:$EDGE_HTTP_TARGET")
  fi
  publish+=("$API_PORT:$API_PORT" "$FRONTEND_PORT:$FRONTEND_PORT")
  if [[ "$PUBLISH_MODE" == host ]]; then
    # A port published on the node itself can have one task at a time: the old one stops before the new one starts.
    order=stop-first
    on_node=",mode=host"
  else
    mode=$(wc -w <<<"$API_NODES")
    placement=(--replicas-max-per-node 1)
  fi
  for i in "${publish[@]}"; do
    flags+=(--publish "published=${i%%:*},target=${i#*:}$on_node")
  done
  mapfile -t -O "${#flags[@]}" flags < <(ha_flags "$order")
  # SIGUSR1 is HAProxy's soft stop (and the official image's STOPSIGNAL): it stops listening, lets the requests in
  # flight finish, then exits; SIGTERM would cut them. The health check holds a rolling update until the new task
  # listens (bash's /dev/tcp: the image has no curl).
  COMMAND=(haproxy -f "$EDGE_CONFIG_TARGET")
  deploy geo-edge "$EDGE_IMAGE" "$mode" --network "$NETWORK" --constraint "node.labels.${API_LABEL/=/==}" \
    "${placement[@]}" --stop-signal SIGUSR1 \
    --health-cmd "bash -c 'exec 3<>/dev/tcp/127.0.0.1/$API_PORT'" --health-interval 2s --health-timeout 2s \
    --health-retries 3 --health-start-period 5s "${flags[@]}"
}

# Secrets and configs of geo's that no service uses any more (a key, a certificate or a configuration replaced by a
# later run), removed once every service has converged without them.
remove_unused() {
  step "remove secrets and configs no service uses"
  local name used
  used=$(for name in geo-api geo-edge; do
    ask docker service inspect --format \
      '{{range .Spec.TaskTemplate.ContainerSpec.Secrets}}{{println .SecretName}}{{end}}{{range .Spec.TaskTemplate.ContainerSpec.Configs}}{{println .ConfigName}}{{end}}' \
      "$name" || true
  done)
  for name in $(ask docker secret ls --format '{{.Name}}' | grep -E "^($KEY_SECRET_PREFIX|$TLS_SECRET_PREFIX)-" || true); do
    grep -qxF "$name" <<<"$used" || run docker secret rm "$name" >/dev/null
  done
  for name in $(ask docker config ls --format '{{.Name}}' | grep "^$EDGE_CONFIG_PREFIX-" || true); do
    grep -qxF "$name" <<<"$used" || run docker config rm "$name" >/dev/null
  done
}

teardown() {
  local service node name
  for service in geo-edge geo-frontend geo-api geo-redis; do
    step "remove service $service"
    if exists docker service inspect "$service"; then
      run docker service rm "$service" >/dev/null
    fi
  done
  step "remove network $NETWORK"
  if exists docker network inspect "$NETWORK"; then
    # Tasks take a moment to leave the network after their service is removed.
    local tries=30
    until run docker network rm "$NETWORK" >/dev/null 2>&1; do
      tries=$((tries - 1))
      [[ "$tries" -gt 0 ]] || die "network $NETWORK is still in use"
      sleep 1
    done
  fi
  step "remove secrets and configs"
  for name in $(ask docker secret ls --format '{{.Name}}' | grep -E "^($KEY_SECRET_PREFIX|$TLS_SECRET_PREFIX)-" || true); do
    run docker secret rm "$name" >/dev/null
  done
  for name in $(ask docker config ls --format '{{.Name}}' | grep "^$EDGE_CONFIG_PREFIX-" || true); do
    run docker config rm "$name" >/dev/null
  done
  step "remove the labels and make the manager active"
  for node in $API_NODES $REDIS_NODE; do
    if exists docker node inspect "$node"; then
      run docker node update --label-rm service "$node" >/dev/null 2>&1 || true
    fi
  done
  [[ -n "$MANAGER_NODE" ]] || MANAGER_NODE=$(ask docker info --format '{{.Name}}' || hostname)
  if exists docker node inspect "$MANAGER_NODE"; then
    run docker node update --availability active "$MANAGER_NODE" >/dev/null
  fi
  log "done; the swarm itself stays (docker swarm leave --force on each node to end it)"
}

main() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage; exit 0 ;;
      --dry-run) DRY_RUN=true ;;
      --teardown) TEARDOWN=true ;;
      --print-edge-config) PRINT_EDGE_CONFIG=true ;;
      --api-env) [[ $# -ge 2 ]] || die "--api-env needs NAME=VALUE"; API_ENV+=("$2"); shift ;;
      *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
  done
  check_settings
  if [[ "$PRINT_EDGE_CONFIG" == true ]]; then
    print_edge_config
    return
  fi
  command -v docker >/dev/null 2>&1 || die "docker is not installed"
  trap failed ERR
  if [[ "$TEARDOWN" == true ]]; then
    teardown
    return
  fi
  init_swarm
  wait_for_nodes
  drain_manager
  label_nodes
  create_network
  create_key_secret
  create_tls_secret
  create_edge_config
  deploy_redis
  deploy_api
  deploy_frontend
  deploy_edge
  remove_unused
  step "done"
  local where="every node"
  [[ "$PUBLISH_MODE" == ingress ]] || where="$API_NODES (put a load balancer over them)"
  log "geo-api on :$API_PORT and geo-frontend on :$FRONTEND_PORT of $where"
  if [[ -n "$TLS_CERT_FILE" ]]; then
    log "HTTPS on :$HTTPS_PORT for ${API_HOSTNAME:+$API_HOSTNAME (geo-api) }${FRONTEND_HOSTNAME:+$FRONTEND_HOSTNAME (geo-frontend)}, :$HTTP_PORT redirects to it"
  fi
}

main "$@"
