import { PitrixError } from '@pitrix/errors';
import { GraphQLClient } from '../../graphql-client.js';
import { readStdin } from '../../prompt.js';
import { fetchMe } from './me-query.js';
import type { LoginOutcome } from './login-password.js';

/** Token login: the token (`-`: from stdin) is checked with `me`, then kept as given (never revoked by logout). */
export async function loginWithToken(endpoint: string, given: string): Promise<LoginOutcome> {
  const token = (given === '-' ? await readStdin() : given).trim();
  if (token === '') throw new PitrixError('INPUT.INVALID', 'no token given', [{ path: '--token', message: 'expected a token (pxt_…) or - for stdin' }]);
  if (!token.startsWith('pxt_')) throw new PitrixError('INPUT.INVALID', 'that is not a Pitrix access token', [{ path: '--token', message: 'expected pxt_…' }]);
  const me = await fetchMe(new GraphQLClient(endpoint, { token, unauthenticatedHint: 'the token is unknown, revoked or expired' }));
  return { credential: { token, tokenId: null, login: me.user.login, savedAt: new Date().toISOString() }, userId: me.user.id, roles: me.roles };
}
