import { nodeIdFromSeed, type NodeState } from '@pitrix/cluster-model';
import { PitrixError } from '@pitrix/errors';
import type { Role } from '@pitrix/package';
import { roleName } from './context.js';

/** The suffix of the role name replicas are deployed under. */
export const REPLICA_SUFFIX = '-replica';

/** What a new group of nodes is allocated from. */
export interface Allocation {
  readonly jobId: string;
  readonly role: Role;
  /** How many masters to add; each comes with `role.replica` replicas. */
  readonly masters: number;
  /** Nodes the cluster already has (their server and group ids are taken). */
  readonly existing: readonly NodeState[];
}

/**
 * New nodes for a role: `masters` groups of one master and `role.replica` replicas sharing a
 * group id. Server ids are unique per base role and group ids per base role, both the lowest free
 * from 1 (freed ids are reused); server ids stop at `serverIdUpperBound`, beyond which the
 * allocation fails with `CLUSTER.SERVER_IDS_EXHAUSTED`. Node ids come from
 * `${jobId}/${deployed role}/${index}`, the index counting from 1 per deployed role.
 */
export function allocateNodes(allocation: Allocation): NodeState[] {
  const { role, masters } = allocation;
  const base = roleName(role);
  const own = allocation.existing.filter((node) => node.baseRole === base);
  const perGroup = 1 + (role.replica ?? 0);
  const serverIds = lowestFree(new Set(own.map((node) => node.serverId)), masters * perGroup);
  const bound = role.serverIdUpperBound;
  if (bound !== undefined && serverIds.some((id) => id > bound)) {
    const free = serverIds.filter((id) => id <= bound).length;
    throw new PitrixError('CLUSTER.SERVER_IDS_EXHAUSTED', `role "${base}" needs ${serverIds.length} server ids but only ${free} of 1..${bound} are free`, [
      { path: 'serverIdUpperBound', message: 'not enough free server ids', expected: `<= ${bound}`, found: serverIds[serverIds.length - 1] },
    ]);
  }
  const groupIds = lowestFree(new Set(own.map((node) => node.groupId)), masters);
  const nodes: NodeState[] = [];
  const replicaRole = `${base}${REPLICA_SUFFIX}`;
  for (let group = 0; group < masters; group++) {
    for (let member = 0; member < perGroup; member++) {
      const deployed = member === 0 ? base : replicaRole;
      const index = member === 0 ? group + 1 : group * (perGroup - 1) + member;
      const nodeId = nodeIdFromSeed(`${allocation.jobId}/${deployed}/${index}`);
      nodes.push(newNode(role, { nodeId, role: deployed, serverId: serverIds[group * perGroup + member] as number, groupId: groupIds[group] as number }));
    }
  }
  return nodes;
}

/** The `count` lowest positive integers not in `taken`, ascending. */
export function lowestFree(taken: ReadonlySet<number>, count: number): number[] {
  const free: number[] = [];
  for (let id = 1; free.length < count; id++) if (!taken.has(id)) free.push(id);
  return free;
}

function newNode(role: Role, identity: { nodeId: string; role: string; serverId: number; groupId: number }): NodeState {
  return {
    ...identity,
    baseRole: roleName(role),
    instanceId: null,
    privateIp: null,
    volumeId: null,
    cpu: role.cpu,
    memoryMiB: role.memory,
    gpu: role.gpu ?? 0,
    volumeSizeGiB: role.volume?.size ?? 0,
    status: 'pending',
    token: null,
    pubKey: null,
  };
}
