import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { archiveOf, loadExamples, loadPackageAt, repoFolder, withVersion } from './support/catalog-repo.js';
import { ACCEPTED, clusterCalls, testPackage, type AcceptedJobView } from './support/clusters.js';

const CREATE = `mutation($input: CreateClusterInput!) { createCluster(input: $input) { ${ACCEPTED} } }`;
const VERSION_FIELDS = 'id appId name version status deploymentCount';

interface VersionView { id: string; appId: string; name: string; version: string; status: string; deploymentCount: number }
interface EventView { id: string; status: string; added: number; removed: number }

describe('deploying catalog versions: visibility, runtime eligibility, upgrades and deployment records', () => {
  let api: ApiHarness;
  let calls: ReturnType<typeof clusterCalls>;
  /**
   * A developer of group daves. Local runtimes, file:// repos and public repos need an admin, so
   * the admin creates dave's for the group (groupId): as a member, dave sees and uses them.
   */
  let dave: TestUser;
  /** A plain user, outside dave's group. */
  let eve: TestUser;
  /** A reviewer, outside dave's group. */
  let rita: TestUser;
  let folder: string;
  let repoId: string;
  let testRuntime: string;
  let prodRuntime: string;
  let clusterId: string;
  const versions: Record<string, VersionView> = {};

  const versionsOf = async (headers: Record<string, string> = dave.headers, ofRepo?: string) =>
    (await calls.call<{ appVersions: { edges: Array<{ node: VersionView }> } }>(
      `query($repoId: String) { appVersions(filter: { repoId: $repoId }, page: { first: 50 }, sort: { field: "version" }) { edges { node { ${VERSION_FIELDS} } } } }`, { repoId: ofRepo ?? repoId }, headers,
    )).appVersions.edges.map((e) => e.node);
  const indexed = async (eventId?: string, ofRepo = repoId): Promise<EventView> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const list = (await calls.call<{ repoEvents: { edges: Array<{ node: EventView }> } }>(`query($repoId: String) { repoEvents(filter: { repoId: $repoId }, page: { first: 20 }) { edges { node { id status added removed } } } }`, { repoId: ofRepo }, dave.headers)).repoEvents.edges.map((e) => e.node);
      const event = eventId ? list.find((e) => e.id === eventId) : list[0];
      if (event && (event.status === 'successful' || event.status === 'failed')) return event;
      if (Date.now() > deadline) throw new Error(`no finished index run of ${repoId}: ${JSON.stringify(list)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const countRows = async (table: string) => Number(((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n);

  beforeAll(async () => {
    api = await startApiHarness('api_catalog_deploy', { startApi, apiUrl }, { agents: 'built' });
    calls = clusterCalls(api);
    dave = await api.userWithToken('dave', ['developer'], { group: 'daves' });
    eve = await api.userWithToken('eve', ['user']);
    rita = await api.userWithToken('rita', ['reviewer']);
    const gated = await loadPackageAt(testPackage('gated-init'));
    folder = repoFolder([withVersion(gated, '0.9.0'), gated, withVersion(gated, '1.1.0')]);
    // Two runtimes of dave's group: only env=test satisfies the repo's selectors.
    const runtime = async (name: string, env: string) =>
      (await calls.call<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, {
        input: { name, provider: 'local', zone: 'local', labels: [{ key: 'env', value: env }], options: { simulateDrones: true, simulatedCommandMs: 50 }, groupId: 'grp-daves' },
      })).createRuntime.id;
    testRuntime = await runtime('a-test', 'test');
    prodRuntime = await runtime('b-prod', 'prod');
    const repo = await calls.call<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, {
      input: { name: 'dave-private', url: pathToFileURL(folder).toString(), visibility: 'private', providers: ['local'], selectors: [{ key: 'env', value: 'test' }], groupId: 'grp-daves' },
    });
    repoId = repo.createRepo.id;
    expect(await indexed()).toMatchObject({ status: 'successful', added: 3 });
    for (const version of await versionsOf()) versions[version.version] = version;
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('eligibleRuntimes lists only the runtime whose labels satisfy the repo selectors', async () => {
    const data = await calls.call<{ eligibleRuntimes: Array<{ id: string }> }>(`query($id: ID!) { eligibleRuntimes(appVersionId: $id) { id } }`, { id: versions['1.0.0']!.id }, dave.headers);
    expect(data.eligibleRuntimes.map((r) => r.id)).toEqual([testRuntime]);
  });

  it('refuses an explicit ineligible runtime with RUNTIME.NOT_ELIGIBLE, creating nothing', async () => {
    const before = await countRows('cluster.clusters');
    const body = await api.graphql(CREATE, { input: { appVersionId: versions['1.0.0']!.id, runtimeId: prodRuntime } }, dave.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe('RUNTIME.NOT_ELIGIBLE');
    expect(body.errors?.[0]?.message).toContain('env=test');
    expect(await countRows('cluster.clusters')).toBe(before);
    expect(await countRows('catalog.deployments')).toBe(0);
  });

  it('another user cannot deploy a private repo’s version: CATALOG.VERSION_NOT_FOUND', async () => {
    const body = await api.graphql(CREATE, { input: { appVersionId: versions['1.0.0']!.id } }, eve.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_NOT_FOUND');
  });

  it('creates by appVersionId without a runtime: placed on the eligible runtime, with the rule in the reason; catalog ids recorded', async () => {
    const version = versions['1.0.0']!;
    const accepted = (await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { appVersionId: version.id, values: { cluster: { node: { count: 1 } } } } }, dave.headers)).createCluster;
    clusterId = accepted.clusterId;
    expect(accepted.placement).toEqual({ runtimeId: testRuntime, reason: expect.stringContaining('provider in [local], labels env=test') });
    expect((await calls.settled(accepted.jobId, dave.headers)).status).toBe('successful');
    const cluster = await calls.call<{ cluster: { runtimeId: string; appId: string; versionId: string; status: string } }>(`query($id: ID!) { cluster(id: $id) { runtimeId appId versionId status } }`, { id: clusterId }, dave.headers);
    expect(cluster.cluster).toEqual({ runtimeId: testRuntime, appId: version.appId, versionId: version.id, status: 'active' });
    expect((await versionsOf()).find((v) => v.id === version.id)?.deploymentCount).toBe(1);
  });

  it('upgrades to a newer catalog version of the same app; an unknown version is refused', async () => {
    const target = versions['1.1.0']!;
    const accepted = await calls.operate('upgradeCluster', { id: clusterId, input: { appVersionId: target.id } }, dave.headers);
    expect((await calls.settled(accepted.jobId, dave.headers)).status).toBe('successful');
    const cluster = await calls.call<{ cluster: { versionId: string; status: string } }>(`query($id: ID!) { cluster(id: $id) { versionId status } }`, { id: clusterId }, dave.headers);
    expect(cluster.cluster).toEqual({ versionId: target.id, status: 'active' });
    const unknown = await api.graphql(`mutation($id: ID!, $input: UpgradeClusterInput!) { upgradeCluster(id: $id, input: $input) { jobId } }`, { id: clusterId, input: { appVersionId: 'appv-abcdefghjk' } }, dave.headers);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_NOT_FOUND');
  });

  it('the next index marks the deployed version that left the repo deleted and removes the never-deployed one', async () => {
    rmSync(join(folder, archiveOf(withVersion(await loadPackageAt(testPackage('gated-init')), '0.9.0')).fileName));
    rmSync(join(folder, archiveOf(await loadPackageAt(testPackage('gated-init'))).fileName));
    const event = (await calls.call<{ indexRepo: { id: string } }>(`mutation($id: ID!) { indexRepo(id: $id) { id } }`, { id: repoId }, dave.headers)).indexRepo;
    expect(await indexed(event.id)).toMatchObject({ status: 'successful', removed: 2 });
    const left = await versionsOf();
    expect(left.map((v) => [v.version, v.status])).toEqual([['1.0.0', 'deleted'], ['1.1.0', 'active']]);
    const deleted = await api.graphql(CREATE, { input: { appVersionId: versions['1.0.0']!.id } }, dave.headers);
    expect(deleted.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_NOT_DEPLOYABLE');
  });

  it('ceasing the cluster releases its records: the next index removes the versions it used', async () => {
    const removed = await calls.operate('deleteCluster', { id: clusterId }, dave.headers);
    expect((await calls.settled(removed.jobId, dave.headers)).status).toBe('successful');
    const ceased = await calls.operate('ceaseCluster', { id: clusterId }, dave.headers);
    expect((await calls.settled(ceased.jobId, dave.headers)).status).toBe('successful');
    rmSync(join(folder, archiveOf(withVersion(await loadPackageAt(testPackage('gated-init')), '1.1.0')).fileName));
    const event = (await calls.call<{ indexRepo: { id: string } }>(`mutation($id: ID!) { indexRepo(id: $id) { id } }`, { id: repoId }, dave.headers)).indexRepo;
    expect(await indexed(event.id)).toMatchObject({ status: 'successful', removed: 2 });
    expect(await versionsOf()).toEqual([]);
    expect(await countRows('catalog.deployments')).toBe(0);
    // Only records of a ceased cluster are left: the repo is not in use and can be deleted.
    const deleted = await calls.call<{ deleteRepo: { id: string } }>(`mutation($id: ID!) { deleteRepo(id: $id) { id } }`, { id: repoId }, dave.headers);
    expect(deleted.deleteRepo.id).toBe(repoId);
  });

  it('in a public repo a draft is deployable by its owner only: hidden from users, not deployable by a reviewer; upgrades stay within the app', async () => {
    const gated = await loadPackageAt(testPackage('gated-init'));
    const kvStore = (await loadExamples()).find((example) => example.metadata.name === 'kv-store')!;
    const publicFolder = repoFolder([withVersion(gated, '2.0.0'), kvStore]);
    const repo = await calls.call<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, {
      input: { name: 'dave-public', url: pathToFileURL(publicFolder).toString(), visibility: 'public', providers: ['local'], appDefaultStatus: 'draft', groupId: 'grp-daves' },
    });
    expect(await indexed(undefined, repo.createRepo.id)).toMatchObject({ status: 'successful', added: 2 });
    const listed = await versionsOf(dave.headers, repo.createRepo.id);
    const draft = listed.find((v) => v.name === 'gated-init');
    const otherApp = listed.find((v) => v.name === 'kv-store')!;
    expect(draft).toMatchObject({ version: '2.0.0', status: 'draft' });
    const hidden = await api.graphql(CREATE, { input: { appVersionId: draft!.id } }, eve.headers);
    expect(hidden.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_NOT_FOUND');
    const reviewer = await api.graphql(CREATE, { input: { appVersionId: draft!.id } }, rita.headers);
    expect(reviewer.errors?.[0]?.extensions?.code).toBe('CATALOG.VERSION_NOT_DEPLOYABLE');
    // No selectors: every local runtime dave may use (his group's) is eligible; the emptier one wins.
    const accepted = (await calls.call<{ createCluster: AcceptedJobView }>(CREATE, { input: { appVersionId: draft!.id, values: { cluster: { node: { count: 1 } } } } }, dave.headers)).createCluster;
    expect(accepted.placement).toEqual({ runtimeId: expect.stringMatching(/^rt-/), reason: expect.stringContaining(`among 2 eligible runtimes of ${dave.login} (provider in [local], any labels)`) });
    expect((await calls.settled(accepted.jobId, dave.headers)).status).toBe('successful');
    expect((await versionsOf(dave.headers, repo.createRepo.id)).find((v) => v.id === draft!.id)?.deploymentCount).toBe(1);
    const wrongApp = await api.graphql(`mutation($id: ID!, $input: UpgradeClusterInput!) { upgradeCluster(id: $id, input: $input) { jobId } }`, { id: accepted.clusterId, input: { appVersionId: otherApp.id } }, dave.headers);
    expect(wrongApp.errors?.[0]?.extensions?.code).toBe('CLUSTER.INVALID_OPERATION');
    rmSync(publicFolder, { recursive: true, force: true });
  });
});
