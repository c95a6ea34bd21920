import { hasErrorCode } from '@pitrix/errors';
import { indexPackageFolder, outboundFetchPolicy, writeRepoIndexFile } from '@pitrix/package-io';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startTestS3Server, type TestS3Server } from '@pitrix/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepoSource, publishPackage, readSnapshot } from '../src/index.js';
import { archiveOf, LIMITS, loadExamples, withVersion } from './example-archives.js';

const TOKEN = 'repo-bearer-token-81';
// The test's http server is on loopback, which the fetch policy refuses unless allowed.
const LOOPBACK = { fetch: outboundFetchPolicy({ allow: ['127.0.0.1'] }) };

describe('repo sources', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pitrix-sources-'));
  let server: Server;
  let base: string;
  const errorOf = (promise: Promise<unknown>) => promise.then(() => undefined, (err: unknown) => err);

  beforeAll(async () => {
    const [example] = await loadExamples();
    const archive = archiveOf(example!);
    writeFileSync(join(folder, archive.fileName), archive.bytes);
    await writeRepoIndexFile(folder, (await indexPackageFolder(folder, { limits: LIMITS })).yaml);
    // A plain http server: files of the folder, only with the bearer token.
    server = createServer((request, response) => {
      if (request.headers.authorization !== `Bearer ${TOKEN}`) return void response.writeHead(401).end();
      try {
        const body = readFileSync(join(folder, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/repo\//, ''))));
        response.writeHead(200, { 'content-length': body.length }).end(request.method === 'HEAD' ? undefined : body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/repo/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(folder, { recursive: true, force: true });
  });

  it('reads an http repo through its index with the credential', async () => {
    const source = openRepoSource(base, { token: TOKEN }, LOOPBACK);
    await source.check();
    const snapshot = await readSnapshot(source, base);
    expect(snapshot.mode).toBe('openpitrix-index');
    expect(snapshot.candidates).toHaveLength(1);
    expect(await source.list()).toBeUndefined();
  });

  it.each([
    ['no credential', undefined, 'REPO.CREDENTIALS_REJECTED'],
    ['a wrong token', { token: 'nope' }, 'REPO.CREDENTIALS_REJECTED'],
  ] as const)('an http repo with %s is %s', async (_name, credential, code) => {
    expect(hasErrorCode(await errorOf(openRepoSource(base, credential, LOOPBACK).check()), code)).toBe(true);
  });

  it('an http repo is read-only; a missing file is REPO.FILE_NOT_FOUND; a closed port is REPO.UNREACHABLE', async () => {
    const source = openRepoSource(base, { token: TOKEN }, LOOPBACK);
    expect(hasErrorCode(await errorOf(source.write('x.tgz', new Uint8Array(1))), 'REPO.READ_ONLY')).toBe(true);
    expect(hasErrorCode(await errorOf(source.read('missing.tgz', 100)), 'REPO.FILE_NOT_FOUND')).toBe(true);
    expect(hasErrorCode(await errorOf(openRepoSource('http://127.0.0.1:9/', undefined, LOOPBACK).check()), 'REPO.UNREACHABLE')).toBe(true);
  });

  it.each([
    ['not a URL', 'repo folder'],
    ['another scheme', 'ftp://example.com/repo'],
    ['a password in the URL', 'https://user:pw@example.com/repo'],
    ['a file URL with a host', 'file://server/share'],
  ])('refuses %s with REPO.URL_INVALID', (_name, url) => {
    expect(() => openRepoSource(url)).toThrow(expect.objectContaining({ code: 'REPO.URL_INVALID' }));
  });

  describe('an s3 repo on a real S3-compatible server', () => {
    let s3: TestS3Server;
    let credential: { accessKeyId: string; secretAccessKey: string };
    type CredentialOf = () => Record<string, string> | undefined;
    let options: { s3: { endpoint: string; region: string } };
    beforeAll(async () => {
      s3 = await startTestS3Server({ buckets: ['pitrix-repo'] });
      credential = { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey };
      options = { s3: { endpoint: s3.endpoint, region: 'us-east-1' } };
    });
    afterAll(() => s3?.stop());

    it('is writable: a published package is listed and read back, and indexed from the listing', async () => {
      const url = 's3://pitrix-repo/apps/';
      const source = openRepoSource(url, credential, options);
      await source.check();
      const [example] = await loadExamples();
      const { metadata, files } = withVersion(example!, '3.1.4');
      const archive = archiveOf({ files, metadata });
      expect(await publishPackage(source, { metadata, bytes: archive.bytes, digest: archive.sha256 })).toBe(`${metadata.name}-3.1.4.tgz`);
      expect((await source.list())?.map((file) => file.path)).toEqual([`${metadata.name}-3.1.4.tgz`]);
      expect(await source.read(`${metadata.name}-3.1.4.tgz`, archive.bytes.length)).toEqual(archive.bytes);
      const snapshot = await readSnapshot(source, url);
      expect(snapshot.mode).toBe('listing');
      expect(snapshot.candidates.map((c) => c.path)).toEqual([`${metadata.name}-3.1.4.tgz`]);
    });

    it.each([
      ['a wrong secret', 'REPO.CREDENTIALS_REJECTED', ((): Record<string, string> => ({ ...credential, secretAccessKey: 'wrong-secret-key-000' })) as CredentialOf, 's3://pitrix-repo/'],
      ['an unknown key', 'REPO.CREDENTIALS_REJECTED', ((): Record<string, string> => ({ accessKeyId: 'AKNOBODY', secretAccessKey: 'x' })) as CredentialOf, 's3://pitrix-repo/'],
      ['no credential on a private bucket', 'REPO.CREDENTIALS_REJECTED', (() => undefined) as CredentialOf, 's3://pitrix-repo/'],
      ['a missing bucket', 'REPO.NOT_FOUND', ((): Record<string, string> => credential) as CredentialOf, 's3://no-such-bucket/'],
    ] as const)('with %s is refused with %s', async (_name, code, credentialOf, url) => {
      const refused = await errorOf(openRepoSource(url, credentialOf(), options).check());
      expect(hasErrorCode(refused, code)).toBe(true);
      expect(String((refused as Error).message)).not.toContain(s3.secretAccessKey);
    });

    it('an s3 credential must be a key pair', () => {
      expect(() => openRepoSource('s3://pitrix-repo/', { token: 'x' }, options)).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
    });

    it('a closed endpoint is REPO.UNREACHABLE', async () => {
      const refused = await errorOf(openRepoSource('s3://pitrix-repo/', credential, { s3: { endpoint: 'http://127.0.0.1:9', region: 'us-east-1' } }).check());
      expect(hasErrorCode(refused, 'REPO.UNREACHABLE')).toBe(true);
    });
  });

  it('publishing into a file repo writes the archive and lists it in index.yaml', async () => {
    const [example] = await loadExamples();
    const { metadata, files } = withVersion(example!, '9.9.9');
    const archive = archiveOf({ files, metadata });
    const source = openRepoSource(pathToFileURL(folder).toString());
    expect(await publishPackage(source, { metadata, bytes: archive.bytes, digest: archive.sha256 })).toBe(`${metadata.name}-9.9.9.tgz`);
    const snapshot = await readSnapshot(source, pathToFileURL(folder).toString());
    expect(snapshot.candidates.map((c) => [c.version, c.digest])).toContainEqual(['9.9.9', archive.sha256]);
    expect(hasErrorCode(await errorOf(source.read('../etc/passwd', 100)), 'INPUT.INVALID')).toBe(true);
  });
});
