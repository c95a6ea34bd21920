import { droneSubjects, jetStreamDomain, METADATA_BUCKET, type DroneRegistration } from '@pitrix/agent-protocol';

/** The local account every client of the leaf server lives in; the leaf remote binds it to the hub. */
export const NETWORK_ACCOUNT = 'NETWORK';

/** Everything the leaf server's configuration is rendered from. */
export interface LeafConfigInput {
  readonly frontgateId: string;
  readonly listen: string;
  readonly monitorPort: number;
  readonly storeDir: string;
  readonly hubLeafUrl: string;
  readonly credentialsFile: string;
  readonly caFile: string;
  /** Public key of the frontgate's own client (full rights in the network account). */
  readonly adminKey: string;
  readonly drones: readonly DroneRegistration[];
}

const q = (value: string) => JSON.stringify(value);

/**
 * What a drone may do on the leaf server: receive only what is addressed to its node, publish only
 * its own events and replies, and read (never write) the metadata bucket. Its reply inbox is under
 * its node's subjects, so no other drone can read the answers it gets.
 */
export function dronePermissions(frontgateId: string, nodeId: string): { publish: string[]; subscribe: string[] } {
  const subjects = droneSubjects(frontgateId, nodeId);
  const stream = `KV_${METADATA_BUCKET}`;
  return {
    publish: [
      subjects.outbound,
      `$JS.API.STREAM.INFO.${stream}`,
      `$JS.API.CONSUMER.CREATE.${stream}`,
      `$JS.API.CONSUMER.CREATE.${stream}.>`,
      `$JS.API.CONSUMER.INFO.${stream}.>`,
      `$JS.API.CONSUMER.DELETE.${stream}.>`,
      `$JS.API.DIRECT.GET.${stream}`,
      `$JS.API.DIRECT.GET.${stream}.>`,
      `$JS.API.STREAM.MSG.GET.${stream}`,
      `$JS.FC.${stream}.>`,
    ],
    subscribe: [subjects.inbound],
  };
}

function droneUser(frontgateId: string, drone: DroneRegistration): string {
  const permissions = dronePermissions(frontgateId, drone.nodeId);
  const list = (subjects: string[]) => `[${subjects.map(q).join(', ')}]`;
  return `      { nkey: ${drone.publicKey}, permissions: { publish: { allow: ${list(permissions.publish)} }, subscribe: { allow: ${list(permissions.subscribe)} }, allow_responses: true } }`;
}

/**
 * Renders the leaf server's configuration: JetStream in the frontgate's own domain, one local
 * account with the frontgate's client and every registered drone (nkeys), and one remote that
 * dials out to the hub over TLS with the frontgate's credentials, retrying every second.
 */
export function renderLeafConfig(input: LeafConfigInput): string {
  return [
    `server_name: ${q(`frontgate-${input.frontgateId}`)}`,
    `listen: ${q(input.listen)}`,
    `http: ${q(`127.0.0.1:${input.monitorPort}`)}`,
    `jetstream {`,
    `  store_dir: ${q(input.storeDir)}`,
    `  domain: ${q(jetStreamDomain(input.frontgateId))}`,
    `}`,
    `accounts {`,
    `  ${NETWORK_ACCOUNT} {`,
    `    jetstream: enabled`,
    `    users: [`,
    `      { nkey: ${input.adminKey} }`,
    ...input.drones.map((drone) => droneUser(input.frontgateId, drone)),
    `    ]`,
    `  }`,
    `}`,
    `leafnodes {`,
    `  reconnect: "1s"`,
    `  remotes: [`,
    `    { url: ${q(input.hubLeafUrl)}, credentials: ${q(input.credentialsFile)}, account: ${NETWORK_ACCOUNT}, tls: { ca_file: ${q(input.caFile)} } }`,
    `  ]`,
    `}`,
    '',
  ].join('\n');
}
