/** Lifecycle status of a cluster. `deleted` is recoverable; `ceased` is final. */
export type ClusterStatus = 'pending' | 'active' | 'stopped' | 'failed' | 'deleted' | 'ceased';

/** What a cluster is doing while a job runs; `''` when idle. */
export type TransitionStatus =
  | ''
  | 'creating'
  | 'starting'
  | 'stopping'
  | 'restarting'
  | 'deleting'
  | 'ceasing'
  | 'recovering'
  | 'upgrading'
  | 'rolling-back'
  | 'scaling-out'
  | 'scaling-in'
  | 'resizing'
  | 'updating'
  | 'running-action'
  | 'backing-up'
  | 'restoring'
  | 'deleting-backup'
  | 'healing';

/** Lifecycle status of a node. */
export type NodeStatus = 'pending' | 'active' | 'stopped' | 'failed' | 'deleting' | 'deleted';

/** One node as the platform knows it (the `cluster_nodes` read model). */
export interface NodeState {
  readonly nodeId: string;
  /** The role as deployed: a role name, `<role>-replica` for a replica, `''` for a role-less app. */
  readonly role: string;
  /** The blueprint role it comes from (`role` without `-replica`). */
  readonly baseRole: string;
  /** `sid`: 1..serverIdUpperBound, unique per base role, reused after a node is deleted. */
  readonly serverId: number;
  /** `gid`: a master and its replicas share one. */
  readonly groupId: number;
  readonly instanceId: string | null;
  readonly privateIp: string | null;
  readonly volumeId: string | null;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly gpu: number;
  readonly volumeSizeGiB: number;
  readonly status: NodeStatus;
  /** Output of the role's `customMetadata.cmd`, published as the node's `token` in metadata. */
  readonly token: string | null;
  /** Public key of the node's generated key pair (roles with `passphraseless`). */
  readonly pubKey: string | null;
}

/** Where the cluster's agents meet: the network it landed in and its frontgate. */
export interface ClusterPlacement {
  readonly networkId: string;
  readonly frontgateId: string;
  /** Address the frontgate's leaf server listens on for the network's drones. */
  readonly frontgateHost: string;
}

/** The cluster as the planner sees it before an operation. */
export interface ClusterState {
  readonly clusterId: string;
  readonly name: string;
  readonly appId: string;
  readonly versionId: string;
  readonly runtimeId: string;
  readonly status: ClusterStatus;
  readonly placement: ClusterPlacement | null;
  readonly nodes: readonly NodeState[];
}
