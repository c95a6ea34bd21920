import { hasErrorCode, PitrixError, type ErrorCode } from '@pitrix/errors';

/**
 * The one place EC2 error codes (EC2 API reference, "Error codes") become Pitrix errors. Codes
 * that a retry cannot fix map to a `PitrixError`; throttling (`RequestLimitExceeded`), server
 * errors (5xx) and transport failures stay plain errors, which Temporal retries. Unknown codes
 * stay plain too, with the code in the message, so nothing is declared permanent by accident.
 */
export const EC2_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  AuthFailure: 'RUNTIME.CREDENTIAL_INVALID',
  UnauthorizedOperation: 'RUNTIME.CREDENTIAL_INVALID',
  InvalidClientTokenId: 'RUNTIME.CREDENTIAL_INVALID',
  SignatureDoesNotMatch: 'RUNTIME.CREDENTIAL_INVALID',
  IncompleteSignature: 'RUNTIME.CREDENTIAL_INVALID',
  MissingAuthenticationToken: 'RUNTIME.CREDENTIAL_INVALID',
  OptInRequired: 'RUNTIME.CREDENTIAL_INVALID',
  Blocked: 'RUNTIME.CREDENTIAL_INVALID',
  'InvalidInstanceID.NotFound': 'RUNTIME.INSTANCE_NOT_FOUND',
  'InvalidInstanceID.Malformed': 'RUNTIME.INSTANCE_NOT_FOUND',
  'InvalidVolume.NotFound': 'RUNTIME.VOLUME_NOT_FOUND',
  'InvalidVolumeID.Malformed': 'RUNTIME.VOLUME_NOT_FOUND',
  'InvalidSubnetID.NotFound': 'RUNTIME.NETWORK_NOT_FOUND',
  InstanceLimitExceeded: 'RUNTIME.QUOTA_EXCEEDED',
  VcpuLimitExceeded: 'RUNTIME.QUOTA_EXCEEDED',
  InsufficientInstanceCapacity: 'RUNTIME.QUOTA_EXCEEDED',
  VolumeLimitExceeded: 'RUNTIME.QUOTA_EXCEEDED',
  InsufficientFreeAddressesInSubnet: 'RUNTIME.QUOTA_EXCEEDED',
  NetworkInterfaceLimitExceeded: 'RUNTIME.QUOTA_EXCEEDED',
  VolumeModificationRateExceeded: 'RUNTIME.QUOTA_EXCEEDED',
  IncorrectInstanceState: 'RUNTIME.INVALID_STATE',
  IncorrectState: 'RUNTIME.INVALID_STATE',
  VolumeInUse: 'RUNTIME.INVALID_STATE',
  IncorrectModificationState: 'RUNTIME.INVALID_STATE',
  'InvalidNetworkInterface.InUse': 'RUNTIME.INVALID_STATE',
  'InvalidVolume.ZoneMismatch': 'RUNTIME.INVALID_STATE',
  'InvalidAMIID.NotFound': 'RUNTIME.OPTIONS_INVALID',
  'InvalidAMIID.Malformed': 'RUNTIME.OPTIONS_INVALID',
  'InvalidGroup.NotFound': 'RUNTIME.OPTIONS_INVALID',
  'InvalidKeyPair.NotFound': 'RUNTIME.OPTIONS_INVALID',
  IdempotentParameterMismatch: 'INPUT.INVALID',
  InvalidParameterValue: 'INPUT.INVALID',
  InvalidParameterCombination: 'INPUT.INVALID',
  InvalidInstanceAttributeValue: 'INPUT.INVALID',
  MissingParameter: 'INPUT.INVALID',
};

/** What an SDK error says about EC2: its error code and HTTP status, or nothing when no answer came back. */
export function ec2Answer(err: unknown): { code: string; status: number; message: string } | undefined {
  const e = err as { name?: unknown; message?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof e?.$fault !== 'string' || typeof e.$metadata?.httpStatusCode !== 'number' || typeof e.name !== 'string') return undefined;
  return { code: e.name, status: e.$metadata.httpStatusCode, message: typeof e.message === 'string' ? e.message : '' };
}

/** Whether EC2 refused the credential itself (unknown key, bad signature, no permission, account blocked). */
export function isAuthFailure(err: unknown): boolean {
  const answer = ec2Answer(err);
  return answer !== undefined && EC2_ERROR_CODES[answer.code] === 'RUNTIME.CREDENTIAL_INVALID';
}

/** The error to throw for a failed EC2 call of `action`: a `PitrixError` when permanent, a plain error when a retry may help. */
export function mapEc2Error(action: string, err: unknown): Error {
  const answer = ec2Answer(err);
  if (!answer) return new Error(`EC2 ${action} did not answer: ${describeTransportError(err)}`, { cause: err });
  const code = EC2_ERROR_CODES[answer.code];
  const message = `EC2 ${action} failed with ${answer.code}: ${answer.message}`;
  if (!code) return new Error(message, { cause: err });
  const problems = answer.code === 'IdempotentParameterMismatch' ? [{ path: 'clientToken', message: 'already used for a different request' }] : [];
  return new PitrixError(code, message, problems);
}

function describeTransportError(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  return [e?.code, e?.name, e?.message].filter((part) => typeof part === 'string' && part !== '').join(': ') || String(err);
}

/** Whether a mapped error is EC2's `IdempotentParameterMismatch` (a client token reused with other parameters). */
export function isClientTokenReuse(err: unknown): boolean {
  return hasErrorCode(err, 'INPUT.INVALID') && (err as PitrixError).problems.some((problem) => problem.path === 'clientToken');
}

/**
 * Whether a failed EC2 call (as `Ec2Api.call` throws it) was answered with this EC2 code. Meant for
 * codes that stay plain errors because most callers should retry them, but that one caller reads
 * differently (`InvalidNetworkInterfaceID.NotFound` is "already gone" to a delete).
 */
export function hasEc2Code(err: unknown, code: string): boolean {
  return ec2Answer(err instanceof Error ? err.cause : undefined)?.code === code;
}
