/**
 * What a provider needs to start an agent (docs/contracts.md §4): the agent's kind and the
 * environment of its process. `env` holds a credential: providers pass it on and never log it,
 * and it never goes into a workflow history (build it inside the provider's activity).
 */
export interface AgentBootstrap {
  readonly kind: 'frontgate' | 'drone';
  readonly env: Readonly<Record<string, string>>;
}

/** Entry points of the agents, relative to the workspace root (`node <entry>`). */
export const AGENT_ENTRIES = { frontgate: 'apps/frontgate/dist/main.js', drone: 'apps/drone/dist/main.js' } as const;

/** The identity of a node, which its drone gives to every command (docs/contracts.md §1). */
export interface NodeIdentity {
  readonly clusterId: string;
  readonly nodeId: string;
  /** "" for a role-less application. */
  readonly role: string;
  readonly serverId: number;
  readonly groupId: number;
}

/** Everything a frontgate's environment is built from. */
export interface FrontgateEnvInput {
  readonly frontgateId: string;
  readonly hubLeafUrl: string;
  readonly hubCaCertPem: string;
  /** Creds text of the frontgate's leaf user (secret). */
  readonly credentials: string;
  /** host:port its leaf server listens on for drones. */
  readonly listen: string;
}

/** Builds a frontgate's bootstrap; the provider adds `PITRIX_DATA_DIR` (and may set `PITRIX_NATS_SERVER_BINARY`). */
export function frontgateBootstrapFor(input: FrontgateEnvInput): AgentBootstrap {
  return {
    kind: 'frontgate',
    env: {
      PITRIX_FRONTGATE_ID: input.frontgateId,
      PITRIX_HUB_LEAF_URL: input.hubLeafUrl,
      PITRIX_HUB_CA_CERT: input.hubCaCertPem,
      PITRIX_FRONTGATE_CREDENTIALS: input.credentials,
      PITRIX_FRONTGATE_LISTEN: input.listen,
    },
  };
}

/** Everything a drone's environment is built from. */
export interface DroneEnvInput {
  readonly frontgateId: string;
  /** Client URL of the frontgate's leaf server, as the node reaches it. */
  readonly frontgateUrl: string;
  /** The drone's nkey seed (secret). */
  readonly seed: string;
  readonly node: NodeIdentity;
}

/** Builds a drone's bootstrap; the provider adds `PITRIX_PRIVATE_IP` and `PITRIX_DATA_DIR` (and may set `PITRIX_METADATA_PORT`). */
export function droneBootstrapFor(input: DroneEnvInput): AgentBootstrap {
  return {
    kind: 'drone',
    env: {
      PITRIX_FRONTGATE_ID: input.frontgateId,
      PITRIX_FRONTGATE_URL: input.frontgateUrl,
      PITRIX_DRONE_SEED: input.seed,
      PITRIX_CLUSTER_ID: input.node.clusterId,
      PITRIX_NODE_ID: input.node.nodeId,
      PITRIX_ROLE: input.node.role,
      PITRIX_SERVER_ID: String(input.node.serverId),
      PITRIX_GROUP_ID: String(input.node.groupId),
    },
  };
}

/** The client URL of a frontgate listening on `listen` (host:port), for drones on the same network. */
export function frontgateClientUrl(listen: string): string {
  return `nats://${listen}`;
}
