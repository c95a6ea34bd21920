import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBase, sessionCookie } from '../src/auth-api.js';
import { loginWithSso } from '../src/commands/auth/login-sso.js';
import { GraphQLClient } from '../src/graphql-client.js';

/** A stand-in for the API: just enough of /graphql and /auth for the client and the SSO flow. */
describe('the client side of authentication (against a stand-in API)', () => {
  let server: Server;
  let endpoint: string;
  const seen: IncomingHttpHeaders[] = [];
  const me = { user: { id: 'usr-ann', login: 'ann', displayName: 'Ann', email: null, status: 'active', roles: ['developer'], primaryGroupId: null, createdAt: '2025-01-01T00:00:00Z' }, roles: ['developer'], ownerPath: '/usr-ann', authenticatedBy: 'token', tokenScope: 'full' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://api.invalid');
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push(req.headers);
        res.setHeader('content-type', 'application/json');
        if (url.pathname === '/graphql') {
          if (req.headers.authorization !== 'Bearer pxt_good') {
            res.end(JSON.stringify({ errors: [{ message: 'Sign in first', extensions: { code: 'AUTH.UNAUTHENTICATED' } }] }));
          } else {
            res.end(JSON.stringify({ data: { me } }));
          }
        } else if (url.pathname === '/auth/sso/start') {
          const port = url.searchParams.get('cli_port');
          const state = url.searchParams.get('cli_state') ?? '';
          res.writeHead(302, { location: `http://127.0.0.1:${port}/callback?code=one-time&state=${encodeURIComponent(state)}` }).end();
        } else if (url.pathname === '/auth/cli/exchange') {
          const { code } = JSON.parse(body) as { code: string };
          if (code === 'one-time') res.end(JSON.stringify({ token: 'pxt_good', tokenId: 'tok-sso' }));
          else res.writeHead(401).end(JSON.stringify({ error: { code: 'AUTH.UNAUTHENTICATED', message: 'unknown code' } }));
        } else {
          res.writeHead(404).end('{}');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the token as a bearer credential, and nothing without one', async () => {
    seen.length = 0;
    await new GraphQLClient(endpoint, { token: 'pxt_good' }).request('query { me { roles } }');
    await new GraphQLClient(endpoint).request('query { me { roles } }').catch(() => undefined);
    expect(seen.map((h) => h.authorization)).toEqual(['Bearer pxt_good', undefined]);
  });

  it('adds what to do to an AUTH.UNAUTHENTICATED error, keeping its code', async () => {
    await expect(new GraphQLClient(endpoint, { token: 'pxt_revoked' }).request('query { me { roles } }')).rejects.toMatchObject({
      code: 'AUTH.UNAUTHENTICATED',
      message: 'Sign in first (run `pitrix login` to sign in)',
    });
  });

  it('signs in through SSO: the browser is sent back to the loopback listener, the code is exchanged for a token', async () => {
    const said: string[] = [];
    const pending = loginWithSso(endpoint, { browser: false }, {}, (line) => said.push(line));
    await expect.poll(() => said.length).toBeGreaterThan(0);
    const url = /https?:\/\/\S+/.exec(said[0]!)![0];
    expect(url).toMatch(new RegExp(`^${apiBase(endpoint)}/auth/sso/start\\?cli_port=\\d+&cli_state=[\\w-]{32}$`));
    // The "browser": follows the API's redirect to the CLI's loopback address.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('you can close this window');
    const outcome = await pending;
    expect(outcome.credential).toMatchObject({ token: 'pxt_good', tokenId: 'tok-sso', login: 'ann' });
    expect(outcome.roles).toEqual(['developer']);
  });

  it('finds the session cookie among the Set-Cookie headers and derives the base URL', () => {
    const headers = new Headers();
    headers.append('set-cookie', 'other=1; Path=/');
    headers.append('set-cookie', 'pitrix_session=abc%20def; HttpOnly; SameSite=Lax; Path=/');
    expect(sessionCookie(headers)).toBe('pitrix_session=abc%20def');
    expect(sessionCookie(new Headers())).toBeUndefined();
    expect(apiBase('https://pitrix.example.com/api/graphql')).toBe('https://pitrix.example.com/api');
    expect(apiBase('http://127.0.0.1:4000/graphql/')).toBe('http://127.0.0.1:4000');
  });
});
