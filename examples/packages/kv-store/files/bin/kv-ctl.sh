#!/bin/sh
# Lifecycle of one node of the key-value store (Redis with replication): start, stop, restart,
# reload, check and stats on every node; backup, restore, delete-backup, upgrade and destroy on
# the primary.
# Idempotent: starting a running server, stopping a stopped one or deleting a missing backup
# does nothing.
set -eu
: "${PITRIX_DATA_DIR:?PITRIX_DATA_DIR is not set}"
: "${PITRIX_PRIVATE_IP:?PITRIX_PRIVATE_IP is not set}"
: "${PITRIX_METADATA_URL:?PITRIX_METADATA_URL is not set}"

BIN="$PITRIX_DATA_DIR/app/bin"
KV_DIR="$PITRIX_DATA_DIR/kv"
BACKUPS="$PITRIX_DATA_DIR/backups"
IP="$PITRIX_PRIVATE_IP"

fail() {
  printf 'kv: %s\n' "$*" >&2
  exit 1
}

say() {
  printf 'kv: %s\n' "$*" >&2
}

meta() {
  python3 "$BIN/meta.py" "$@"
}

ROLE="$(meta get host/role)"
PORT="$(meta get env/port)"
PASS="$(meta get env/requirepass 2>/dev/null || true)"
# redis-cli reads the password from the environment, so it never appears in a process list.
if [ -n "$PASS" ]; then
  REDISCLI_AUTH="$PASS"
  export REDISCLI_AUTH
fi

rcli() {
  redis-cli --no-auth-warning -h "$IP" -p "$PORT" "$@"
}

up() {
  [ "$(rcli ping 2>/dev/null)" = "PONG" ]
}

info_field() {
  rcli info "$1" | tr -d '\r' | sed -n "s/^$2://p"
}

synced() {
  [ "$(info_field replication master_link_status)" = "up" ]
}

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

# start [extra redis-server arguments]: a replica also waits for its first sync with the primary.
start() {
  if up; then
    say "$ROLE already running on $IP:$PORT"
    return 0
  fi
  [ -f "$KV_DIR/kv.conf" ] || fail "$KV_DIR/kv.conf is missing: the drone renders it before init"
  cd "$KV_DIR"
  redis-server ./kv.conf --daemonize yes --pidfile "$KV_DIR/kv.pid" --logfile "$KV_DIR/kv.log" "$@"
  wait_for 30 up || fail "redis-server did not answer on $IP:$PORT within 30 s; see $KV_DIR/kv.log"
  if [ "$ROLE" = "replica" ]; then
    wait_for 120 synced || fail "replica $IP has not synced with the primary within 120 s; see $KV_DIR/kv.log"
  fi
  say "$ROLE started on $IP:$PORT"
}

stop() {
  up || return 0
  rcli shutdown >/dev/null 2>&1 || true
  down() { ! up; }
  wait_for 60 down || fail "redis-server on $IP:$PORT did not stop within 60 s"
  say "$ROLE stopped on $IP:$PORT"
}

reload() {
  up || return 0
  if [ "$ROLE" = "primary" ]; then
    rcli config set maxmemory-policy "$(meta get env/maxmemory-policy)" >/dev/null
    rcli config set appendonly "$(meta get env/appendonly)" >/dev/null
    rcli config set min-replicas-to-write "$(meta get env/min-replicas-to-write)" >/dev/null
  else
    primary="$(meta nodes hosts primary | awk 'NR == 1 { print $1 }')"
    [ -n "$primary" ] && rcli replicaof "$primary" "$PORT" >/dev/null
  fi
  say "applied the new settings on $IP:$PORT"
}

check() {
  up || fail "no answer on $IP:$PORT"
  if [ "$ROLE" = "replica" ]; then synced || fail "replica $IP is not in sync with the primary"; fi
}

# The backup's name: the platform's snapshot id when the job has one (backup, restore and
# delete-backup jobs do), else the `name` service parameter; letters, digits and dashes only.
backup_name() {
  name="$(printf '%s' "${PITRIX_SERVICE_PARAMS:-{\}}" | python3 -c 'import json, sys; p = json.load(sys.stdin); print(p.get("snapshotId") or p.get("name", ""))')"
  case "$name" in
    "" | *[!a-z0-9-]*) fail "the backup name must be lower-case letters, digits and dashes, got '$name'" ;;
  esac
  printf '%s' "$name"
}

# snapshot <file>: BGSAVE on the running primary, then the dump copied to <file> atomically.
snapshot() {
  before="$(rcli lastsave)"
  rcli bgsave >/dev/null 2>&1 || true
  saved() { [ "$(rcli lastsave)" != "$before" ] && [ "$(info_field persistence rdb_bgsave_in_progress)" = "0" ]; }
  wait_for 600 saved || fail "BGSAVE did not finish within 600 s"
  mkdir -p "$BACKUPS"
  cp "$KV_DIR/dump.rdb" "$1.tmp"
  mv "$1.tmp" "$1"
}

backup() {
  [ "$ROLE" = "primary" ] || fail "backups are taken on the primary"
  name="$(backup_name)"
  up || fail "the primary is not running on $IP:$PORT"
  snapshot "$BACKUPS/$name.rdb"
  say "backup $name: $(wc -c <"$BACKUPS/$name.rdb") bytes"
}

restore() {
  [ "$ROLE" = "primary" ] || fail "backups are restored on the primary"
  name="$(backup_name)"
  [ -f "$BACKUPS/$name.rdb" ] || fail "no backup named $name in $BACKUPS"
  stop
  # Redis loads the append-only file in preference to dump.rdb: start from the snapshot alone,
  # then turn the append-only file back on, which rewrites it from the restored data.
  rm -rf "$KV_DIR/appendonlydir"
  cp "$BACKUPS/$name.rdb" "$KV_DIR/dump.rdb"
  start --appendonly no
  if [ "$(meta get env/appendonly)" = "yes" ]; then rcli config set appendonly yes >/dev/null; fi
  say "restored backup $name ($(rcli dbsize) keys); replicas resynchronise by themselves"
}

delete_backup() {
  name="$(backup_name)"
  rm -f "$BACKUPS/$name.rdb"
  say "backup $name deleted"
}

# The custom action `compact`: rewrites the append-only file in the background (BGREWRITEAOF)
# and waits for the rewrite to finish, so the job reports its real outcome.
compact() {
  [ "$ROLE" = "primary" ] || fail "the append-only file lives on the primary"
  up || fail "the primary is not running on $IP:$PORT"
  before="$(info_field persistence aof_rewrites)"
  rcli bgrewriteaof >/dev/null 2>&1 || true
  rewritten() { [ "$(info_field persistence aof_rewrites)" != "$before" ] && [ "$(info_field persistence aof_rewrite_in_progress)" = "0" ]; }
  wait_for 600 rewritten || fail "BGREWRITEAOF did not finish within 600 s"
  [ "$(info_field persistence aof_last_bgrewrite_status)" = "ok" ] || fail "BGREWRITEAOF failed"
  say "append-only file rewritten ($(info_field persistence aof_rewrites) rewrites since start)"
}

# The upgrade hook (primary, after the new version started): the server rewrites its append-only
# file in its own format, and the node keeps a line per upgrade in kv/upgrades.log.
upgrade() {
  compact
  printf '%s upgraded, append-only file rewritten\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$KV_DIR/upgrades.log"
}

# The destroy hook (primary, before it stops): a last snapshot, backups/before-delete.rdb, so the
# data of a deleted cluster stays on its volume until the cluster is ceased. A primary that is not
# running has nothing newer than its dump: deleting goes on.
destroy() {
  if ! up; then
    say "the primary is not running: no last snapshot"
    return 0
  fi
  snapshot "$BACKUPS/before-delete.rdb"
  say "last snapshot before the delete: $(wc -c <"$BACKUPS/before-delete.rdb") bytes"
}

stats() {
  rcli info | tr -d '\r' | awk -F: '
    $1 == "connected_clients" { clients = $2 }
    $1 == "used_memory" { memory = int($2 / 1048576) }
    $1 == "connected_slaves" { replicas = $2 }
    $1 ~ /^db[0-9]+$/ { split($2, kv, /[=,]/); keys += kv[2] }
    END { printf "{\"connected_clients\": %d, \"used_memory_mb\": %d, \"replicas\": %d, \"keys\": %d}\n", clients, memory, replicas, keys }'
}

case "${1:-}" in
  init) mkdir -p "$KV_DIR" "$BACKUPS" ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  reload) reload ;;
  check) check ;;
  backup) backup ;;
  restore) restore ;;
  delete-backup) delete_backup ;;
  stats) stats ;;
  compact) compact ;;
  upgrade) upgrade ;;
  destroy) destroy ;;
  *) fail "usage: kv-ctl.sh init|start|stop|restart|reload|check|backup|restore|delete-backup|stats|compact|upgrade|destroy" ;;
esac
