import { loadDevStackConfig } from '@pitrix/config';
import { ensureLocalGoBinary, startS3Server } from '@pitrix/devstack';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private S3-compatible server for one test file, with one bucket and one key pair. */
export interface TestS3Server {
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  stop(): Promise<void>;
}

/** Path of the project's S3 server sources (infra/s3). */
function s3Sources(): string {
  return join(__dirname, '..', '..', '..', 'infra', 's3');
}

/** Builds (once) and starts the project's S3 server on a free port with a fresh bucket. */
export async function startTestS3Server(bucket = 'pitrix-test'): Promise<TestS3Server> {
  const { binCache } = loadDevStackConfig(process.env).devStack;
  const binary = await ensureLocalGoBinary(binCache, 's3server', s3Sources(), (line) => console.log(`[pitrix testing] ${line}`));
  const dir = mkdtempSync(join(tmpdir(), 'pitrix-s3-'));
  const accessKeyId = `AKTEST${randomBytes(6).toString('hex').toUpperCase()}`;
  const secretAccessKey = randomBytes(20).toString('base64');
  const server = await startS3Server({ binary, host: '127.0.0.1', port: 0, accessKey: accessKeyId, secretKey: secretAccessKey, bucket, dir });
  return {
    endpoint: server.endpoint,
    bucket,
    accessKeyId,
    secretAccessKey,
    stop: async () => {
      await server.process.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
