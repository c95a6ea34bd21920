import { EC2Client } from '@aws-sdk/client-ec2';
import type { AgentBootstrap, CredentialContent, ProviderSession, RunInstanceRequest } from '@pitrix/provider-contract';
import { randomUUID } from 'node:crypto';
import { AwsProvider } from '../src/index.js';
import { FakeEc2, type FakeAccessKey, type FakeEc2Options } from './fake-ec2/index.js';

/** The access key the fake knows. Its secret must never show up in an error or a log line. */
export const ACCESS_KEY: FakeAccessKey = { accessKeyId: 'AKIAPITRIXTEST00001', secretAccessKey: 'sEcReT/pitrix+test+key/0123456789abcdefghij' };

/** The account's own AMI in us-east-1 (see fake-ec2/catalog.ts). */
export const IMAGE_ID = 'ami-0f00000000000aa01';

/** A fake EC2 that knows `keys` (`ACCESS_KEY` by default), with quick transitions. */
export function startFake(settings: FakeEc2Options['settings'] = {}, keys: readonly FakeAccessKey[] = [ACCESS_KEY]): Promise<FakeEc2> {
  return FakeEc2.start({ keys, settings: { transitionMs: 15, ...settings } });
}

/** The credential content that points the provider at the fake. */
export function credentialFor(fake: FakeEc2, key: FakeAccessKey = ACCESS_KEY): CredentialContent {
  const secret: Record<string, string> = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  if (key.sessionToken) secret.sessionToken = key.sessionToken;
  return { endpoint: fake.endpoint, secret };
}

/** The provider as tests build it: fast polling, no SDK retries, an optional log sink. */
export function testProvider(log?: (line: string) => void): AwsProvider {
  return new AwsProvider({ pollIntervalMs: 5, waitTimeoutMs: 10_000, maxAttempts: 1, requestTimeoutMs: 5_000, log: log ?? (() => undefined) });
}

/** A drone bootstrap whose env holds a credential-like value, as real bootstraps do. */
export function droneAgent(env: Record<string, string> = {}): AgentBootstrap {
  return { kind: 'drone', env: { PITRIX_NATS_URL: 'nats://10.0.0.1:7422', PITRIX_AGENT_SECRET: 'agent-secret-value-do-not-leak', ...env } };
}

/** A session of runtime `runtimeId` on the fake in `zone` (us-east-1a by default) with the given runtime options. */
export async function openSession(fake: FakeEc2, options: Record<string, unknown> = {}, zone = 'us-east-1a', log?: (line: string) => void, runtimeId = 'rt-aws-test'): Promise<ProviderSession> {
  return testProvider(log).connect({ runtimeId, credential: credentialFor(fake), zone, options: { imageId: IMAGE_ID, ...options } });
}

/** A run request with defaults: 1 vCPU, 256 MiB, a drone, in `networkId`. */
export function runRequest(networkId: string, overrides: Partial<RunInstanceRequest> = {}): RunInstanceRequest {
  const token = `task-aws-${randomUUID()}`;
  return { clientToken: token, name: token, cpu: 1, memoryMiB: 256, networkId, agent: droneAgent(), ...overrides };
}

/** What a call to `run` threw (undefined when it did not throw). */
export async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** An EC2 client of the test itself, for what someone other than Pitrix does in the account. */
export function rawClient(fake: FakeEc2): EC2Client {
  return new EC2Client({ region: 'us-east-1', endpoint: fake.endpoint, credentials: ACCESS_KEY, maxAttempts: 1 });
}

/** Polls `read` every few milliseconds until `done` holds (for states that change asynchronously). */
export async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let value = read(); ; value = read()) {
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached in ${timeoutMs} ms (last value ${String(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
