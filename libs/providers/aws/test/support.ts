import type { AgentBootstrap, CredentialContent } from '@pitrix/provider-contract';
import { AwsProvider } from '../src/index.js';
import { FakeEc2, type FakeAccessKey } from './fake-ec2/index.js';

/** The access key the fake knows. Its secret must never show up in an error or a log line. */
export const ACCESS_KEY: FakeAccessKey = { accessKeyId: 'AKIAPITRIXTEST00001', secretAccessKey: 'sEcReT/pitrix+test+key/0123456789abcdefghij' };

/** The account's own AMI in us-east-1 (see fake-ec2/catalog.ts). */
export const IMAGE_ID = 'ami-0f00000000000aa01';

/** A fake EC2 that knows `ACCESS_KEY`, with quick transitions. */
export function startFake(settings: Parameters<typeof FakeEc2.start>[0]['settings'] = {}): Promise<FakeEc2> {
  return FakeEc2.start({ keys: [ACCESS_KEY], settings: { transitionMs: 15, ...settings } });
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
