import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { hasErrorCode, isPitrixError, type ErrorCode } from '@pitrix/errors';
import type { ProviderSession } from '@pitrix/provider-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EC2_ERROR_CODES, mapEc2Error } from '../src/index.js';
import type { FakeEc2 } from './fake-ec2/index.js';
import { failure, openSession, runRequest, startFake } from './support.js';

/** An SDK error as the EC2 client throws it for an error answer. */
function ec2Error(code: string, status: number): EC2ServiceException {
  return new EC2ServiceException({ name: code, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${code} happened` });
}

describe('EC2 error mapping', () => {
  it.each<[string, number, ErrorCode]>([
    ['AuthFailure', 401, 'RUNTIME.CREDENTIAL_INVALID'],
    ['UnauthorizedOperation', 403, 'RUNTIME.CREDENTIAL_INVALID'],
    ['InvalidClientTokenId', 403, 'RUNTIME.CREDENTIAL_INVALID'],
    ['SignatureDoesNotMatch', 403, 'RUNTIME.CREDENTIAL_INVALID'],
    ['InvalidInstanceID.NotFound', 400, 'RUNTIME.INSTANCE_NOT_FOUND'],
    ['InvalidInstanceID.Malformed', 400, 'RUNTIME.INSTANCE_NOT_FOUND'],
    ['InvalidVolume.NotFound', 400, 'RUNTIME.VOLUME_NOT_FOUND'],
    ['InvalidVolumeID.Malformed', 400, 'RUNTIME.VOLUME_NOT_FOUND'],
    ['InvalidSubnetID.NotFound', 400, 'RUNTIME.NETWORK_NOT_FOUND'],
    ['InstanceLimitExceeded', 400, 'RUNTIME.QUOTA_EXCEEDED'],
    ['VcpuLimitExceeded', 400, 'RUNTIME.QUOTA_EXCEEDED'],
    ['InsufficientInstanceCapacity', 500, 'RUNTIME.QUOTA_EXCEEDED'],
    ['VolumeLimitExceeded', 400, 'RUNTIME.QUOTA_EXCEEDED'],
    ['InsufficientFreeAddressesInSubnet', 400, 'RUNTIME.QUOTA_EXCEEDED'],
    ['VolumeModificationRateExceeded', 400, 'RUNTIME.QUOTA_EXCEEDED'],
    ['IncorrectInstanceState', 400, 'RUNTIME.INVALID_STATE'],
    ['IncorrectState', 400, 'RUNTIME.INVALID_STATE'],
    ['VolumeInUse', 400, 'RUNTIME.INVALID_STATE'],
    ['IncorrectModificationState', 400, 'RUNTIME.INVALID_STATE'],
    ['InvalidNetworkInterface.InUse', 400, 'RUNTIME.INVALID_STATE'],
    ['InvalidAMIID.NotFound', 400, 'RUNTIME.OPTIONS_INVALID'],
    ['InvalidGroup.NotFound', 400, 'RUNTIME.OPTIONS_INVALID'],
    ['InvalidKeyPair.NotFound', 400, 'RUNTIME.OPTIONS_INVALID'],
    ['IdempotentParameterMismatch', 400, 'INPUT.INVALID'],
    ['InvalidParameterValue', 400, 'INPUT.INVALID'],
  ])('%s → %s', (code, status, expected) => {
    const mapped = mapEc2Error('RunInstances', ec2Error(code, status));
    expect(hasErrorCode(mapped, expected)).toBe(true);
    expect(mapped.message).toContain(code);
    expect(EC2_ERROR_CODES[code]).toBe(expected);
  });

  it.each([
    ['throttling', 'RequestLimitExceeded', 503],
    ['an internal error', 'InternalError', 500],
    ['an outage', 'Unavailable', 503],
    ['a code nobody expected', 'SomethingNew', 400],
  ])('%s stays a plain (retryable) error naming the code', (_case, code, status) => {
    const mapped = mapEc2Error('DescribeInstances', ec2Error(code, status));
    expect(isPitrixError(mapped)).toBe(false);
    expect(mapped.message).toContain(code);
  });

  it('no answer at all (connection refused) stays a plain error', () => {
    const mapped = mapEc2Error('DescribeInstances', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    expect(isPitrixError(mapped)).toBe(false);
    expect(mapped.message).toContain('ECONNREFUSED');
  });
});

describe('EC2 errors through the fake', () => {
  let fake: FakeEc2;
  let session: ProviderSession;
  let networkId: string;
  beforeAll(async () => {
    fake = await startFake({ maxVcpus: 4 });
    session = await openSession(fake);
    networkId = (await session.placeCluster({})).networkId;
  });
  afterAll(async () => {
    await session.close();
    await fake.stop();
  });

  it('InsufficientInstanceCapacity is RUNTIME.QUOTA_EXCEEDED with EC2 message, and nothing is left behind', async () => {
    fake.failNext('RunInstances', { code: 'InsufficientInstanceCapacity', message: 'no t3.nano capacity left in us-east-1a', status: 500 });
    const request = runRequest(networkId);
    const error = await failure(() => session.runInstance(request));
    expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
    expect((error as Error).message).toContain('no t3.nano capacity left');
    expect((await session.describeInstances({ clientTokens: [request.clientToken] })).instances).toEqual([]);
  });

  it('throttling is a plain error, and the retry with the same token creates the instance once', async () => {
    fake.failNext('RunInstances', { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', status: 503 });
    const request = runRequest(networkId);
    const error = await failure(() => session.runInstance(request));
    expect(isPitrixError(error)).toBe(false);
    const retried = await session.runInstance(request);
    expect(retried.created).toBe(true);
    expect((await session.runInstance(request)).created).toBe(false);
    await session.terminateInstance(retried.instance.id);
  });

  it("EC2's own vCPU limit (VcpuLimitExceeded) is RUNTIME.QUOTA_EXCEEDED", async () => {
    const first = await session.runInstance(runRequest(networkId, { cpu: 2 }));
    const second = await session.runInstance(runRequest(networkId, { cpu: 2 }));
    const error = await failure(() => session.runInstance(runRequest(networkId, { cpu: 2 })));
    expect(hasErrorCode(error, 'RUNTIME.QUOTA_EXCEEDED')).toBe(true);
    expect((error as Error).message).toContain('VcpuLimitExceeded');
    await Promise.all([first, second].map(({ instance }) => session.terminateInstance(instance.id)));
  });

  it.each<[string, (s: ProviderSession) => Promise<unknown>, ErrorCode]>([
    ['starting a malformed id', (s) => s.startInstance('i-nope'), 'RUNTIME.INSTANCE_NOT_FOUND'],
    ['stopping an unknown id', (s) => s.stopInstance('i-0123456789abcdef0'), 'RUNTIME.INSTANCE_NOT_FOUND'],
    ['resizing an unknown id', (s) => s.resizeInstance({ instanceId: 'i-0123456789abcdef0', cpu: 1, memoryMiB: 512 }), 'RUNTIME.INSTANCE_NOT_FOUND'],
    ['attaching an unknown volume', (s) => s.attachVolume({ volumeId: 'vol-0123456789abcdef0', instanceId: 'i-0123456789abcdef0', mountPoint: '/data' }), 'RUNTIME.VOLUME_NOT_FOUND'],
    ['resizing a malformed volume id', (s) => s.resizeVolume('vol-x', 2), 'RUNTIME.VOLUME_NOT_FOUND'],
  ])('%s is %s', async (_case, act, code) => {
    expect(hasErrorCode(await failure(() => act(session)), code)).toBe(true);
  });
});
