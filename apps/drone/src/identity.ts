import type { DroneConfig } from '@pitrix/config';
import type { RunAsUser } from './commands/users.js';

/** Who this node is: what every command and template sees of it. */
export interface NodeIdentity {
  readonly frontgateId: string;
  readonly clusterId: string;
  readonly nodeId: string;
  readonly role: string;
  readonly serverId: number;
  readonly groupId: number;
  readonly privateIp: string;
  readonly dataDir: string;
  readonly metadataUrl: string;
}

/** The node's identity from the drone's configuration and the metadata server's real URL. */
export function nodeIdentity(config: DroneConfig, metadataUrl: string): NodeIdentity {
  return {
    frontgateId: config.agent.frontgateId,
    clusterId: config.drone.clusterId,
    nodeId: config.drone.nodeId,
    role: config.drone.role,
    serverId: config.drone.serverId,
    groupId: config.drone.groupId,
    privateIp: config.drone.privateIp,
    dataDir: config.agent.dataDir,
    metadataUrl,
  };
}

/** The identity variables every command gets (docs/package-authors-guide.md). */
export function identityVariables(identity: NodeIdentity, service: string, serviceParamsJson: string): Record<string, string> {
  return {
    PITRIX_CLUSTER_ID: identity.clusterId,
    PITRIX_NODE_ID: identity.nodeId,
    PITRIX_ROLE: identity.role,
    PITRIX_SERVER_ID: String(identity.serverId),
    PITRIX_GROUP_ID: String(identity.groupId),
    PITRIX_PRIVATE_IP: identity.privateIp,
    PITRIX_DATA_DIR: identity.dataDir,
    PITRIX_METADATA_URL: identity.metadataUrl,
    PITRIX_SERVICE: service,
    PITRIX_SERVICE_PARAMS: serviceParamsJson === '' ? '{}' : serviceParamsJson,
  };
}

/**
 * The whole environment of a command: a clean base (never the drone's own environment, which
 * holds its credential), the command's extra variables, then the identity variables, which a
 * command's extras cannot override.
 */
export function commandEnvironment(identity: NodeIdentity, user: RunAsUser, command: { env: Record<string, string>; service: string; serviceParamsJson: string }, path: string): Record<string, string> {
  return {
    PATH: path,
    HOME: user.home,
    USER: user.name,
    LOGNAME: user.name,
    SHELL: '/bin/sh',
    LANG: 'C.UTF-8',
    ...command.env,
    ...identityVariables(identity, command.service, command.serviceParamsJson),
  };
}
