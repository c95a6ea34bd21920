import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '@pitrix/devstack';
import { startTestS3Server, type TestS3Server } from '@pitrix/testing/servers';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkS3Repo, listS3RepoFiles, parseS3RepoUrl, readS3RepoFile, writeS3RepoFile, type S3RepoLocation } from '../src/index.js';

let s3: TestS3Server;

beforeAll(async () => {
  s3 = await startTestS3Server({ buckets: ['repo', 'paged'] });
});

afterAll(async () => {
  await s3?.stop();
});

function location(url: string, credentials: Partial<S3RepoLocation['credentials']> | null = {}): S3RepoLocation {
  const parsed = parseS3RepoUrl(url, { endpoint: s3.endpoint, region: 'us-east-1' });
  if (credentials === null) return parsed;
  return { ...parsed, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, ...credentials } };
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string; all: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: string },
  );
  if (!err) throw new Error('expected the call to fail');
  // Everything a caller could log or return: message, stack, problems, details.
  const all = [err.message, err.stack, JSON.stringify(err), JSON.stringify((err as { problems?: unknown }).problems), JSON.stringify((err as { details?: unknown }).details)].join('\n');
  return { code: err.code, message: err.message, all };
}

describe('checkS3Repo', () => {
  it('accepts a bucket readable with the credentials, with or without a prefix', async () => {
    await expect(checkS3Repo(location('s3://repo'))).resolves.toBeUndefined();
    await expect(checkS3Repo(location('s3://repo/not/yet/written'))).resolves.toBeUndefined();
  });

  it.each([
    ['a wrong secret (SignatureDoesNotMatch)', { secretAccessKey: 'not-the-secret-at-all' }],
    ['an unknown access key (InvalidAccessKeyId)', { accessKeyId: 'AKUNKNOWN0000' }],
  ])('refuses %s with REPO.CREDENTIALS_REJECTED', async (_name, credentials) => {
    const { code, message } = await failure(checkS3Repo(location('s3://repo/stable', credentials)));
    expect(code).toBe('REPO.CREDENTIALS_REJECTED');
    expect(message).toContain('s3://repo/stable/');
  });

  it("sends a repository without credentials unsigned, never with the machine's AWS credentials", async () => {
    // The server's own key pair in the environment: had the SDK picked it up, the check would pass.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
    try {
      expect((await failure(checkS3Repo(location('s3://repo', null)))).code).toBe('REPO.CREDENTIALS_REJECTED');
    } finally {
      for (const [name, value] of [['AWS_ACCESS_KEY_ID', saved.id], ['AWS_SECRET_ACCESS_KEY', saved.secret]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('reports a missing bucket as REPO.NOT_FOUND', async () => {
    const { code, message } = await failure(checkS3Repo(location('s3://no-such-bucket/x')));
    expect(code).toBe('REPO.NOT_FOUND');
    expect(message).toContain('no-such-bucket');
  });

  it('reports a closed port as REPO.UNREACHABLE', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const { code, message } = await failure(checkS3Repo({ ...location('s3://repo'), endpoint: closed }));
    expect(code).toBe('REPO.UNREACHABLE');
    expect(message).toContain(closed);
  });

  it('reports a host that does not resolve as REPO.UNREACHABLE', async () => {
    const { code } = await failure(checkS3Repo({ ...location('s3://repo'), endpoint: 'http://pitrix-no-such-host.invalid:9310' }));
    expect(code).toBe('REPO.UNREACHABLE');
  });
});

describe('files', () => {
  it('writes a file and reads the same bytes back, listed with its size and MD5 ETag', async () => {
    const repo = location('s3://repo/round-trip');
    const bytes = new Uint8Array(randomBytes(70_000));
    await writeS3RepoFile(repo, 'apps/zk/zk-1.0.0.tgz', bytes);
    expect(Buffer.from(await readS3RepoFile(repo, 'apps/zk/zk-1.0.0.tgz', 1_000_000)).equals(Buffer.from(bytes))).toBe(true);
    expect(await listS3RepoFiles(repo)).toEqual([{ path: 'apps/zk/zk-1.0.0.tgz', size: 70_000, etag: createHash('md5').update(bytes).digest('hex') }]);
  });

  it('replaces a file written twice (a retried upload is harmless)', async () => {
    const repo = location('s3://repo/rewrite');
    await writeS3RepoFile(repo, 'index.yaml', new TextEncoder().encode('first'));
    await writeS3RepoFile(repo, 'index.yaml', new TextEncoder().encode('second'));
    expect(new TextDecoder().decode(await readS3RepoFile(repo, 'index.yaml', 100))).toBe('second');
    expect((await listS3RepoFiles(repo)).map((f) => f.path)).toEqual(['index.yaml']);
  });

  it('reports a missing file as REPO.FILE_NOT_FOUND', async () => {
    const { code, message } = await failure(readS3RepoFile(location('s3://repo/round-trip'), 'apps/none.tgz', 100));
    expect(code).toBe('REPO.FILE_NOT_FOUND');
    expect(message).toContain('apps/none.tgz');
  });

  it('refuses a file larger than maxBytes with PACKAGE.TOO_LARGE', async () => {
    const repo = location('s3://repo/limits');
    await writeS3RepoFile(repo, 'big.tgz', new Uint8Array(4096));
    const err = await readS3RepoFile(repo, 'big.tgz', 4095).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PACKAGE.TOO_LARGE', problems: [{ path: 'big.tgz', found: 4096 }] });
    expect((await readS3RepoFile(repo, 'big.tgz', 4096)).length).toBe(4096);
  });

  it.each(['', '/abs.tgz', 'a/../b.tgz', 'a//b.tgz', './a.tgz'])('refuses the path %j with INPUT.INVALID before any request', async (path) => {
    const repo = location('s3://repo/limits');
    expect((await failure(readS3RepoFile(repo, path, 10))).code).toBe('INPUT.INVALID');
    expect((await failure(writeS3RepoFile(repo, path, new Uint8Array(1)))).code).toBe('INPUT.INVALID');
  });

  it('reports writes and lists on a missing bucket as REPO.NOT_FOUND and with a wrong secret as REPO.CREDENTIALS_REJECTED', async () => {
    expect((await failure(writeS3RepoFile(location('s3://no-such-bucket'), 'a.tgz', new Uint8Array(1)))).code).toBe('REPO.NOT_FOUND');
    expect((await failure(listS3RepoFiles(location('s3://no-such-bucket')))).code).toBe('REPO.NOT_FOUND');
    const wrong = location('s3://repo/x', { secretAccessKey: 'wrong-secret-value' });
    expect((await failure(writeS3RepoFile(wrong, 'a.tgz', new Uint8Array(1)))).code).toBe('REPO.CREDENTIALS_REJECTED');
    expect((await failure(readS3RepoFile(wrong, 'a.tgz', 10))).code).toBe('REPO.CREDENTIALS_REJECTED');
    expect((await failure(listS3RepoFiles(wrong))).code).toBe('REPO.CREDENTIALS_REJECTED');
  });

  it('lists every object under the prefix across pages (more than one 1000-key page), paths relative to the prefix', async () => {
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    const keys = Array.from({ length: 1234 }, (_, i) => `stable/pkg-${String(i).padStart(4, '0')}.tgz`);
    try {
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((Key) => client.send(new PutObjectCommand({ Bucket: 'paged', Key, Body: Buffer.from(Key) }))));
      }
      // Outside the prefix, a prefix look-alike and a folder marker: none of them is a file of s3://paged/stable.
      await client.send(new PutObjectCommand({ Bucket: 'paged', Key: 'other/pkg.tgz', Body: Buffer.from('x') }));
      await client.send(new PutObjectCommand({ Bucket: 'paged', Key: 'stable-old/pkg.tgz', Body: Buffer.from('x') }));
      await client.send(new PutObjectCommand({ Bucket: 'paged', Key: 'stable/folder/', Body: Buffer.alloc(0) }));
      // The server answers at most 1000 keys per page, so the listing below must follow a continuation.
      const firstPage = await client.send(new ListObjectsV2Command({ Bucket: 'paged', Prefix: 'stable/' }));
      expect(firstPage.IsTruncated).toBe(true);
      expect(firstPage.Contents).toHaveLength(1000);
    } finally {
      client.destroy();
    }
    const files = await listS3RepoFiles(location('s3://paged/stable'));
    expect(files).toHaveLength(1234);
    expect(files.map((f) => f.path).sort()).toEqual(keys.map((k) => k.slice('stable/'.length)));
    expect(files.find((f) => f.path === 'pkg-0007.tgz')).toMatchObject({ size: 'stable/pkg-0007.tgz'.length });
  });
});

describe('secrets in errors', () => {
  it('never puts the secret key in a thrown error, whatever the failure', async () => {
    const secret = s3.secretAccessKey;
    const closed = `http://127.0.0.1:${await freePort()}`;
    const failures = await Promise.all([
      failure(checkS3Repo(location('s3://no-such-bucket'))),
      failure(checkS3Repo({ ...location('s3://repo'), endpoint: closed })),
      failure(readS3RepoFile(location('s3://repo'), 'none.tgz', 10)),
      failure(readS3RepoFile(location('s3://repo'), '../x', 10)),
      failure(checkS3Repo(location('s3://repo', { accessKeyId: 'AKUNKNOWN0000' }))),
      // The secret itself as an access key id, and an endpoint URL that carries it.
      failure(checkS3Repo(location('s3://repo', { accessKeyId: secret }))),
      failure(checkS3Repo({ ...location('s3://repo'), endpoint: `http://user:${encodeURIComponent(secret)}@127.0.0.1:${new URL(closed).port}` })),
    ]);
    expect(failures.map((f) => f.code)).toEqual([
      'REPO.NOT_FOUND',
      'REPO.UNREACHABLE',
      'REPO.FILE_NOT_FOUND',
      'INPUT.INVALID',
      'REPO.CREDENTIALS_REJECTED',
      'REPO.CREDENTIALS_REJECTED',
      'REPO.UNREACHABLE',
    ]);
    for (const { all } of failures) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(encodeURIComponent(secret));
    }
  });
});
