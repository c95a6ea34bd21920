import { EC2Client } from '@aws-sdk/client-ec2';
import type { AwsCredential } from './credential.js';

/** Per-process settings of the aws provider (the worker's, not a runtime's). */
export interface AwsProviderConfig {
  /** How often to poll EC2 while waiting for a state change (default 2 s). */
  readonly pollIntervalMs?: number;
  /** How long to wait for a state change before giving up with a retryable error (default 10 min). */
  readonly waitTimeoutMs?: number;
  /** SDK attempts per call; the SDK retries throttling and 5xx answers with backoff (default 3). */
  readonly maxAttempts?: number;
  /** Timeout of one HTTP request to EC2, connecting included (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Where to write one line per change made in EC2 (default: console). */
  readonly log?: (line: string) => void;
}

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
