#!/bin/sh
# Lifecycle of every tier of the web app; the node's role (from the metadata view) decides what
# runs: `db` a Redis server, `app` files/app/server.py, `lb` files/lb/proxy.py. Actions: init,
# start, stop, restart, check. Idempotent: starting a running process or stopping a stopped one
# does nothing.
set -eu
: "${PITRIX_DATA_DIR:?PITRIX_DATA_DIR is not set}"
: "${PITRIX_PRIVATE_IP:?PITRIX_PRIVATE_IP is not set}"
: "${PITRIX_METADATA_URL:?PITRIX_METADATA_URL is not set}"

APP="$PITRIX_DATA_DIR/app"
IP="$PITRIX_PRIVATE_IP"

fail() {
  printf 'web: %s\n' "$*" >&2
  exit 1
}

say() {
  printf 'web: %s\n' "$*" >&2
}

meta() {
  python3 "$APP/bin/meta.py" "$@"
}

ROLE="$(meta get host/role)"
# State lives under var/: $PITRIX_DATA_DIR/app is the package's own files (delivered, replaced on upgrade).
RUN="$PITRIX_DATA_DIR/var/$ROLE"
PIDFILE="$RUN/$ROLE.pid"
LOG="$RUN/$ROLE.log"

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

running() {
  [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

healthy() {
  case "$ROLE" in
    db)
      pass="$(meta get env/db_password)"
      [ "$(REDISCLI_AUTH="$pass" redis-cli --no-auth-warning -h "$IP" -p "$(meta get env/db_port)" ping 2>/dev/null)" = "PONG" ]
      ;;
    app) curl -fsS --max-time 3 -o /dev/null "http://$IP:$(meta get env/app_port)/healthz" 2>/dev/null ;;
    lb) curl -fsS --max-time 3 -o /dev/null "http://$IP:$(meta get env/lb_port)/lb-healthz" 2>/dev/null ;;
    *) fail "unknown role '$ROLE'" ;;
  esac
}

launch() {
  cd "$RUN"
  case "$ROLE" in
    db)
      redis-server ./db.conf --daemonize yes --pidfile "$PIDFILE" --logfile "$LOG"
      ;;
    app)
      nohup python3 "$APP/app/server.py" "$RUN/app.env" >>"$LOG" 2>&1 &
      echo $! >"$PIDFILE"
      ;;
    lb)
      nohup python3 "$APP/lb/proxy.py" "$IP" "$(meta get env/lb_port)" "$RUN/backends" >>"$LOG" 2>&1 &
      echo $! >"$PIDFILE"
      ;;
  esac
}

start() {
  if running && healthy; then
    say "$ROLE already running on $IP"
    return 0
  fi
  mkdir -p "$RUN"
  launch
  wait_for 30 healthy || fail "$ROLE on $IP is not healthy 30 s after starting; see $LOG"
  say "$ROLE started on $IP"
}

stop() {
  running || { rm -f "$PIDFILE"; return 0; }
  pid="$(cat "$PIDFILE")"
  kill -TERM "$pid" 2>/dev/null || true
  gone() { ! kill -0 "$pid" 2>/dev/null; }
  wait_for 30 gone || fail "$ROLE process $pid on $IP did not stop within 30 s"
  rm -f "$PIDFILE"
  say "$ROLE stopped on $IP"
}

case "${1:-}" in
  init) mkdir -p "$RUN" ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  check) running || fail "$ROLE is not running on $IP"; healthy || fail "$ROLE on $IP does not answer its health check" ;;
  *) fail "usage: web-ctl.sh init|start|stop|restart|check" ;;
esac
