import type { ClusterJobPayload } from '@pitrix/activities';
import { renderChartPayload, submitClusterJob, type SubmittedJob } from '@pitrix/cluster-client';
import { releaseNameOf, type Operation } from '@pitrix/cluster-model';
import { ClusterReadModel, JobSpecStore } from '@pitrix/cluster-store';
import { loadPackageConfig, loadWorkerConfig } from '@pitrix/config';
import { HelmCli } from '@pitrix/helm';
import { newId } from '@pitrix/ids';
import { encodeText, type PackageFiles } from '@pitrix/package';
import { loadPackageFromDirectory } from '@pitrix/package-io';
import { CredentialStore, RuntimeStore } from '@pitrix/runtime-store';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { join } from 'node:path';
import { jobOutcome } from './cluster-harness.js';
import type { WorkerHarness } from './worker-harness.js';

/** The example chart (examples/charts/web-shop). */
export const WEB_SHOP_CHART = join(__dirname, '../../../../examples/charts/web-shop');

/** Submits chart cluster jobs the way the API does (rendered with helm), to a kubernetes runtime. */
export interface ChartDriver {
  readonly runtimeId: string;
  readonly reads: ClusterReadModel;
  /** The example chart at a version, values.yaml edited by `edit`. */
  chart(version: string, edit?: (valuesYaml: string) => string): Promise<PackageFiles>;
  create(files: PackageFiles, values?: Record<string, unknown>, ids?: { jobId?: string; clusterId?: string }): Promise<SubmittedJob>;
  /** An upgrade to `files`, the cluster's values carried over. */
  upgrade(clusterId: string, files: PackageFiles, ids?: { jobId?: string }): Promise<SubmittedJob>;
  /** Another operation with the cluster's current payload. */
  submit(clusterId: string, operation: Operation): Promise<SubmittedJob>;
  outcome(job: SubmittedJob): Promise<'successful' | string>;
}

/** A kubernetes runtime (credential: `kubeconfig`, zone: `namespace`) in the harness's database and a driver for it. */
export async function chartDriver(harness: WorkerHarness, kubeconfig: string, helmBinary: string, namespace: string): Promise<ChartDriver> {
  const config = loadWorkerConfig(harness.workerProcessEnv());
  const box = new SecretBox(parseKeyRing(config.secrets.keys));
  const credentials = new CredentialStore(harness.db.dataSource, box);
  const owner = { owner: 'usr-admin', ownerPath: 'usr-admin' };
  const credential = await credentials.create({ name: `kube-${Date.now()}`, description: '', provider: 'kubernetes', secret: { kubeconfig }, ...owner });
  const runtimes = new RuntimeStore(harness.db.dataSource, credentials);
  const runtime = await runtimes.create({ ...owner, name: `kube-${Date.now()}`, description: '', provider: 'kubernetes', zone: namespace, credentialId: credential.id, labels: {}, options: {} });
  const specs = new JobSpecStore(harness.db.dataSource, box);
  const reads = new ClusterReadModel(harness.db.dataSource);
  const submitter = { temporal: harness.env.client, taskQueue: harness.taskQueue, specs };
  const helm = new HelmCli(helmBinary);
  const target = (clusterId: string, version: string) => ({ appId: 'app-web-shop', versionId: `appv-web-shop-${version}`, runtimeId: runtime.id });
  const payloadOf = async (clusterId: string) => {
    const cluster = await reads.cluster(clusterId);
    return (await specs.load(cluster.specJobId ?? cluster.lastJobId ?? '')).payload as unknown as ClusterJobPayload & { target: ReturnType<typeof target> };
  };
  const render = (clusterId: string, files: PackageFiles, values: Record<string, unknown>) => renderChartPayload(helm, files, values, { release: releaseNameOf(clusterId), namespace });
  const versionOf = (files: PackageFiles) => /^version: (.*)$/m.exec(new TextDecoder().decode(files.find((file) => file.path === 'Chart.yaml')?.bytes))?.[1] ?? '0';
  return {
    runtimeId: runtime.id,
    reads,
    async chart(version, edit = (text) => text) {
      const files = await loadPackageFromDirectory(WEB_SHOP_CHART, loadPackageConfig(process.env).package);
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      return files.map((file) => {
        if (file.path === 'Chart.yaml') return { ...file, bytes: encodeText(text(file.bytes).replace(/^version: .*$/m, `version: ${version}`)) };
        if (file.path === 'values.yaml') return { ...file, bytes: encodeText(edit(text(file.bytes))) };
        return file;
      });
    },
    async create(files, values = {}, ids = {}) {
      const clusterId = ids.clusterId ?? newId('cluster');
      const payload = await render(clusterId, files, values);
      return submitClusterJob(submitter, { jobId: ids.jobId ?? newId('job'), clusterId, operation: { action: 'create', atomic: false }, payload: { ...payload, target: target(clusterId, versionOf(files)) }, ...owner });
    },
    async upgrade(clusterId, files, ids = {}) {
      const current = await payloadOf(clusterId);
      const payload = await render(clusterId, files, { ...current.values });
      const versionId = target(clusterId, versionOf(files)).versionId;
      const operation: Operation = { action: 'upgrade', targetVersionId: versionId, canary: 0, maxInFlight: 0 };
      return submitClusterJob(submitter, { jobId: ids.jobId ?? newId('job'), clusterId, operation, payload: { ...payload, target: { ...current.target, versionId } }, ...owner });
    },
    async submit(clusterId, operation) {
      const current = await payloadOf(clusterId);
      return submitClusterJob(submitter, { jobId: newId('job'), clusterId, operation, payload: current, ...owner });
    },
    outcome: (job) => jobOutcome(harness, reads, job),
  };
}
