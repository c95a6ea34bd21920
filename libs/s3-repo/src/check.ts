import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { withS3Client } from './client.js';
import { toRepoError } from './errors.js';
import type { S3RepoLocation } from './location.js';

/**
 * Proves the repository can be read with its credentials by listing one key under its prefix.
 * Throws `REPO.UNREACHABLE` (connection refused, DNS, timeouts, 5xx), `REPO.CREDENTIALS_REJECTED`
 * (unknown access key, bad signature, 403) or `REPO.NOT_FOUND` (no such bucket).
 */
export async function checkS3Repo(location: S3RepoLocation): Promise<void> {
  await withS3Client(location, async (client) => {
    await client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: location.prefix, MaxKeys: 1 })).catch((err: unknown) => {
      throw toRepoError(err, { location, action: 'check' });
    });
  });
}
