import { startApiHarness, type ApiHarness, type TestUser } from '@pitrix/e2e-harness';
import { loadPackageConfig } from '@pitrix/config';
import { indexPackageFolder, writeRepoIndexFile } from '@pitrix/package-io';
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, startApi } from '../src/index.js';
import { loadExamples, repoFolder } from './support/catalog-repo.js';

const LIMITS = loadPackageConfig({}).package;
const TOKEN = 'catalog-fetch-token-3318';
const GENERIC = { valid: false, reason: 'REPO.UNREACHABLE', message: 'the repo is not reachable with a valid index' };

interface Validation { valid: boolean; reason: string | null; message: string | null }

/** Serves a folder over http on 127.0.0.1 (the harness's PITRIX_FETCH_ALLOW lets the API reach it). */
async function serveFolder(folder: string, options: { token?: string; seen?: IncomingMessage['headers'][] } = {}): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    options.seen?.push(request.headers);
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) return void response.writeHead(401).end();
    try {
      const body = readFileSync(join(folder, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/repo\//, ''))));
      response.writeHead(200, { 'content-length': body.length }).end(request.method === 'HEAD' ? undefined : body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/repo/` };
}

describe('repository fetches through the API: what callers learn, where credentials go', () => {
  let api: ApiHarness;
  let bob: TestUser;
  let folder: string;
  let guarded: { server: Server; url: string };
  let open: { server: Server; url: string };
  const seenByOpen: IncomingMessage['headers'][] = [];

  const validate = async (url: string, headers: Record<string, string> = {}, credential?: Record<string, string>): Promise<Validation> => {
    const body = await api.graphql<{ validateRepo: Validation }>(`mutation($url: String!, $credential: JSONObject) { validateRepo(url: $url, credential: $credential) { valid reason message } }`, { url, credential }, headers);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.validateRepo;
  };

  beforeAll(async () => {
    api = await startApiHarness('api_catalog_fetch', { startApi, apiUrl });
    bob = await api.userWithToken('bob', ['developer'], { group: 'bobs' });
    folder = repoFolder((await loadExamples()).slice(0, 1));
    await writeRepoIndexFile(folder, (await indexPackageFolder(folder, { limits: LIMITS })).yaml);
    guarded = await serveFolder(folder, { token: TOKEN });
    open = await serveFolder(folder, { seen: seenByOpen });
  });
  afterAll(async () => {
    for (const served of [guarded, open]) if (served) await new Promise((resolve) => served.server.close(resolve));
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a developer learns only "valid" or one generic failure; an admin gets the reason', async () => {
    const closedPort = 'http://127.0.0.1:9/repo/';
    const metadata = 'http://169.254.169.254/latest/';
    expect(await validate(guarded.url, bob.headers, { token: TOKEN })).toEqual({ valid: true, reason: null, message: null });
    for (const url of [closedPort, metadata, guarded.url]) expect(await validate(url, bob.headers)).toEqual(GENERIC);
    expect(await validate(closedPort)).toMatchObject({ valid: false, reason: 'REPO.UNREACHABLE' });
    expect(await validate(metadata)).toMatchObject({ valid: false, reason: 'REPO.DESTINATION_REFUSED' });
    expect(await validate(guarded.url)).toMatchObject({ valid: false, reason: 'REPO.CREDENTIALS_REJECTED' });
  });

  it('a developer creating a repo that cannot be reached gets the same generic failure', async () => {
    const body = await api.graphql(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id } }`, { input: { name: 'probe', providers: ['local'], url: 'http://169.254.169.254/' } }, bob.headers);
    expect(body.errors?.[0]?.extensions?.code).toBe('REPO.UNREACHABLE');
    expect(body.errors?.[0]?.message).not.toContain('169.254');
  });

  it('a new URL without a new credential drops the stored one; it never reaches the new host', async () => {
    const created = await api.graphql<{ createRepo: { id: string; authenticated: boolean } }>(`mutation($input: CreateRepoInput!) { createRepo(input: $input) { id authenticated } }`, {
      input: { name: 'moving', providers: ['local'], url: guarded.url, credential: { token: TOKEN } },
    }, bob.headers);
    expect(created.data?.createRepo.authenticated).toBe(true);
    const id = created.data!.createRepo.id;
    const update = (input: Record<string, unknown>) => api.graphql<{ updateRepo: { url: string; authenticated: boolean } }>(`mutation($id: ID!, $input: UpdateRepoInput!) { updateRepo(id: $id, input: $input) { url authenticated } }`, { id, input }, bob.headers);

    const moved = await update({ url: open.url });
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updateRepo).toEqual({ url: open.url, authenticated: false });
    expect(seenByOpen.length).toBeGreaterThan(0);
    expect(seenByOpen.some((headers) => headers.authorization !== undefined)).toBe(false);

    const back = await update({ url: guarded.url, credential: { token: TOKEN } });
    expect(back.data?.updateRepo).toEqual({ url: guarded.url, authenticated: true });
    const renamed = await update({ description: 'same URL keeps the credential' });
    expect(renamed.data?.updateRepo.authenticated).toBe(true);
  });
});
