import { hostname } from 'node:os';
import { apiBase, endSession, passwordLogin } from '../../auth-api.js';
import type { StoredCredential } from '@pitrix/cli-credentials';
import { GraphQLClient } from '../../graphql-client.js';
import { PitrixError } from '@pitrix/errors';
import { promptLine, readSecret, stdinIsTty } from '../../prompt.js';

/** How long a token minted by a password login lives. */
const TOKEN_DAYS = 90;

const CREATE_TOKEN = 'mutation($input: CreateTokenInput!) { createToken(input: $input) { token accessToken { id name scope expiresAt createdAt } } }';

/** The outcome of a login: what to store and who signed in. */
export interface LoginOutcome {
  readonly credential: StoredCredential;
  readonly userId: string;
  readonly roles: string[];
}

/**
 * Password login: signs in for a session, mints a full-scope token `cli@<host>` with it (90 days),
 * then ends the session, so only the token is kept.
 */
export async function loginWithPassword(endpoint: string, opts: { user?: string; passwordStdin?: boolean }): Promise<LoginOutcome> {
  const interactive = stdinIsTty() && !opts.passwordStdin;
  if (!opts.user && !interactive) throw new PitrixError('INPUT.INVALID', 'give --user <login> when the password comes from stdin', [{ path: '--user', message: 'required' }]);
  const login = opts.user ?? (await promptLine('Login: ')).trim();
  if (login === '') throw new PitrixError('INPUT.INVALID', 'no login name given');
  const password = await readSecret('password', { fromStdin: opts.passwordStdin });
  const base = apiBase(endpoint);
  const { user, cookie } = await passwordLogin(base, login, password);
  try {
    const session = new GraphQLClient(endpoint, { cookie });
    const { createToken } = await session.request<{ createToken: { token: string; accessToken: { id: string } } }>(CREATE_TOKEN, {
      input: { name: `cli@${hostname()}`, scope: 'full', expiresInDays: TOKEN_DAYS },
    });
    return {
      credential: { token: createToken.token, tokenId: createToken.accessToken.id, login: user.login, savedAt: new Date().toISOString() },
      userId: user.id,
      roles: user.roles,
    };
  } finally {
    await endSession(base, cookie).catch(() => undefined);
  }
}
