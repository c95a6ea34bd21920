#!/bin/sh
# Lifecycle of one Redis server: start, stop, restart, reload (apply changed env), check, stats.
# Idempotent: starting a running server or stopping a stopped one does nothing.
set -eu
. "$(dirname "$0")/lib.sh"

# maxmemory in MiB: the node's memory times env.maxmemory-percent.
maxmemory() {
  memory="$(meta get host/memory)"
  percent="$(meta get env/maxmemory-percent)"
  echo $((memory * percent / 100))
}

start() {
  if ping_at "$IP"; then
    say "already running on $IP:$PORT"
    return 0
  fi
  [ -f "$REDIS_DIR/redis.conf" ] || fail "$REDIS_DIR/redis.conf is missing: the drone renders it before init"
  mkdir -p "$REDIS_DIR"
  # Relative paths in redis.conf (dir, nodes.conf, appendonly files) are under $REDIS_DIR.
  cd "$REDIS_DIR"
  redis-server ./redis.conf --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" --maxmemory "$(maxmemory)mb"
  wait_for 30 ping_at "$IP" || fail "redis-server did not answer on $IP:$PORT within 30 s; see $REDIS_DIR/redis.log"
  # A server that rejoins a formed cluster serves clients only once the cluster has agreed on it
  # again; a fresh server (one known node) waits for init to form the cluster instead.
  if [ "$(cluster_field cluster_known_nodes)" -gt 1 ]; then
    wait_for 60 cluster_ok || fail "the cluster did not reach cluster_state:ok within 60 s after $IP:$PORT started"
  fi
  say "started on $IP:$PORT"
}

stop() {
  if ! ping_at "$IP"; then
    rm -f "$REDIS_DIR/redis.pid"
    return 0
  fi
  # A refused SHUTDOWN (it could not save) answers with the reason; a successful one closes the connection.
  refusal="$(rcli -h "$IP" -p "$PORT" shutdown 2>&1 || true)"
  not_running() { ! ping_at "$IP"; }
  if ! wait_for 60 not_running; then
    say "redis-server on $IP:$PORT answered SHUTDOWN with: ${refusal:-nothing}; the end of its log:"
    tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
    fail "redis-server on $IP:$PORT did not stop within 60 s"
  fi
  say "stopped on $IP:$PORT"
}

# Settings that can change on a running server are applied in place; the file already has them.
reload() {
  ping_at "$IP" || return 0
  rcli -h "$IP" -p "$PORT" config set maxmemory "$(maxmemory)mb" >/dev/null
  rcli -h "$IP" -p "$PORT" config set maxmemory-policy "$(meta get env/maxmemory-policy)" >/dev/null
  rcli -h "$IP" -p "$PORT" config set appendonly "$(meta get env/appendonly)" >/dev/null
  rcli -h "$IP" -p "$PORT" config set cluster-node-timeout "$(meta get env/node-timeout)" >/dev/null
  say "applied the new settings on $IP:$PORT"
}

cluster_field() {
  rcli -h "$IP" -p "$PORT" cluster info | tr -d '\r' | sed -n "s/^$1://p"
}

cluster_ok() {
  [ "$(cluster_field cluster_state)" = "ok" ]
}

check() {
  ping_at "$IP" || fail "no answer on $IP:$PORT"
  state="$(cluster_field cluster_state)"
  [ "$state" = "ok" ] || fail "cluster_state is '$state' on $IP:$PORT"
}

# One JSON object for the monitor: the items declared in cluster.json.tmpl.
stats() {
  rcli -h "$IP" -p "$PORT" info | tr -d '\r' | awk -F: '
    $1 == "connected_clients" { clients = $2 }
    $1 == "used_memory" { memory = int($2 / 1048576) }
    $1 == "instantaneous_ops_per_sec" { ops = $2 }
    $1 ~ /^db[0-9]+$/ { split($2, kv, /[=,]/); keys += kv[2] }
    END { printf "{\"connected_clients\": %d, \"used_memory_mb\": %d, \"ops_per_sec\": %d, \"keys\": %d}\n", clients, memory, ops, keys }'
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  reload) reload ;;
  check) check ;;
  stats) stats ;;
  *) fail "usage: redis-ctl.sh start|stop|restart|reload|check|stats" ;;
esac
