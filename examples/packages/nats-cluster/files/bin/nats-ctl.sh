#!/bin/sh
# Lifecycle of one nats-server of a full-mesh cluster: start, stop (lame duck first, so clients
# move to the other servers), restart, reload (new routes or settings), check, wait-routes, stats.
# Idempotent: starting a running server or stopping a stopped one does nothing.
set -eu
: "${PITRIX_DATA_DIR:?PITRIX_DATA_DIR is not set}"
: "${PITRIX_PRIVATE_IP:?PITRIX_PRIVATE_IP is not set}"
: "${PITRIX_METADATA_URL:?PITRIX_METADATA_URL is not set}"

BIN="$PITRIX_DATA_DIR/app/bin"
NATS_DIR="$PITRIX_DATA_DIR/nats"
PIDFILE="$NATS_DIR/nats.pid"
IP="$PITRIX_PRIVATE_IP"

fail() {
  printf 'nats: %s\n' "$*" >&2
  exit 1
}

say() {
  printf 'nats: %s\n' "$*" >&2
}

meta() {
  python3 "$BIN/meta.py" "$@"
}

MONITOR="http://$IP:$(meta get env/monitor_port)"

pid() {
  [ -f "$PIDFILE" ] && cat "$PIDFILE"
}

running() {
  p="$(pid 2>/dev/null || true)"
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null
}

healthy() {
  curl -fsS --max-time 3 "$MONITOR/healthz" >/dev/null 2>&1
}

# wait_for <seconds> <command...>: retries the command once a second.
wait_for() {
  limit="$1"
  shift
  i=0
  while ! "$@"; do
    i=$((i + 1))
    [ "$i" -ge "$limit" ] && return 1
    sleep 1
  done
}

start() {
  if running && healthy; then
    say "already running on $IP"
    return 0
  fi
  [ -f "$NATS_DIR/nats.conf" ] || fail "$NATS_DIR/nats.conf is missing: the drone renders it before init"
  command -v nats-server >/dev/null || fail "nats-server is not on PATH"
  nats-server -t -c "$NATS_DIR/nats.conf" >/dev/null 2>&1 || fail "nats.conf does not parse: $(nats-server -t -c "$NATS_DIR/nats.conf" 2>&1 | grep . | tail -n 1)"
  # Relative paths in nats.conf (pid and log files) are under $NATS_DIR.
  cd "$NATS_DIR"
  nohup nats-server -c nats.conf >>"$NATS_DIR/nats.out" 2>&1 &
  wait_for 30 healthy || fail "nats-server did not become healthy on $MONITOR within 30 s; see $NATS_DIR/nats.log"
  say "started on $IP"
}

stop() {
  running || { rm -f "$PIDFILE"; return 0; }
  p="$(pid)"
  # Lame duck mode closes the listener and spreads client disconnects over 30 s (the shortest
  # nats-server allows), so clients move to the other servers instead of all reconnecting at once.
  kill -USR2 "$p" 2>/dev/null || true
  gone() { ! kill -0 "$p" 2>/dev/null; }
  if ! wait_for 45 gone; then
    kill -TERM "$p" 2>/dev/null || true
    wait_for 10 gone || { kill -KILL "$p" 2>/dev/null || true; say "nats-server $p did not stop in time and was killed"; }
  fi
  rm -f "$PIDFILE"
  say "stopped on $IP"
}

reload() {
  running || return 0
  kill -HUP "$(pid)"
  say "reloaded nats.conf on $IP"
}

# The ids of the servers this one has routes to (a server may open several routes to a peer).
peers() {
  curl -fsS --max-time 3 "$MONITOR/routez" | python3 -c 'import json, sys; print(len({r["remote_id"] for r in json.load(sys.stdin).get("routes") or []}))'
}

# wait-routes: every other member of the cluster is connected (after a scale out).
meshed() {
  expected=$(($(meta nodes hosts nats | wc -l) - 1))
  [ "$(peers)" -ge "$expected" ]
}

wait_routes() {
  wait_for 120 meshed || fail "$IP has routes to $(peers) servers, expected $(($(meta nodes hosts nats | wc -l) - 1)) within 120 s"
  say "$IP is connected to every other server"
}

check() {
  healthy || fail "$MONITOR/healthz does not answer ok"
}

stats() {
  curl -fsS --max-time 3 "$MONITOR/varz" | python3 -c '
import json, sys
v = json.load(sys.stdin)
print(json.dumps({"connections": v.get("connections", 0), "in_msgs": v.get("in_msgs", 0), "out_msgs": v.get("out_msgs", 0),
                  "mem_mb": int(v.get("mem", 0) / 1048576), "routes": v.get("routes", 0), "slow_consumers": v.get("slow_consumers", 0)}))'
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  reload) reload ;;
  check) check ;;
  wait-routes) wait_routes ;;
  stats) stats ;;
  *) fail "usage: nats-ctl.sh start|stop|restart|reload|check|wait-routes|stats" ;;
esac
