import { GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { appendFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalGoBinary, ensureS3ServerBinary, freePort, startS3Server } from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'pitrix-devstack-s3-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const binCache = process.env.PITRIX_BIN_CACHE ?? join(homedir(), '.cache/pitrix/bin');
const sources = join(__dirname, '..', '..', '..', 'infra', 's3');

function clientFor(endpoint: string, secretAccessKey: string): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'pitrix-dev', secretAccessKey } });
}

describe('the S3 server binary', () => {
  it('is built once per version of its sources: unchanged sources reuse it, a change builds a new one', async () => {
    const copy = join(scratch, 's3-sources');
    cpSync(sources, copy, { recursive: true });
    const cache = join(scratch, 'bin');
    const first = await ensureLocalGoBinary(cache, 's3server', copy);
    const builtAt = statSync(first).mtimeMs;
    expect(await ensureLocalGoBinary(cache, 's3server', copy)).toBe(first);
    expect(statSync(first).mtimeMs).toBe(builtAt);
    appendFileSync(join(copy, 'main.go'), '\n// a change\n');
    const second = await ensureLocalGoBinary(cache, 's3server', copy);
    expect(second).not.toBe(first);
    expect(second).toMatch(/s3server-[0-9a-f]{12}\/s3server$/);
  }, 300_000);
});

describe('the S3 server', () => {
  it('creates its buckets and keeps objects in its data folder across a restart on the same port', async () => {
    const binary = await ensureS3ServerBinary(binCache);
    const port = await freePort();
    const options = { binary, host: '127.0.0.1', port, accessKey: 'pitrix-dev', secretKey: 'dev-secret', buckets: ['alpha', 'beta'], dir: join(scratch, 's3'), dataDir: join(scratch, 's3', 'data') };
    const first = await startS3Server(options);
    expect(first.endpoint).toBe(`http://127.0.0.1:${port}`);
    const client = clientFor(first.endpoint, 'dev-secret');
    try {
      await client.send(new PutObjectCommand({ Bucket: 'beta', Key: 'apps/kept.tgz', Body: Buffer.from('kept') }));
      await first.process.stop();
      const second = await startS3Server(options);
      try {
        const buckets = await client.send(new ListBucketsCommand({}));
        expect((buckets.Buckets ?? []).map((b) => b.Name).sort()).toEqual(['alpha', 'beta']);
        const object = await client.send(new GetObjectCommand({ Bucket: 'beta', Key: 'apps/kept.tgz' }));
        expect(await object.Body?.transformToString()).toBe('kept');
      } finally {
        await second.process.stop();
      }
    } finally {
      client.destroy();
      await first.process.stop();
    }
  });

  it.each([
    ['an unknown access key', 'someone-else', 'dev-secret', 'InvalidAccessKeyId'],
    ['a wrong secret', 'pitrix-dev', 'not-the-secret', 'SignatureDoesNotMatch'],
  ])('answers a request signed with %s with 403 %s', async (_name, accessKeyId, secretAccessKey, code) => {
    const binary = await ensureS3ServerBinary(binCache);
    const server = await startS3Server({ binary, host: '127.0.0.1', port: 0, accessKey: 'pitrix-dev', secretKey: 'dev-secret', buckets: ['alpha'], dir: join(scratch, `s3-${code}`) });
    const client = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, credentials: { accessKeyId, secretAccessKey } });
    try {
      const err = await client.send(new ListBucketsCommand({})).then(
        () => undefined,
        (e: unknown) => e as { name: string; $metadata: { httpStatusCode?: number } },
      );
      expect(err?.name).toBe(code);
      expect(err?.$metadata.httpStatusCode).toBe(403);
    } finally {
      client.destroy();
      await server.process.stop();
    }
  });
});
