import { startS3Server } from '@pitrix/devstack';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { s3ServerBinary } from './binaries.js';

/** A private S3-compatible server for one test file, with its buckets and one random key pair. */
export interface TestS3Server {
  /** Endpoint URL (path-style), e.g. http://127.0.0.1:41234. */
  readonly endpoint: string;
  /** The first of `buckets`. */
  readonly bucket: string;
  readonly buckets: readonly string[];
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** Options of a test S3 server. */
export interface TestS3ServerOptions {
  /** Buckets created at start (default: one bucket, `pitrix-test`). */
  readonly buckets?: readonly string[];
  /** Keep objects in a bolt database under the temp folder instead of in memory. */
  readonly persistent?: boolean;
}

/** Builds (when missing) and starts the project's S3 server on a free port, in a temp folder. */
export async function startTestS3Server(options: TestS3ServerOptions = {}): Promise<TestS3Server> {
  const binary = await s3ServerBinary();
  const buckets = options.buckets && options.buckets.length > 0 ? [...options.buckets] : ['pitrix-test'];
  const dir = mkdtempSync(join(tmpdir(), 'pitrix-s3-'));
  const accessKeyId = `AKTEST${randomBytes(6).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString('base64');
  const server = await startS3Server({
    binary,
    host: '127.0.0.1',
    port: 0,
    accessKey: accessKeyId,
    secretKey: secretAccessKey,
    buckets,
    dir,
    ...(options.persistent ? { dataDir: join(dir, 'data') } : {}),
  });
  return {
    endpoint: server.endpoint,
    bucket: buckets[0] as string,
    buckets,
    accessKeyId,
    secretAccessKey,
    stop: async () => {
      await server.process.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
