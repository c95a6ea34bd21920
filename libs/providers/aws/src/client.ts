import { EC2Client } from '@aws-sdk/client-ec2';
import type { AwsCredential } from './credential.js';
import type { AwsProviderConfig } from './provider-config.js';

/**
 * An EC2 client for one region, signing with the given key only: the SDK never falls back to
 * environment variables, profiles or instance metadata, so a runtime always acts as its own
 * credential. The SDK's own logger stays off (it would print request parameters).
 */
export function createEc2Client(credential: AwsCredential, region: string, config: AwsProviderConfig): EC2Client {
  const timeout = config.requestTimeoutMs ?? 30_000;
  return new EC2Client({
    region,
    endpoint: credential.endpoint,
    credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey, sessionToken: credential.sessionToken },
    maxAttempts: config.maxAttempts ?? 3,
    requestHandler: { connectionTimeout: timeout, requestTimeout: timeout },
  });
}
