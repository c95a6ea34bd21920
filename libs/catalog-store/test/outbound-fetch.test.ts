import { systemSchema } from '@pitrix/db';
import { hasErrorCode } from '@pitrix/errors';
import { indexPackageFolder, outboundFetchPolicy, writeRepoIndexFile } from '@pitrix/package-io';
import { parseKeyRing, SecretBox } from '@pitrix/secrets';
import { createTestDatabase, type TestDatabase } from '@pitrix/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSchema, openRepoSource, RepoIndexer, RepoStore, type NewRepo } from '../src/index.js';
import { archiveOf, LIMITS, loadExamples } from './example-archives.js';

const box = new SecretBox(parseKeyRing(`k1:${randomBytes(32).toString('base64')}`));
const TOKEN = 'outbound-fetch-token-5521';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('repository fetches: absolute package URLs and redirects', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-outbound-'));
  let db: TestDatabase;
  let repos: RepoStore;
  let repoServer: Server;
  let elsewhere: Server;
  let base: string;
  let elsewherePort: number;
  const authorizationsElsewhere: Array<string | undefined> = [];
  let names: [string, string];

  beforeAll(async () => {
    db = await createTestDatabase('catalog_outbound_fetch', [systemSchema, catalogSchema]);
    repos = new RepoStore(db.dataSource, box);
    const [first, second] = await loadExamples();
    const archives = [archiveOf(first!), archiveOf(second!)];
    for (const archive of archives) writeFileSync(join(folder, archive.fileName), archive.bytes);
    names = [first!.metadata.name, second!.metadata.name];
    // The repo serves its folder; /moved/* redirects to another port (where a credential must never go).
    repoServer = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path.startsWith('/moved/')) return void response.writeHead(302, { location: `http://127.0.0.1:${elsewherePort}/repo/index.yaml` }).end();
      try {
        const body = readFileSync(join(folder, decodeURIComponent(path.replace(/^\/repo\//, ''))));
        response.writeHead(200, { 'content-length': body.length }).end(request.method === 'HEAD' ? undefined : body);
      } catch {
        response.writeHead(404).end();
      }
    });
    elsewhere = createServer((request, response) => {
      authorizationsElsewhere.push(request.headers.authorization);
      response.writeHead(200).end('');
    });
    const port = await listen(repoServer);
    elsewherePort = await listen(elsewhere);
    base = `http://127.0.0.1:${port}/repo/`;
    // The second entry's URL is absolute and names another host (localhost, not 127.0.0.1).
    const { yaml } = await indexPackageFolder(folder, { limits: LIMITS });
    await writeRepoIndexFile(folder, yaml.replace(archives[1]!.fileName, `http://localhost:${port}/repo/${archives[1]!.fileName}`));
  });
  afterAll(async () => {
    for (const server of [repoServer, elsewhere]) await new Promise((resolve) => server.close(resolve));
    await db?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const newRepo = (name: string): NewRepo => ({ owner: 'usr-alice', ownerPath: 'usr-alice', name, description: '', url: base, visibility: 'private', providers: ['local'], labels: {}, selectors: {}, appDefaultStatus: 'active', categories: [], indexIntervalSeconds: 3600 });

  it('refuses an index entry whose URL is on another host, naming the entry and the host, and indexes the rest', async () => {
    const repo = await repos.create(newRepo('off-host'));
    const indexer = new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS, fetch: outboundFetchPolicy({ allow: ['127.0.0.1'] }) });
    const counts = await indexer.index(repo.id);
    expect(counts.added).toBe(1);
    expect(counts.failures).toHaveLength(1);
    expect(counts.failures[0]).toMatchObject({ name: names[1], code: 'REPO.DESTINATION_REFUSED' });
    expect(counts.failures[0]!.reason).toContain('localhost');
  });

  it('indexes that entry when PITRIX_FETCH_ALLOW names its host', async () => {
    const repo = await repos.create(newRepo('allowed-host'));
    const indexer = new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS, fetch: outboundFetchPolicy({ allow: ['127.0.0.1', 'localhost'] }) });
    expect(await indexer.index(repo.id)).toMatchObject({ added: 2, failures: [] });
  });

  it('refuses a repo on loopback when nothing allows it (the default policy)', async () => {
    const repo = await repos.create(newRepo('default-policy'));
    const failure = await new RepoIndexer({ dataSource: db.dataSource, repos, limits: LIMITS }).index(repo.id).then(() => undefined, (err: unknown) => err);
    expect(hasErrorCode(failure, 'REPO.DESTINATION_REFUSED')).toBe(true);
  });

  it('does not follow a redirect to another port, so the credential never reaches it', async () => {
    const source = openRepoSource(base.replace('/repo/', '/moved/'), { token: TOKEN }, { fetch: outboundFetchPolicy({ allow: ['127.0.0.1'] }) });
    const failure = await source.check().then(() => undefined, (err: unknown) => err);
    expect(hasErrorCode(failure, 'REPO.REDIRECT_REFUSED')).toBe(true);
    expect(authorizationsElsewhere).toEqual([]);
  });

  it.each([['a protocol-relative path', (port: number) => `//127.0.0.1:${port}/x.tgz`], ['a backslash path', (port: number) => `\\\\127.0.0.1:${port}/x.tgz`]])(
    'refuses %s from an index that leads off the repo, without sending the credential',
    async (_name, path) => {
      const source = openRepoSource(base, { token: TOKEN }, { fetch: outboundFetchPolicy({ allow: ['127.0.0.1'] }) });
      const failure = await source.read(path(elsewherePort), 1024).then(() => undefined, (err: unknown) => err);
      expect(hasErrorCode(failure, 'REPO.DESTINATION_REFUSED')).toBe(true);
      expect(authorizationsElsewhere).toEqual([]);
    },
  );
});
