import type { NatsConnection } from '@nats-io/transport-node';
import type { ActivityDeps, ClusterPlanner } from '@pitrix/activities';
import { agentBootstrapper, clusterPilot, type AgentPlane } from '@pitrix/agent-plane';
import { RepoEventStore, RepoIndexer, RepoStore } from '@pitrix/catalog-store';
import { ClusterEventStore, ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import { HelmCli } from '@pitrix/helm';
import type { Blueprint } from '@pitrix/package';
import { fetchPolicyFromSettings, type PackageLimits } from '@pitrix/package-io';
import type { S3RepoUrlOptions } from '@pitrix/s3-repo';
import { planJob } from '@pitrix/planner';
import { createProviderRegistry, type ProviderSettings } from '@pitrix/provider-registry';
import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import type { DataSource } from 'typeorm';

/** The configuration the activities depend on. */
export interface ActivityConfig {
  readonly secrets: { readonly keys: string };
  readonly providers: ProviderSettings;
  readonly package: PackageLimits & { readonly helmBinary: string };
  readonly s3: S3RepoUrlOptions;
  /** Where repository fetches may go (PITRIX_FETCH_*). */
  readonly fetch: Parameters<typeof fetchPolicyFromSettings>[0];
  readonly taskDeadlines: ActivityDeps['deadlines'];
}

/** The planner as the activities call it: blueprints are validated before they reach a job spec. */
const planner: ClusterPlanner = {
  planJob: (input) => planJob({ ...input, blueprint: input.blueprint as Blueprint }),
};

/** Builds the activities' dependencies from configuration, connected clients and the agent plane. */
export function buildActivityDeps(config: ActivityConfig, clients: { dataSource: DataSource; nats: NatsConnection }, agentPlane: AgentPlane): ActivityDeps {
  const box = new SecretBox(parseKeyRing(config.secrets.keys));
  const credentials = new CredentialStore(clients.dataSource, box);
  return {
    ...clients,
    agentPlane,
    agents: agentBootstrapper(agentPlane.credentials),
    pilot: clusterPilot(agentPlane),
    planner,
    deadlines: config.taskDeadlines,
    runtimes: new RuntimeStore(clients.dataSource, credentials),
    providers: createProviderRegistry({ ...config.providers, helmBinary: config.package.helmBinary }),
    events: new ClusterEventStore(clients.dataSource),
    reads: new ClusterReadModel(clients.dataSource),
    specs: new JobSpecStore(clients.dataSource, box),
    catalog: {
      indexer: new RepoIndexer({ dataSource: clients.dataSource, repos: new RepoStore(clients.dataSource, box), limits: config.package, s3: config.s3, fetch: fetchPolicyFromSettings(config.fetch), helm: new HelmCli(config.package.helmBinary) }),
      events: new RepoEventStore(clients.dataSource),
    },
  };
}
