import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type Adapter, type AdapterPayload, type Configuration, type JWK } from 'oidc-provider';

/*
 * A real OpenID provider (the `oidc-provider` package) for tests, in-process on 127.0.0.1, and a
 * scripted browser that signs in through it.
 *
 *   const idp = await startTestOidcProvider({ clientId: 'pitrix', clientSecret: 's3cret',
 *     redirectUris: ['http://127.0.0.1:4000/auth/sso/callback'],
 *     accounts: { alice: { email: 'alice@example.test', groups: ['devs'] } } });
 *   // … OidcLogin.discover({ issuer: idp.issuer, allowHttp: true, … }) …
 *   const callback = await signInThroughProvider(authorizationUrl, 'alice');
 *   // callback = the client's redirect URI with ?code=…&state=…&iss=…, not requested
 *   await idp.close();
 */

/** One person at the test provider, keyed by login in `accounts`. */
export interface TestOidcAccount {
  /** The `sub` claim (default: the login itself). */
  readonly sub?: string;
  /** The `name` claim (scope `profile`). */
  readonly name?: string;
  /** The `email` claim (scope `email`), sent with `email_verified: true`. */
  readonly email?: string;
  /** The `groups` claim (scope `groups`); absent when undefined. */
  readonly groups?: readonly string[];
}

/** Options of `startTestOidcProvider`. */
export interface TestOidcProviderOptions {
  /** Port to listen on (default: a free one); a test passes one it reserved when the client needs the issuer first. */
  readonly port?: number;
  /** The one registered client (authorization code only, PKCE S256 required). */
  readonly clientId: string;
  /** Its secret, used with client_secret_basic; an empty string registers a public client (auth method none). */
  readonly clientSecret: string;
  /** Its redirect URIs, matched exactly (http and loopback addresses are accepted; any port must be given). */
  readonly redirectUris: readonly string[];
  readonly accounts: Readonly<Record<string, TestOidcAccount>>;
  /**
   * true puts the profile, email and groups claims only in the userinfo response, as several real
   * providers do; default false: they are in the ID token too.
   */
  readonly conformIdTokenClaims?: boolean;
}

/** A running test provider. */
export interface TestOidcProvider {
  /** Issuer identifier, `http://127.0.0.1:<port>` (no trailing slash); its discovery document is under it. */
  readonly issuer: string;
  /** Stops the server and drops its connections. */
  close(): Promise<void>;
}

interface StoredEntry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** A Map-backed adapter private to one provider (the package's own one warns on every start). */
function memoryAdapter(): (name: string) => Adapter {
  const store = new Map<string, StoredEntry>();
  const live = (key: string): AdapterPayload | undefined => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  const findBy = (name: string, match: (payload: AdapterPayload) => boolean): AdapterPayload | undefined => {
    for (const key of store.keys()) {
      if (!key.startsWith(`${name}:`)) continue;
      const payload = live(key);
      if (payload && match(payload)) return { ...payload };
    }
    return undefined;
  };
  return (name) => ({
    upsert: async (id, payload, expiresIn) => {
      store.set(`${name}:${id}`, { payload: { ...payload }, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
    },
    find: async (id) => {
      const payload = live(`${name}:${id}`);
      return payload ? { ...payload } : undefined;
    },
    findByUid: async (uid) => findBy(name, (payload) => payload.uid === uid),
    findByUserCode: async (userCode) => findBy(name, (payload) => payload.userCode === userCode),
    consume: async (id) => {
      const payload = live(`${name}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    destroy: async (id) => {
      store.delete(`${name}:${id}`);
    },
    revokeByGrantId: async (grantId) => {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    },
  });
}

function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function loginPage(uid: string, clientId: string, error?: string): string {
  return page(
    'Sign in',
    `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}<p>to ${escapeHtml(clientId)}</p>` +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/login" autocomplete="off">` +
      `<label>Login <input type="text" name="login" required autofocus></label>` +
      `<label>Password <input type="password" name="password"></label>` +
      `<button type="submit">Sign in</button></form>` +
      `<a href="/interaction/${escapeHtml(uid)}/abort">Cancel</a>`,
  );
}

function consentPage(uid: string, clientId: string, scopes: readonly string[]): string {
  return page(
    'Authorize',
    `<p>${escapeHtml(clientId)} asks for: ${scopes.map(escapeHtml).join(', ') || 'nothing new'}</p>` +
      `<form method="post" action="/interaction/${escapeHtml(uid)}/confirm"><button type="submit" name="decision" value="allow">Allow</button></form>` +
      `<a href="/interaction/${escapeHtml(uid)}/abort">Deny</a>`,
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/**
 * Starts a real OpenID provider on 127.0.0.1 and a free port with one client and the given
 * accounts. Scopes: openid, profile (name, preferred_username = the login), email (email,
 * email_verified) and groups (groups). PKCE (S256) is required. The login page takes a login
 * only (any password), then a consent page asks to allow the requested scopes.
 */
export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const bySub = new Map<string, { login: string; account: TestOidcAccount }>();
  const subByLogin = new Map<string, string>();
  for (const [login, account] of Object.entries(options.accounts)) {
    const sub = account.sub ?? login;
    if (bySub.has(sub)) throw new Error(`test OIDC provider: two accounts have the sub ${sub}`);
    bySub.set(sub, { login, account });
    subByLogin.set(login, sub);
  }

  // Listening first gives the port the issuer needs; requests are routed once the provider exists.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' } as JWK;
  const publicClient = options.clientSecret === '';

  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: options.clientId,
        ...(publicClient ? { token_endpoint_auth_method: 'none' } : { client_secret: options.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }),
        redirect_uris: [...options.redirectUris],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    scopes: ['openid', 'profile', 'email', 'groups'],
    conformIdTokenClaims: options.conformIdTokenClaims ?? false,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    jwks: { keys: [signingKey] },
    pkce: { required: () => true },
    responseTypes: ['code'],
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    findAccount: (_ctx, sub): Account | undefined => {
      const found = bySub.get(sub);
      if (!found) return undefined;
      const { login, account } = found;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          preferred_username: login,
          ...(account.name !== undefined ? { name: account.name } : {}),
          ...(account.email !== undefined ? { email: account.email, email_verified: true } : {}),
          ...(account.groups !== undefined ? { groups: [...account.groups] } : {}),
        }),
      };
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Sign-in error', Object.entries(out).map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</p>`).join(''));
    },
  };
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } catch (err) {
    server.close();
    throw err;
  }
  const handleProvider = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/interaction/')) {
      interaction(provider, path, req, res).catch((err: unknown) => {
        if (!res.headersSent) sendHtml(res, 500, page('Interaction failed', `<p>${escapeHtml(err instanceof Error ? err.message : err)}</p>`));
        else res.destroy();
      });
    } else {
      void handleProvider(req, res);
    }
  });

  async function interaction(idp: Provider, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [, , uid, action] = path.split('/');
    const details = await idp.interactionDetails(req, res);
    if (details.uid !== uid) {
      sendHtml(res, 400, page('Sign-in error', '<p>This sign-in page is stale; start again.</p>'));
      return;
    }
    const clientId = String(details.params['client_id']);
    if (action === 'abort') {
      await idp.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'GET' && action === undefined) {
      if (details.prompt.name === 'login') sendHtml(res, 200, loginPage(details.uid, clientId));
      else if (details.prompt.name === 'consent') {
        const missing = details.prompt.details['missingOIDCScope'];
        sendHtml(res, 200, consentPage(details.uid, clientId, Array.isArray(missing) ? missing.map(String) : []));
      } else sendHtml(res, 501, page('Sign-in error', `<p>unsupported prompt ${escapeHtml(details.prompt.name)}</p>`));
      return;
    }
    if (req.method === 'POST' && action === 'login' && details.prompt.name === 'login') {
      const login = (await readForm(req)).get('login') ?? '';
      const sub = subByLogin.get(login);
      if (sub === undefined) {
        sendHtml(res, 200, loginPage(details.uid, clientId, `Unknown login "${login}"`));
        return;
      }
      await idp.interactionFinished(req, res, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
      return;
    }
    if (req.method === 'POST' && action === 'confirm' && details.prompt.name === 'consent') {
      await readForm(req);
      const accountId = details.session?.accountId;
      if (!accountId) throw new Error('consent without a signed-in account');
      const grant = details.grantId ? await idp.Grant.find(details.grantId) : new idp.Grant({ accountId, clientId });
      if (!grant) throw new Error('the grant of this interaction is gone');
      const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
      if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      await idp.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    sendHtml(res, 400, page('Sign-in error', `<p>unexpected ${escapeHtml(req.method)} for prompt ${escapeHtml(details.prompt.name)}</p>`));
  }

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expiresAt: number | undefined;
}

/** Host-only cookies with path matching and expiry: enough for one provider on one origin. */
class CookieJar {
  private readonly cookies: StoredCookie[] = [];

  store(url: URL, setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const cookie: StoredCookie = {
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        host: url.host,
        path: url.pathname.slice(0, Math.max(1, url.pathname.lastIndexOf('/'))),
        expiresAt: undefined,
      };
      let maxAge: number | undefined;
      for (const attribute of attributes) {
        const [rawKey = '', ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const value = rest.join('=').trim();
        if (key === 'path' && value.startsWith('/')) cookie.path = value;
        else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
        else if (key === 'expires' && !Number.isNaN(Date.parse(value))) cookie.expiresAt = Date.parse(value);
      }
      if (maxAge !== undefined) cookie.expiresAt = Date.now() + maxAge * 1000;
      const existing = this.cookies.findIndex((c) => c.name === cookie.name && c.host === cookie.host && c.path === cookie.path);
      if (existing >= 0) this.cookies.splice(existing, 1);
      if (cookie.expiresAt === undefined || cookie.expiresAt > Date.now()) this.cookies.push(cookie);
    }
  }

  header(url: URL): string | undefined {
    const now = Date.now();
    const matching = this.cookies.filter(
      (c) =>
        c.host === url.host &&
        (c.expiresAt === undefined || c.expiresAt > now) &&
        (url.pathname === c.path || (url.pathname.startsWith(c.path) && (c.path.endsWith('/') || url.pathname[c.path.length] === '/'))),
    );
    // Longer paths first, as browsers send them.
    matching.sort((a, b) => b.path.length - a.path.length);
    return matching.length > 0 ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? '';
  });
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

interface ParsedForm {
  action: URL;
  method: 'GET' | 'POST';
  fields: URLSearchParams;
}

/** The first form of a page: its action, method, and the values it would submit (first submit button pressed). */
function firstForm(html: string, pageUrl: URL): ParsedForm | undefined {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const formAttributes = attributesOf(form[1] ?? '');
  const fields = new URLSearchParams();
  let pressed = false;
  for (const control of (form[2] ?? '').matchAll(/<(input|button)\b([^>]*)>/gi)) {
    const attributes = attributesOf(control[2] ?? '');
    const name = attributes.get('name');
    const type = (attributes.get('type') ?? (control[1]!.toLowerCase() === 'button' ? 'submit' : 'text')).toLowerCase();
    if (type === 'submit' || type === 'image') {
      if (!pressed && name) fields.append(name, attributes.get('value') ?? '');
      pressed = true;
      continue;
    }
    if (!name || attributes.has('disabled') || type === 'button' || type === 'reset' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !attributes.has('checked')) continue;
    fields.append(name, attributes.get('value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  const method = (formAttributes.get('method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
  return { action: new URL(formAttributes.get('action') || pageUrl.href, pageUrl), method, fields };
}

function pageText(html: string): string {
  return decodeEntities(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

/**
 * Plays a browser signing `login` in at the provider that `authorizationUrl` points to: follows
 * redirects by hand with a cookie jar, fills the login form (its `login` field, and `password`
 * with the login when there is one), submits every further form (the consent page) as shown, and
 * returns the URL the provider finally sends the browser to at the client's redirect URI (the
 * `redirect_uri` of the authorization URL): the callback URL with `code`, `state` and `iss` (or
 * `error`), which is NOT requested. A form posting to the redirect URI (response_mode=form_post)
 * is returned the same way with its fields as the query.
 *
 * Throws when the provider answers an error page, rejects the login, or takes more than
 * `maxSteps` (default 20) requests.
 */
export async function signInThroughProvider(authorizationUrl: string, login: string, options: { maxSteps?: number } = {}): Promise<URL> {
  const start = new URL(authorizationUrl);
  const redirectUri = start.searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error(`signInThroughProvider: the authorization URL has no redirect_uri: ${authorizationUrl}`);
  const target = new URL(redirectUri);
  const atClient = (url: URL) => url.origin === target.origin && url.pathname === target.pathname;
  const jar = new CookieJar();
  let next: { url: URL; method: 'GET' | 'POST'; body?: URLSearchParams } = { url: start, method: 'GET' };
  let loginSubmitted = false;
  const maxSteps = options.maxSteps ?? 20;

  for (let step = 0; step < maxSteps; step += 1) {
    if (atClient(next.url)) {
      if (next.body) for (const [key, value] of next.body) next.url.searchParams.append(key, value);
      return next.url;
    }
    const headers: Record<string, string> = { accept: 'text/html' };
    const cookie = jar.header(next.url);
    if (cookie) headers['cookie'] = cookie;
    if (next.body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(next.url, { method: next.method, headers, redirect: 'manual', ...(next.body ? { body: next.body.toString() } : {}) });
    jar.store(next.url, response.headers.getSetCookie());

    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new Error(`signInThroughProvider: ${response.status} without Location from ${next.url.href}`);
      next = { url: new URL(location, next.url), method: 'GET' };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`signInThroughProvider: ${next.method} ${next.url.href} answered ${response.status}: ${pageText(html)}`);
    const form = firstForm(html, next.url);
    if (!form) throw new Error(`signInThroughProvider: no form to submit at ${next.url.href}: ${pageText(html)}`);
    if (form.fields.has('login')) {
      if (loginSubmitted) throw new Error(`signInThroughProvider: the provider did not accept the login "${login}": ${pageText(html)}`);
      form.fields.set('login', login);
      if (form.fields.has('password')) form.fields.set('password', login);
      loginSubmitted = true;
    }
    if (form.method === 'GET') {
      const url = new URL(form.action);
      url.search = form.fields.toString();
      next = { url, method: 'GET' };
    } else {
      next = { url: form.action, method: 'POST', body: form.fields };
    }
  }
  throw new Error(`signInThroughProvider: no redirect to ${target.href} after ${maxSteps} requests`);
}
