import { isIP } from 'node:net';
import { absolutePath, hostPort, integer, oneOf, text, url } from './parsers.js';
import { setting, SettingParseError } from './setting.js';

/**
 * Settings of the two agents. A provider starts them with the environment built by the agent
 * plane's bootstrap builders plus the node's identity (docs/agent-plane.md lists every variable).
 */

function token(raw: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(raw)) throw new SettingParseError("1-128 letters, digits, '-' or '_'");
  return raw;
}

function optionalToken(raw: string): string {
  return raw === '' ? '' : token(raw);
}

function ipAddress(raw: string): string {
  if (isIP(raw) === 0) throw new SettingParseError('an IPv4 or IPv6 address');
  return raw;
}

/** Settings every agent shares. */
export const agentCommonSettings = {
  logLevel: setting('PITRIX_LOG_LEVEL', 'info', { description: 'Log level: debug, info, warn or error' }, oneOf('debug', 'info', 'warn', 'error')),
  frontgateId: setting('PITRIX_FRONTGATE_ID', undefined, { description: 'Id of the frontgate (and JetStream domain) of this network' }, token),
  dataDir: setting('PITRIX_DATA_DIR', undefined, { description: "The agent's data folder (state, logs; a drone's hooks run here)" }, absolutePath),
};

/** Settings of a frontgate. */
export const frontgateSettings = {
  hubLeafUrl: setting('PITRIX_HUB_LEAF_URL', undefined, { description: "URL of the hub's leaf-node port, dialled out" }, url('tls', 'nats-leaf')),
  hubCaCert: setting('PITRIX_HUB_CA_CERT', undefined, { description: "PEM of the CA that signed the hub's leaf-node certificate" }, text),
  credentials: setting(
    'PITRIX_FRONTGATE_CREDENTIALS',
    undefined,
    { description: "The frontgate's own NATS credentials (user JWT and seed) for the leaf connection", secret: true },
    text,
  ),
  listen: setting('PITRIX_FRONTGATE_LISTEN', undefined, { description: 'host:port the leaf server listens on for drones' }, hostPort),
  natsServerBinary: setting('PITRIX_NATS_SERVER_BINARY', 'nats-server', { description: 'Path of nats-server (default: found on PATH)' }, text),
  statusIntervalMs: setting('PITRIX_FRONTGATE_STATUS_INTERVAL_MS', '10000', { description: 'How often the frontgate reports its status' }, integer(100, 3_600_000)),
};

/** Settings of a drone: where its frontgate is, its credential and its node's identity. */
export const droneSettings = {
  frontgateUrl: setting('PITRIX_FRONTGATE_URL', undefined, { description: "Client URL of the frontgate's leaf server" }, url('nats', 'tls')),
  seed: setting('PITRIX_DRONE_SEED', undefined, { description: "The drone's own NATS nkey seed", secret: true }, text),
  clusterId: setting('PITRIX_CLUSTER_ID', undefined, { description: 'Cluster of this node' }, token),
  nodeId: setting('PITRIX_NODE_ID', undefined, { description: 'This node' }, token),
  role: setting('PITRIX_ROLE', '', { description: 'Role of this node ("" for a role-less app)' }, optionalToken),
  serverId: setting('PITRIX_SERVER_ID', '0', { description: 'Server id (sid) of this node' }, integer(0, 1_000_000)),
  groupId: setting('PITRIX_GROUP_ID', '0', { description: 'Group id (gid) of this node' }, integer(0, 1_000_000)),
  privateIp: setting('PITRIX_PRIVATE_IP', undefined, { description: "The node's private address (the metadata server listens here)" }, ipAddress),
  metadataPort: setting('PITRIX_METADATA_PORT', '9611', { description: 'Port of the read-only metadata server (0 picks a free one)' }, integer(0, 65535)),
  heartbeatIntervalMs: setting('PITRIX_HEARTBEAT_INTERVAL_MS', '10000', { description: 'How often the drone sends a heartbeat' }, integer(100, 3_600_000)),
  commandRetentionHours: setting(
    'PITRIX_COMMAND_RETENTION_HOURS',
    '168',
    { description: 'How long finished commands are remembered (a retry after that runs again)' },
    integer(1, 87_600),
  ),
};
