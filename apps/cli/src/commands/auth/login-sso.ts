import { randomBytes } from 'node:crypto';
import { apiBase, exchangeCliCode } from '../../auth-api.js';
import { openBrowser } from '../../browser.js';
import { GraphQLClient } from '../../graphql-client.js';
import { startLoopbackReceiver } from '../../sso-receiver.js';
import type { LoginOutcome } from './login-password.js';
import { fetchMe } from './me-query.js';

/** How long the CLI waits for the browser to come back. */
const SSO_TIMEOUT_MS = 5 * 60_000;

/**
 * Single sign-on: a loopback listener waits for the browser, which signs in at the identity
 * provider and comes back with a one-time code; the code is exchanged for a token.
 */
export async function loginWithSso(endpoint: string, opts: { browser: boolean; timeoutMs?: number }, env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<LoginOutcome> {
  const state = randomBytes(24).toString('base64url');
  const receiver = await startLoopbackReceiver(state, opts.timeoutMs ?? SSO_TIMEOUT_MS);
  try {
    const base = apiBase(endpoint);
    const url = `${base}/auth/sso/start?cli_port=${receiver.port}&cli_state=${encodeURIComponent(state)}`;
    if (opts.browser && openBrowser(url, env)) say(`Opening your browser to sign in; if it does not open, visit:\n  ${url}`);
    else say(`Visit this address in a browser to sign in:\n  ${url}`);
    say(`Waiting for the sign-in (${Math.round((opts.timeoutMs ?? SSO_TIMEOUT_MS) / 60_000)} minutes at most)...`);
    const code = await receiver.code;
    const { token, tokenId } = await exchangeCliCode(base, code);
    const me = await fetchMe(new GraphQLClient(endpoint, { token }));
    return { credential: { token, tokenId, login: me.user.login, savedAt: new Date().toISOString() }, userId: me.user.id, roles: me.roles };
  } finally {
    await receiver.close();
  }
}
