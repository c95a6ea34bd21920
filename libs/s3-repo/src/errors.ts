import { PitrixError } from '@pitrix/errors';
import { describeLocation, type S3RepoLocation } from './location.js';

/** What was being done when S3 failed, for the message. */
export interface S3Action {
  readonly location: S3RepoLocation;
  /** For example "list", "read packages/a.tgz". */
  readonly action: string;
  /** Set when a missing object means a missing file (reads), not a missing bucket. */
  readonly path?: string;
}

const CREDENTIAL_CODES = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken', 'TokenRefreshRequired', 'AllAccessDisabled']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

/**
 * Turns an AWS SDK failure into a Pitrix error with a stable code. Only the S3 error code and
 * HTTP status go into the message, never the server's text or the request: nothing of the
 * credentials can leak, and the secret is masked again in case an endpoint echoed it.
 */
export function toRepoError(err: unknown, context: S3Action): PitrixError {
  const { name, status, networkCode } = inspect(err);
  const where = describeLocation(context.location);
  const said = [name, status ? `HTTP ${status}` : undefined].filter(Boolean).join(', ');
  const details = { s3Code: name, httpStatus: status };
  const fail = (code: ConstructorParameters<typeof PitrixError>[0], message: string) =>
    new PitrixError(code, scrub(message, context.location), [], { details: scrubDetails(details, context.location) });
  if (networkCode || TIMEOUT_NAMES.has(name) || (status !== undefined && status >= 500)) {
    return fail('REPO.UNREACHABLE', `cannot ${context.action} ${where}: the S3 endpoint cannot be reached (${networkCode ?? said})`);
  }
  if (CREDENTIAL_CODES.has(name) || status === 401 || status === 403) {
    return fail('REPO.CREDENTIALS_REJECTED', `cannot ${context.action} ${where}: the S3 endpoint rejected the repository's credentials (${said})`);
  }
  if (name === 'NoSuchBucket') return fail('REPO.NOT_FOUND', `cannot ${context.action} ${where}: the bucket ${context.location.bucket} does not exist`);
  if (context.path !== undefined && (name === 'NoSuchKey' || name === 'NotFound' || status === 404)) {
    return fail('REPO.FILE_NOT_FOUND', `cannot ${context.action} ${where}: no file ${context.path} in the repository`);
  }
  return fail('SYSTEM.DEPENDENCY_UNAVAILABLE', `cannot ${context.action} ${where}: S3 answered ${said || 'with an unexpected error'}`);
}

function inspect(err: unknown): { name: string; status?: number; networkCode?: string } {
  const e = err as { name?: string; Code?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } } | undefined;
  const name = e?.Code ?? e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  const code = e?.code ?? e?.cause?.code;
  return { name, status, networkCode: code && NETWORK_CODES.has(code) ? code : undefined };
}

function scrub(text: string, location: S3RepoLocation): string {
  const secret = location.credentials?.secretAccessKey;
  return secret ? text.split(secret).join('***') : text;
}

function scrubDetails(details: Record<string, unknown>, location: S3RepoLocation): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, typeof value === 'string' ? scrub(value, location) : value]));
}
