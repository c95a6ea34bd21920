import type { NodeState } from '@pitrix/cluster-model';

/** A node's health as stored by the agent monitor (or the release watcher). */
export interface NodeHealthRecord {
  readonly status: string;
  readonly reason: string;
  readonly message: string;
  /** When the node entered this status; null for a node never seen. */
  readonly since: Date | null;
  readonly observedAt: Date | null;
}

/** A cluster's health: how many of its running nodes are in each state, and the overall word. */
export interface ClusterHealthRollup {
  readonly status: 'healthy' | 'degraded' | 'unhealthy' | 'unknown';
  readonly healthy: number;
  readonly unhealthy: number;
  readonly unknown: number;
  /** When the newest node state began (null when no node has reported). */
  readonly since: Date | null;
}

// Nodes that are meant to run and report; pending, stopped and deleted nodes send nothing yet.
const REPORTING = new Set(['active', 'failed']);

/** The nodes whose health counts: those that are meant to run. */
export function reportingNodes(nodes: readonly NodeState[]): NodeState[] {
  return nodes.filter((node) => REPORTING.has(node.status));
}

/**
 * Rolls node health up to the cluster, the way Kubernetes conditions read: `healthy` when every
 * running node is, `unhealthy` when none is and one fails, `degraded` when some are and some are
 * not, `unknown` when nothing is known (a node that never reported counts as unknown).
 */
export function rollUpHealth(nodes: readonly NodeState[], health: ReadonlyMap<string, NodeHealthRecord>): ClusterHealthRollup {
  let healthy = 0;
  let unhealthy = 0;
  let unknown = 0;
  let since: Date | null = null;
  for (const node of reportingNodes(nodes)) {
    const record = health.get(node.nodeId);
    if (record?.status === 'healthy') healthy++;
    else if (record?.status === 'unhealthy') unhealthy++;
    else unknown++;
    if (record?.since && (!since || record.since > since)) since = record.since;
  }
  const total = healthy + unhealthy + unknown;
  const status = total === 0 || healthy + unhealthy === 0 ? 'unknown' : healthy === total ? 'healthy' : healthy === 0 && unhealthy > 0 ? 'unhealthy' : 'degraded';
  return { status, healthy, unhealthy, unknown, since };
}

/** What the `clusterHealth` subscription pushes: the roll-up and each running node, in node order. */
export function clusterHealthChange(clusterId: string, nodes: readonly NodeState[], health: ReadonlyMap<string, NodeHealthRecord>) {
  return {
    clusterId,
    health: rollUpHealth(nodes, health),
    nodes: reportingNodes(nodes).map((node) => ({ nodeId: node.nodeId, ...(health.get(node.nodeId) ?? neverSeen()) })),
  };
}

// A running node with no row: its drone has never reported (the row appears with its first heartbeat).
function neverSeen(): NodeHealthRecord {
  return { status: 'unknown', reason: 'NeverSeen', message: "No heartbeat has been received from this node's drone.", since: null, observedAt: null };
}
