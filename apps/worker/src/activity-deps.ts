import type { NatsConnection } from '@nats-io/transport-node';
import type { ActivityDeps, AgentBootstrapper, ClusterPilot, ClusterPlanner } from '@pitrix/activities';
import { ClusterEventStore, ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import { createProviderRegistry, type ProviderSettings } from '@pitrix/provider-registry';
import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';

/** The configuration the activities depend on. */
export interface ActivityConfig {
  readonly secrets: { readonly keys: string };
  readonly providers: ProviderSettings;
}

/** How activities reach the agents and plan jobs (the agent plane and the planner, or test doubles of neither). */
export interface ActivityPlane {
  readonly agents: AgentBootstrapper;
  readonly pilot: ClusterPilot;
  readonly planner: ClusterPlanner;
}

/** Builds the activities' dependencies from configuration and connected clients. */
export function buildActivityDeps(config: ActivityConfig, clients: { dataSource: DataSource; nats: NatsConnection }, plane: ActivityPlane): ActivityDeps {
  const box = new SecretBox(parseKeyRing(config.secrets.keys));
  const credentials = new CredentialStore(clients.dataSource, box);
  return {
    ...clients,
    ...plane,
    runtimes: new RuntimeStore(clients.dataSource, credentials),
    providers: createProviderRegistry(config.providers),
    events: new ClusterEventStore(clients.dataSource),
    reads: new ClusterReadModel(clients.dataSource),
    specs: new JobSpecStore(clients.dataSource, box),
  };
}
