import { hasErrorCode, type ErrorCode } from '@pitrix/errors';
import type { CredentialContent } from '@pitrix/provider-contract';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsProvider } from '../src/index.js';
import type { FakeEc2 } from './fake-ec2/index.js';
import { ACCESS_KEY, credentialFor, failure, IMAGE_ID, startFake, testProvider } from './support.js';

/** A local port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('aws credentials', () => {
  let fake: FakeEc2;
  const temporary = { accessKeyId: 'ASIAPITRIXTEST00002', secretAccessKey: 'temporary-secret-0123456789', sessionToken: 'session-token-abcdef' };
  // The fake also knows a temporary key, valid only with its session token.
  beforeAll(async () => (fake = await startFake({}, [ACCESS_KEY, temporary])));
  afterAll(() => fake.stop());

  it.each([
    ['a valid key', () => credentialFor(fake), { valid: true }],
    ['a valid temporary key with its session token', () => credentialFor(fake, temporary), { valid: true }],
    ['an unknown access key id', () => credentialFor(fake, { ...ACCESS_KEY, accessKeyId: 'AKIAUNKNOWN000000000' }), { valid: false, reason: 'AUTH_FAILED' }],
    ['a wrong secret', () => credentialFor(fake, { ...ACCESS_KEY, secretAccessKey: 'not-the-secret' }), { valid: false, reason: 'AUTH_FAILED' }],
    ['a temporary key without its session token', () => credentialFor(fake, { ...temporary, sessionToken: undefined }), { valid: false, reason: 'AUTH_FAILED' }],
    ['no credential', () => undefined, { valid: false, reason: 'MALFORMED' }],
    ['no secret access key', () => ({ endpoint: fake.endpoint, secret: { accessKeyId: ACCESS_KEY.accessKeyId } }), { valid: false, reason: 'MALFORMED' }],
    ['an endpoint that is not a URL', () => ({ ...credentialFor(fake), endpoint: 'ec2 at home' }), { valid: false, reason: 'MALFORMED' }],
  ])('%s', async (_case, credential, expected) => {
    expect(await testProvider().validateCredential(credential(), {})).toMatchObject(expected);
  });

  it('an endpoint that does not answer is UNREACHABLE', async () => {
    const credential = { ...credentialFor(fake), endpoint: `http://127.0.0.1:${await closedPort()}` };
    expect(await testProvider().validateCredential(credential, {})).toMatchObject({ valid: false, reason: 'UNREACHABLE' });
  });

  it('an EC2 outage (5xx after the SDK retries) is UNREACHABLE, not a bad credential', async () => {
    fake.failNext('DescribeRegions', { code: 'Unavailable', status: 503 }, 2);
    const provider = new AwsProvider({ maxAttempts: 2, log: () => undefined });
    expect(await provider.validateCredential(credentialFor(fake), {})).toMatchObject({ valid: false, reason: 'UNREACHABLE' });
  });

  it('the check is a harmless read: DescribeRegions', async () => {
    const before = fake.calls.length;
    await testProvider().validateCredential(credentialFor(fake), {});
    expect(fake.calls.slice(before).map((call) => call.action)).toEqual(['DescribeRegions']);
  });

  it('lists the zones of the region option, or of every enabled region', async () => {
    const one = await testProvider().listZones(credentialFor(fake), { region: 'eu-west-1' });
    expect(one.map((zone) => zone.id)).toEqual(['eu-west-1a', 'eu-west-1b']);
    const all = await testProvider().listZones(credentialFor(fake), {});
    expect(all.map((zone) => zone.id).sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(all.every((zone) => zone.available)).toBe(true);
  });

  it.each<[string, () => CredentialContent | undefined, ErrorCode]>([
    ['a refused key lists nothing: RUNTIME.CREDENTIAL_INVALID', () => credentialFor(fake, { ...ACCESS_KEY, secretAccessKey: 'wrong' }), 'RUNTIME.CREDENTIAL_INVALID'],
    ['no credential: RUNTIME.CREDENTIAL_REQUIRED', () => undefined, 'RUNTIME.CREDENTIAL_REQUIRED'],
  ])('%s', async (_case, credential, code) => {
    expect(hasErrorCode(await failure(() => testProvider().listZones(credential(), {})), code)).toBe(true);
  });

  it.each([
    ['a zone that is not an AWS zone name', 'mars-north', {}],
    ['a zone the region does not have', 'us-east-1z', {}],
    ['a zone outside the region option', 'us-east-1a', { region: 'eu-west-1' }],
  ])('connect: %s is RUNTIME.ZONE_NOT_FOUND', async (_case, zone, options) => {
    const error = await failure(() => testProvider().connect({ runtimeId: 'rt-credentials', credential: credentialFor(fake), zone, options: { imageId: IMAGE_ID, ...options } }));
    expect(hasErrorCode(error, 'RUNTIME.ZONE_NOT_FOUND')).toBe(true);
  });

  it('connect without a credential is RUNTIME.CREDENTIAL_REQUIRED', async () => {
    const error = await failure(() => testProvider().connect({ runtimeId: 'rt-credentials', credential: undefined, zone: 'us-east-1a', options: { imageId: IMAGE_ID } }));
    expect(hasErrorCode(error, 'RUNTIME.CREDENTIAL_REQUIRED')).toBe(true);
  });
});
