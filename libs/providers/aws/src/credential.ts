import { PitrixError } from '@pitrix/errors';
import type { CredentialContent } from '@pitrix/provider-contract';

/** An AWS access key and where to send EC2 calls. */
export interface AwsCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** A custom EC2 endpoint; the regional AWS endpoint when absent. */
  readonly endpoint?: string;
}

const KNOWN_SECRET_FIELDS = ['accessKeyId', 'secretAccessKey', 'sessionToken'];

/**
 * Reads an aws credential: `secret.accessKeyId` and `secret.secretAccessKey` (and, for temporary
 * keys, `secret.sessionToken`), plus an optional http(s) `endpoint`. Returns the problems instead
 * when it is malformed; the problems name fields, never their values.
 */
export function readCredential(content: CredentialContent | undefined): { credential?: AwsCredential; problems: string[] } {
  if (!content) return { problems: ['no credential given'] };
  const { accessKeyId, secretAccessKey, sessionToken } = content.secret;
  const problems: string[] = [];
  if (typeof accessKeyId !== 'string' || !/^[A-Z0-9]{16,128}$/.test(accessKeyId)) problems.push('secret.accessKeyId must be an AWS access key id');
  if (typeof secretAccessKey !== 'string' || secretAccessKey.length === 0) problems.push('secret.secretAccessKey is required');
  if (sessionToken !== undefined && (typeof sessionToken !== 'string' || sessionToken.length === 0)) problems.push('secret.sessionToken must be a non-empty string');
  for (const key of Object.keys(content.secret)) if (!KNOWN_SECRET_FIELDS.includes(key)) problems.push(`secret.${key} is not an aws credential field`);
  if (content.endpoint !== undefined && !isHttpUrl(content.endpoint)) problems.push('endpoint must be an http(s) URL');
  if (problems.length > 0) return { problems };
  return { credential: { accessKeyId: accessKeyId as string, secretAccessKey: secretAccessKey as string, sessionToken, endpoint: content.endpoint }, problems };
}

/** The credential of a session: a missing one is `RUNTIME.CREDENTIAL_REQUIRED`, a malformed one `RUNTIME.CREDENTIAL_INVALID`. */
export function requireCredential(content: CredentialContent | undefined): AwsCredential {
  if (!content) throw new PitrixError('RUNTIME.CREDENTIAL_REQUIRED', 'An aws runtime needs a credential');
  const { credential, problems } = readCredential(content);
  if (!credential) {
    throw new PitrixError('RUNTIME.CREDENTIAL_INVALID', `Malformed aws credential: ${problems.join('; ')}`, problems.map((message) => ({ path: 'credential', message })));
  }
  return credential;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
