import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { createClient } from 'graphql-ws';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiUrl, startApi } from '../src/index.js';
import { loadExamples, repoFolder } from './support/catalog-repo.js';

const ANONYMOUS = { authorization: '' };
const FORGED_ADMIN = { 'x-pitrix-user': 'usr-admin', 'x-pitrix-roles': 'admin', 'x-pitrix-group': 'grp-ops' };

type Body = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string } }> };
const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;

/** Opens a graphql-ws connection and reports how the server answered it: the first result, or the close code. */
async function subscribeOnce(url: string, options: { connectionParams?: Record<string, unknown>; headers?: Record<string, string> }, query: string): Promise<{ closeCode?: number; result?: unknown; error?: unknown }> {
  return new Promise((resolve) => {
    const client = createClient({
      url,
      lazy: true,
      retryAttempts: 0,
      connectionParams: options.connectionParams,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: options.headers });
        }
      },
      on: { closed: (event) => resolve({ closeCode: (event as { code: number }).code }) },
    });
    const unsubscribe = client.subscribe({ query }, {
      next: (result) => {
        resolve({ result });
        unsubscribe();
        void client.dispose();
      },
      error: (error) => resolve({ error }),
      complete: () => undefined,
    });
  });
}

describe('who may call the API', () => {
  let api: ApiHarness;
  let bob: TestUser;
  let bobby: TestUser;
  let plain: TestUser;
  let folder: string;
  const ws = () => api.url.replace(/^http/, 'ws');
  const call = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) => api.graphql(query, variables, headers) as Promise<Body>;

  beforeAll(async () => {
    api = await startApiHarness('api_access', { startApi, apiUrl });
    // grp-acme is a bare prefix of grp-acmecorp: bob, in grp-acme, must still see nothing of bobby's.
    bob = await api.userWithToken('bob', ['developer'], { group: 'acme' });
    bobby = await api.userWithToken('bobby', ['developer'], { group: 'acmecorp' });
    plain = await api.userWithToken('pat', ['user']);
    folder = repoFolder((await loadExamples()).filter((example) => example.metadata.name === 'kv-store'));
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('refuses every operation class without credentials: AUTH.UNAUTHENTICATED', async () => {
    expect(codeOf(await call('{ runtimes { totalCount } }', {}, ANONYMOUS))).toBe('AUTH.UNAUTHENTICATED');
    expect(codeOf(await call('{ me { user { login } } }', {}, ANONYMOUS))).toBe('AUTH.UNAUTHENTICATED');
    expect(codeOf(await call('{ apps { totalCount } }', {}, ANONYMOUS))).toBe('AUTH.UNAUTHENTICATED');
    expect(codeOf(await call(`mutation { createCategory(input: { name: "x", description: "" }) { id } }`, {}, ANONYMOUS))).toBe('AUTH.UNAUTHENTICATED');
    expect(codeOf(await call(`mutation { rebuildProjections { events } }`, {}, { authorization: 'Bearer pxt_not-a-token' }))).toBe('AUTH.UNAUTHENTICATED');
    const subscription = await subscribeOnce(ws(), {}, 'subscription { jobProgress(jobId: "job-aaaaaaaaaa") { id } }');
    expect(subscription.closeCode).toBe(4403);
  });

  it('ignores forged identity headers: they neither sign in nor add roles', async () => {
    expect(codeOf(await call('{ runtimes { totalCount } }', {}, { ...ANONYMOUS, ...FORGED_ADMIN }))).toBe('AUTH.UNAUTHENTICATED');
    const me = await call('{ me { user { login } roles ownerPath } }', {}, { ...plain.headers, ...FORGED_ADMIN });
    expect(me.data?.me).toEqual({ user: { login: 'pat' }, roles: ['user'], ownerPath: plain.userId });
    const local = await call(`mutation { createRuntime(input: { name: "forged", provider: "local", zone: "local" }) { id } }`, {}, { ...plain.headers, ...FORGED_ADMIN });
    expect(codeOf(local)).toBe('AUTH.FORBIDDEN');
  });

  it('refuses a WebSocket from a foreign Origin with 403, and accepts one from the API’s own origin', async () => {
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(ws(), 'graphql-transport-ws', { headers: { origin: 'https://evil.example' } });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const own = new URL(api.url).origin;
    const accepted = await subscribeOnce(ws(), { headers: { origin: own }, connectionParams: { authorization: `Bearer ${api.adminToken}` } }, 'subscription { jobProgress(jobId: "job-aaaaaaaaaa") { id } }');
    expect(accepted.closeCode).toBeUndefined();
    expect(JSON.stringify(accepted.error ?? accepted.result)).toContain('Job job-aaaaaaaaaa does not exist');
    // Subscriptions are held to the same operation limits as queries.
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    const tooMany = await subscribeOnce(ws(), { connectionParams: { authorization: `Bearer ${api.adminToken}` } }, `subscription { jobProgress(jobId: "job-aaaaaaaaaa") { ${aliases} } }`);
    expect(JSON.stringify(tooMany.error ?? tooMany.result)).toContain('maxAliases');
  });

  it('refuses a request whose Host is not a loopback name on a loopback listener (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const url = new URL(api.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { host: 'rebind.example:4000', 'content-type': 'application/json', authorization: `Bearer ${api.adminToken}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ query: '{ me { user { login } } }' }));
    });
    expect(status).toBe(421);
  });

  it('keeps usr-bob out of usr-bobby’s runtime, credential, repo and cluster (no bare prefix match)', async () => {
    const admin = {};
    const created = async <T>(query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> => {
      const body = await call(query, variables, headers);
      expect(body.errors).toBeUndefined();
      return body.data as T;
    };
    const runtimeId = (await created<{ createRuntime: { id: string } }>(`mutation($input: CreateRuntimeInput!) { createRuntime(input: $input) { id } }`, { input: { name: 'bobbys', provider: 'local', zone: 'local', groupId: 'grp-acmecorp' } }, admin)).createRuntime.id;
    const credentialId = (await created<{ createCredential: { id: string } }>(`mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id } }`, { input: { name: 'bobbys-key', provider: 'local', secret: { token: 'bobby-secret-1234' } } }, bobby.headers)).createCredential.id;
    const repoId = (await created<{ createRepo: { id: string } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, { input: { name: 'bobbys-repo', url: pathToFileURL(folder).toString(), visibility: 'private', providers: ['local'], groupId: 'grp-acmecorp' } }, admin)).createRepo.id;
    let versionId: string | undefined;
    for (let i = 0; i < 100 && !versionId; i++) {
      const versions = await created<{ appVersions: { edges: Array<{ node: { id: string } }> } }>(`query($repoId: String) { appVersions(filter: { repoId: $repoId }) { edges { node { id } } } }`, { repoId }, bobby.headers);
      versionId = versions.appVersions.edges[0]?.node.id;
      if (!versionId) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(versionId).toBeDefined();
    const clusterId = (await created<{ createCluster: { clusterId: string } }>(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { clusterId } }`, { input: { appVersionId: versionId, runtimeId, values: { cluster: { name: 'bobbys-kv' } } } }, bobby.headers)).createCluster.clusterId;

    // bobby sees all four; bob sees none of them, by id or in lists, and cannot change them.
    // The cluster's row appears once its workflow records the create job.
    await expect.poll(async () => codeOf(await call(`query($id: ID!) { cluster(id: $id) { id } }`, { id: clusterId }, bobby.headers)), { timeout: 30_000 }).toBeUndefined();
    const asBob = async (query: string, variables: Record<string, unknown>) => codeOf(await call(query, variables, bob.headers));
    expect(await asBob(`query($id: ID!) { runtime(id: $id) { id } }`, { id: runtimeId })).toBe('RUNTIME.NOT_FOUND');
    expect(await asBob(`query($id: ID!) { credential(id: $id) { id } }`, { id: credentialId })).toBe('RUNTIME.CREDENTIAL_NOT_FOUND');
    expect(await asBob(`query($id: ID!) { repo(id: $id) { id } }`, { id: repoId })).toBe('CATALOG.REPO_NOT_FOUND');
    expect(await asBob(`query($id: ID!) { cluster(id: $id) { id } }`, { id: clusterId })).toBe('CLUSTER.NOT_FOUND');
    expect(await asBob(`mutation($id: ID!) { deleteRuntime(id: $id) { id } }`, { id: runtimeId })).toBe('RUNTIME.NOT_FOUND');
    expect(await asBob(`mutation($id: ID!) { deleteCredential(id: $id) { id } }`, { id: credentialId })).toBe('RUNTIME.CREDENTIAL_NOT_FOUND');
    expect(await asBob(`mutation($id: ID!) { indexRepo(id: $id) { id } }`, { id: repoId })).toBe('CATALOG.REPO_NOT_FOUND');
    expect(await asBob(`mutation($id: ID!) { stopCluster(id: $id) { jobId } }`, { id: clusterId })).toBe('CLUSTER.NOT_FOUND');
    const lists = await call('{ runtimes { totalCount } credentials { totalCount } repos { totalCount } clusters { totalCount } }', {}, bob.headers);
    expect(lists.data).toEqual({ runtimes: { totalCount: 0 }, credentials: { totalCount: 0 }, repos: { totalCount: 0 }, clusters: { totalCount: 0 } });
    const bobbysLists = await call('{ runtimes { totalCount } credentials { totalCount } repos { totalCount } clusters { totalCount } }', {}, bobby.headers);
    expect(bobbysLists.data).toEqual({ runtimes: { totalCount: 1 }, credentials: { totalCount: 1 }, repos: { totalCount: 1 }, clusters: { totalCount: 1 } });
  }, 120_000);

  it('keeps the local provider, file:// repos, public repos and clusters from a path for admins: AUTH.FORBIDDEN naming the role', async () => {
    const local = await call(`mutation { createRuntime(input: { name: "mine", provider: "local", zone: "local" }) { id } }`, {}, plain.headers);
    expect(codeOf(local)).toBe('AUTH.FORBIDDEN');
    expect(local.errors?.[0]?.message).toContain('needs the role admin');
    const fileRepo = await call(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, { input: { name: 'mine', url: pathToFileURL(folder).toString(), visibility: 'private', providers: ['local'] } }, bob.headers);
    expect(codeOf(fileRepo)).toBe('AUTH.FORBIDDEN');
    expect(fileRepo.errors?.[0]?.message).toContain('file://');
    const fromPath = await call(`mutation($input: CreateClusterInput!) { createCluster(input: $input) { clusterId } }`, { input: { packageUrl: folder } }, plain.headers);
    expect(codeOf(fromPath)).toBe('AUTH.FORBIDDEN');
    expect(fromPath.errors?.[0]?.message).toContain('packageUrl');
    const history = await call(`query { jobHistory(id: "job-aaaaaaaaaa") { workflowId } }`, {}, plain.headers);
    expect(codeOf(history)).toBe('AUTH.FORBIDDEN');
    const users = await call('{ users { totalCount } }', {}, bob.headers);
    expect(codeOf(users)).toBe('AUTH.FORBIDDEN');
    expect(users.errors?.[0]?.message).toContain('needs the role admin');
    // Nothing was created by the refused calls.
    const counts = (await api.db.dataSource.query(`SELECT (SELECT count(*) FROM runtime.runtimes WHERE name = 'mine')::int AS runtimes, (SELECT count(*) FROM catalog.repos WHERE name = 'mine')::int AS repos`)) as Array<{ runtimes: number; repos: number }>;
    expect(counts[0]).toEqual({ runtimes: 0, repos: 0 });
  });

  it('refuses a revoked token on its very next request, and a read-only token any mutation', async () => {
    const carol = await api.userWithToken('carol', ['user']);
    expect(codeOf(await call('{ runtimes { totalCount } }', {}, carol.headers))).toBeUndefined();
    const revoked = await call(`mutation($id: ID!) { revokeToken(id: $id) { id revokedAt } }`, { id: carol.tokenId }, carol.headers);
    expect(revoked.errors).toBeUndefined();
    expect(codeOf(await call('{ runtimes { totalCount } }', {}, carol.headers))).toBe('AUTH.UNAUTHENTICATED');
    expect(codeOf(await call('{ apps { totalCount } }', {}, carol.headers))).toBe('AUTH.UNAUTHENTICATED');

    const reader = await api.userWithToken('reader', ['user'], { scope: 'read' });
    expect(codeOf(await call('{ runtimes { totalCount } }', {}, reader.headers))).toBeUndefined();
    const write = await call(`mutation($input: CreateTokenInput!) { createToken(input: $input) { token } }`, { input: { name: 'more', scope: 'full' } }, reader.headers);
    expect(codeOf(write)).toBe('AUTH.FORBIDDEN');
    expect(write.errors?.[0]?.message).toContain('read-only');
  });
});
