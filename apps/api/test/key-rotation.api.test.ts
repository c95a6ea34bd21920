import type { INestApplication } from '@nestjs/common';
import { RepoStore } from '@pitrix/catalog-store';
import { JobSpecStore } from '@pitrix/cluster-store';
import { startApiHarness, type ApiHarness, type GraphQLBody } from '@pitrix/e2e-harness';
import { CredentialStore } from '@pitrix/runtime-store';
import { parseKeyRing, SecretBox, type SealedSecret } from '@pitrix/secrets';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';

const keyA = `key-a:${randomBytes(32).toString('base64')}`;
const keyB = `key-b:${randomBytes(32).toString('base64')}`;
const keyC = `key-c:${randomBytes(32).toString('base64')}`;
const CREDENTIAL_SECRET = 'rotation-credential-secret-2718';
const REPO_SECRET = 'rotation-repo-secret-3141';
const JOB_SPECS = 120;
/** Job specs an earlier, interrupted run already moved to key B. */
const ALREADY_MOVED = 20;
const ROTATE = 'mutation { rotateKeys { keyId kinds { kind resealed alreadyCurrent failed failedIds } } }';

interface KeyRotation {
  keyId: string;
  kinds: Array<{ kind: string; resealed: number; alreadyCurrent: number; failed: number; failedIds: string[] }>;
}

const jobId = (index: number) => `job-rotation-${String(index).padStart(4, '0')}`;
const jobSpec = (index: number) => ({ clusterId: 'cl-rotation', operation: { action: 'start' as const }, owner: 'usr-admin', ownerPath: 'usr-admin', payload: { password: `spec-secret-${index}` } });

describe('rotateKeys re-seals every stored secret under the newest key, on live data', () => {
  let api: ApiHarness;
  let repoFolder: string;
  let credentialId: string;
  let repoId: string;
  const brokenJobId = 'job-rotation-broken';

  /** Runs `use` against a second API on the harness's database with these master keys. */
  async function withApi<T>(keys: string, use: (graphql: <D>(query: string, headers?: Record<string, string>) => Promise<GraphQLBody<D>>) => Promise<T>): Promise<T> {
    const app: INestApplication = await startApi({ ...api.config, api: { ...api.config.api, port: 0 }, secrets: { keys } });
    try {
      const url = `${await apiUrl(app)}/graphql`;
      return await use(async <D>(query: string, headers: Record<string, string> = { authorization: `Bearer ${api.adminToken}` }) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
        return (await response.json()) as GraphQLBody<D>;
      });
    } finally {
      await app.close();
    }
  }

  const kidsOf = async (sql: string) => ((await api.db.dataSource.query(sql)) as Array<{ kid: string; key_id?: string }>);

  beforeAll(async () => {
    api = await startApiHarness('api_key_rotation', { startApi, apiUrl }, { env: { PITRIX_SECRET_KEYS: keyA } });
    repoFolder = mkdtempSync(join(tmpdir(), 'pitrix-rotation-repo-'));
    const credential = await api.graphql<{ createCredential: { id: string; keyId: string } }>(
      `mutation($input: CreateCredentialInput!) { createCredential(input: $input) { id keyId } }`,
      { input: { name: 'rotation', provider: 'local', secret: { token: CREDENTIAL_SECRET } } },
    );
    expect(credential.errors).toBeUndefined();
    credentialId = credential.data!.createCredential.id;
    expect(credential.data!.createCredential.keyId).toBe('key-a');
    const repo = await api.graphql<{ createRepo: { id: string; authenticated: boolean } }>(
      `mutation($input: CreateRepoInput!) { createRepo(input: $input) { id authenticated } }`,
      { input: { name: 'rotation', url: pathToFileURL(repoFolder).toString(), providers: ['local'], credential: { token: REPO_SECRET } } },
    );
    expect(repo.errors).toBeUndefined();
    repoId = repo.data!.createRepo.id;
    const specsUnderA = new JobSpecStore(api.db.dataSource, new SecretBox(parseKeyRing(keyA)));
    for (let index = 0; index < JOB_SPECS; index++) await specsUnderA.save(jobId(index), jobSpec(index));
    // A spec sealed with a key this installation never had: no key opens it.
    await new JobSpecStore(api.db.dataSource, new SecretBox(parseKeyRing(keyC))).save(brokenJobId, jobSpec(-1));
    // An earlier run moved the first specs to key B and was interrupted.
    const boxBA = new SecretBox(parseKeyRing(`${keyB},${keyA}`));
    const moved = (await api.db.dataSource.query(`SELECT job_id, sealed FROM cluster.job_specs WHERE job_id LIKE 'job-rotation-0%' ORDER BY job_id LIMIT $1`, [ALREADY_MOVED])) as Array<{ job_id: string; sealed: SealedSecret }>;
    for (const row of moved) {
      await api.db.dataSource.query(`UPDATE cluster.job_specs SET sealed = $2::jsonb WHERE job_id = $1`, [row.job_id, JSON.stringify(boxBA.rewrap(row.sealed, row.job_id))]);
    }
  });
  afterAll(async () => {
    await api.close();
    rmSync(repoFolder, { recursive: true, force: true });
  });

  it('refuses a caller without the admin role', async () => {
    const dave = await api.userWithToken('dave', ['user', 'developer', 'reviewer']);
    const refused = await withApi(`${keyB},${keyA}`, (graphql) => graphql(ROTATE, dave.headers));
    expect(refused.errors?.[0]?.extensions?.code).toBe('AUTH.FORBIDDEN');
    expect(await kidsOf(`SELECT key_id AS kid FROM runtime.credentials`)).toEqual([{ kid: 'key-a' }]);
  });

  it('with keys "B,A": re-seals what is under A, counts what an earlier run did, names what no key opens', async () => {
    const body = await withApi(`${keyB},${keyA}`, (graphql) => graphql<{ rotateKeys: KeyRotation }>(ROTATE));
    expect(body.errors).toBeUndefined();
    expect(body.data!.rotateKeys).toEqual({
      keyId: 'key-b',
      kinds: [
        { kind: 'runtime-credential', resealed: 1, alreadyCurrent: 0, failed: 0, failedIds: [] },
        { kind: 'repo-credential', resealed: 1, alreadyCurrent: 0, failed: 0, failedIds: [] },
        { kind: 'job-spec', resealed: JOB_SPECS - ALREADY_MOVED, alreadyCurrent: ALREADY_MOVED, failed: 1, failedIds: [brokenJobId] },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/rotation-credential-secret|rotation-repo-secret|spec-secret|wrappedKey|ciphertext/);
    expect(await kidsOf(`SELECT DISTINCT sealed->>'kid' AS kid, key_id FROM runtime.credentials`)).toEqual([{ kid: 'key-b', key_id: 'key-b' }]);
    expect(await kidsOf(`SELECT DISTINCT credential_sealed->>'kid' AS kid, credential_key_id AS key_id FROM catalog.repos WHERE credential_sealed IS NOT NULL`)).toEqual([{ kid: 'key-b', key_id: 'key-b' }]);
    expect(await kidsOf(`SELECT DISTINCT sealed->>'kid' AS kid FROM cluster.job_specs WHERE job_id <> '${brokenJobId}'`)).toEqual([{ kid: 'key-b' }]);
  });

  it('with only key B: everything still opens, and a second run finds everything current', async () => {
    const onlyB = new SecretBox(parseKeyRing(keyB));
    expect((await new CredentialStore(api.db.dataSource, onlyB).open(credentialId)).secret).toEqual({ token: CREDENTIAL_SECRET });
    expect(await new RepoStore(api.db.dataSource, onlyB).openCredential(repoId)).toEqual({ token: REPO_SECRET });
    const specs = new JobSpecStore(api.db.dataSource, onlyB);
    for (let index = 0; index < JOB_SPECS; index++) expect((await specs.load(jobId(index))).payload).toEqual(jobSpec(index).payload);

    const [validation, again] = await withApi(keyB, async (graphql) => [
      await graphql<{ validateCredential: { valid: boolean } }>(`mutation { validateCredential(id: "${credentialId}") { valid } }`),
      await graphql<{ rotateKeys: KeyRotation }>(ROTATE),
    ] as const);
    expect(validation.data?.validateCredential.valid).toBe(true);
    expect(again.data!.rotateKeys.kinds).toEqual([
      { kind: 'runtime-credential', resealed: 0, alreadyCurrent: 1, failed: 0, failedIds: [] },
      { kind: 'repo-credential', resealed: 0, alreadyCurrent: 1, failed: 0, failedIds: [] },
      { kind: 'job-spec', resealed: 0, alreadyCurrent: JOB_SPECS, failed: 1, failedIds: [brokenJobId] },
    ]);
  });
});
