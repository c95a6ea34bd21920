# Shared by the Redis hooks (sourced, not run). Every hook gets the variables of the node's
# environment (docs/contracts.md §1) and reads settings from the metadata view.
: "${PITRIX_DATA_DIR:?PITRIX_DATA_DIR is not set}"
: "${PITRIX_PRIVATE_IP:?PITRIX_PRIVATE_IP is not set}"
: "${PITRIX_METADATA_URL:?PITRIX_METADATA_URL is not set}"

BIN="$PITRIX_DATA_DIR/app/bin"
REDIS_DIR="$PITRIX_DATA_DIR/redis"
IP="$PITRIX_PRIVATE_IP"

fail() {
  printf 'redis: %s\n' "$*" >&2
  exit 1
}

say() {
  printf 'redis: %s\n' "$*" >&2
}

meta() {
  python3 "$BIN/meta.py" "$@"
}

PORT="$(meta get env/port)" || fail "cannot read env.port from the metadata view"
PASS="$(meta get env/requirepass 2>/dev/null || true)"
# redis-cli reads the password from the environment, so it never appears in a process list.
if [ -n "$PASS" ]; then
  REDISCLI_AUTH="$PASS"
  export REDISCLI_AUTH
fi

rcli() {
  redis-cli --no-auth-warning "$@"
}

# ping <ip>: true when the Redis server at <ip>:$PORT answers.
ping_at() {
  [ "$(rcli -h "$1" -p "$PORT" ping 2>/dev/null)" = "PONG" ]
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
