import { startApiHarness, type ApiHarness } from '@pitrix/e2e-harness';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { ACCEPTED, clusterCalls, type AcceptedJobView } from './support/clusters.js';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'packages');
const KV_STORE = join(EXAMPLES, 'kv-store');
const WEB_APP = join(EXAMPLES, 'web-app');
const KV_PORT = 6380;
const CREATE = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`;
const LINKS = `query($id: ID!) { cluster(id: $id) { id links { alias cluster { id name } } linkedBy { alias cluster { id name } } } }`;

interface LinkView {
  alias: string;
  cluster: { id: string; name: string } | null;
}

// Real drones render the web-app's app.env from the metadata view, including the linked kv-store's hosts.
describe('a web-app linked to a kv-store, over GraphQL on real drones', { timeout: 300_000 }, () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  let runtimeId: string;
  let otherRuntimeId: string;
  let kvId: string;
  let webId: string;
  const countClusters = async () => Number(((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM cluster.clusters`)) as Array<{ n: number }>)[0]!.n);
  const webValues = (kv: string) => ({ cluster: { name: 'linked-web', kv_service: kv, app: { count: 1 } }, env: { db_password: 'linked-web-pass' } });
  const nodesOf = async (clusterId: string, role: string) =>
    (await api.db.dataSource.query(`SELECT node_id, instance_id, private_ip FROM cluster.nodes WHERE cluster_id = $1 AND role = $2 AND status = 'active' ORDER BY node_id`, [clusterId, role])) as Array<{
      node_id: string;
      instance_id: string;
      private_ip: string;
    }>;
  /** The app.env the drone rendered on the web-app's application server, on its local instance's disk. */
  const appEnv = async () => {
    const [app] = await nodesOf(webId, 'app');
    const file = join(api.localRoot, 'instances', app!.instance_id, 'disk', 'var', 'app', 'app.env');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  /** The addresses of KV_HOSTS, sorted (hosts come role by role, in node id order). */
  const kvHosts = async () => {
    const line = (await appEnv()).split('\n').find((candidate) => candidate.startsWith('KV_HOSTS='));
    return line === undefined ? ['(no KV_HOSTS line)'] : line.slice('KV_HOSTS='.length).split(',').filter(Boolean).sort();
  };
  const create = (input: Record<string, unknown>) => api.graphql<{ createCluster: AcceptedJobView }>(CREATE, { input });

  beforeAll(async () => {
    api = await startApiHarness('api_cluster_links', { startApi, apiUrl }, { agents: 'built' });
    calls = clusterCalls(api);
    runtimeId = await calls.createRuntime('links', { networks: ['links'] });
    otherRuntimeId = await calls.createRuntime('links-elsewhere', { simulateDrones: true, simulatedCommandMs: 100 });
  });
  afterAll(() => api?.close());

  it('refuses a link to a cluster that does not exist, naming the parameter; nothing is created', async () => {
    const before = await countClusters();
    const body = await create({ packageUrl: WEB_APP, runtimeId, values: webValues('cl-nothing00') });
    expect(body.errors?.[0]?.extensions?.code).toBe('CLUSTER.LINK_TARGET_NOT_FOUND');
    expect(body.errors?.[0]?.extensions?.problems?.map((problem) => problem.path)).toEqual(['cluster.kv_service']);
    expect(body.errors?.[0]?.message).toContain('cluster.kv_service');
    expect(await countClusters()).toBe(before);
  });

  it('creates a kv-store (a primary only)', async () => {
    const kv = (await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { packageUrl: KV_STORE, runtimeId, values: { cluster: { name: 'linked-kv', replica: { count: 0 } } } } })).createCluster;
    kvId = kv.clusterId;
    expect((await calls.settled(kv.jobId)).status).toBe('successful');
  });

  it('refuses the kv-store on another runtime than the one asked for', async () => {
    const body = await create({ packageUrl: WEB_APP, runtimeId: otherRuntimeId, values: webValues(kvId) });
    expect(body.errors?.[0]?.extensions?.code).toBe('CLUSTER.LINK_NOT_ALLOWED');
    expect(body.errors?.[0]?.extensions?.problems?.map((problem) => problem.path)).toEqual(['cluster.kv_service']);
  });

  it('places the linked web-app beside the kv-store; its app server renders the kv-store primary in KV_HOSTS', async () => {
    const web = (await create({ packageUrl: WEB_APP, values: webValues(kvId) })).data!.createCluster;
    webId = web.clusterId;
    expect(web.placement).toEqual({ runtimeId, reason: `the runtime and network of linked cluster ${kvId}` });
    expect((await calls.settled(web.jobId)).status).toBe('successful');
    const [primary] = await nodesOf(kvId, 'primary');
    expect(await kvHosts()).toEqual([`${primary!.private_ip}:${KV_PORT}`]);
    const web_ = (await calls.call<{ cluster: { links: LinkView[]; linkedBy: LinkView[] } }>(LINKS, { id: webId })).cluster;
    expect(web_).toMatchObject({ links: [{ alias: 'kv', cluster: { id: kvId, name: 'linked-kv' } }], linkedBy: [] });
    const kv = (await calls.call<{ cluster: { links: LinkView[]; linkedBy: LinkView[] } }>(LINKS, { id: kvId })).cluster;
    expect(kv).toMatchObject({ links: [], linkedBy: [{ alias: 'kv', cluster: { id: webId, name: 'linked-web' } }] });
  });

  it('refuses a kv_service that names a cluster of another app (the web-app itself is no kv-store)', async () => {
    const body = await create({ packageUrl: WEB_APP, values: webValues(webId) });
    expect(body.errors?.[0]?.extensions?.code).toBe('CLUSTER.LINK_NOT_ALLOWED');
    expect(body.errors?.[0]?.extensions?.problems?.map((problem) => problem.path)).toEqual(['cluster.kv_service']);
  });

  it('a replica added to the kv-store reaches the web-app’s KV_HOSTS without a job of the web-app', async () => {
    const added = await calls.operate('addNodes', { id: kvId, role: 'replica', count: 1 });
    expect((await calls.settled(added.jobId)).status).toBe('successful');
    const [primary] = await nodesOf(kvId, 'primary');
    const [replica] = await nodesOf(kvId, 'replica');
    await expect.poll(kvHosts, { timeout: 30_000, interval: 500 }).toEqual([`${primary!.private_ip}:${KV_PORT}`, `${replica!.private_ip}:${KV_PORT}`].sort());
  });

  it('the kv-store cannot be deleted while the web-app links to it; once the web-app is deleted it can', async () => {
    const refused = await api.graphql(`mutation($id: ID!) { deleteCluster(id: $id) { jobId } }`, { id: kvId });
    expect(refused.errors?.[0]?.extensions?.code).toBe('CLUSTER.LINKED');
    expect(refused.errors?.[0]?.message).toContain(webId);
    const plan = await api.graphql(`query($input: ClusterOperationPlanInput!) { planClusterOperation(input: $input) { action } }`, { input: { operation: 'DELETE', clusterId: kvId } });
    expect(plan.errors?.[0]?.extensions?.code).toBe('CLUSTER.LINKED');
    const web = await calls.operate('deleteCluster', { id: webId });
    expect((await calls.settled(web.jobId)).status).toBe('successful');
    const kv = await calls.operate('deleteCluster', { id: kvId });
    expect((await calls.settled(kv.jobId)).status).toBe('successful');
    expect((await calls.cluster(kvId)).status).toBe('deleted');
  });
});
