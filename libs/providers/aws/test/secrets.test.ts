import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsProvider } from '../src/index.js';
import type { FakeEc2 } from './fake-ec2/index.js';
import { ACCESS_KEY, credentialFor, droneAgent, failure, IMAGE_ID, runRequest, startFake } from './support.js';

const SESSION_TOKEN = 'session-token-that-is-a-secret-too';
const TEMPORARY = { accessKeyId: 'ASIAPITRIXTEST00009', secretAccessKey: 'another-secret-access-key-0123456789', sessionToken: SESSION_TOKEN };
const SECRETS = [ACCESS_KEY.secretAccessKey, TEMPORARY.secretAccessKey, SESSION_TOKEN, 'agent-secret-value-do-not-leak'];

describe('secrets never leave the provider', () => {
  let fake: FakeEc2;
  const printed: string[] = [];
  beforeAll(async () => {
    fake = await startFake({ maxInstances: 3, terminatedRetentionMs: 0 }, [ACCESS_KEY, TEMPORARY]);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' ')));
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await fake.stop();
  });

  it('not in what the provider prints, nor in any error, across successes and failures', async () => {
    // The default log: console, where a worker's output goes.
    const provider = new AwsProvider({ pollIntervalMs: 5, maxAttempts: 1 });
    const context = { runtimeId: 'rt-secrets', credential: credentialFor(fake, TEMPORARY), zone: 'us-east-1a', options: { imageId: IMAGE_ID } };
    const errors: unknown[] = [];
    const check = await provider.validateCredential(credentialFor(fake, { ...ACCESS_KEY, secretAccessKey: `${ACCESS_KEY.secretAccessKey}x` }), {});
    errors.push(check, await failure(() => provider.connect({ ...context, zone: 'us-east-1z' })));
    const session = await provider.connect(context);
    const { networkId } = await session.placeCluster({});
    const request = runRequest(networkId, { agent: droneAgent() });
    const { instance } = await session.runInstance(request);
    await session.resizeInstance({ instanceId: instance.id, cpu: 4, memoryMiB: 4096 });
    fake.failNext('RunInstances', { code: 'InternalError', status: 500 });
    errors.push(await failure(() => session.runInstance(runRequest(networkId))));
    errors.push(await failure(() => session.runInstance(runRequest(networkId, { agent: droneAgent({ 'NOT OK': 'agent-secret-value-do-not-leak' }) }))));
    errors.push(await failure(() => session.runInstance(runRequest(networkId, { cpu: 500 }))));
    await session.terminateInstance(instance.id);
    errors.push(await failure(() => session.runInstance({ ...request, cpu: 2 })));
    await session.close();

    expect(errors.filter((error) => error !== undefined)).toHaveLength(6);
    expect(printed.some((line) => line.includes(`RunInstances ${instance.id}`))).toBe(true);
    const seen = [...printed, ...errors.map((error) => JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})))].join('\n');
    for (const secret of SECRETS) expect(seen).not.toContain(secret);
  });
});
