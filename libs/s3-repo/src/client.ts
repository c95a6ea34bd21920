import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { S3RepoLocation } from './location.js';

const DEFAULT_REGION = 'us-east-1';

/**
 * Smithy's "no auth" scheme as the only choice: requests go out unsigned and no credential
 * provider (environment, ~/.aws, instance metadata) is ever consulted.
 */
const UNSIGNED = {
  httpAuthSchemeProvider: () => [{ schemeId: 'smithy.api#noAuth' }],
  httpAuthSchemes: [
    {
      schemeId: 'smithy.api#noAuth',
      identityProvider: () => async () => ({}),
      signer: { sign: <R>(request: R) => Promise.resolve(request) },
    },
  ],
} satisfies Partial<S3ClientConfig>;

/**
 * An S3 client for one location. A custom endpoint is addressed path-style (S3-compatible
 * servers rarely resolve bucket subdomains). A location without credentials sends unsigned
 * requests: falling back to the machine's AWS credentials would hand the platform's identity to
 * whatever endpoint a repository names. Checksums are only sent where S3 requires them, which
 * every S3-compatible server understands.
 */
export function s3ClientFor(location: S3RepoLocation): S3Client {
  return new S3Client({
    region: location.region ?? DEFAULT_REGION,
    ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : {}),
    ...(location.credentials
      ? { credentials: { accessKeyId: location.credentials.accessKeyId, secretAccessKey: location.credentials.secretAccessKey } }
      : UNSIGNED),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
}

/** Runs `use` with a client for `location` and releases its sockets afterwards. */
export async function withS3Client<T>(location: S3RepoLocation, use: (client: S3Client) => Promise<T>): Promise<T> {
  const client = s3ClientFor(location);
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}
