import type { ClusterJobPayload } from '@pitrix/activities';
import type { HealingSettings, Operation } from '@pitrix/cluster-model';
import { jobPayloadFromPackage, rollbackClusterJob, submitClusterJob, type SubmittedJob } from '@pitrix/cluster-client';
import { ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import { loadPackageConfig, loadWorkerConfig } from '@pitrix/config';
import { newId } from '@pitrix/ids';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { join } from 'node:path';
import type { WorkerHarness } from './worker-harness.js';

/** Folder of an example package. */
export function examplePackage(name: string): string {
  return join(__dirname, '../../../../examples/packages', name);
}

/** Submits cluster jobs the way the API does, against a worker harness. */
export interface ClusterDriver {
  readonly runtimeId: string;
  readonly reads: ClusterReadModel;
  /** A create job from an example package with values over its defaults (ids chosen by the caller, or new). */
  create(packageName: string, values: Record<string, unknown>, ids?: JobIds): Promise<SubmittedJob>;
  /** A create job from a package folder with values over its defaults (and healing settings, as the API's create takes them). */
  createFrom(folder: string, values: Record<string, unknown>, options?: { atomic?: boolean; healing?: HealingSettings } & JobIds): Promise<SubmittedJob>;
  /** Another job on an existing cluster, with the cluster's current payload (or a new one). */
  submit(clusterId: string, operation: Operation, payload?: ClusterJobPayload, ids?: JobIds): Promise<SubmittedJob>;
  /** Rolls back the failed or cancelled last job of a cluster, as the API's rollbackJob does. */
  rollback(failedJobId: string): Promise<SubmittedJob>;
  /** Waits for a job's workflow; resolves with its status and, when it failed, why. */
  outcome(job: SubmittedJob): Promise<'successful' | string>;
  payloadOf(clusterId: string): Promise<ClusterJobPayload>;
}

/** Ids a test chooses before it submits a job (to watch the job from its first task). */
export interface JobIds {
  readonly jobId?: string;
  readonly clusterId?: string;
}

/** Waits for a job's workflow; resolves with `successful` or, when it failed, the failed task and why. */
export function jobOutcome(harness: WorkerHarness, reads: ClusterReadModel, job: SubmittedJob): Promise<'successful' | string> {
  const handle = harness.env.client.workflow.getHandle(job.workflowId, job.runId);
  return handle.result().then(
    () => 'successful',
    async () => {
      const row = await reads.job(job.jobId).catch(() => undefined);
      return `failed: ${row?.failedTaskId ?? '?'}: ${JSON.stringify(row?.failure ?? null)}`;
    },
  );
}

/** A local runtime in the harness's database and a driver that submits jobs to it. */
export async function clusterDriver(harness: WorkerHarness, runtimeOptions: Record<string, unknown> = {}): Promise<ClusterDriver> {
  const config = loadWorkerConfig(harness.workerProcessEnv());
  const box = new SecretBox(parseKeyRing(config.secrets.keys));
  const runtimes = new RuntimeStore(harness.db.dataSource, new CredentialStore(harness.db.dataSource, box));
  const runtime = await runtimes.create({ owner: 'usr-admin', ownerPath: 'usr-admin', name: `local-${Date.now()}`, description: '', provider: 'local', zone: 'local', credentialId: null, labels: {}, options: runtimeOptions });
  const specs = new JobSpecStore(harness.db.dataSource, box);
  const reads = new ClusterReadModel(harness.db.dataSource);
  const submitter = { temporal: harness.env.client, taskQueue: harness.taskQueue, specs };
  const target = (clusterId: string) => ({ appId: `app-${clusterId}`, versionId: `appv-${clusterId}`, runtimeId: runtime.id });
  const payloadOf = async (clusterId: string): Promise<ClusterJobPayload> => {
    const cluster = await reads.cluster(clusterId);
    return (await specs.load(cluster.specJobId ?? cluster.lastJobId ?? '')).payload as unknown as ClusterJobPayload;
  };
  const owner = { owner: 'usr-admin', ownerPath: 'usr-admin' };
  const createFrom: ClusterDriver['createFrom'] = async (folder, values, options = {}) => {
    const files = await loadPackageFromDirectory(folder, loadPackageConfig(process.env).package);
    const clusterId = options.clusterId ?? newId('cluster');
    const name = String((values.cluster as { name?: string } | undefined)?.name ?? clusterId);
    const payload = jobPayloadFromPackage(files, values, { cluster: { name, description: '', ...(options.healing ? { healing: options.healing } : {}) } });
    const operation = { action: 'create' as const, atomic: options.atomic ?? false };
    return submitClusterJob(submitter, { jobId: options.jobId ?? newId('job'), clusterId, operation, payload: { ...payload, target: target(clusterId) }, ...owner });
  };
  return {
    runtimeId: runtime.id,
    reads,
    payloadOf,
    create: (packageName, values, ids = {}) => createFrom(examplePackage(packageName), values, ids),
    createFrom,
    async submit(clusterId, operation, payload, ids = {}) {
      const current = payload ?? (await payloadOf(clusterId));
      return submitClusterJob(submitter, { jobId: ids.jobId ?? newId('job'), clusterId, operation, payload: { ...current, target: target(clusterId) }, ...owner });
    },
    rollback: (failedJobId) => rollbackClusterJob({ ...submitter, reads }, failedJobId, newId('job'), owner),
    outcome: (job) => jobOutcome(harness, reads, job),
  };
}
