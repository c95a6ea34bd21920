import type { ClusterEvent } from '@pitrix/cluster-model';
import { ClusterEventStore, ClusterLinks, ClusterReadModel } from '@pitrix/cluster-store';
import { loadApiConfig } from '@pitrix/config';
import { isPitrixError, type PitrixError } from '@pitrix/errors';
import { allSchemaModules } from '@pitrix/schemas';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../src/access/index.js';
import { ClusterLinkChecker } from '../src/cluster/cluster-link-checker.js';
import { ClusterLinkGuard } from '../src/cluster/cluster-link-guard.js';
import type { LinkRequest } from '../src/cluster/link-requests.js';
import { LocalPackageSource } from '../src/cluster/package-source.js';

const caller = (login: string, roles: Caller['roles'] = ['user']): Caller => ({
  userId: `usr-${login}`,
  login,
  roles,
  ownerPath: `usr-${login}`,
  visiblePaths: [`usr-${login}`],
  scope: 'full',
  authenticatedBy: 'token',
});
const ALICE = caller('alice');
const BOB = caller('bob');

/** Clusters as the projection knows them, made from events the way jobs record them. */
interface Fixture {
  readonly id: string;
  readonly owner?: string;
  readonly app?: string;
  readonly version?: string;
  readonly runtime?: string;
  readonly network?: string | null;
  readonly status?: 'active' | 'deleted' | 'ceased';
}

const FIXTURES: Fixture[] = [
  { id: 'cl-kv', app: 'app-kv-store', version: 'appv-kv-store-1.0.0' },
  { id: 'cl-kv2', app: 'app-kv-store', version: 'appv-kv-store-2.0.0' },
  { id: 'cl-bobs-kv', owner: 'bob', app: 'app-kv-store', version: 'appv-kv-store-1.0.0' },
  { id: 'cl-kv-deleted', app: 'app-kv-store', version: 'appv-kv-store-1.0.0', status: 'deleted' },
  { id: 'cl-kv-elsewhere', app: 'app-kv-store', version: 'appv-kv-store-1.0.0', runtime: 'rt-other' },
  { id: 'cl-kv-other-net', app: 'app-kv-store', version: 'appv-kv-store-1.0.0', network: 'net-2' },
  { id: 'cl-kv-unplaced', app: 'app-kv-store', version: 'appv-kv-store-1.0.0', network: null },
  { id: 'cl-web', app: 'app-web-app', version: 'appv-web-app-1.1.0' },
];

function eventsOf(fixture: Fixture): ClusterEvent[] {
  const owner = `usr-${fixture.owner ?? 'alice'}`;
  const network = fixture.network === undefined ? 'net-1' : fixture.network;
  return [
    { type: 'ClusterCreated', name: fixture.id.slice(3), description: '', appId: fixture.app ?? 'app-x', versionId: fixture.version ?? 'appv-x-1.0.0', runtimeId: fixture.runtime ?? 'rt-1', owner, ownerPath: owner },
    ...(network ? [{ type: 'ClusterPlaced' as const, networkId: network, frontgateId: `fg-${network}`, frontgateHost: '127.0.0.1' }] : []),
    { type: 'ClusterStatusChanged', status: fixture.status ?? 'active', transitionStatus: '', reason: 'JobSucceeded', message: '' },
  ];
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; paths: string[] } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (err) {
    if (!isPitrixError(err)) throw err;
    return { code: err.code, paths: (err as PitrixError).problems.map((problem) => problem.path) };
  }
}

describe('links between clusters: the checks at create and update, and the delete guard', () => {
  let db: TestDatabase;
  let events: ClusterEventStore;
  let checker: ClusterLinkChecker;
  let guard: ClusterLinkGuard;
  let sequence = 0;
  const record = (clusterId: string, list: ClusterEvent[]) => events.append(list.map((event) => ({ clusterId, key: `test/${clusterId}/${++sequence}`, event })));

  beforeAll(async () => {
    db = await createTestDatabase('api_cluster_links', allSchemaModules);
    events = new ClusterEventStore(db.dataSource);
    const reads = new ClusterReadModel(db.dataSource);
    checker = new ClusterLinkChecker(reads, new LocalPackageSource(loadApiConfig({ PITRIX_DATABASE_URL: db.url })));
    guard = new ClusterLinkGuard(new ClusterLinks(db.dataSource), reads);
    for (const fixture of FIXTURES) await record(fixture.id, eventsOf(fixture));
  });
  afterAll(() => db?.drop());

  const kvOnly = { 'kv-store': [] };
  it.each<[string, LinkRequest, { runtimeId?: string; networkId?: string; clusterId?: string }, string]>([
    ['a cluster that does not exist', { path: 'cluster.kv_service', clusterId: 'cl-nothing' }, {}, 'CLUSTER.LINK_TARGET_NOT_FOUND'],
    ['a cluster the caller may not see', { path: 'cluster.kv_service', clusterId: 'cl-bobs-kv' }, {}, 'CLUSTER.LINK_TARGET_NOT_FOUND'],
    ['a deleted cluster', { path: 'cluster.kv_service', clusterId: 'cl-kv-deleted' }, {}, 'CLUSTER.LINK_TARGET_NOT_FOUND'],
    ['a cluster on another runtime', { path: 'cluster.kv_service', clusterId: 'cl-kv-elsewhere' }, { runtimeId: 'rt-1' }, 'CLUSTER.LINK_NOT_ALLOWED'],
    ['a cluster in another network than the updated cluster', { path: 'cluster.kv_service', clusterId: 'cl-kv-other-net' }, { runtimeId: 'rt-1', networkId: 'net-1' }, 'CLUSTER.LINK_NOT_ALLOWED'],
    ['a cluster not placed yet', { path: 'cluster.kv_service', clusterId: 'cl-kv-unplaced' }, {}, 'CLUSTER.LINK_NOT_ALLOWED'],
    ['a cluster of an app the limits leave out', { path: 'cluster.kv_service', clusterId: 'cl-web', limits: kvOnly }, {}, 'CLUSTER.LINK_NOT_ALLOWED'],
    ['a version the limits leave out', { path: 'cluster.kv_service', clusterId: 'cl-kv2', limits: { 'kv-store': ['1.0.0'] } }, {}, 'CLUSTER.LINK_NOT_ALLOWED'],
    ['the cluster itself', { path: 'cluster.kv_service', clusterId: 'cl-web' }, { clusterId: 'cl-web' }, 'CLUSTER.LINK_NOT_ALLOWED'],
  ])('refuses %s, at the parameter’s path', async (_name, request, site, code) => {
    expect(await codeOf(checker.check(ALICE, [request], site))).toEqual({ code, paths: ['cluster.kv_service'] });
  });

  it.each<[string, LinkRequest]>([
    ['no limits', { path: 'links.kv', clusterId: 'cl-kv' }],
    ['limits by app name, any version', { path: 'cluster.kv_service', clusterId: 'cl-kv', limits: kvOnly }],
    ['limits by app id and version id', { path: 'cluster.kv_service', clusterId: 'cl-kv', limits: { 'app-kv-store': ['appv-kv-store-1.0.0'] } }],
    ['limits by app name and version', { path: 'cluster.kv_service', clusterId: 'cl-kv2', limits: { 'kv-store': ['1.0.0', '2.0.0'] } }],
  ])('accepts a live cluster the caller sees with %s, and places the new cluster beside it', async (_name, request) => {
    expect(await checker.check(ALICE, [request], {})).toEqual({ clusterId: request.clusterId, runtimeId: 'rt-1', networkId: 'net-1' });
  });

  it('reports every bad link at once; links in two networks cannot be placed together', async () => {
    const requests = [
      { path: 'cluster.a', clusterId: 'cl-nothing' },
      { path: 'cluster.b', clusterId: 'cl-kv' },
      { path: 'cluster.c', clusterId: 'cl-kv-other-net' },
    ];
    expect(await codeOf(checker.check(ALICE, requests, {}))).toEqual({ code: 'CLUSTER.LINK_TARGET_NOT_FOUND', paths: ['cluster.a', 'cluster.c'] });
  });

  it('an admin may link a cluster of another user; nothing linked places nothing', async () => {
    expect(await checker.check(caller('root', ['admin']), [{ path: 'cluster.kv_service', clusterId: 'cl-bobs-kv' }], {})).toEqual({ clusterId: 'cl-bobs-kv', runtimeId: 'rt-1', networkId: 'net-1' });
    expect(await checker.check(ALICE, [], {})).toBeUndefined();
  });

  it('refuses to delete or cease a cluster live clusters link to unless forced; a deleted linker no longer counts', async () => {
    await record('cl-web', [{ type: 'ClusterLinksSet', links: { kv: 'cl-kv' } }]);
    await record('cl-bobs-web', [...eventsOf({ id: 'cl-bobs-web', owner: 'bob' }), { type: 'ClusterLinksSet', links: { store: 'cl-kv' } }]);
    const refused = await guard.ensureUnlinked(ALICE, 'cl-kv', 'delete', false).catch((err: PitrixError) => err);
    expect(refused).toMatchObject({ code: 'CLUSTER.LINKED' });
    expect((refused as PitrixError).message).toContain('cl-web');
    // Alice may not learn the id of Bob's cluster: it is only counted.
    expect((refused as PitrixError).message).not.toContain('cl-bobs-web');
    expect((refused as PitrixError).message).toContain('1 cluster you may not see');
    expect(await codeOf(guard.ensureUnlinked(BOB, 'cl-kv', 'cease', false))).toMatchObject({ code: 'CLUSTER.LINKED' });
    expect(await codeOf(guard.ensureUnlinked(ALICE, 'cl-kv', 'delete', true))).toBe('ok');
    expect(await new ClusterLinks(db.dataSource).linksOf('cl-web')).toEqual([{ clusterId: 'cl-web', alias: 'kv', targetClusterId: 'cl-kv' }]);

    await record('cl-web', [{ type: 'ClusterStatusChanged', status: 'deleted', transitionStatus: '', reason: 'JobSucceeded', message: '' }]);
    await record('cl-bobs-web', [{ type: 'ClusterLinksSet', links: {} }]);
    expect(await codeOf(guard.ensureUnlinked(ALICE, 'cl-kv', 'delete', false))).toBe('ok');
  });
});
