import type { NatsConnection } from '@nats-io/transport-node';
import type { NatsConfig } from '@pitrix/config';
import { PitrixError } from '@pitrix/errors';
import { readFileSync } from 'node:fs';
import { AgentCredentials } from './credentials/agent-credentials.js';
import { FrontgateConnections } from './credentials/frontgate-connections.js';
import { FrontgateRegistry } from './credentials/frontgate-registry.js';
import { HubAccounts } from './credentials/hub-accounts.js';
import { MetadataWriter } from './metadata/metadata-writer.js';
import { PilotClient } from './pilot/pilot-client.js';
import { readIssuerKeys } from './trust/trust-folder.js';

/** The platform's side of the agent plane, built once per worker process. */
export interface AgentPlane {
  /** Frontgates the platform issued, and their hub accounts. */
  readonly registry: FrontgateRegistry;
  /** The platform's connections into each frontgate's account. */
  readonly connections: FrontgateConnections;
  /** Issues and revokes agent credentials; builds agent bootstraps. */
  readonly credentials: AgentCredentials;
  /** Commands, pings and waits. */
  readonly pilot: PilotClient;
  /** Writes clusters' metadata. */
  readonly metadata: MetadataWriter;
  /** Closes every connection the agent plane opened (not the platform connection it was given). */
  close(): Promise<void>;
}

/**
 * Builds the agent plane on the platform's hub connection, reading the signing keys from the
 * trust folder (`PITRIX_NATS_AUTH_DIR`) and the hub CA (`PITRIX_NATS_CA_FILE`) once.
 */
export async function createAgentPlane(nats: NatsConnection, config: NatsConfig): Promise<AgentPlane> {
  const keys = readIssuerKeys(config.authDir);
  const hubCaCertPem = readCa(config.caFile);
  const registry = await FrontgateRegistry.open(nats);
  const accounts = new HubAccounts(config.url, keys.systemCreds);
  const connections = new FrontgateConnections(config.url, registry, keys.agentsSigner);
  const credentials = new AgentCredentials({ registry, accounts, connections, keys, hubLeafUrl: config.leafUrl, hubCaCertPem });
  return {
    registry,
    connections,
    credentials,
    pilot: new PilotClient(connections),
    metadata: new MetadataWriter(connections),
    close: async () => {
      await connections.close();
      await accounts.close();
    },
  };
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new PitrixError('CONFIG.INVALID', `PITRIX_NATS_CA_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'}); npm start creates it`);
  }
}
