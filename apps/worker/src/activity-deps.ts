import type { NatsConnection } from '@nats-io/transport-node';
import type { ActivityDeps, AgentBootstrapper } from '@pitrix/activities';
import { createProviderRegistry, type ProviderSettings } from '@pitrix/provider-registry';
import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';

/** The configuration the activities depend on. */
export interface ActivityConfig {
  readonly secrets: { readonly keys: string };
  readonly providers: ProviderSettings;
}

/** Builds the activities' dependencies from configuration and connected clients. */
export function buildActivityDeps(config: ActivityConfig, clients: { dataSource: DataSource; nats: NatsConnection }, agents: AgentBootstrapper): ActivityDeps {
  const credentials = new CredentialStore(clients.dataSource, new SecretBox(parseKeyRing(config.secrets.keys)));
  return {
    ...clients,
    runtimes: new RuntimeStore(clients.dataSource, credentials),
    providers: createProviderRegistry(config.providers),
    agents,
  };
}

/**
 * Starts agents with their identity only (no credential). Used until an installation enables the
 * agent plane's credential issuing, and by tests whose instances run a stand-in agent.
 */
export const identityOnlyAgents: AgentBootstrapper = {
  async bootstrap(spec) {
    const env = Object.fromEntries(Object.entries(spec.identity).map(([key, value]) => [`PITRIX_AGENT_${key.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`, value]));
    return { kind: spec.kind, env };
  },
};
