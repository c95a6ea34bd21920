#!/bin/sh
# Cluster-wide actions, run on one node: create the cluster after every server has started
# (init, post-start), add the new nodes and rebalance (scale_out), move slots away and remove
# nodes (scale_in), rebalance on demand (custom action). Each action checks what is already done,
# so running it again, or on another node, changes nothing.
set -eu
. "$(dirname "$0")/lib.sh"

ENTRY="$IP:$PORT"

# known <ip>: the node at <ip> is already a member of the cluster this node belongs to.
known() {
  rcli -h "$IP" -p "$PORT" cluster nodes | grep -q " $1:$PORT@"
}

node_id() {
  rcli -h "$1" -p "$PORT" cluster myid | tr -d '\r'
}

slots_assigned() {
  rcli -h "$1" -p "$PORT" cluster info 2>/dev/null | tr -d '\r' | sed -n 's/^cluster_slots_assigned://p'
}

# view_of <ip>: the membership that node sees: every node id with its role, its master and
# whether it is failing, one per line, sorted.
view_of() {
  rcli -h "$1" -p "$PORT" cluster nodes 2>/dev/null | awk '{
    role = ($3 ~ /master/) ? "master" : "replica"
    health = ($3 ~ /fail/) ? "failing" : "up"
    print $1, role, $4, health
  }' | sort
}

# converged: every member sees the same members with the same roles, none failing, and they agree
# on the slots. Slot moves to a node some member has not heard of fail with "Unknown node", and a
# replica that joined is reported as a master until its new role has spread.
converged() {
  mine="$(view_of "$IP")"
  case "$mine" in *failing*) return 1 ;; esac
  # Not "ip": shell variables are global, and callers loop over an ip of their own.
  for member in $(rcli -h "$IP" -p "$PORT" cluster nodes | awk '{ sub(/:.*/, "", $2); print $2 }'); do
    [ "$(view_of "$member")" = "$mine" ] || return 1
  done
  redis-cli --no-auth-warning --cluster check "$ENTRY" >/dev/null 2>&1
}

wait_converged() {
  wait_for 120 converged || fail "the cluster did not converge within 120 s (redis-cli --cluster check $ENTRY)"
}

# master_ip_of_group <gid>: the master that shares a replica's group id.
master_ip_of_group() {
  meta nodes hosts master | awk -v gid="$1" '$3 == gid { print $1; exit }'
}

# follows <ip> <master id>: the node at <ip> is a replica of that master.
follows() {
  rcli -h "$1" -p "$PORT" cluster nodes 2>/dev/null | awk -v id="$2" '$3 ~ /myself/ { found = ($3 ~ /slave/ && $4 == id) } END { exit !found }'
}

# knows_node <ip> <node id>: the node at <ip> has heard of that node.
knows_node() {
  rcli -h "$1" -p "$PORT" cluster nodes 2>/dev/null | grep -q "^$2 "
}

# attach_replicas <section>: joins every replica listed in <section> to the master of its group.
# A replica joins as an empty master, then follows its master once gossip has told it of that
# master: redis-cli's --cluster-slave asks for CLUSTER REPLICATE as soon as the node met one
# member, which a busy machine answers with "ERR Unknown node" and leaves a master behind.
attach_replicas() {
  meta nodes "$1" master-replica | while read -r ip _sid gid _node; do
    master="$(master_ip_of_group "$gid")"
    [ -n "$master" ] || fail "replica $ip (group $gid) has no master in the metadata view"
    master_id="$(node_id "$master")"
    if follows "$ip" "$master_id"; then continue; fi
    ping_at "$ip" || fail "replica $ip does not answer on port $PORT"
    # add-node refuses a cluster whose members do not agree yet, as right after the previous
    # replica's CLUSTER REPLICATE, before its new role has spread.
    if ! known "$ip"; then
      wait_converged
      redis-cli --no-auth-warning --cluster add-node "$ip:$PORT" "$ENTRY" >&2
    fi
    wait_for 60 knows_node "$ip" "$master_id" || fail "replica $ip did not hear of its master $master within 60 s"
    reply="$(rcli -h "$ip" -p "$PORT" cluster replicate "$master_id" | tr -d '\r')"
    [ "$reply" = "OK" ] || fail "replica $ip did not follow its master $master: $reply"
    say "replica $ip follows master $master"
  done
}

create() {
  existing="$(meta nodes hosts master | awk '{ print $1 }')"
  adding="$(meta nodes adding-hosts master | awk '{ print $1 }')"
  for ip in $existing; do
    case " $adding " in *" $ip "*) continue ;; esac
    if [ "$(slots_assigned "$ip")" != "0" ] && [ -n "$(slots_assigned "$ip")" ]; then
      say "the cluster already exists ($ip serves slots); new nodes join through scale_out"
      return 0
    fi
  done
  set -- $(for ip in $existing; do printf '%s:%s ' "$ip" "$PORT"; done)
  [ "$#" -ge 3 ] || fail "a Redis Cluster needs at least 3 masters, found $#"
  for address in "$@"; do ping_at "${address%:*}" || fail "master $address does not answer"; done
  # create ends with its own check, which fails when gossip has not yet spread the new config
  # epochs ("Nodes don't agree about configuration"); the slots are assigned by then, and
  # wait_converged decides, within its bound, whether the cluster formed.
  redis-cli --no-auth-warning --cluster create "$@" --cluster-replicas 0 --cluster-yes >&2 || say "redis-cli --cluster create did not pass its own check yet; waiting for the cluster to converge"
  wait_converged
  attach_replicas hosts
  wait_converged
  say "created a cluster of $# masters"
}

add() {
  added=0
  for ip in $(meta nodes adding-hosts master | awk '{ print $1 }'); do
    if known "$ip"; then continue; fi
    ping_at "$ip" || fail "new master $ip does not answer on port $PORT"
    wait_converged
    redis-cli --no-auth-warning --cluster add-node "$ip:$PORT" "$ENTRY" >&2
    added=$((added + 1))
  done
  wait_converged
  attach_replicas adding-hosts
  wait_converged
  # Empty masters get their share of the slots; a rerun finds nothing to move.
  redis-cli --no-auth-warning --cluster rebalance "$ENTRY" --cluster-use-empty-masters >&2
  say "added $added masters and rebalanced"
}

can_remove() {
  total="$(meta nodes hosts master | wc -l)"
  leaving="$(meta nodes deleting-hosts master | wc -l)"
  [ $((total - leaving)) -ge 3 ] || fail "refusing to go below 3 masters ($total now, $leaving leaving)"
}

remove() {
  can_remove
  for ip in $(meta nodes deleting-hosts master-replica | awk '{ print $1 }'); do
    if ! known "$ip"; then continue; fi
    redis-cli --no-auth-warning --cluster del-node "$ENTRY" "$(rcli -h "$IP" -p "$PORT" cluster nodes | awk -v a="$ip:$PORT@" 'index($2, a) == 1 { print $1 }')" >&2
  done
  for ip in $(meta nodes deleting-hosts master | awk '{ print $1 }'); do
    if ! known "$ip"; then continue; fi
    id="$(node_id "$ip")"
    # Weight 0 moves every slot of the leaving master to the others before it is removed.
    redis-cli --no-auth-warning --cluster rebalance "$ENTRY" --cluster-weight "$id=0" >&2
    wait_converged
    redis-cli --no-auth-warning --cluster del-node "$ENTRY" "$id" >&2
  done
  wait_converged
  say "removed the leaving nodes"
}

rebalance() {
  threshold="$(printf '%s' "${PITRIX_SERVICE_PARAMS:-{\}}" | python3 -c 'import json, sys; print(int(json.load(sys.stdin).get("threshold", 2)))')"
  wait_converged
  redis-cli --no-auth-warning --cluster rebalance "$ENTRY" --cluster-threshold "$threshold" >&2
}

case "${1:-}" in
  create) create ;;
  add) add ;;
  can-remove) can_remove ;;
  remove) remove ;;
  rebalance) rebalance ;;
  *) fail "usage: redis-cluster.sh create|add|can-remove|remove|rebalance" ;;
esac
