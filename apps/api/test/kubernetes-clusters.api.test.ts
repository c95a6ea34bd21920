import { loadPackageConfig } from '@pitrix/config';
import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { encodeText, type PackageFiles } from '@pitrix/package';
import { buildPackageArchive, loadPackageFromDirectory } from '@pitrix/package-io';
import { startTestKubernetes, type TestKubernetes } from '@pitrix/testing/kubernetes';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, type AcceptedJobView, type JobView } from './support/clusters.js';

const WEB_SHOP = join(__dirname, '../../../examples/charts/web-shop');
const NAMESPACE = 'shop';
const CREATE = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`;

interface NodeView { id: string; role: string; status: string; instanceId: string | null; health: { status: string; reason: string; message: string } | null }
interface Revision { revision: number; status: string; chart: string; description: string }

/** The example chart at another version; `values` replaces top-level values.yaml lines. */
function chartVersion(files: PackageFiles, version: string, edit: (valuesYaml: string) => string = (text) => text) {
  const text = (file: { bytes: Uint8Array }) => new TextDecoder().decode(file.bytes);
  const edited = files.map((file) => {
    if (file.path === 'Chart.yaml') return { ...file, bytes: encodeText(text(file).replace(/^version: .*$/m, `version: ${version}`)) };
    if (file.path === 'values.yaml') return { ...file, bytes: encodeText(edit(text(file))) };
    return file;
  });
  return buildPackageArchive(edited, { name: 'web-shop', version });
}

describe('chart clusters on a real Kubernetes control plane (kube-apiserver, etcd, kwok)', () => {
  let k8s: TestKubernetes;
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  let folder: string;
  let runtimeId: string;
  let clusterId: string;
  let release: string;
  const versions: Record<string, string> = {};

  const helm = async (args: string[]) => (await promisify(execFile)(k8s.helmBinary, [...args, '--kubeconfig', k8s.kubeconfigFile, '--namespace', NAMESPACE])).stdout;
  const history = async (): Promise<Revision[]> => JSON.parse(await helm(['history', release, '-o', 'json'])) as Revision[];
  const kubectlJson = async <T>(args: string[]) => JSON.parse(await k8s.kubectl([...args, '-n', NAMESPACE, '-o', 'json'])) as T;
  const nodes = async (): Promise<NodeView[]> =>
    (await calls.call<{ cluster: { nodes: NodeView[] } }>(`query($id: ID!) { cluster(id: $id) { nodes { id role status instanceId health { status reason message } } } }`, { id: clusterId })).cluster.nodes;
  const countRows = async (table: string) => Number(((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n);
  const settled = async (accepted: AcceptedJobView): Promise<JobView> => calls.settled(accepted.jobId);
  const kubeconfigPointingAt = (server: string) => k8s.kubeconfig.replace(/server: .*/, `server: ${server}`);

  beforeAll(async () => {
    k8s = await startTestKubernetes();
    // A workload that cannot become ready fails its task within 40 s (retries included), not 15 minutes.
    api = await startApiHarness('api_kubernetes', { startApi, apiUrl }, { env: { PITRIX_HELM_BINARY: k8s.helmBinary, PITRIX_TASK_DEADLINE_RELEASE: '40' }, watchReleases: true });
    calls = clusterCalls(api);
    const credentialId = (await calls.call<{ createCredential: { id: string } }>(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
      input: { name: 'kwok', provider: 'kubernetes', secret: { kubeconfig: k8s.kubeconfig }, validate: true },
    })).createCredential.id;
    runtimeId = (await calls.call<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
      input: { name: 'kwok-shop', provider: 'kubernetes', zone: NAMESPACE, credentialId, options: { createNamespace: true } },
    })).createRuntime.id;
    const files = await loadPackageFromDirectory(WEB_SHOP, loadPackageConfig({}).package);
    folder = mkdtempSync(join(tmpdir(), 'pitrix-api-kubernetes-'));
    const archives = [
      chartVersion(files, '1.0.0'),
      chartVersion(files, '1.1.0', (text) => text.replace('logLevel: info', 'logLevel: debug')),
      // Its web pods carry the annotation the test control plane's kwok stage keeps not Ready.
      chartVersion(files, '1.2.0', (text) => text.replace('podAnnotations: {}', 'podAnnotations:\n    pitrix.dev/test-ready: "false"')),
    ];
    for (const archive of archives) writeFileSync(join(folder, archive.fileName), archive.bytes);
    const repoId = (await calls.call<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, {
      input: { name: 'charts', url: pathToFileURL(folder).toString(), visibility: 'public', providers: ['kubernetes'], appDefaultStatus: 'draft' },
    })).createRepo.id;
    for (let waited = 0; ; waited += 250) {
      const run = (await calls.call<{ repoEvents: { edges: Array<{ node: { status: string; error: string | null } }> } }>(`query($r: String) { repoEvents(filter: { repoId: $r }, page: { first: 1 }) { edges { node { status error } } } }`, { r: repoId })).repoEvents.edges[0]?.node;
      if (run?.status === 'successful') break;
      if (run?.status === 'failed' || waited > 120_000) throw new Error(`the chart repo was not indexed: ${JSON.stringify(run)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const listed = await calls.call<{ appVersions: { edges: Array<{ node: { id: string; version: string; kind: string; status: string } }> } }>(`query($r: String) { appVersions(filter: { repoId: $r }, page: { first: 10 }) { edges { node { id version kind status } } } }`, { r: repoId });
    for (const { node } of listed.appVersions.edges) {
      expect(node).toMatchObject({ kind: 'helm', status: 'draft' });
      // Reviewed like any version of a public repo: submitted, taken into review, passed, released.
      for (const step of ['submitVersion', 'reviewVersion', 'passVersion', 'releaseVersion']) await calls.call(`mutation($id: ID!) { ${step}(id: $id) { id } }`, { id: node.id });
      versions[node.version] = node.id;
    }
  }, 600_000);
  afterAll(async () => {
    await api?.close();
    await k8s?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  describe('bad input is refused with a clear code before anything is created', () => {
    it('a credential whose server cannot be reached', async () => {
      const body = await api.graphql(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
        input: { name: 'nowhere', provider: 'kubernetes', secret: { kubeconfig: kubeconfigPointingAt('https://127.0.0.1:1') }, validate: true },
      });
      expect(body.errors?.[0]?.extensions?.code).toBe('RUNTIME.CREDENTIAL_INVALID');
      expect(body.errors?.[0]?.message).toContain('UNREACHABLE');
    });

    it('a kubeconfig without the rights a release needs in the namespace', async () => {
      const runtimes = await countRows('runtime.runtimes');
      const credentialId = (await calls.call<{ createCredential: { id: string } }>(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, {
        input: { name: 'no-rights', provider: 'kubernetes', secret: { kubeconfig: k8s.noRightsKubeconfig }, validate: false },
      })).createCredential.id;
      const body = await api.graphql(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, { input: { name: 'no-rights', provider: 'kubernetes', zone: NAMESPACE, credentialId } });
      expect(body.errors?.[0]?.extensions?.code).toBe('RUNTIME.CREDENTIAL_INVALID');
      expect(body.errors?.[0]?.message).toMatch(/may not create/);
      expect(await countRows('runtime.runtimes')).toBe(runtimes);
    });

    it('values the chart\'s schema refuses, naming the field', async () => {
      const clusters = await countRows('cluster.clusters');
      const body = await api.graphql(CREATE, { input: { appVersionId: versions['1.0.0'], runtimeId, values: { web: { replicas: 'many' } } } });
      expect(body.errors?.[0]?.extensions?.code).toBe('PACKAGE.VALUES_INVALID');
      expect(body.errors?.[0]?.message).toContain('web.replicas');
      expect(await countRows('cluster.clusters')).toBe(clusters);
    });

    it('a chart that does not render, with helm\'s message', async () => {
      const clusters = await countRows('cluster.clusters');
      const broken = mkdtempSync(join(tmpdir(), 'pitrix-broken-chart-'));
      cpSync(WEB_SHOP, broken, { recursive: true });
      writeFileSync(join(broken, 'templates', 'web.yaml'), 'replicas: {{ .Values.web.replicas | nosuchfunction }}\n');
      const body = await api.graphql(CREATE, { input: { packageUrl: broken, runtimeId } });
      rmSync(broken, { recursive: true, force: true });
      expect(body.errors?.[0]?.extensions?.code).toBe('PACKAGE.CHART_INVALID');
      expect(body.errors?.[0]?.message).toContain('function "nosuchfunction" not defined');
      expect(await countRows('cluster.clusters')).toBe(clusters);
    });

    it('a Pitrix package is not placed on a kubernetes runtime', async () => {
      const body = await api.graphql(CREATE, { input: { packageUrl: join(__dirname, '../../../examples/packages/kv-store'), runtimeId } });
      expect(body.errors?.[0]?.extensions?.code).toBe('RUNTIME.KIND_MISMATCH');
    });
  });

  it('deploys a reviewed chart version: a per-workload readiness layer, pods Running and Ready, nodes by workload with health and endpoints', async () => {
    const accepted = (await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { appVersionId: versions['1.0.0'] } })).createCluster;
    expect(accepted.placement).toEqual({ runtimeId, reason: expect.stringContaining('kwok-shop') });
    clusterId = accepted.clusterId;
    release = clusterId;
    const job = await settled(accepted);
    expect(job.status).toBe('successful');
    const layerTypes = job.layers.map((layer) => [...new Set(layer.tasks.map((task) => task.type))]);
    expect(layerTypes).toEqual([['preflightRelease'], ['installRelease'], ['waitWorkload'], ['testRelease'], ['syncReleaseNodes']]);
    expect(job.layers[2]!.tasks.map((task) => task.id).sort()).toEqual([`ready/Deployment/${release}-web`, `ready/StatefulSet/${release}-store`]);
    const pods = await kubectlJson<{ items: Array<{ status: { phase: string; conditions?: Array<{ type: string; status: string }> } }> }>(['get', 'pods', '-l', `app.kubernetes.io/instance=${release}`]);
    const running = pods.items.filter((pod) => pod.status.phase === 'Running' && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
    expect(running.length).toBeGreaterThanOrEqual(5);
    const view = await nodes();
    expect(view.filter((node) => node.role === 'web')).toHaveLength(2);
    expect(view.filter((node) => node.role === 'store')).toHaveLength(3);
    expect(view.every((node) => node.status === 'active')).toBe(true);
    // Readiness reaches node health through the pod watch, which may lag the job's last task by a moment.
    await expect.poll(async () => (await nodes()).map((node) => node.health?.status), { timeout: 30_000, interval: 250 }).toEqual(view.map(() => 'healthy'));
    const cluster = await calls.call<{ cluster: { status: string; endpoints: Array<{ name: string; port: number }> } }>(`query($id: ID!) { cluster(id: $id) { status endpoints { name port } } }`, { id: clusterId });
    expect(cluster.cluster.status).toBe('active');
    expect(cluster.cluster.endpoints.map((endpoint) => endpoint.port)).toEqual(expect.arrayContaining([80, 6379]));
  });

  it('scales the web workload from 2 to 5 and back through the chart\'s declared value', async () => {
    expect((await settled(await calls.operate('addNodes', { id: clusterId, role: 'web', count: 3 }))).status).toBe('successful');
    const scaled = await kubectlJson<{ spec: { replicas: number }; status: { readyReplicas: number } }>(['get', 'deployment', `${release}-web`]);
    expect(scaled).toMatchObject({ spec: { replicas: 5 }, status: { readyReplicas: 5 } });
    await expect.poll(async () => (await nodes()).filter((node) => node.role === 'web').length, { timeout: 30_000 }).toBe(5);
    const three = (await nodes()).filter((node) => node.role === 'web').slice(0, 3).map((node) => node.id);
    const scaleIn = (await calls.call<{ deleteNodes: AcceptedJobView }>(`mutation($id: ID!, $nodeIds: [ID!]!) { deleteNodes(id: $id, nodeIds: $nodeIds) { ${ACCEPTED} } }`, { id: clusterId, nodeIds: three })).deleteNodes;
    expect((await settled(scaleIn)).status).toBe('successful');
    expect((await kubectlJson<{ spec: { replicas: number } }>(['get', 'deployment', `${release}-web`])).spec.replicas).toBe(2);
    await expect.poll(async () => (await nodes()).filter((node) => node.role === 'web').length, { timeout: 30_000 }).toBe(2);
  });

  it('scales the store through its StatefulSet\'s scale subresource (the chart declares no value for it)', async () => {
    const revisions = (await history()).length;
    expect((await settled(await calls.operate('addNodes', { id: clusterId, role: 'store', count: 1 }))).status).toBe('successful');
    expect((await kubectlJson<{ spec: { replicas: number } }>(['get', 'statefulset', `${release}-store`])).spec.replicas).toBe(4);
    expect((await history()).length).toBe(revisions);
    await expect.poll(async () => (await nodes()).filter((node) => node.role === 'store').length, { timeout: 30_000 }).toBe(4);
  });

  it('a pod made not ready shows its node unhealthy with the reason; ready again clears it', async () => {
    const web = (await nodes()).find((node) => node.role === 'web')!;
    await k8s.kubectl(['annotate', 'pod', web.instanceId!, '-n', NAMESPACE, 'pitrix.dev/test-ready=false', '--overwrite']);
    await expect.poll(async () => (await nodes()).find((node) => node.id === web.id)?.health, { timeout: 30_000, interval: 250 }).toMatchObject({ status: 'unhealthy', reason: 'TestNotReady' });
    await k8s.kubectl(['annotate', 'pod', web.instanceId!, '-n', NAMESPACE, 'pitrix.dev/test-ready=true', '--overwrite']);
    await expect.poll(async () => (await nodes()).find((node) => node.id === web.id)?.health?.status, { timeout: 30_000, interval: 250 }).toBe('healthy');
  });

  it('a workload scaled outside Pitrix reaches the read model through the pod watch', async () => {
    await k8s.kubectl(['scale', 'statefulset', `${release}-store`, '-n', NAMESPACE, '--replicas=3']);
    await expect.poll(async () => (await nodes()).filter((node) => node.role === 'store').length, { timeout: 30_000, interval: 250 }).toBe(3);
  });

  it('upgrades to the next chart version, values carried over, one new revision', async () => {
    const before = (await history()).length;
    expect((await settled(await calls.operate('upgradeCluster', { id: clusterId, input: { appVersionId: versions['1.1.0'] } }))).status).toBe('successful');
    const revisions = await history();
    expect(revisions).toHaveLength(before + 1);
    expect(revisions.at(-1)).toMatchObject({ status: 'deployed', chart: 'web-shop-1.1.0' });
    const config = await kubectlJson<{ data: Record<string, string> }>(['get', 'configmap', `${release}-config`]);
    expect(config.data.LOG_LEVEL).toBe('debug');
    const cluster = await calls.call<{ cluster: { versionId: string } }>(`query($id: ID!) { cluster(id: $id) { versionId } }`, { id: clusterId });
    expect(cluster.cluster.versionId).toBe(versions['1.1.0']);
  });

  it('an upgrade whose workload never becomes ready fails in bounded time; rolling back is helm rollback to the recorded revision', async () => {
    const failed = await settled(await calls.operate('upgradeCluster', { id: clusterId, input: { appVersionId: versions['1.2.0'] } }));
    expect(failed.status).toBe('failed');
    expect(failed.failedTaskId).toBe(`ready/Deployment/${release}-web`);
    expect(failed.failure?.code).toBe('KUBERNETES.WORKLOAD_NOT_READY');
    const upgraded = (await history()).at(-1)!;
    expect(upgraded.chart).toBe('web-shop-1.2.0');
    const rollback = await settled(await calls.operate('rollbackJob', { id: failed.id }));
    expect(rollback.status).toBe('successful');
    const revisions = await history();
    expect(revisions.at(-1)).toMatchObject({ revision: upgraded.revision + 1, status: 'deployed', chart: 'web-shop-1.1.0', description: `${rollback.id}/undo/upgrade` });
    const cluster = await calls.call<{ cluster: { status: string; versionId: string } }>(`query($id: ID!) { cluster(id: $id) { status versionId } }`, { id: clusterId });
    expect(cluster.cluster).toEqual({ status: 'active', versionId: versions['1.1.0'] });
  });

  it('updates values: a changeable one reaches the ConfigMap; one the schema marks readOnly is refused, naming it', async () => {
    const refused = await api.graphql(`mutation($id: ID!, $values: JSONObject!) { updateClusterEnv(id: $id, values: $values) { jobId } }`, { id: clusterId, values: { store: { size: '5Gi' } } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('PACKAGE.VALUES_INVALID');
    expect(refused.errors?.[0]?.message).toContain('store.size');
    expect((await settled(await calls.operate('updateClusterEnv', { id: clusterId, values: { shop: { logLevel: 'warn' } } }))).status).toBe('successful');
    expect((await kubectlJson<{ data: Record<string, string> }>(['get', 'configmap', `${release}-config`])).data.LOG_LEVEL).toBe('warn');
  });

  it('resizes the web workload through the resources value the chart declares', async () => {
    const accepted = (await calls.call<{ resizeCluster: AcceptedJobView }>(`mutation($id: ID!, $input: ResizeClusterInput!) { resizeCluster(id: $id, input: $input) { ${ACCEPTED} } }`, {
      id: clusterId,
      input: { roles: [{ role: 'web', cpu: 1, memoryMiB: 512 }] },
    })).resizeCluster;
    expect((await settled(accepted)).status).toBe('successful');
    const web = await kubectlJson<{ spec: { template: { spec: { containers: Array<{ resources: { requests: Record<string, string>; limits: Record<string, string> } }> } } } }>(['get', 'deployment', `${release}-web`]);
    expect(web.spec.template.spec.containers[0]!.resources).toEqual({ requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    const store = await api.graphql(`mutation($id: ID!, $input: ResizeClusterInput!) { resizeCluster(id: $id, input: $input) { jobId } }`, { id: clusterId, input: { roles: [{ role: 'store', cpu: 1 }] } });
    expect(store.errors?.[0]?.extensions?.code).toBe('CLUSTER.INVALID_OPERATION');
  });

  it('stop scales every workload to zero and start scales it back, recorded', async () => {
    expect((await settled(await calls.operate('stopCluster', { id: clusterId }))).status).toBe('successful');
    expect((await kubectlJson<{ spec: { replicas: number } }>(['get', 'deployment', `${release}-web`])).spec.replicas).toBe(0);
    await expect.poll(async () => (await nodes()).length, { timeout: 30_000 }).toBe(0);
    expect((await calls.cluster(clusterId)).status).toBe('stopped');
    expect((await settled(await calls.operate('startCluster', { id: clusterId }))).status).toBe('successful');
    expect((await kubectlJson<{ status: { readyReplicas: number } }>(['get', 'deployment', `${release}-web`])).status.readyReplicas).toBe(2);
    expect((await calls.cluster(clusterId)).status).toBe('active');
  });

  it('delete uninstalls the release and leaves no object of it in the namespace; recover installs it again; cease ends it', async () => {
    const nothingLeft = async () => {
      const left = await k8s.kubectl(['get', 'all,configmaps,secrets', '-n', NAMESPACE, '-l', `app.kubernetes.io/instance=${release}`, '-o', 'name']);
      expect(left.trim()).toBe('');
      expect((await helm(['list', '-q'])).trim()).toBe('');
      expect(await nodes()).toEqual([]);
    };
    expect((await settled(await calls.operate('deleteCluster', { id: clusterId }))).status).toBe('successful');
    await nothingLeft();
    expect((await settled(await calls.operate('recoverCluster', { id: clusterId }))).status).toBe('successful');
    expect((await calls.cluster(clusterId)).status).toBe('active');
    expect((await history()).at(-1)).toMatchObject({ revision: 1, status: 'deployed', chart: 'web-shop-1.1.0' });
    expect((await settled(await calls.operate('deleteCluster', { id: clusterId }))).status).toBe('successful');
    expect((await settled(await calls.operate('ceaseCluster', { id: clusterId }))).status).toBe('successful');
    await nothingLeft();
    expect((await calls.cluster(clusterId)).status).toBe('ceased');
  });
});
